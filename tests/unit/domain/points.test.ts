import { describe, expect, it } from 'vitest';
import { assertEditKeepsAnswers } from '../../../server/domain/agenda-edit.ts';
import { createTally, replaceAnswer, toResults } from '../../../server/domain/tallies.ts';
import { AppError } from '../../../shared/errors.ts';
import { pointsComplete, setItemPoints } from '../../../shared/points.ts';
import type { AnswerValue, PointsActivity, PointsResults } from '../../../shared/types.ts';
import { points } from '../fixtures.ts';
import { refusal } from './support/refusal.ts';

const split = (values: Record<string, number>): AnswerValue => ({ kind: 'points', points: values });

function results(activity: PointsActivity, answers: AnswerValue[]): PointsResults {
  const tally = createTally(activity);
  for (const answer of answers) replaceAnswer(tally, undefined, answer);
  const out = toResults(tally);
  if (out.kind !== 'points') throw new Error('expected points results');
  return out;
}

describe('points answers', () => {
  const whole = points('p', ['a', 'b', 'c']);
  const under = points('p2', ['a', 'b'], 10, true);

  it('accept the whole budget (items left out have 0), and with allowUnder at most it', () => {
    expect(refusal(whole, split({ a: 60, b: 40 }))).toBeNull();
    expect(refusal(whole, split({ a: 100, b: 0, c: 0 }))).toBeNull();
    expect(refusal(under, split({ a: 3 }))).toBeNull();
    expect(refusal(under, split({ a: 4, b: 6 }))).toBeNull();
  });

  it.each([
    ['less than the budget', whole, split({ a: 50, b: 49 })],
    ['more than the budget', whole, split({ a: 60, b: 41 })],
    ['nothing', whole, split({})],
    ['an unknown item', whole, split({ a: 50, x: 50 })],
    ['more than the budget with allowUnder', under, split({ a: 6, b: 5 })],
    ['nothing with allowUnder', under, split({ a: 0 })],
  ])('refuse %s with VALIDATION_FAILED at /value/points', (_name, activity, value) => {
    expect(refusal(activity, value)).toEqual({ code: 'VALIDATION_FAILED', path: '/value/points' });
  });
});

describe('points tallies', () => {
  it('give each item its mean over every respondent and spread people over shares of the budget', () => {
    const out = results(points('p', ['a', 'b', 'c']), [split({ a: 100 }), split({ a: 50, b: 50 }), split({ a: 20, b: 30, c: 50 })]);
    expect(out).toEqual({
      kind: 'points',
      respondents: 3,
      budget: 100,
      items: {
        // 0 · ≤25 % · ≤50 % · ≤75 % · ≤100 %
        a: { mean: 56.67, distribution: [0, 1, 1, 0, 1] },
        b: { mean: 26.67, distribution: [1, 0, 2, 0, 0] },
        c: { mean: 16.67, distribution: [2, 0, 1, 0, 0] },
      },
    });
  });

  it('replace a changed answer exactly', () => {
    const activity = points('p', ['a', 'b']);
    const tally = createTally(activity);
    replaceAnswer(tally, undefined, split({ a: 100 }));
    replaceAnswer(tally, split({ a: 100 }), split({ a: 30, b: 70 }));
    expect(toResults(tally)).toEqual({
      kind: 'points',
      respondents: 1,
      budget: 100,
      items: { a: { mean: 30, distribution: [0, 0, 1, 0, 0] }, b: { mean: 70, distribution: [0, 0, 0, 1, 0] } },
    });
  });
});

describe('setting points on the phone', () => {
  const activity = points('p', ['a', 'b', 'c']);

  it('never goes over the budget nor under 0', () => {
    expect(setItemPoints(activity, { a: 80 }, 'b', 50)).toEqual({ a: 80, b: 20 });
    expect(setItemPoints(activity, { a: 80 }, 'a', 120)).toEqual({ a: 100 });
    expect(setItemPoints(activity, { a: 80 }, 'a', -5)).toEqual({ a: 0 });
  });

  it('is complete with the whole budget, or with some of it under allowUnder', () => {
    expect(pointsComplete(activity, { a: 50, b: 50 })).toBe(true);
    expect(pointsComplete(activity, { a: 50 })).toBe(false);
    expect(pointsComplete(points('p', ['a', 'b'], 100, true), { a: 50 })).toBe(true);
    expect(pointsComplete(points('p', ['a', 'b'], 100, true), {})).toBe(false);
  });
});

describe('editing an answered points question', () => {
  const before = points('p', ['a', 'b']);
  const answered = results(before, [split({ a: 100 })]);

  it('refuses another budget, other items or another rule', () => {
    expect(() => assertEditKeepsAnswers(before, { ...before, budget: 50 }, answered)).toThrow(AppError);
    expect(() => assertEditKeepsAnswers(before, { ...before, items: [...before.items, { id: 'c', label: 'C' }] }, answered)).toThrow(
      AppError,
    );
    expect(() => assertEditKeepsAnswers(before, { ...before, allowUnder: true }, answered)).toThrow(AppError);
    expect(() => assertEditKeepsAnswers(before, { ...before, title: 'Nuevo título' }, answered)).not.toThrow();
  });
});
