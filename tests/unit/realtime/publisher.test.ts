import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionState } from '../../../server/domain/session-state.ts';
import { PARTICIPANT_PUBLISH_INTERVAL_MS, SocketPublisher } from '../../../server/realtime/publisher.ts';
import { rooms } from '../../../server/realtime/rooms.ts';
import type { RealtimeServer } from '../../../server/realtime/types.ts';
import { PUBLISH_INTERVAL_MS } from '../../../shared/limits.ts';
import type { LiveState, RatingResults } from '../../../shared/types.ts';
import { rating } from '../fixtures.ts';

interface Sent {
  at: number;
  room: string;
  event: string;
  payload: unknown;
}

/** Just enough of a Socket.IO server to see what the publisher sends, to which room and when. */
function fakeIo(): { io: RealtimeServer; sent: Sent[] } {
  const sent: Sent[] = [];
  const io = {
    to: (room: string | string[]) => ({
      emit: (event: string, payload: unknown) => {
        sent.push({ at: Date.now() - T0, room: String(room), event, payload });
        return true;
      },
    }),
  };
  return { io: io as unknown as RealtimeServer, sent };
}

const unused = () => {
  throw new Error('not used by these tests');
};

/** Q&A views that say who they were made for and how many questions there were when sent. */
let qaQuestions = 0;
const qaViews = {
  board: (_s: string, activityId: string, audience: 'facilitator' | 'participant') => ({
    activityId,
    questions: [],
    highlightedId: `${audience} ${qaQuestions}`,
  }),
  mineOf: (_s: string, activityId: string, participantId: string) => ({ activityId, questions: [], votedIds: [participantId] }),
};

let state: SessionState;
let sent: Sent[];
let publisher: SocketPublisher;

/** The fake clock's start (any time well after the epoch). */
const T0 = 1_700_000_000_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'] });
  vi.setSystemTime(T0);
  state = new SessionState({
    id: 's1',
    code: '482913',
    title: 'Sesión',
    createdAt: 0,
    locale: 'es-CL',
    status: 'open',
    currentActivityId: 'axes',
    resultsVisible: true,
    blank: false,
    presenterNotes: false,
    agenda: [{ activity: rating('axes', ['x', 'y']), answering: 'open' }],
    participantCount: 0,
    answers: [],
  });
  const fake = fakeIo();
  sent = fake.sent;
  publisher = new SocketPublisher(fake.io, () => state, unused, unused, unused, qaViews);
});

afterEach(() => {
  publisher.close();
  vi.useRealTimers();
});

const to = (room: string, event: string) => sent.filter((s) => s.room === room && s.event === event);
const participants = rooms.participants('s1');
const facilitators = rooms.facilitators('s1');

describe('SocketPublisher', () => {
  it('sends a stream of tallies to facilitators every 100 ms but to participants once a second, the last one exact', () => {
    for (let i = 0; i < 30; i++) {
      state.recordAnswer('axes', `p${i}`, { kind: 'rating', ratings: { x: 3 } });
      publisher.resultsChanged('s1', 'axes');
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(3_000);

    const phones = to(participants, 'results:updated');
    // Leading edge at 0, then at 1 s and 2 s: never two within a second.
    expect(phones.map((s) => s.at)).toEqual([0, 1_000, 2_000]);
    expect((phones.at(-1)!.payload as { results: RatingResults }).results.respondents).toBe(30);
    const screens = to(facilitators, 'results:updated');
    expect(screens.length).toBeGreaterThanOrEqual(14);
    for (let i = 1; i < screens.length; i++) expect(screens[i]!.at - screens[i - 1]!.at).toBeGreaterThanOrEqual(100);
  });

  it('drops what is pending for a session it forgets (let go in a cluster), never reading that session again', () => {
    let held = true;
    const fake = fakeIo();
    const stateOf = () => {
      if (!held) throw new Error('La sesión no existe.');
      return state;
    };
    const forgetting = new SocketPublisher(fake.io, stateOf, unused, unused, unused, qaViews);
    publisher.close();
    publisher = forgetting;
    state.recordAnswer('axes', 'p1', { kind: 'rating', ratings: { x: 3 } });
    forgetting.resultsChanged('s1', 'axes');
    vi.advanceTimersByTime(10);
    const before = fake.sent.length;
    expect(before).toBeGreaterThan(0);
    // Within the interval: pending, for both screens and phones.
    state.recordAnswer('axes', 'p2', { kind: 'rating', ratings: { x: 4 } });
    forgetting.resultsChanged('s1', 'axes');
    forgetting.forget('s1');
    held = false;
    expect(() => vi.advanceTimersByTime(3_000)).not.toThrow();
    expect(fake.sent).toHaveLength(before);
  });

  // The rule the bench's "shortest presenter gap" looks at from outside, checked here on the
  // server's own clock: a client on a busy machine may receive two well-spaced messages at once.
  it('never sends a screen two messages within the interval, however changes arrive, and loses none', () => {
    let seed = 12_345;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    /** Each change: when it happened, and how many messages screens had been sent before it. */
    const changes: Array<{ at: number; sentBefore: number }> = [];
    let answered = 0;
    // Phones have had the live state once (as on joining): from here on only counts change.
    publisher.liveChanged('s1');
    vi.advanceTimersByTime(PARTICIPANT_PUBLISH_INTERVAL_MS);
    sent.splice(0);
    for (let i = 0; i < 500; i++) {
      // Bursts a few milliseconds apart, now and then a quiet spell.
      vi.advanceTimersByTime(random() < 0.08 ? 100 + Math.floor(random() * 900) : Math.floor(random() * 25));
      changes.push({
        at: Date.now() - T0,
        sentBefore: to(facilitators, 'results:updated').length + to(facilitators, 'session:live').length,
      });
      if (random() < 0.75) {
        state.recordAnswer('axes', `p${answered++}`, { kind: 'rating', ratings: { x: 1 + (i % 5) } });
        publisher.resultsChanged('s1', 'axes');
      } else {
        state.participantJoined();
        publisher.liveChanged('s1');
      }
    }
    vi.advanceTimersByTime(PARTICIPANT_PUBLISH_INTERVAL_MS);

    const screens = sent.filter((s) => s.room === facilitators);
    const flushes = [...new Set(screens.map((s) => s.at))];
    expect(flushes.length).toBeGreaterThan(20);
    for (let i = 1; i < flushes.length; i++)
      expect(flushes[i]! - flushes[i - 1]!, `gap before the flush at ${flushes[i]}`).toBeGreaterThanOrEqual(PUBLISH_INTERVAL_MS);
    // Each change reaches the screens at once after a quiet interval, else when the interval ends.
    for (const { at, sentBefore } of changes) {
      const previous = screens[sentBefore - 1]?.at ?? Number.NEGATIVE_INFINITY;
      const next = screens[sentBefore];
      expect(next, `a change at ${at} ms was never sent`).toBeDefined();
      expect(next!.at).toBe(Math.max(at, previous + PUBLISH_INTERVAL_MS));
    }
    // Phones: a tally or a count at most once a second, whatever the screens get.
    const phones = [...new Set(sent.filter((s) => s.room === participants).map((s) => s.at))];
    for (let i = 1; i < phones.length; i++) expect(phones[i]! - phones[i - 1]!).toBeGreaterThanOrEqual(PARTICIPANT_PUBLISH_INTERVAL_MS);
    // Nothing lost: the last messages hold the final tally and count.
    for (const room of [facilitators, participants]) {
      expect((to(room, 'results:updated').at(-1)!.payload as { results: RatingResults }).results.respondents).toBe(answered);
      expect((to(room, 'session:live').at(-1)!.payload as LiveState).participantCount).toBe(state.participantCount);
    }
  });

  it('holds back a new participant count from phones for a second, but sends what they see changing at once', () => {
    state.participantJoined();
    publisher.liveChanged('s1');
    vi.advanceTimersByTime(0);
    expect(to(participants, 'session:live')).toHaveLength(1);

    vi.advanceTimersByTime(10);
    state.participantJoined();
    publisher.liveChanged('s1');
    vi.advanceTimersByTime(150);
    expect(to(facilitators, 'session:live').map((s) => (s.payload as LiveState).participantCount)).toEqual([1, 2]);
    expect(to(participants, 'session:live')).toHaveLength(1);

    // Results hidden: that is what phones see, so it goes with the next flush, count included.
    state.apply(state.setDisplay({ resultsVisible: false }));
    publisher.liveChanged('s1');
    vi.advanceTimersByTime(100);
    const phones = to(participants, 'session:live');
    expect(phones).toHaveLength(2);
    expect(phones[1]!.payload).toMatchObject({ resultsVisible: false, participantCount: 2 });
    expect(phones[1]!.at).toBeLessThan(PARTICIPANT_PUBLISH_INTERVAL_MS);
  });

  it('sends results to phones only while shown, and at once when the facilitator shows them', () => {
    state.apply(state.setDisplay({ resultsVisible: false }));
    state.recordAnswer('axes', 'p1', { kind: 'rating', ratings: { y: 5 } });
    publisher.resultsChanged('s1', 'axes');
    vi.advanceTimersByTime(2_000);
    expect(to(participants, 'results:updated')).toHaveLength(0);
    expect(to(facilitators, 'results:updated')).toHaveLength(1);

    state.apply(state.setDisplay({ resultsVisible: true }));
    publisher.liveChanged('s1');
    publisher.resultsChanged('s1', 'axes');
    vi.advanceTimersByTime(0);
    const phones = to(participants, 'results:updated');
    expect(phones).toHaveLength(1);
    expect(phones[0]!.at).toBe(2_000);
    expect(to(participants, 'session:live').at(-1)!.payload).toMatchObject({ resultsVisible: true });
  });

  it('sends Q&A boards to facilitators every 100 ms and to phones once a second, each its own view, the last one current', () => {
    for (let i = 0; i < 30; i++) {
      qaQuestions = i + 1;
      publisher.qaChanged('s1', 'qa', null);
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(3_000);

    const phones = to(participants, 'qa:updated');
    expect(phones.map((s) => s.at)).toEqual([0, 1_000, 2_000]);
    expect(phones.every((s) => (s.payload as { highlightedId: string }).highlightedId.startsWith('participant '))).toBe(true);
    expect(phones.at(-1)!.payload).toMatchObject({ highlightedId: 'participant 30' });
    const screens = to(facilitators, 'qa:updated');
    expect(screens.length).toBeGreaterThanOrEqual(14);
    for (let i = 1; i < screens.length; i++) expect(screens[i]!.at - screens[i - 1]!.at).toBeGreaterThanOrEqual(100);
    expect(screens.at(-1)!.payload).toMatchObject({ highlightedId: 'facilitator 30' });
  });

  it("tells an asker of their own question's change, and no one else", () => {
    publisher.qaChanged('s1', 'qa', 'p7');
    vi.advanceTimersByTime(0);
    expect(to(rooms.participant('p7'), 'qa:mine').map((s) => s.payload)).toEqual([{ activityId: 'qa', questions: [], votedIds: ['p7'] }]);
    expect(sent.filter((s) => s.event === 'qa:mine')).toHaveLength(1);
  });
});
