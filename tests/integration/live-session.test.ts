import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChoiceActivity, CreatedSession, RatingActivity, RatingResults, ChoiceResults } from '../../shared/types.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  eventually,
  getSession,
  nextEvent,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';

let server: TestServer;
let session: CreatedSession;
let sockets: ClientSocket[] = [];

const track = <T extends ClientSocket>(socket: T): T => {
  sockets.push(socket);
  return socket;
};

beforeEach(async () => {
  server = await startServer();
  session = await createSession(server.url);
});

afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server.close();
});

async function join(code = session.code, participantToken?: string) {
  const socket = track(await connect(server.url));
  const result = ok(await request(socket, 'session:join', { code, ...(participantToken ? { participantToken } : {}) }));
  return { socket, ...result };
}

let idCounter = 0;
const answerId = () => `answer-${Date.now()}-${idCounter++}`;

describe('a live session', () => {
  it('counts 30 participants’ choices and ratings exactly, live and in storage', async () => {
    const facilitator = track(await connectFacilitator(server.url, session));
    const snapshot = await facilitator.snapshot;
    const choice = snapshot.session.agenda.find((a): a is ChoiceActivity => a.kind === 'choice' && !a.multiple)!;
    const rating = snapshot.session.agenda.find((a): a is RatingActivity => a.kind === 'rating')!;

    const participants = await Promise.all(Array.from({ length: 30 }, () => join()));
    await eventually(async () => (await getSession(server.url, session)).session.live.participantCount === 30);

    // Choice: participant i picks option i % 2.
    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
    const expectedChoice: Record<string, number> = Object.fromEntries(choice.options.map((o) => [o.id, 0]));
    let lastChoice: ChoiceResults | null = null;
    facilitator.on('results:updated', (u) => {
      if (u.activityId === choice.id && u.results.kind === 'choice') lastChoice = u.results;
    });
    await Promise.all(
      participants.map(async (p, i) => {
        const option = choice.options[i % choice.options.length]!;
        expectedChoice[option.id]! += 1;
        const receipt = ok(
          await request(p.socket, 'answer:submit', {
            activityId: choice.id,
            clientAnswerId: answerId(),
            value: { kind: 'choice', optionIds: [option.id] },
          }),
        );
        expect(receipt.duplicate).toBe(false);
      }),
    );
    await eventually(() => lastChoice?.respondents === 30);
    expect(lastChoice!.counts).toEqual(expectedChoice);

    // Rating: participant i rates every axis (i % 5) + 1 and skips the last axis when i is even.
    ok(await request(facilitator, 'agenda:goto', { activityId: rating.id }));
    await Promise.all(
      participants.map(async (p, i) => {
        const items = i % 2 === 0 ? rating.items.slice(0, -1) : rating.items;
        const ratings = Object.fromEntries(items.map((item) => [item.id, (i % 5) + 1]));
        ok(
          await request(p.socket, 'answer:submit', {
            activityId: rating.id,
            clientAnswerId: answerId(),
            value: { kind: 'rating', ratings },
          }),
        );
      }),
    );
    const stored = await getSession(server.url, session);
    const ratingResults = stored.results[rating.id] as RatingResults;
    expect(ratingResults.respondents).toBe(30);
    const first = ratingResults.items[rating.items[0]!.id]!;
    expect(first.counts).toEqual([6, 6, 6, 6, 6]);
    expect(first.n).toBe(30);
    expect(first.mean).toBe(3);
    const last = ratingResults.items[rating.items.at(-1)!.id]!;
    expect(last.n).toBe(15); // the even half skipped it
    expect(stored.results[choice.id]).toEqual({ kind: 'choice', respondents: 30, counts: expectedChoice });
  });

  it('moves a count when a participant changes their answer, and refuses answers once closed', async () => {
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const choice = view.agenda.find((a): a is ChoiceActivity => a.kind === 'choice' && !a.multiple)!;
    const [a, b] = [choice.options[0]!.id, choice.options[1]!.id];
    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
    const p = await join();

    ok(
      await request(p.socket, 'answer:submit', {
        activityId: choice.id,
        clientAnswerId: answerId(),
        value: { kind: 'choice', optionIds: [a] },
      }),
    );
    ok(
      await request(p.socket, 'answer:submit', {
        activityId: choice.id,
        clientAnswerId: answerId(),
        value: { kind: 'choice', optionIds: [b] },
      }),
    );
    let results = (await getSession(server.url, session)).results[choice.id] as ChoiceResults;
    const zeroes = Object.fromEntries(choice.options.map((option) => [option.id, 0]));
    expect(results).toEqual({ kind: 'choice', respondents: 1, counts: { ...zeroes, [b]: 1 } });

    const live = ok(await request(facilitator, 'answering:set', { activityId: choice.id, open: false }));
    expect(live.answering[choice.id]).toBe('closed');
    const refused = await request(p.socket, 'answer:submit', {
      activityId: choice.id,
      clientAnswerId: answerId(),
      value: { kind: 'choice', optionIds: [a] },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ANSWERING_CLOSED' } });
    results = (await getSession(server.url, session)).results[choice.id] as ChoiceResults;
    expect(results.counts).toEqual({ ...zeroes, [b]: 1 });

    // Reopening lets them change it again.
    ok(await request(facilitator, 'answering:set', { activityId: choice.id, open: true }));
    ok(
      await request(p.socket, 'answer:submit', {
        activityId: choice.id,
        clientAnswerId: answerId(),
        value: { kind: 'choice', optionIds: [a] },
      }),
    );
    results = (await getSession(server.url, session)).results[choice.id] as ChoiceResults;
    expect(results.counts).toEqual({ ...zeroes, [a]: 1 });
  });

  it('closes answering of the question left when moving on, unless the facilitator kept it open', async () => {
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const [first, second] = view.agenda.filter((a): a is ChoiceActivity => a.kind === 'choice');
    const rating = view.agenda.find((a): a is RatingActivity => a.kind === 'rating')!;
    const p = await join();
    const pick = (activity: ChoiceActivity) =>
      request(p.socket, 'answer:submit', {
        activityId: activity.id,
        clientAnswerId: answerId(),
        value: { kind: 'choice', optionIds: [activity.options[0]!.id] },
      });

    ok(await request(facilitator, 'agenda:goto', { activityId: first!.id }));
    ok(await pick(first!));
    const closedOnPhone = nextEvent(p.socket, 'session:live', (l) => l.answering[first!.id] === 'closed');
    const moved = ok(await request(facilitator, 'agenda:goto', { activityId: second!.id }));
    expect(moved.answering[first!.id]).toBe('closed');
    await closedOnPhone;
    expect(await pick(first!)).toMatchObject({ ok: false, error: { code: 'ANSWERING_CLOSED' } });

    // Kept open: moving on leaves it open, and the choice is in every live state.
    const kept = ok(await request(facilitator, 'answering:keep', { activityId: second!.id, keepOpen: true }));
    expect(kept.keepOpen).toEqual([second!.id]);
    const movedAgain = ok(await request(facilitator, 'agenda:goto', { activityId: rating.id }));
    expect(movedAgain.answering[second!.id]).toBe('open');
    ok(await pick(second!));
    const stored = (await getSession(server.url, session)).session.live;
    expect(stored).toMatchObject({ keepOpen: [second!.id], answering: { [first!.id]: 'closed', [second!.id]: 'open' } });
  });

  it('refuses keeping open from a participant, for a content slide or an unknown activity, changing nothing', async () => {
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const slide = view.agenda.find((a) => a.kind === 'content')!;
    const choice = view.agenda.find((a) => a.kind === 'choice')!;
    const p = await join();
    const before = (await getSession(server.url, session)).session.live;
    expect(await request(p.socket, 'answering:keep', { activityId: choice.id, keepOpen: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await request(facilitator, 'answering:keep', { activityId: slide.id, keepOpen: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ANSWERABLE' },
    });
    expect(await request(facilitator, 'answering:keep', { activityId: 'no-such-activity', keepOpen: true })).toMatchObject({
      ok: false,
      error: { code: 'ACTIVITY_NOT_FOUND' },
    });
    expect(await request(facilitator, 'answering:keep', { activityId: choice.id, keepOpen: 'yes' } as never)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect((await getSession(server.url, session)).session.live).toEqual(before);
  });

  it('counts a retried submission once', async () => {
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const choice = view.agenda.find((a): a is ChoiceActivity => a.kind === 'choice' && !a.multiple)!;
    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
    const p = await join();
    const payload = {
      activityId: choice.id,
      clientAnswerId: answerId(),
      value: { kind: 'choice' as const, optionIds: [choice.options[0]!.id] },
    };
    const [first, second] = await Promise.all([request(p.socket, 'answer:submit', payload), request(p.socket, 'answer:submit', payload)]);
    expect([ok(first).duplicate, ok(second).duplicate].sort()).toEqual([false, true]);
    const third = ok(await request(p.socket, 'answer:submit', payload));
    expect(third.duplicate).toBe(true);
    // A retry that arrives after answering closed is still acknowledged: it was stored before.
    ok(await request(facilitator, 'answering:set', { activityId: choice.id, open: false }));
    const late = ok(await request(p.socket, 'answer:submit', payload));
    expect(late).toEqual({ activityId: choice.id, value: payload.value, duplicate: true });
    const results = (await getSession(server.url, session)).results[choice.id] as ChoiceResults;
    expect(results.respondents).toBe(1);
    expect(results.counts[choice.options[0]!.id]).toBe(1);
  });

  it('scopes answer ids to their participant: the same id from two people counts twice', async () => {
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const [choice, other] = view.agenda.filter((a): a is ChoiceActivity => a.kind === 'choice');
    ok(await request(facilitator, 'agenda:goto', { activityId: choice!.id }));
    ok(await request(facilitator, 'answering:set', { activityId: other!.id, open: true }));
    const payload = {
      activityId: choice!.id,
      clientAnswerId: 'same-id-for-both',
      value: { kind: 'choice' as const, optionIds: [choice!.options[0]!.id] },
    };
    const [p1, p2] = [await join(), await join()];
    expect(ok(await request(p1.socket, 'answer:submit', payload)).duplicate).toBe(false);
    expect(ok(await request(p2.socket, 'answer:submit', payload)).duplicate).toBe(false);
    expect(((await getSession(server.url, session)).results[choice!.id] as ChoiceResults).respondents).toBe(2);
    // Reusing one's own id for another question is a client bug, refused rather than ignored.
    const reused = await request(p1.socket, 'answer:submit', {
      activityId: other!.id,
      clientAnswerId: 'same-id-for-both',
      value: { kind: 'choice', optionIds: [other!.options[0]!.id] },
    });
    expect(reused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(((await getSession(server.url, session)).results[other!.id] as ChoiceResults).respondents).toBe(0);
  });

  it('brings a reconnecting participant back with their answers', async () => {
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const rating = view.agenda.find((a): a is RatingActivity => a.kind === 'rating')!;
    ok(await request(facilitator, 'agenda:goto', { activityId: rating.id }));
    const p = await join();
    const value = { kind: 'rating' as const, ratings: { [rating.items[0]!.id]: 4, [rating.items[2]!.id]: 2 } };
    ok(await request(p.socket, 'answer:submit', { activityId: rating.id, clientAnswerId: answerId(), value }));
    p.socket.close();

    const back = await join(session.code, p.participantToken);
    expect(back.snapshot.participantId).toBe(p.snapshot.participantId);
    expect(back.snapshot.myAnswers[rating.id]).toEqual(value);
    expect(back.snapshot.session.live.currentActivityId).toBe(rating.id);
    // Coming back is not a new participant.
    expect((await getSession(server.url, session)).session.live.participantCount).toBe(1);

    // A token the server does not know makes a new participant rather than failing.
    const stranger = await join(session.code, 'x'.repeat(32));
    expect(stranger.snapshot.participantId).not.toBe(p.snapshot.participantId);
    expect(stranger.snapshot.myAnswers).toEqual({});
  });

  it('moves through the agenda and shows results to participants only when the facilitator does', async () => {
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const p = await join();

    let live = ok(await request(facilitator, 'agenda:step', { direction: 'next' }));
    expect(live.currentActivityId).toBe(view.agenda[0]!.id);
    live = ok(await request(facilitator, 'agenda:step', { direction: 'next' }));
    const choice = view.agenda[1] as ChoiceActivity;
    expect(live.currentActivityId).toBe(choice.id);
    expect(live.answering[choice.id]).toBe('open'); // opened on arrival

    const participantSaw = nextEvent(p.socket, 'session:live', (l) => l.currentActivityId === choice.id);
    expect((await participantSaw).answering[choice.id]).toBe('open');

    let resultsToParticipant = 0;
    p.socket.on('results:updated', () => resultsToParticipant++);
    ok(
      await request(p.socket, 'answer:submit', {
        activityId: choice.id,
        clientAnswerId: answerId(),
        value: { kind: 'choice', optionIds: [choice.options[0]!.id] },
      }),
    );
    await nextEvent(facilitator, 'results:updated', (u) => u.activityId === choice.id && u.results.respondents === 1);
    expect(resultsToParticipant).toBe(0);

    const shown = nextEvent(p.socket, 'results:updated', (u) => u.activityId === choice.id);
    live = ok(await request(facilitator, 'display:set', { resultsVisible: true }));
    expect(live.resultsVisible).toBe(true);
    expect((await shown).results.respondents).toBe(1);

    // Moving on hides results again: the next question's votes are not swayed by live bars.
    live = ok(await request(facilitator, 'agenda:step', { direction: 'next' }));
    expect(live.resultsVisible).toBe(false);
    ok(await request(facilitator, 'agenda:goto', { activityId: view.agenda[0]!.id }));
    live = ok(await request(facilitator, 'agenda:step', { direction: 'previous' }));
    expect(live.currentActivityId).toBeNull();
    ok(await request(facilitator, 'agenda:goto', { activityId: view.agenda.at(-1)!.id }));
    live = ok(await request(facilitator, 'agenda:step', { direction: 'next' }));
    expect(live.currentActivityId).toBe(view.agenda.at(-1)!.id);
    expect(ok(await request(facilitator, 'display:set', { blank: true })).blank).toBe(true);
  });

  it('brings the presenter a burst of answers: every message with news, in order, the last one exact', async () => {
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const choice = view.agenda.find((a): a is ChoiceActivity => a.kind === 'choice' && !a.multiple)!;
    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
    const participants = await Promise.all(Array.from({ length: 30 }, () => join()));
    const counts: number[] = [];
    facilitator.on('results:updated', (u) => {
      if (u.activityId === choice.id) counts.push(u.results.respondents);
    });
    await Promise.all(
      participants.map((p) =>
        request(p.socket, 'answer:submit', {
          activityId: choice.id,
          clientAnswerId: answerId(),
          value: { kind: 'choice', optionIds: [choice.options[0]!.id] },
        }),
      ),
    );
    await eventually(() => counts.at(-1) === 30);
    // No message without a new answer and none going back, so at most one per answer. How far
    // apart they come (one per interval) is the publisher's rule, checked on the server's clock
    // in tests/unit/realtime/publisher.test.ts: counted here, it would time this machine.
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1]!);
    expect(counts.length).toBeLessThanOrEqual(30);
  });

  it('closing the session refuses joins and answers', async () => {
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const choice = view.agenda.find((a): a is ChoiceActivity => a.kind === 'choice')!;
    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
    const p = await join();
    const live = ok(await request(facilitator, 'session:close', {}));
    expect(live.status).toBe('closed');
    expect(live.answering[choice.id]).toBe('closed');

    const refused = await request(p.socket, 'answer:submit', {
      activityId: choice.id,
      clientAnswerId: answerId(),
      value: { kind: 'choice', optionIds: [choice.options[0]!.id] },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SESSION_CLOSED' } });
    const late = track(await connect(server.url));
    expect(await request(late, 'session:join', { code: session.code })).toMatchObject({ ok: false, error: { code: 'SESSION_CLOSED' } });
    const http = await fetch(`${server.url}/api/join/${session.code}`);
    expect(http.status).toBe(410);
    expect(((await http.json()) as { error: { code: string } }).error.code).toBe('SESSION_CLOSED');
    expect(await request(facilitator, 'agenda:step', { direction: 'next' })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_CLOSED' },
    });
  });
});
