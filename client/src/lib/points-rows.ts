/**
 * A points question's results shaped for its board: items with most points first (ties in
 * agenda order), each with its mean, a bar length against the budget, and how respondents
 * spread over shares of the budget. Before results are shown: agenda order, no figures.
 */
import type { ActivityResults, PointsActivity } from '../../../shared/types.ts';

export interface PointsRow {
  id: string;
  label: string;
  mean: number | null;
  /** 0–100 of the track: the mean as a share of the largest mean (so the leader fills it). */
  bar: number;
  /** Respondents who gave 0, up to 25 %, 50 %, 75 %, 100 % of the budget, as shares 0–100. */
  spread: number[];
  /** The same, as counts. */
  counts: number[];
}

export function pointsRows(activity: PointsActivity, results: ActivityResults | null): PointsRow[] {
  const counted = results?.kind === 'points' ? results : null;
  const respondents = counted?.respondents ?? 0;
  const means = activity.items.map((item) => counted?.items[item.id]?.mean ?? 0);
  const top = Math.max(...means, 0);
  const rows = activity.items.map((item) => {
    const figures = counted?.items[item.id];
    const mean = figures?.mean ?? null;
    const counts = figures ? [...figures.distribution] : [0, 0, 0, 0, 0];
    return {
      id: item.id,
      label: item.label,
      mean,
      bar: mean === null || top === 0 ? 0 : (mean / top) * 100,
      counts,
      spread: counts.map((count) => (respondents === 0 ? 0 : (count / respondents) * 100)),
    };
  });
  return counted ? rows.toSorted((a, b) => (b.mean ?? -1) - (a.mean ?? -1)) : rows;
}
