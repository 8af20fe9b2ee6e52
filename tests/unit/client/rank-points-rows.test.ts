import { describe, expect, it } from 'vitest';
import { pointsRows } from '../../../client/src/lib/points-rows.ts';
import { rankPointsComparison } from '../../../client/src/lib/rank-points-numbers.ts';
import { rankingRows } from '../../../client/src/lib/ranking-rows.ts';
import type { PointsResults, RankingResults } from '../../../shared/types.ts';
import { points, ranking } from '../fixtures.ts';

const rankingResults: RankingResults = {
  kind: 'ranking',
  respondents: 4,
  items: {
    a: { positions: [1, 1, 2], meanPosition: 2.25 },
    b: { positions: [3, 1, 0], meanPosition: 1.25 },
    c: { positions: [0, 2, 2], meanPosition: 2.5 },
  },
};
const pointsResults: PointsResults = {
  kind: 'points',
  respondents: 2,
  budget: 100,
  items: { a: { mean: 25, distribution: [1, 0, 1, 0, 0] }, b: { mean: 75, distribution: [0, 0, 1, 0, 1] } },
};

describe('a ranking’s board rows', () => {
  it('list the items best first, the bar full at place 1 and empty at the last, with the share put first', () => {
    const rows = rankingRows(ranking('r', ['a', 'b', 'c']), rankingResults);
    expect(rows.map((row) => [row.id, row.rank, row.firstPercent])).toEqual([
      ['b', 1, 75],
      ['a', 2, 25],
      ['c', 3, 0],
    ]);
    expect(rows[0]!.bar).toBeCloseTo(((4 - 1.25) / 3) * 100, 10);
  });

  it('keep agenda order and no figures before results are shown', () => {
    const rows = rankingRows(ranking('r', ['a', 'b', 'c']), null);
    expect(rows.map((row) => [row.id, row.meanPosition, row.bar])).toEqual([
      ['a', null, 0],
      ['b', null, 0],
      ['c', null, 0],
    ]);
  });
});

describe('a points question’s board rows', () => {
  it('list the items with most points first, the leader filling the bar, the spread as shares of respondents', () => {
    const rows = pointsRows(points('p', ['a', 'b']), pointsResults);
    expect(rows.map((row) => [row.id, row.mean, row.bar])).toEqual([
      ['b', 75, 100],
      ['a', 25, (25 / 75) * 100],
    ]);
    expect(rows[1]!.spread).toEqual([50, 0, 50, 0, 0]);
  });
});

describe('a sala’s ranking and points beside the room’s', () => {
  it('gives the means of both, and none of the sala when suppressed', () => {
    const activity = ranking('r', ['a', 'b', 'c']);
    const shown = rankPointsComparison(activity, rankingResults, { suppressed: false, results: rankingResults });
    expect(shown.rows.map((row) => [row.id, row.sala, row.room])).toEqual([
      ['a', 2.25, 2.25],
      ['b', 1.25, 1.25],
      ['c', 2.5, 2.5],
    ]);
    const hidden = rankPointsComparison(points('p', ['a', 'b']), pointsResults, { suppressed: true, results: null });
    expect(hidden).toMatchObject({ suppressed: true, salaRespondents: null, roomRespondents: 2 });
    expect(hidden.rows.map((row) => [row.sala, row.room])).toEqual([
      [null, 25],
      [null, 75],
    ]);
  });
});
