/**
 * A ranking's results shaped for its board: items best first (by mean position, ties in
 * agenda order), each with a bar length (100 for place 1 … 0 for never ranked) and the share
 * of respondents who put it first. Before results are shown: agenda order, no figures.
 */
import { rankedPlaces } from '../../../shared/ranking.ts';
import type { ActivityResults, RankingActivity } from '../../../shared/types.ts';

export interface RankingRow {
  id: string;
  label: string;
  /** 1-based place in the room's ranking. */
  rank: number;
  meanPosition: number | null;
  /** 0–100 of the track: the closer the mean position to 1, the longer. */
  bar: number;
  /** Share of respondents who put it first, 0–100. */
  firstPercent: number;
}

export function rankingRows(activity: RankingActivity, results: ActivityResults | null): RankingRow[] {
  const counted = results?.kind === 'ranking' ? results : null;
  const places = rankedPlaces(activity);
  const respondents = counted?.respondents ?? 0;
  const rows = activity.items.map((item) => {
    const figures = counted?.items[item.id];
    const meanPosition = figures?.meanPosition ?? null;
    const first = figures?.positions[0] ?? 0;
    return {
      id: item.id,
      label: item.label,
      meanPosition,
      bar: meanPosition === null ? 0 : ((places + 1 - meanPosition) / places) * 100,
      firstPercent: respondents === 0 ? 0 : (first / respondents) * 100,
    };
  });
  const ordered = counted ? rows.toSorted((a, b) => (a.meanPosition ?? Infinity) - (b.meanPosition ?? Infinity)) : rows;
  return ordered.map((row, index) => ({ ...row, rank: index + 1 }));
}
