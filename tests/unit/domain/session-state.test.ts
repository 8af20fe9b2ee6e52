import { describe, expect, it } from 'vitest';
import { SessionState, type SessionStateInit } from '../../../server/domain/session-state.ts';
import type { AnswerValue } from '../../../shared/types.ts';
import { choice, content, rating } from '../fixtures.ts';

const pick = (...optionIds: string[]): AnswerValue => ({ kind: 'choice', optionIds });
const rate = (ratings: Record<string, number>): AnswerValue => ({ kind: 'rating', ratings });

function makeState(overrides: Partial<SessionStateInit> = {}): SessionState {
  return new SessionState({
    id: 's1',
    code: '482913',
    title: 'Sesión 2',
    createdAt: 1_700_000_000_000,
    status: 'open',
    currentActivityId: null,
    resultsVisible: false,
    blank: false,
    agenda: [
      { activity: content('intro'), answering: 'idle' },
      { activity: choice('poll', ['a', 'b']), answering: 'open' },
      { activity: rating('axes', ['x', 'y']), answering: 'closed' },
    ],
    participantCount: 0,
    answers: [],
    ...overrides,
  });
}

describe('SessionState', () => {
  describe('recording answers', () => {
    it('counts a new answer in the activity results', () => {
      const state = makeState();
      state.recordAnswer('poll', 'p1', pick('a'));
      expect(state.results('poll')).toEqual({ kind: 'choice', respondents: 1, counts: { a: 1, b: 0 } });
      expect(state.answerOf('poll', 'p1')).toEqual(pick('a'));
    });

    it('moves the count when a participant changes their answer', () => {
      const state = makeState();
      state.recordAnswer('poll', 'p1', pick('a'));
      state.recordAnswer('poll', 'p2', pick('a'));
      state.recordAnswer('poll', 'p1', pick('b'));
      expect(state.results('poll')).toEqual({ kind: 'choice', respondents: 2, counts: { a: 1, b: 1 } });
      expect(state.answerOf('poll', 'p1')).toEqual(pick('b'));
    });

    it('moves rating counts when a participant re-rates', () => {
      const state = makeState();
      state.recordAnswer('axes', 'p1', rate({ x: 2, y: 4 }));
      state.recordAnswer('axes', 'p1', rate({ x: 5 }));
      expect(state.results('axes')).toEqual({
        kind: 'rating',
        respondents: 1,
        items: { x: { counts: [0, 0, 0, 0, 1], n: 1, mean: 5 }, y: { counts: [0, 0, 0, 0, 0], n: 0, mean: null } },
      });
    });

    it('counts the answers it is created with, as loaded from storage', () => {
      const state = makeState({
        answers: [
          { activityId: 'poll', participantId: 'p1', value: pick('b') },
          { activityId: 'poll', participantId: 'p2', value: pick('b') },
          { activityId: 'axes', participantId: 'p1', value: rate({ y: 3 }) },
        ],
      });
      expect(state.results('poll')).toEqual({ kind: 'choice', respondents: 2, counts: { a: 0, b: 2 } });
      expect(state.results('axes')?.respondents).toBe(1);
    });

    it('ignores answers to content slides and to unknown activities', () => {
      const state = makeState();
      state.recordAnswer('intro', 'p1', pick('a'));
      state.recordAnswer('nowhere', 'p1', pick('a'));
      expect(state.answerOf('intro', 'p1')).toBeUndefined();
      expect(state.answersOf('p1')).toEqual({});
      expect(state.results('intro')).toBeNull();
      expect(state.results('nowhere')).toBeNull();
    });
  });

  describe('answersOf', () => {
    it("returns only this participant's current answers, by activity id", () => {
      const state = makeState();
      state.recordAnswer('poll', 'p1', pick('a'));
      state.recordAnswer('poll', 'p1', pick('b'));
      state.recordAnswer('axes', 'p1', rate({ x: 3 }));
      state.recordAnswer('poll', 'p2', pick('a'));
      expect(state.answersOf('p1')).toEqual({ poll: pick('b'), axes: rate({ x: 3 }) });
      expect(state.answersOf('p2')).toEqual({ poll: pick('a') });
    });

    it('is empty for someone who has not answered', () => {
      const state = makeState();
      state.recordAnswer('poll', 'p1', pick('a'));
      expect(state.answersOf('p3')).toEqual({});
    });
  });

  describe('allResults', () => {
    it('has the results of every question and none of content slides', () => {
      const state = makeState();
      state.recordAnswer('poll', 'p1', pick('a'));
      const all = state.allResults();
      expect(Object.keys(all).sort()).toEqual(['axes', 'poll']);
      expect(all.poll).toEqual({ kind: 'choice', respondents: 1, counts: { a: 1, b: 0 } });
    });
  });

  describe('publicResults', () => {
    it('shows the current activity results while results are visible', () => {
      const state = makeState({ currentActivityId: 'poll', resultsVisible: true });
      state.recordAnswer('poll', 'p1', pick('b'));
      state.recordAnswer('axes', 'p1', rate({ x: 1 }));
      expect(state.publicResults()).toEqual({ poll: { kind: 'choice', respondents: 1, counts: { a: 0, b: 1 } } });
    });

    it('shows nothing while results are hidden', () => {
      const state = makeState({ currentActivityId: 'poll', resultsVisible: false });
      state.recordAnswer('poll', 'p1', pick('b'));
      expect(state.publicResults()).toEqual({});
      expect(state.resultsPublicFor('poll')).toBe(false);
    });

    it('never shows the results of an activity that is not on screen', () => {
      const state = makeState({ currentActivityId: 'axes', resultsVisible: true });
      state.recordAnswer('poll', 'p1', pick('b'));
      expect(Object.keys(state.publicResults())).toEqual(['axes']);
      expect(state.resultsPublicFor('poll')).toBe(false);
      expect(state.resultsPublicFor('axes')).toBe(true);
    });

    it('shows nothing on the join screen or on a content slide', () => {
      expect(makeState({ currentActivityId: null, resultsVisible: true }).publicResults()).toEqual({});
      expect(makeState({ currentActivityId: 'intro', resultsVisible: true }).publicResults()).toEqual({});
    });

    it('follows the facilitator as they move and hide results', () => {
      const state = makeState({ currentActivityId: 'poll', resultsVisible: true });
      expect(Object.keys(state.publicResults())).toEqual(['poll']);
      state.currentActivityId = 'axes';
      expect(Object.keys(state.publicResults())).toEqual(['axes']);
      state.resultsVisible = false;
      expect(state.publicResults()).toEqual({});
    });
  });

  describe('live', () => {
    it('tells where the session stands, with the answering status of every activity', () => {
      const state = makeState({ currentActivityId: 'poll', resultsVisible: true, blank: true, participantCount: 7 });
      expect(state.live()).toEqual({
        currentActivityId: 'poll',
        resultsVisible: true,
        blank: true,
        answering: { intro: 'idle', poll: 'open', axes: 'closed' },
        participantCount: 7,
        status: 'open',
      });
    });

    it('reflects changes made to the state since', () => {
      const state = makeState();
      state.answering.set('axes', 'open');
      state.participantCount = 3;
      state.status = 'closed';
      const live = state.live();
      expect(live.answering.axes).toBe('open');
      expect(live.participantCount).toBe(3);
      expect(live.status).toBe('closed');
    });

    it('is a snapshot: changing it does not change the session', () => {
      const state = makeState();
      const live = state.live();
      live.answering.poll = 'closed';
      expect(state.answering.get('poll')).toBe('open');
      expect(state.live().answering.poll).toBe('open');
    });
  });

  it('keeps the agenda in order and finds activities by id', () => {
    const state = makeState();
    expect(state.agenda.map((a) => a.id)).toEqual(['intro', 'poll', 'axes']);
    expect(state.activity('axes')?.kind).toBe('rating');
    expect(state.activity('missing')).toBeUndefined();
  });
});
