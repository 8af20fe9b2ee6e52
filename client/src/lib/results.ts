/**
 * Pure shaping of aggregates for charts and bars: rows in agenda order, counts and
 * percentages. Shared by the presenter's charts and the participant's light bars.
 */
import type { ChoiceActivity, ChoiceResults, RatingActivity, RatingResults } from '../../../shared/types.ts';

/** The questions whose results are drawn as bars (open answers are shown otherwise). */
export type ChartedActivity = ChoiceActivity | RatingActivity;

export interface ChoiceRow {
  id: string;
  label: string;
  count: number;
  /** Share of respondents, 0–100 (with multiple choice the shares may add up to more than 100). */
  percent: number;
}

export interface RatingRow {
  id: string;
  label: string;
  /** counts[0] is the number of 1s … counts[4] the number of 5s. */
  counts: [number, number, number, number, number];
  /** Share of this item's ratings per value, 0–100. */
  percents: [number, number, number, number, number];
  n: number;
  mean: number | null;
}

const share = (part: number, whole: number): number => (whole > 0 ? (part / whole) * 100 : 0);

export function choiceRows(activity: ChoiceActivity, results: ChoiceResults | null): ChoiceRow[] {
  const respondents = results?.respondents ?? 0;
  return activity.options.map((option) => {
    const count = results?.counts[option.id] ?? 0;
    return { id: option.id, label: option.label, count, percent: share(count, respondents) };
  });
}

export function ratingRows(activity: RatingActivity, results: RatingResults | null): RatingRow[] {
  return activity.items.map((item) => {
    const itemResults = results?.items[item.id];
    const counts: RatingRow['counts'] = itemResults ? [...itemResults.counts] : [0, 0, 0, 0, 0];
    const n = itemResults?.n ?? 0;
    const percents = counts.map((count) => share(count, n)) as RatingRow['percents'];
    return { id: item.id, label: item.label, counts, percents, n, mean: itemResults?.mean ?? null };
  });
}
