/**
 * Pure shaping of aggregates for charts and bars: rows in agenda order, counts and
 * percentages. Shared by the presenter's charts and the participant's light bars.
 */
import type { Activity, ChoiceActivity, ChoiceResults, OpenResults, RatingActivity, RatingResults } from '../../../shared/types.ts';

/** The questions whose results are drawn as bars (open answers are shown as a cloud or a list). */
export type ChartedActivity = ChoiceActivity | RatingActivity;

/** Choice and rating questions: results drawn as bars. */
export function isCharted(activity: Activity | null | undefined): activity is ChartedActivity {
  return activity?.kind === 'choice' || activity?.kind === 'rating';
}

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

// ---------- Open answers ----------

export interface CloudWord {
  word: string;
  count: number;
  /** Font size relative to the cloud's base size, from `min` (rarest) to `max` (most used). */
  scale: number;
}

/**
 * The cloud's words with their sizes: the square root of the count, so that a word used four
 * times as often looks about twice as big, not four times (area grows with the square). The
 * most used word sits in the middle and the rest alternate to either side, so the cloud tapers.
 */
export function cloudWords(words: OpenResults['words'], min = 1, max = 4): CloudWord[] {
  const sorted = [...words].filter((w) => w.count > 0).sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
  const top = sorted[0]?.count ?? 0;
  const bottom = sorted.at(-1)?.count ?? 0;
  const span = Math.sqrt(top) - Math.sqrt(bottom);
  const sized = sorted.map((w) => ({
    word: w.word,
    count: w.count,
    scale: span > 0 ? min + ((max - min) * (Math.sqrt(w.count) - Math.sqrt(bottom))) / span : sorted.length === 1 ? max : (min + max) / 2,
  }));
  const arranged: CloudWord[] = [];
  sized.forEach((word, index) => (index % 2 === 0 ? arranged.push(word) : arranged.unshift(word)));
  return arranged;
}

/** Trims, drops empty and repeated texts (as the server would refuse them), keeps at most `max`. */
export function openTexts(drafts: readonly string[], max: number): string[] {
  const texts: string[] = [];
  for (const draft of drafts) {
    const text = draft.trim();
    if (text.length > 0 && !texts.includes(text)) texts.push(text);
  }
  return texts.slice(0, max);
}
