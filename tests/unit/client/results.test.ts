import { describe, expect, it } from 'vitest';
import { choiceRows, ratingRows } from '../../../client/src/lib/results.ts';
import type { ChoiceResults, RatingResults } from '../../../shared/types.ts';
import { choice, rating } from '../fixtures.ts';

function choiceResults(respondents: number, counts: Record<string, number>): ChoiceResults {
  return { kind: 'choice', respondents, counts };
}

describe('choiceRows', () => {
  it('lists every option in agenda order with zeros before any result arrives', () => {
    expect(choiceRows(choice('q1', ['a', 'b', 'c']), null)).toEqual([
      { id: 'a', label: 'Opción a', count: 0, percent: 0 },
      { id: 'b', label: 'Opción b', count: 0, percent: 0 },
      { id: 'c', label: 'Opción c', count: 0, percent: 0 },
    ]);
  });

  it('shows 0% rather than NaN when nobody has answered yet', () => {
    const rows = choiceRows(choice('q1', ['a', 'b']), choiceResults(0, {}));
    expect(rows.map((row) => row.percent)).toEqual([0, 0]);
    expect(rows.map((row) => row.count)).toEqual([0, 0]);
  });

  it('gives each option its share of respondents', () => {
    // 8 respondents: 3/8 = 37.5%, 5/8 = 62.5%.
    const rows = choiceRows(choice('q1', ['a', 'b']), choiceResults(8, { a: 3, b: 5 }));
    expect(rows.map((row) => [row.count, row.percent])).toEqual([
      [3, 37.5],
      [5, 62.5],
    ]);
  });

  it('keeps the exact share for thirds (rounding is left to the display)', () => {
    const rows = choiceRows(choice('q1', ['a', 'b', 'c']), choiceResults(3, { a: 1, b: 2 }));
    expect(rows[0]?.percent).toBeCloseTo(33.333, 3);
    expect(rows[1]?.percent).toBeCloseTo(66.667, 3);
    expect(rows[2]?.percent).toBe(0);
  });

  it('measures multiple choice against respondents, so shares may add up to more than 100', () => {
    // 4 people, all ticked a, three ticked b too.
    const rows = choiceRows(choice('q1', ['a', 'b'], true), choiceResults(4, { a: 4, b: 3 }));
    expect(rows.map((row) => row.percent)).toEqual([100, 75]);
  });

  it('follows the agenda order, not the order of the counts, and ignores counts of unknown options', () => {
    const rows = choiceRows(choice('q1', ['x', 'y', 'z']), choiceResults(10, { z: 5, gone: 7, x: 2 }));
    expect(rows.map((row) => [row.id, row.count, row.percent])).toEqual([
      ['x', 2, 20],
      ['y', 0, 0],
      ['z', 5, 50],
    ]);
  });
});

function ratingResults(items: RatingResults['items']): RatingResults {
  return { kind: 'rating', respondents: 4, items };
}

describe('ratingRows', () => {
  it('lists every item with empty counts and no mean before any result arrives', () => {
    expect(ratingRows(rating('r1', ['i1', 'i2']), null)).toEqual([
      { id: 'i1', label: 'Ítem i1', counts: [0, 0, 0, 0, 0], percents: [0, 0, 0, 0, 0], n: 0, mean: null },
      { id: 'i2', label: 'Ítem i2', counts: [0, 0, 0, 0, 0], percents: [0, 0, 0, 0, 0], n: 0, mean: null },
    ]);
  });

  it("gives each value its share of the item's ratings and keeps the server's mean", () => {
    // One 1, two 3s, one 5: n = 4, mean (1 + 6 + 5) / 4 = 3.
    const rows = ratingRows(rating('r1', ['i1']), ratingResults({ i1: { counts: [1, 0, 2, 0, 1], n: 4, mean: 3 } }));
    expect(rows).toEqual([{ id: 'i1', label: 'Ítem i1', counts: [1, 0, 2, 0, 1], percents: [25, 0, 50, 0, 25], n: 4, mean: 3 }]);
  });

  it("measures each item against its own ratings, not the activity's respondents", () => {
    // 4 respondents, but only 2 rated i2 (a 4 and a 5): 50% each.
    const rows = ratingRows(
      rating('r1', ['i1', 'i2']),
      ratingResults({ i1: { counts: [0, 0, 0, 4, 0], n: 4, mean: 4 }, i2: { counts: [0, 0, 0, 1, 1], n: 2, mean: 4.5 } }),
    );
    expect(rows[1]?.percents).toEqual([0, 0, 0, 50, 50]);
    expect(rows[1]?.mean).toBe(4.5);
  });

  it('shows an item nobody rated as zeros with no mean, without NaN', () => {
    const rows = ratingRows(rating('r1', ['i1', 'i2']), ratingResults({ i1: { counts: [0, 0, 0, 0, 0], n: 0, mean: null } }));
    for (const row of rows) {
      expect(row.percents).toEqual([0, 0, 0, 0, 0]);
      expect(row.n).toBe(0);
      expect(row.mean).toBeNull();
    }
  });

  it('keeps exact thirds for an item rated three times', () => {
    const rows = ratingRows(rating('r1', ['i1']), ratingResults({ i1: { counts: [1, 1, 1, 0, 0], n: 3, mean: 2 } }));
    const percents = rows[0]?.percents ?? [];
    expect(percents[0]).toBeCloseTo(33.333, 3);
    expect(percents[1]).toBeCloseTo(33.333, 3);
    expect(percents[2]).toBeCloseTo(33.333, 3);
    expect(percents[3]).toBe(0);
  });

  it('follows the agenda order of items', () => {
    const rows = ratingRows(
      rating('r1', ['b', 'a']),
      ratingResults({ a: { counts: [0, 0, 0, 0, 1], n: 1, mean: 5 }, b: { counts: [1, 0, 0, 0, 0], n: 1, mean: 1 } }),
    );
    expect(rows.map((row) => [row.id, row.mean])).toEqual([
      ['b', 1],
      ['a', 5],
    ]);
  });

  it('does not share its counts array with the aggregate it was given', () => {
    const results = ratingResults({ i1: { counts: [0, 1, 0, 0, 0], n: 1, mean: 2 } });
    const rows = ratingRows(rating('r1', ['i1']), results);
    rows[0]?.counts.fill(9);
    expect(results.items['i1']?.counts).toEqual([0, 1, 0, 0, 0]);
  });
});
