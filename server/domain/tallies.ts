import type { ActivityResults, AnswerValue, QuestionActivity, RatingItemResults } from '../../shared/types.ts';

/**
 * Running aggregates of one activity, updated answer by answer (never a re-scan): adding a
 * participant's new answer and removing their old one keeps counts exact as minds change.
 */
export type Tally =
  | { kind: 'choice'; respondents: number; counts: Map<string, number> }
  | { kind: 'rating'; respondents: number; items: Map<string, { counts: [number, number, number, number, number]; sum: number }> };

export function createTally(activity: QuestionActivity): Tally {
  if (activity.kind === 'choice') {
    return { kind: 'choice', respondents: 0, counts: new Map(activity.options.map((o) => [o.id, 0])) };
  }
  return {
    kind: 'rating',
    respondents: 0,
    items: new Map(activity.items.map((i) => [i.id, { counts: [0, 0, 0, 0, 0], sum: 0 }])),
  };
}

/** Counts an answer in (sign 1) or out (sign -1). Unknown option or item ids are ignored. */
function apply(tally: Tally, value: AnswerValue, sign: 1 | -1): void {
  tally.respondents += sign;
  if (tally.kind === 'choice' && value.kind === 'choice') {
    for (const id of value.optionIds) {
      const count = tally.counts.get(id);
      if (count !== undefined) tally.counts.set(id, count + sign);
    }
  } else if (tally.kind === 'rating' && value.kind === 'rating') {
    for (const [id, rating] of Object.entries(value.ratings)) {
      const item = tally.items.get(id);
      if (!item || rating < 1 || rating > 5) continue;
      const index = (rating - 1) as 0 | 1 | 2 | 3 | 4;
      item.counts[index] += sign;
      item.sum += sign * rating;
    }
  }
}

/** Replaces a participant's previous answer (if any) by their new one. */
export function replaceAnswer(tally: Tally, previous: AnswerValue | undefined, next: AnswerValue): void {
  if (previous) apply(tally, previous, -1);
  apply(tally, next, 1);
}

/** The wire form of a tally: plain objects, means rounded to two decimals. */
export function toResults(tally: Tally): ActivityResults {
  if (tally.kind === 'choice') {
    return { kind: 'choice', respondents: tally.respondents, counts: Object.fromEntries(tally.counts) };
  }
  const items: Record<string, RatingItemResults> = {};
  for (const [id, item] of tally.items) {
    const n = item.counts.reduce((a, b) => a + b, 0);
    items[id] = { counts: [...item.counts], n, mean: n === 0 ? null : Math.round((item.sum / n) * 100) / 100 };
  }
  return { kind: 'rating', respondents: tally.respondents, items };
}
