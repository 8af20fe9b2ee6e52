import { describe, expect, it } from 'vitest';
import { assertEditKeepsAnswers } from '../../../server/domain/agenda-edit.ts';
import { createTally, replaceAnswer, toResults } from '../../../server/domain/tallies.ts';
import { AppError } from '../../../shared/errors.ts';
import { moveItem } from '../../../shared/ranking.ts';
import type { AnswerValue, RankingActivity, RankingResults } from '../../../shared/types.ts';
import { ranking } from '../fixtures.ts';
import { refusal } from './support/refusal.ts';

const order = (...ids: string[]): AnswerValue => ({ kind: 'ranking', order: ids });

function results(activity: RankingActivity, answers: AnswerValue[]): RankingResults {
  const tally = createTally(activity);
  for (const answer of answers) replaceAnswer(tally, undefined, answer);
  const out = toResults(tally);
  if (out.kind !== 'ranking') throw new Error('expected ranking results');
  return out;
}

describe('ranking answers', () => {
  const all = ranking('r', ['a', 'b', 'c']);
  const top2 = ranking('r2', ['a', 'b', 'c', 'd'], 2);

  it('accept every item once, in any order, and only the first K with rankTop', () => {
    expect(refusal(all, order('c', 'a', 'b'))).toBeNull();
    expect(refusal(top2, order('d', 'a'))).toBeNull();
  });

  it.each([
    ['too few items', all, order('a', 'b')],
    ['too many items for rankTop', top2, order('a', 'b', 'c')],
    ['too few for rankTop', top2, order('a')],
    ['an item twice', all, order('a', 'a', 'b')],
    ['an unknown item', all, order('a', 'b', 'x')],
  ])('refuse %s with VALIDATION_FAILED at /value/order', (_name, activity, value) => {
    expect(refusal(activity, value)).toEqual({ code: 'VALIDATION_FAILED', path: '/value/order' });
  });

  it('refuse an answer of another kind', () => {
    expect(refusal(all, { kind: 'rating', ratings: { a: 3 } })?.code).toBe('INVALID_ANSWER');
  });
});

describe('ranking tallies', () => {
  it('start with no respondents, zero counts per place and no mean', () => {
    expect(results(ranking('r', ['a', 'b']), [])).toEqual({
      kind: 'ranking',
      respondents: 0,
      items: { a: { positions: [0, 0], meanPosition: null }, b: { positions: [0, 0], meanPosition: null } },
    });
  });

  it('count each place and give the mean position', () => {
    const out = results(ranking('r', ['a', 'b', 'c']), [order('a', 'b', 'c'), order('a', 'c', 'b'), order('b', 'a', 'c')]);
    expect(out.respondents).toBe(3);
    expect(out.items.a).toEqual({ positions: [2, 1, 0], meanPosition: 1.33 });
    expect(out.items.b).toEqual({ positions: [1, 1, 1], meanPosition: 2 });
    expect(out.items.c).toEqual({ positions: [0, 1, 2], meanPosition: 2.67 });
  });

  it('count an item left out of a top-K answer as place K+1', () => {
    const out = results(ranking('r', ['a', 'b', 'c', 'd'], 2), [order('a', 'b'), order('c', 'a')]);
    // a: places 1 and 2 → 1.5; b: 2 and 3 (left out) → 2.5; c: 3 and 1 → 2; d: 3 and 3.
    expect(out.items.a?.meanPosition).toBe(1.5);
    expect(out.items.b?.meanPosition).toBe(2.5);
    expect(out.items.c?.meanPosition).toBe(2);
    expect(out.items.d).toEqual({ positions: [0, 0], meanPosition: 3 });
  });

  it('replace a changed answer exactly', () => {
    const activity = ranking('r', ['a', 'b']);
    const tally = createTally(activity);
    replaceAnswer(tally, undefined, order('a', 'b'));
    replaceAnswer(tally, order('a', 'b'), order('b', 'a'));
    expect(toResults(tally)).toEqual({
      kind: 'ranking',
      respondents: 1,
      items: { a: { positions: [0, 1], meanPosition: 2 }, b: { positions: [1, 0], meanPosition: 1 } },
    });
  });
});

describe('moving an item', () => {
  it('moves up, down and clamps at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 9)).toEqual(['a', 'b', 'c']);
  });
});

describe('editing an answered ranking', () => {
  const before = ranking('r', ['a', 'b', 'c']);
  const answered = results(before, [order('a', 'b', 'c')]);

  it('keeps new labels', () => {
    expect(() =>
      assertEditKeepsAnswers(before, { ...before, title: 'Otro', items: before.items.map((i) => ({ ...i, label: 'x' + i.id })) }, answered),
    ).not.toThrow();
  });

  it('refuses other items or another number of places', () => {
    expect(() => assertEditKeepsAnswers(before, { ...before, items: before.items.slice(0, 2) }, answered)).toThrow(AppError);
    expect(() => assertEditKeepsAnswers(before, { ...before, rankTop: 2 }, answered)).toThrow(AppError);
  });
});
