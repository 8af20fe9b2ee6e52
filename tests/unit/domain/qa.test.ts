import { describe, expect, it } from 'vitest';
import {
  applyQa,
  ask,
  askerOf,
  assertQaOpen,
  boardView,
  emptyQa,
  highlight,
  mineView,
  qaFigures,
  setAnswered,
  setStatus,
  vote,
  type QaChange,
  type QaState,
} from '../../../server/domain/qa.ts';
import { orderedQuestions, projectorQuestions, projectorView } from '../../../shared/qa.ts';
import type { QaActivity } from '../../../shared/types.ts';
import { codeOf } from '../app-error.ts';

function qa(overrides: Partial<QaActivity> = {}): QaActivity {
  return { id: 'qa', kind: 'qa', title: 'Preguntas', maxLength: 40, moderated: false, openAllSession: false, ...overrides };
}

/** Applies a decided change, as the service does after storing it. */
function done(state: QaState, change: QaChange | null): QaState {
  if (change) applyQa(state, change);
  return state;
}

let ids = 0;
function asked(state: QaState, participantId: string, text: string, at: number, activity = qa()): string {
  const id = `q${(ids += 1)}`;
  done(state, ask(state, activity, { id, participantId, clientId: `client-${id}`, text, authorName: null, now: at }));
  return id;
}

describe('when questions are taken', () => {
  it('takes them while the activity is on screen, and at any time when it is open all session', () => {
    expect(() => assertQaOpen(qa(), 'qa')).not.toThrow();
    expect(codeOf(() => assertQaOpen(qa(), 'other'))).toBe('ANSWERING_CLOSED');
    expect(codeOf(() => assertQaOpen(qa(), null))).toBe('ANSWERING_CLOSED');
    expect(() => assertQaOpen(qa({ openAllSession: true }), 'other')).not.toThrow();
    expect(() => assertQaOpen(qa({ openAllSession: true }), null)).not.toThrow();
  });
});

describe('asking', () => {
  it('stores the text trimmed, shown at once, or pending when the activity is moderated', () => {
    const state = emptyQa('qa');
    const change = ask(state, qa(), {
      id: 'a',
      participantId: 'p1',
      clientId: 'c1',
      text: '  ¿Habrá formación?  ',
      authorName: null,
      now: 5,
    });
    expect(change).toMatchObject({ kind: 'ask', question: { text: '¿Habrá formación?', status: 'shown', answered: false, askedAt: 5 } });
    const moderated = ask(state, qa({ moderated: true }), {
      id: 'b',
      participantId: 'p1',
      clientId: 'c2',
      text: 'x',
      authorName: 'Ana',
      now: 6,
    });
    expect(moderated).toMatchObject({ question: { status: 'pending', authorName: 'Ana' } });
  });

  it('refuses an empty or too long question as VALIDATION_FAILED', () => {
    const state = emptyQa('qa');
    const input = { id: 'a', participantId: 'p1', clientId: 'c1', authorName: null, now: 0 };
    expect(codeOf(() => ask(state, qa(), { ...input, text: '   ' }))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => ask(state, qa({ maxLength: 10 }), { ...input, text: 'x'.repeat(11) }))).toBe('VALIDATION_FAILED');
    expect(ask(state, qa({ maxLength: 10 }), { ...input, text: 'x'.repeat(10) })).not.toBeNull();
  });

  it('stores a retried question (same participant and client id) once', () => {
    const state = emptyQa('qa');
    const input = { id: 'a', participantId: 'p1', clientId: 'c1', text: '¿Sí?', authorName: null, now: 0 };
    done(state, ask(state, qa(), input));
    expect(ask(state, qa(), { ...input, id: 'b' })).toBeNull();
    // Another participant's client id may be the same: their question is their own.
    expect(ask(state, qa(), { ...input, id: 'c', participantId: 'p2' })).not.toBeNull();
  });
});

describe('votes', () => {
  it('counts one vote per person per question, withdrawable, repeats changing nothing', () => {
    const state = emptyQa('qa');
    const id = asked(state, 'author', '¿Cuándo?', 1);
    done(state, vote(state, 'p1', id, true));
    expect(vote(state, 'p1', id, true)).toBeNull();
    done(state, vote(state, 'p2', id, true));
    expect(boardView(state, 'participant').questions[0]!.votes).toBe(2);
    done(state, vote(state, 'p1', id, false));
    expect(vote(state, 'p1', id, false)).toBeNull();
    expect(boardView(state, 'participant').questions[0]!.votes).toBe(1);
    expect(mineView(state, 'p2').votedIds).toEqual([id]);
    expect(mineView(state, 'p1').votedIds).toEqual([]);
  });

  it("refuses a vote on one's own question, and on a question not shown", () => {
    const state = emptyQa('qa');
    const own = asked(state, 'p1', '¿Mía?', 1);
    expect(codeOf(() => vote(state, 'p1', own, true))).toBe('FORBIDDEN');
    const pending = asked(state, 'p2', '¿Pendiente?', 2, qa({ moderated: true }));
    expect(codeOf(() => vote(state, 'p1', pending, true))).toBe('NOT_FOUND');
    expect(codeOf(() => vote(state, 'p1', 'nope', true))).toBe('NOT_FOUND');
  });
});

describe('moderation', () => {
  it('shows a pending question once approved, hides it (taking it off the projector), and shows it again', () => {
    const state = emptyQa('qa');
    const id = asked(state, 'p1', '¿Aprobada?', 1, qa({ moderated: true }));
    expect(boardView(state, 'participant').questions).toEqual([]);
    expect(boardView(state, 'facilitator').questions.map((q) => q.status)).toEqual(['pending']);
    expect(codeOf(() => highlight(state, id))).toBe('INVALID_STATE');

    const approve = setStatus(state, id, 'shown')!;
    expect(askerOf(state, approve)).toBe('p1');
    done(state, approve);
    expect(boardView(state, 'participant').questions.map((q) => q.id)).toEqual([id]);
    done(state, highlight(state, id));
    expect(state.highlightedId).toBe(id);

    done(state, setStatus(state, id, 'hidden'));
    expect(boardView(state, 'participant').questions).toEqual([]);
    expect(state.highlightedId).toBeNull();
    expect(mineView(state, 'p1').questions.map((q) => q.status)).toEqual(['hidden']);
    expect(setStatus(state, id, 'hidden')).toBeNull();
  });

  it('marks a question answered and back; unknown questions are NOT_FOUND', () => {
    const state = emptyQa('qa');
    const id = asked(state, 'p1', '¿Respondida?', 1);
    done(state, setAnswered(state, id, true));
    expect(boardView(state, 'participant').questions[0]!.answered).toBe(true);
    expect(setAnswered(state, id, true)).toBeNull();
    done(state, setAnswered(state, id, false));
    expect(boardView(state, 'participant').questions[0]!.answered).toBe(false);
    expect(codeOf(() => setAnswered(state, 'nope', true))).toBe('NOT_FOUND');
    expect(codeOf(() => setStatus(state, 'nope', 'shown'))).toBe('NOT_FOUND');
  });

  it('puts one question on the projector at a time, and takes it off', () => {
    const state = emptyQa('qa');
    const a = asked(state, 'p1', 'A', 1);
    const b = asked(state, 'p2', 'B', 2);
    done(state, highlight(state, a));
    done(state, highlight(state, b));
    expect(state.highlightedId).toBe(b);
    expect(highlight(state, b)).toBeNull();
    done(state, highlight(state, null));
    expect(state.highlightedId).toBeNull();
  });
});

describe('order and report', () => {
  it('lists the top questions by votes, ties by time; recent ones newest first', () => {
    const state = emptyQa('qa');
    const first = asked(state, 'p1', 'Primera', 10);
    const second = asked(state, 'p2', 'Segunda', 20);
    const third = asked(state, 'p3', 'Tercera', 30);
    done(state, vote(state, 'p1', third, true));
    const board = boardView(state, 'participant');
    expect(projectorQuestions(board).map((q) => q.id)).toEqual([third, first, second]);
    expect(projectorQuestions(board, 2).map((q) => q.id)).toEqual([third, first]);
    expect(orderedQuestions(board.questions, 'recent').map((q) => q.id)).toEqual([third, second, first]);
  });

  it('projects the question put up first and at most three others, and the top ones when none is up or it was hidden', () => {
    const state = emptyQa('qa');
    const ids = [1, 2, 3, 4, 5].map((n) => asked(state, `p${n}`, `Pregunta ${n}`, n * 10));
    done(state, vote(state, 'p9', ids[4]!, true));
    expect(projectorView(boardView(state, 'participant'))).toEqual({
      highlighted: null,
      top: projectorQuestions(boardView(state, 'participant')),
    });
    done(state, highlight(state, ids[2]!));
    const up = projectorView(boardView(state, 'participant'));
    expect(up.highlighted?.id).toBe(ids[2]);
    expect(up.top.map((q) => q.id)).toEqual([ids[4], ids[0], ids[1]]);
    // A hidden question is off the projector even when it was put up.
    done(state, setStatus(state, ids[2]!, 'hidden'));
    const hidden = projectorView(boardView(state, 'participant'));
    expect(hidden.highlighted).toBeNull();
    expect(hidden.top.map((q) => q.id)).toEqual([ids[4], ids[0], ids[1], ids[3]]);
  });

  it('reports shown questions with votes and answered, and only counts hidden and pending ones', () => {
    const state = emptyQa('qa');
    const shown = asked(state, 'p1', '¿Visible?', 1);
    const hidden = asked(state, 'p2', 'Ofensiva', 2);
    asked(state, 'p2', '¿Esperando?', 3, qa({ moderated: true }));
    done(state, vote(state, 'p3', shown, true));
    done(state, setAnswered(state, shown, true));
    done(state, setStatus(state, hidden, 'hidden'));
    expect(qaFigures(state)).toEqual({
      questions: [{ text: '¿Visible?', votes: 1, answered: true }],
      hiddenCount: 1,
      pendingCount: 1,
      askers: 2,
    });
  });
});
