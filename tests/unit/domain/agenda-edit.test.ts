import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import type { Activity, ActivityResults, ChoiceActivity } from '../../../shared/types.ts';
import {
  assertAgendaConsistent,
  assertDeleteAllowed,
  assertEditKeepsAnswers,
  assertUpdateAllowed,
  duplicateOf,
  insertAt,
  moveTo,
  removeFrom,
  replaceIn,
} from '../../../server/domain/agenda-edit.ts';
import { breakout, synthesis } from '../fixtures.ts';

const slide = (id: string): Activity => ({ id, kind: 'content', title: `Lámina ${id}`, bullets: [] });
const choice = (id: string, multiple = false): ChoiceActivity => ({
  id,
  kind: 'choice',
  title: '¿?',
  multiple,
  options: [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
  ],
});
const ids = (agenda: readonly Activity[]) => agenda.map((a) => a.id);
const codeOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
};
const agenda = [slide('1'), slide('2'), slide('3'), slide('4')];

describe('agenda operations', () => {
  it('inserts at an index, clamped to the ends', () => {
    expect(ids(insertAt(agenda, 2, slide('x')))).toEqual(['1', '2', 'x', '3', '4']);
    expect(ids(insertAt(agenda, 0, slide('x')))).toEqual(['x', '1', '2', '3', '4']);
    expect(ids(insertAt(agenda, 99, slide('x')))).toEqual(['1', '2', '3', '4', 'x']);
    expect(ids(agenda)).toEqual(['1', '2', '3', '4']); // the original is untouched
  });

  it('moves forward and backward, keeping every other activity in order', () => {
    expect(ids(moveTo(agenda, '1', 2))).toEqual(['2', '3', '1', '4']);
    expect(ids(moveTo(agenda, '4', 0))).toEqual(['4', '1', '2', '3']);
    expect(ids(moveTo(agenda, '2', 99))).toEqual(['1', '3', '4', '2']);
    expect(codeOf(() => moveTo(agenda, 'nope', 0))).toBe('ACTIVITY_NOT_FOUND');
  });

  it('removes and, with the index it returns, undoes exactly', () => {
    const { agenda: without, index, removed } = removeFrom(agenda, '3');
    expect(ids(without)).toEqual(['1', '2', '4']);
    expect(index).toBe(2);
    expect(insertAt(without, index, removed)).toEqual(agenda);
  });

  it('duplicates right after the original with a new id and the same content', () => {
    const { agenda: next, copy } = duplicateOf([choice('q'), slide('s')], 'q', 'q2');
    expect(ids(next)).toEqual(['q', 'q2', 's']);
    expect(copy).toEqual({ ...choice('q'), id: 'q2' });
  });

  it('replaces by id only', () => {
    expect(replaceIn(agenda, { ...slide('2'), title: 'Nueva' })[1]!.title).toBe('Nueva');
    expect(codeOf(() => replaceIn(agenda, slide('9')))).toBe('ACTIVITY_NOT_FOUND');
  });

  it('requires a breakout before every synthesis', () => {
    const breakout = {
      id: 'b',
      kind: 'breakout',
      title: 'Salas',
      instructions: [],
      sizing: { by: 'count', count: 2 },
      mode: 'random',
      questions: [],
      discussionSeconds: 60,
      returnSeconds: 10,
    } as Activity;
    const synthesis = { id: 'y', kind: 'synthesis', title: 'Síntesis', seconds: 300 } as Activity;
    expect(codeOf(() => assertAgendaConsistent([breakout, slide('1'), synthesis]))).toBeNull();
    expect(codeOf(() => assertAgendaConsistent([synthesis, breakout]))).toBe('INVALID_STATE');
  });
});

describe('edits that would corrupt answers', () => {
  const voted = (counts: Record<string, number>, respondents: number): ActivityResults => ({ kind: 'choice', respondents, counts });

  it('allows anything while nobody answered', () => {
    expect(codeOf(() => assertEditKeepsAnswers(choice('q'), slide('q'), voted({ a: 0, b: 0 }, 0)))).toBeNull();
  });

  it('refuses removing an option with votes, but allows removing one without', () => {
    const onlyB = {
      ...choice('q'),
      options: [
        { id: 'b', label: 'B' },
        { id: 'c', label: 'C' },
      ],
    };
    expect(codeOf(() => assertEditKeepsAnswers(choice('q'), onlyB, voted({ a: 1, b: 0 }, 1)))).toBe('INVALID_STATE');
    expect(codeOf(() => assertEditKeepsAnswers(choice('q'), onlyB, voted({ a: 0, b: 2 }, 2)))).toBeNull();
  });

  it('refuses another kind, and multiple → single once someone chose several', () => {
    expect(codeOf(() => assertEditKeepsAnswers(choice('q'), slide('q'), voted({ a: 1, b: 0 }, 1)))).toBe('INVALID_STATE');
    expect(codeOf(() => assertEditKeepsAnswers(choice('q', true), choice('q', false), voted({ a: 1, b: 1 }, 1)))).toBe('INVALID_STATE');
    expect(codeOf(() => assertEditKeepsAnswers(choice('q', true), choice('q', false), voted({ a: 1, b: 1 }, 2)))).toBeNull();
  });

  it('refuses making an option exclusive that someone chose with another, and allows it otherwise', () => {
    const before = choice('q', true);
    const aAlone = {
      ...before,
      options: [
        { id: 'a', label: 'A', exclusive: true },
        { id: 'b', label: 'B' },
      ],
    };
    const both = [{ kind: 'choice' as const, optionIds: ['a', 'b'] }];
    const apart = [
      { kind: 'choice' as const, optionIds: ['a'] },
      { kind: 'choice' as const, optionIds: ['b'] },
    ];
    expect(codeOf(() => assertEditKeepsAnswers(before, aAlone, voted({ a: 1, b: 1 }, 1), both))).toBe('INVALID_STATE');
    expect(codeOf(() => assertEditKeepsAnswers(before, aAlone, voted({ a: 1, b: 1 }, 2), apart))).toBeNull();
  });
});

describe('what may change once a breakout or synthesis has started', () => {
  it('a started breakout keeps how it groups and its kind; its wording may change', () => {
    const before = breakout('b', { sizing: { by: 'count', count: 4 }, mode: 'random' });
    expect(codeOf(() => assertUpdateAllowed(before, { ...before, title: 'Conversación', discussionSeconds: 600 }, null, true))).toBeNull();
    expect(codeOf(() => assertUpdateAllowed(before, { ...before, sizing: { by: 'size', size: 5 } }, null, true))).toBe('INVALID_STATE');
    expect(codeOf(() => assertUpdateAllowed(before, { ...before, mode: 'self' }, null, true))).toBe('INVALID_STATE');
    expect(codeOf(() => assertUpdateAllowed(before, slide('b'), null, true))).toBe('INVALID_STATE');
  });

  it('before it starts, anything goes that keeps the answers', () => {
    const before = breakout('b');
    expect(codeOf(() => assertUpdateAllowed(before, { ...before, mode: 'self' }, null, false))).toBeNull();
    expect(codeOf(() => assertUpdateAllowed(synthesis('s'), slide('s'), null, false))).toBeNull();
    expect(
      codeOf(() => assertUpdateAllowed(choice('q'), slide('q'), { kind: 'choice', respondents: 1, counts: { a: 1, b: 0 } }, false)),
    ).toBe('INVALID_STATE');
  });

  it('a started activity, or the one on screen, cannot be deleted', () => {
    expect(codeOf(() => assertDeleteAllowed('s', true, null))).toBe('INVALID_STATE');
    expect(codeOf(() => assertDeleteAllowed('q', false, 'q'))).toBe('INVALID_STATE');
    expect(codeOf(() => assertDeleteAllowed('q', false, 'other'))).toBeNull();
  });
});
