import { describe, expect, it } from 'vitest';
import { codeOf } from '../app-error.ts';
import { SessionState, type SessionStateInit } from '../../../server/domain/session-state.ts';
import { openAnswerId } from '../../../server/domain/words.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { ActivityResults, AnswerValue, OpenResults } from '../../../shared/types.ts';
import { choice, content, openQuestion, rating, synthesis } from '../fixtures.ts';

const pick = (...optionIds: string[]): AnswerValue => ({ kind: 'choice', optionIds });
const rate = (ratings: Record<string, number>): AnswerValue => ({ kind: 'rating', ratings });

function makeState(overrides: Partial<SessionStateInit> = {}): SessionState {
  return new SessionState({
    id: 's1',
    code: '482913',
    title: 'Sesión 2',
    createdAt: 1_700_000_000_000,
    locale: 'es-CL',
    status: 'open',
    currentActivityId: null,
    resultsVisible: false,
    blank: false,
    presenterNotes: false,
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
      state.apply({ live: { currentActivityId: 'axes', resultsVisible: true, blank: false, presenterNotes: false } });
      expect(Object.keys(state.publicResults())).toEqual(['axes']);
      state.apply(state.setDisplay({ resultsVisible: false }));
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
        presenterNotes: false,
        answering: { intro: 'idle', poll: 'open', axes: 'closed' },
        keepOpen: [],
        participantCount: 7,
        status: 'open',
      });
    });

    it('reflects changes made to the state since', () => {
      const state = makeState();
      state.apply({ answering: [{ activityId: 'axes', status: 'open' }], closed: true });
      for (let i = 0; i < 3; i++) state.participantJoined();
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

  describe('moving on from a question', () => {
    it('closes the open question left, noting it, and opens the next one', () => {
      const state = makeState({
        currentActivityId: 'poll',
        agenda: [
          { activity: choice('poll', ['a', 'b']), answering: 'open' },
          { activity: rating('axes', ['x']), answering: 'idle' },
        ],
      });
      const change = state.goto('axes');
      expect(change.answering).toEqual([
        { activityId: 'poll', status: 'closed' },
        { activityId: 'axes', status: 'open' },
      ]);
      expect(change.events?.[0]).toEqual({ activityId: 'poll', event: 'answering:closed' });
      state.apply(change);
      expect(state.live().answering).toEqual({ poll: 'closed', axes: 'open' });
    });

    it('leaves it open when the facilitator chose to keep it open, and says so in the live state', () => {
      const state = makeState({ currentActivityId: 'poll' });
      state.apply(state.setKeepOpen('poll', true));
      expect(state.live().keepOpen).toEqual(['poll']);
      const change = state.goto('intro');
      expect(change.answering ?? []).toEqual([]);
      state.apply(change);
      expect(state.live().answering.poll).toBe('open');
    });

    it('closes it again once the choice is taken back, and keeps the choice loaded from storage', () => {
      const kept = makeState({
        currentActivityId: 'poll',
        agenda: [
          { activity: content('intro'), answering: 'idle' },
          { activity: choice('poll', ['a', 'b']), answering: 'open', keepOpen: true },
        ],
      });
      expect(kept.live().keepOpen).toEqual(['poll']);
      kept.apply(kept.setKeepOpen('poll', false));
      expect(kept.live().keepOpen).toEqual([]);
      expect(kept.goto(null).answering).toEqual([{ activityId: 'poll', status: 'closed' }]);
    });

    it('changes nothing when staying on the question, or leaving a content slide or a closed question', () => {
      const state = makeState({ currentActivityId: 'poll' });
      expect(state.goto('poll').answering ?? []).toEqual([]);
      expect(makeState({ currentActivityId: 'intro' }).goto('poll').answering ?? []).toEqual([]);
      expect(makeState({ currentActivityId: 'axes' }).goto('intro').answering ?? []).toEqual([]);
    });

    it('refuses keeping open a content slide, an unknown activity or in a closed session', () => {
      const state = makeState();
      expect(codeOf(() => state.setKeepOpen('intro', true))).toBe('NOT_ANSWERABLE');
      expect(codeOf(() => state.setKeepOpen('nowhere', true))).toBe('ACTIVITY_NOT_FOUND');
      expect(codeOf(() => makeState({ status: 'closed' }).setKeepOpen('poll', true))).toBe('SESSION_CLOSED');
      expect(state.setKeepOpen('poll', false)).toEqual({});
      expect(state.live().keepOpen).toEqual([]);
    });
  });

  it('keeps the agenda in order and finds activities by id', () => {
    const state = makeState();
    expect(state.agenda.map((a) => a.id)).toEqual(['intro', 'poll', 'axes']);
    expect(state.activity('axes')?.kind).toBe('rating');
    expect(state.activity('missing')).toBeUndefined();
  });
});

const say = (...texts: string[]): AnswerValue => ({ kind: 'open', texts });

/** The agenda of makeState plus an open question, "ideas", on screen with its results shown. */
function makeOpenState(overrides: Partial<SessionStateInit> = {}): SessionState {
  return makeState({
    agenda: [
      { activity: content('intro'), answering: 'idle' },
      { activity: choice('poll', ['a', 'b']), answering: 'open' },
      { activity: rating('axes', ['x', 'y']), answering: 'closed' },
      { activity: openQuestion('ideas'), answering: 'open' },
    ],
    currentActivityId: 'ideas',
    resultsVisible: true,
    ...overrides,
  });
}

function asOpen(results: ActivityResults | null): OpenResults {
  if (results?.kind !== 'open') throw new Error('expected open results');
  return results;
}

describe("SessionState: a group's own numbers (resultsAmong)", () => {
  function roomOfFour(): SessionState {
    const state = makeState();
    state.recordAnswer('poll', 'p1', pick('a'));
    state.recordAnswer('poll', 'p2', pick('b'));
    state.recordAnswer('poll', 'p3', pick('a'));
    state.recordAnswer('poll', 'p4', pick('b'));
    return state;
  }

  it('counts only the answers of the given participants', () => {
    expect(roomOfFour().resultsAmong('poll', ['p1', 'p2', 'p3'])).toEqual({ kind: 'choice', respondents: 3, counts: { a: 2, b: 1 } });
  });

  it('leaves out members who have not answered, and is all zeros for nobody', () => {
    const state = roomOfFour();
    expect(state.resultsAmong('poll', ['p2', 'p9'])).toEqual({ kind: 'choice', respondents: 1, counts: { a: 0, b: 1 } });
    expect(state.resultsAmong('poll', [])).toEqual({ kind: 'choice', respondents: 0, counts: { a: 0, b: 0 } });
  });

  it("counts each member's current answer, not an earlier one", () => {
    const state = roomOfFour();
    state.recordAnswer('poll', 'p1', pick('b'));
    expect(state.resultsAmong('poll', ['p1', 'p3'])).toEqual({ kind: 'choice', respondents: 2, counts: { a: 1, b: 1 } });
  });

  it("computes ratings' counts and means over the group only", () => {
    const state = makeState();
    state.recordAnswer('axes', 'p1', rate({ x: 2, y: 5 }));
    state.recordAnswer('axes', 'p2', rate({ x: 4 }));
    state.recordAnswer('axes', 'p3', rate({ x: 5, y: 1 }));
    // x: 2 and 4 → mean 3; y: only p1's 5.
    expect(state.resultsAmong('axes', new Set(['p1', 'p2']))).toEqual({
      kind: 'rating',
      respondents: 2,
      items: { x: { counts: [0, 1, 0, 1, 0], n: 2, mean: 3 }, y: { counts: [0, 0, 0, 0, 1], n: 1, mean: 5 } },
    });
  });

  it("does not change the room's results", () => {
    const state = roomOfFour();
    state.resultsAmong('poll', ['p1']);
    expect(state.results('poll')).toEqual({ kind: 'choice', respondents: 4, counts: { a: 2, b: 2 } });
  });

  it('is null for a content slide or an unknown activity', () => {
    const state = roomOfFour();
    expect(state.resultsAmong('intro', ['p1'])).toBeNull();
    expect(state.resultsAmong('missing', ['p1'])).toBeNull();
  });
});

describe('SessionState: hiding open answers', () => {
  const hiddenId = openAnswerId('p1', 'Salud mental');

  it('flags the answer for the facilitator and leaves it out of what participants see', () => {
    const state = makeOpenState();
    state.recordAnswer('ideas', 'p1', say('Salud mental'));
    state.recordAnswer('ideas', 'p2', say('salud'));
    expect(state.setAnswerHidden('ideas', hiddenId, true)).toBe(true);

    const full = asOpen(state.results('ideas'));
    expect(full.answers).toEqual([
      { id: openAnswerId('p2', 'salud'), text: 'salud', hidden: false },
      { id: hiddenId, text: 'Salud mental', hidden: true },
    ]);
    const shown = asOpen(state.publicResultsOf('ideas'));
    expect(shown).toEqual({
      kind: 'open',
      respondents: 2,
      answers: [{ id: openAnswerId('p2', 'salud'), text: 'salud', hidden: false }],
      words: [{ word: 'salud', count: 1 }],
    });
    expect(full.words).toEqual(shown.words);
    expect(state.publicResults()).toEqual({ ideas: shown });
  });

  it('shows the answer again when unhidden', () => {
    const state = makeOpenState();
    state.recordAnswer('ideas', 'p1', say('Salud mental'));
    state.recordAnswer('ideas', 'p2', say('salud'));
    state.setAnswerHidden('ideas', hiddenId, true);
    expect(state.setAnswerHidden('ideas', hiddenId, false)).toBe(true);
    const shown = asOpen(state.publicResultsOf('ideas'));
    expect(shown.answers.map((a) => a.id)).toEqual([openAnswerId('p2', 'salud'), hiddenId]);
    expect(shown.words).toEqual([
      { word: 'salud', count: 2 },
      { word: 'mental', count: 1 },
    ]);
  });

  it('answers false for an unknown activity or an id no answer has, yet hides that text when it comes', () => {
    const state = makeOpenState();
    expect(state.setAnswerHidden('missing', hiddenId, true)).toBe(false);
    expect(state.setAnswerHidden('ideas', hiddenId, true)).toBe(false);
    state.recordAnswer('ideas', 'p1', say('Salud mental'));
    expect(asOpen(state.results('ideas')).answers).toEqual([{ id: hiddenId, text: 'Salud mental', hidden: true }]);
    expect(asOpen(state.publicResultsOf('ideas'))).toEqual({ kind: 'open', respondents: 1, answers: [], words: [] });
  });

  it('answers false on a question that is not open, and changes nothing', () => {
    const state = makeOpenState();
    state.recordAnswer('poll', 'p1', pick('a'));
    expect(state.setAnswerHidden('poll', 'a', true)).toBe(false);
    expect(state.publicResultsOf('poll')).toEqual({ kind: 'choice', respondents: 1, counts: { a: 1, b: 0 } });
  });

  it('publicResultsOf is null for a content slide or an unknown activity', () => {
    const state = makeOpenState();
    expect(state.publicResultsOf('intro')).toBeNull();
    expect(state.publicResultsOf('missing')).toBeNull();
  });

  it('applies the hidden answers it is created with before counting the stored answers', () => {
    const state = makeOpenState({
      hiddenAnswers: [{ activityId: 'ideas', answerId: hiddenId }],
      answers: [
        { activityId: 'ideas', participantId: 'p1', value: say('Salud mental') },
        { activityId: 'ideas', participantId: 'p2', value: say('salud') },
      ],
    });
    expect(asOpen(state.results('ideas')).answers.find((a) => a.id === hiddenId)?.hidden).toBe(true);
    expect(asOpen(state.publicResultsOf('ideas'))).toEqual({
      kind: 'open',
      respondents: 2,
      answers: [{ id: openAnswerId('p2', 'salud'), text: 'salud', hidden: false }],
      words: [{ word: 'salud', count: 1 }],
    });
    // Unhiding after a restart counts it in exactly once.
    expect(state.setAnswerHidden('ideas', hiddenId, false)).toBe(true);
    expect(asOpen(state.results('ideas')).words).toEqual([
      { word: 'salud', count: 2 },
      { word: 'mental', count: 1 },
    ]);
  });

  it('ignores stored hidden answers of unknown activities or of questions that are not open', () => {
    const state = makeOpenState({
      hiddenAnswers: [
        { activityId: 'gone', answerId: hiddenId },
        { activityId: 'poll', answerId: 'a' },
        { activityId: 'intro', answerId: hiddenId },
      ],
      answers: [
        { activityId: 'poll', participantId: 'p1', value: pick('a') },
        { activityId: 'ideas', participantId: 'p1', value: say('Salud mental') },
      ],
    });
    expect(state.results('poll')).toEqual({ kind: 'choice', respondents: 1, counts: { a: 1, b: 0 } });
    expect(asOpen(state.publicResultsOf('ideas')).answers).toEqual([{ id: hiddenId, text: 'Salud mental', hidden: false }]);
  });

  it(`lists the ${LIMITS.openAnswersListed} newest visible answers to participants, hidden ones not taking their places`, () => {
    const state = makeOpenState();
    const total = LIMITS.openAnswersListed + 1;
    for (let n = 1; n <= total; n++) state.recordAnswer('ideas', `p${n}`, say(`idea ${n}`));
    state.setAnswerHidden('ideas', openAnswerId(`p${total}`, `idea ${total}`), true);
    const shown = asOpen(state.publicResultsOf('ideas'));
    // 200 visible answers remain (ideas 1–200): all of them fit the list.
    expect(shown.answers).toHaveLength(LIMITS.openAnswersListed);
    expect(shown.answers[0]?.text).toBe(`idea ${total - 1}`);
    expect(shown.answers.at(-1)?.text).toBe('idea 1');
  });
});

describe("SessionState: the facilitator's controls decide, apply makes it so", () => {
  it('goto opens a question never opened, hides results on a new activity and notes both, changing nothing yet', () => {
    const state = makeState({ agenda: [{ activity: choice('poll', ['a', 'b']), answering: 'idle' }], resultsVisible: true });
    const change = state.goto('poll');
    expect(change).toEqual({
      live: { currentActivityId: 'poll', resultsVisible: false, blank: false, presenterNotes: false },
      answering: [{ activityId: 'poll', status: 'open' }],
      events: [
        { activityId: 'poll', event: 'answering:open' },
        { activityId: 'poll', event: 'shown' },
      ],
    });
    expect(state.live()).toMatchObject({ currentActivityId: null, resultsVisible: true, answering: { poll: 'idle' } });
    state.apply(change);
    expect(state.live()).toMatchObject({ currentActivityId: 'poll', resultsVisible: false, answering: { poll: 'open' } });
  });

  it('goto keeps a closed question closed, and results shown when staying put', () => {
    const state = makeState({ currentActivityId: 'axes', resultsVisible: true });
    expect(state.goto('axes')).toEqual({
      live: { currentActivityId: 'axes', resultsVisible: true, blank: false, presenterNotes: false },
      answering: [],
      events: [],
    });
    expect(state.goto(null)).toEqual({
      live: { currentActivityId: null, resultsVisible: false, blank: false, presenterNotes: false },
      answering: [],
      events: [],
    });
    expect(codeOf(() => state.goto('missing'))).toBe('ACTIVITY_NOT_FOUND');
  });

  it('setAnswering changes only questions, and nothing when the status is already so', () => {
    const state = makeState();
    expect(state.setAnswering('axes', true)).toEqual({
      answering: [{ activityId: 'axes', status: 'open' }],
      events: [{ activityId: 'axes', event: 'answering:open' }],
    });
    expect(state.setAnswering('poll', true)).toEqual({});
    expect(codeOf(() => state.setAnswering('intro', true))).toBe('NOT_ANSWERABLE');
    expect(codeOf(() => state.setAnswering('missing', true))).toBe('ACTIVITY_NOT_FOUND');
  });

  it('setDisplay changes what it is given and keeps the rest', () => {
    const state = makeState({ currentActivityId: 'poll', blank: true });
    expect(state.setDisplay({ resultsVisible: true })).toEqual({
      live: { currentActivityId: 'poll', resultsVisible: true, blank: true, presenterNotes: false },
    });
    expect(state.setDisplay({ blank: false })).toEqual({
      live: { currentActivityId: 'poll', resultsVisible: false, blank: false, presenterNotes: false },
    });
    expect(state.setDisplay({ presenterNotes: true })).toEqual({
      live: { currentActivityId: 'poll', resultsVisible: false, blank: true, presenterNotes: true },
    });
  });

  it('hideAnswer needs an open question and an answer of it that exists', () => {
    const state = makeOpenState();
    state.recordAnswer('ideas', 'p1', say('Salud mental'));
    const id = openAnswerId('p1', 'Salud mental');
    expect(state.hideAnswer('ideas', id, true)).toEqual({ moderation: { activityId: 'ideas', answerId: id, hidden: true } });
    expect(codeOf(() => state.hideAnswer('ideas', openAnswerId('p2', 'nada'), true))).toBe('NOT_FOUND');
    expect(codeOf(() => state.hideAnswer('poll', 'a', true))).toBe('NOT_ANSWERABLE');
    // A refused hiding is not remembered: the text arriving later is shown.
    state.recordAnswer('ideas', 'p2', say('nada'));
    expect(asOpen(state.publicResultsOf('ideas')).answers.map((a) => a.text)).toEqual(['nada', 'Salud mental']);
  });

  it('close closes the questions still open and ends the session; every control is then refused', () => {
    const state = makeState();
    const change = state.close();
    expect(change).toEqual({
      answering: [{ activityId: 'poll', status: 'closed' }],
      events: [{ activityId: 'poll', event: 'answering:closed' }],
      closed: true,
    });
    state.apply(change);
    expect(state.live()).toMatchObject({ status: 'closed', answering: { poll: 'closed' } });
    for (const control of [
      () => state.goto('poll'),
      () => state.setDisplay({ blank: true, presenterNotes: false }),
      () => state.close(),
      () => state.editAgenda([...state.agenda]),
    ]) {
      expect(codeOf(control)).toBe('SESSION_CLOSED');
    }
  });

  it('editAgenda keeps a synthesis after a breakout, and goes back to the join screen if the activity shown is gone', () => {
    const state = makeState({ currentActivityId: 'axes', resultsVisible: true });
    const [intro, poll] = state.agenda;
    expect(state.editAgenda([intro!, poll!])).toEqual({
      agenda: [intro, poll],
      live: { currentActivityId: null, resultsVisible: true, blank: false, presenterNotes: false },
    });
    expect(state.editAgenda([...state.agenda].reverse())).toEqual({ agenda: [...state.agenda].reverse() });
    expect(codeOf(() => state.editAgenda([synthesis('s'), ...state.agenda]))).toBe('INVALID_STATE');
  });

  it('counts a participant whose join was stored', () => {
    const state = makeState({ participantCount: 4 });
    state.participantJoined();
    expect(state.participantCount).toBe(5);
  });
});

describe('SessionState.agendaFor: presenter notes reach only facilitator screens', () => {
  const noted = { ...choice('poll', ['a', 'b']), notes: 'Comentar que «Nada» va sola.' };
  const agenda = [
    { activity: content('intro'), answering: 'idle' as const },
    { activity: noted, answering: 'open' as const },
  ];

  it('gives the console the notes, and never a phone', () => {
    const state = makeState({ agenda, presenterNotes: true });
    expect(state.agendaFor('console')[1]).toEqual(noted);
    expect(state.agendaFor('participant')[1]).not.toHaveProperty('notes');
    expect(state.agendaFor('participant')[1]).toEqual(choice('poll', ['a', 'b']));
  });

  it('gives the presenter screen the notes only while the facilitator asks for them', () => {
    const state = makeState({ agenda });
    expect(state.agendaFor('presenter')[1]).not.toHaveProperty('notes');
    state.apply(state.setDisplay({ presenterNotes: true }));
    expect(state.agendaFor('presenter')[1]).toEqual(noted);
  });
});
