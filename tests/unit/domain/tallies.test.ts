import { describe, expect, it } from 'vitest';
import { createTally, replaceAnswer, toResults, type Tally } from '../../../server/domain/tallies.ts';
import type { AnswerValue, ChoiceResults, RatingResults } from '../../../shared/types.ts';
import { choice, rating } from '../fixtures.ts';

const pick = (...optionIds: string[]): AnswerValue => ({ kind: 'choice', optionIds });
const rate = (ratings: Record<string, number>): AnswerValue => ({ kind: 'rating', ratings });

function choiceResults(tally: Tally): ChoiceResults {
  const results = toResults(tally);
  if (results.kind !== 'choice') throw new Error('expected choice results');
  return results;
}

function ratingResults(tally: Tally): RatingResults {
  const results = toResults(tally);
  if (results.kind !== 'rating') throw new Error('expected rating results');
  return results;
}

describe('choice tallies', () => {
  it('start with every option at zero and no respondents', () => {
    const tally = createTally(choice('q', ['a', 'b', 'c']));
    expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 0, counts: { a: 0, b: 0, c: 0 } });
  });

  it('count one respondent per answer and one vote per chosen option', () => {
    const tally = createTally(choice('q', ['a', 'b']));
    replaceAnswer(tally, undefined, pick('a'));
    replaceAnswer(tally, undefined, pick('a'));
    replaceAnswer(tally, undefined, pick('b'));
    expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 3, counts: { a: 2, b: 1 } });
  });

  it('count each option of a multiple-choice answer, with the person counted once', () => {
    const tally = createTally(choice('q', ['a', 'b', 'c'], true));
    replaceAnswer(tally, undefined, pick('a', 'c'));
    replaceAnswer(tally, undefined, pick('a', 'b', 'c'));
    expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 2, counts: { a: 2, b: 1, c: 2 } });
  });

  it('move the vote when a participant changes their answer, keeping one respondent', () => {
    const tally = createTally(choice('q', ['a', 'b']));
    const first = pick('a');
    replaceAnswer(tally, undefined, first);
    const second = pick('b');
    replaceAnswer(tally, first, second);
    expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 1, counts: { a: 0, b: 1 } });
    replaceAnswer(tally, second, pick('a'));
    expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 1, counts: { a: 1, b: 0 } });
  });

  it('move only the options that changed in a multiple-choice answer', () => {
    const tally = createTally(choice('q', ['a', 'b', 'c'], true));
    const before = pick('a', 'b');
    replaceAnswer(tally, undefined, before);
    replaceAnswer(tally, undefined, pick('b'));
    replaceAnswer(tally, before, pick('b', 'c'));
    expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 2, counts: { a: 0, b: 2, c: 1 } });
  });

  it('ignore option ids the question does not have', () => {
    const tally = createTally(choice('q', ['a', 'b']));
    replaceAnswer(tally, undefined, pick('zzz'));
    expect(choiceResults(tally).counts).toEqual({ a: 0, b: 0 });
  });

  it('return plain objects that do not change when the tally moves on', () => {
    const tally = createTally(choice('q', ['a', 'b']));
    const snapshot = choiceResults(tally);
    replaceAnswer(tally, undefined, pick('a'));
    expect(snapshot).toEqual({ kind: 'choice', respondents: 0, counts: { a: 0, b: 0 } });
  });
});

describe('rating tallies', () => {
  it('start with empty counts, n 0 and no mean for every item', () => {
    const tally = createTally(rating('q', ['x', 'y']));
    expect(ratingResults(tally)).toEqual({
      kind: 'rating',
      respondents: 0,
      items: {
        x: { counts: [0, 0, 0, 0, 0], n: 0, mean: null },
        y: { counts: [0, 0, 0, 0, 0], n: 0, mean: null },
      },
    });
  });

  it('put each rating in its 1–5 bucket (counts[0] is the 1s, counts[4] the 5s)', () => {
    const tally = createTally(rating('q', ['x']));
    for (const value of [1, 2, 2, 5, 5, 5]) replaceAnswer(tally, undefined, rate({ x: value }));
    expect(ratingResults(tally).items.x?.counts).toEqual([1, 2, 0, 0, 3]);
  });

  it('round means to two decimals', () => {
    const tally = createTally(rating('q', ['x', 'y']));
    // x: 1, 2, 2 → 5/3 = 1.666… → 1.67; y: 4, 4, 5 → 13/3 = 4.333… → 4.33
    replaceAnswer(tally, undefined, rate({ x: 1, y: 4 }));
    replaceAnswer(tally, undefined, rate({ x: 2, y: 4 }));
    replaceAnswer(tally, undefined, rate({ x: 2, y: 5 }));
    const { items } = ratingResults(tally);
    expect(items.x?.mean).toBe(1.67);
    expect(items.y?.mean).toBe(4.33);
  });

  it('count in n only the people who rated that item, skipped items left out of the mean', () => {
    const tally = createTally(rating('q', ['x', 'y', 'z']));
    replaceAnswer(tally, undefined, rate({ x: 5, y: 1 }));
    replaceAnswer(tally, undefined, rate({ x: 3 }));
    const results = ratingResults(tally);
    expect(results.respondents).toBe(2);
    expect(results.items.x).toEqual({ counts: [0, 0, 1, 0, 1], n: 2, mean: 4 });
    expect(results.items.y).toEqual({ counts: [1, 0, 0, 0, 0], n: 1, mean: 1 });
    expect(results.items.z).toEqual({ counts: [0, 0, 0, 0, 0], n: 0, mean: null });
  });

  it('move counts and means when a participant changes their ratings, keeping one respondent', () => {
    const tally = createTally(rating('q', ['x', 'y']));
    const first = rate({ x: 1, y: 2 });
    replaceAnswer(tally, undefined, first);
    replaceAnswer(tally, first, rate({ x: 4 }));
    expect(ratingResults(tally)).toEqual({
      kind: 'rating',
      respondents: 1,
      items: {
        x: { counts: [0, 0, 0, 1, 0], n: 1, mean: 4 },
        y: { counts: [0, 0, 0, 0, 0], n: 0, mean: null },
      },
    });
  });

  it('ignore item ids the question does not have', () => {
    const tally = createTally(rating('q', ['x']));
    replaceAnswer(tally, undefined, rate({ other: 5, x: 2 }));
    expect(Object.keys(ratingResults(tally).items)).toEqual(['x']);
    expect(ratingResults(tally).items.x).toEqual({ counts: [0, 1, 0, 0, 0], n: 1, mean: 2 });
  });
});
