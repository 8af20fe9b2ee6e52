import { LIMITS } from '../../shared/limits.ts';
import type { ActivityResults, AnswerValue, QuestionActivity, RatingItemResults } from '../../shared/types.ts';
import { applyPoints, createPointsTally, pointsResults, type PointsTally } from './points.ts';
import { applyRanking, createRankingTally, rankingResults, type RankingTally } from './ranking.ts';
import { openAnswerId, WordCounter } from './words.ts';

/**
 * Running aggregates of one activity, updated answer by answer (never a re-scan): adding a
 * participant's new answer and removing their old one keeps counts exact as minds change.
 */
export type Tally =
  | { kind: 'choice'; respondents: number; counts: Map<string, number> }
  | { kind: 'rating'; respondents: number; items: Map<string, { counts: [number, number, number, number, number]; sum: number }> }
  | {
      kind: 'open';
      respondents: number;
      /** By answer id, in the order they arrived (a Map keeps insertion order). */
      answers: Map<string, { text: string; hidden: boolean }>;
      /** Ids the facilitator hid: a text sent again later stays hidden. */
      hiddenIds: Set<string>;
      words: WordCounter;
    }
  | RankingTally
  | PointsTally;

export function createTally(activity: QuestionActivity): Tally {
  if (activity.kind === 'choice') {
    return { kind: 'choice', respondents: 0, counts: new Map(activity.options.map((o) => [o.id, 0])) };
  }
  if (activity.kind === 'open') return { kind: 'open', respondents: 0, answers: new Map(), hiddenIds: new Set(), words: new WordCounter() };
  if (activity.kind === 'ranking') return createRankingTally(activity);
  if (activity.kind === 'points') return createPointsTally(activity);
  return {
    kind: 'rating',
    respondents: 0,
    items: new Map(activity.items.map((i) => [i.id, { counts: [0, 0, 0, 0, 0], sum: 0 }])),
  };
}

/**
 * Counts an answer in (sign 1) or out (sign -1). Unknown option or item ids are ignored.
 * `owner` (the participant) makes open answers' ids; a hidden open answer stays hidden.
 */
function apply(tally: Tally, value: AnswerValue, sign: 1 | -1, owner: string): void {
  if (tally.kind === 'ranking') return void (value.kind === 'ranking' && applyRanking(tally, value, sign));
  if (tally.kind === 'points') return void (value.kind === 'points' && applyPoints(tally, value, sign));
  tally.respondents += sign;
  if (tally.kind === 'open' && value.kind === 'open') {
    for (const text of value.texts) {
      const id = openAnswerId(owner, text);
      const existing = tally.answers.get(id);
      if (sign === 1 && !existing) {
        const hidden = tally.hiddenIds.has(id);
        tally.answers.set(id, { text, hidden });
        if (!hidden) tally.words.add(text);
      } else if (sign === -1 && existing) {
        tally.answers.delete(id);
        if (!existing.hidden) tally.words.remove(text);
      }
    }
    return;
  }
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
export function replaceAnswer(tally: Tally, previous: AnswerValue | undefined, next: AnswerValue, owner = ''): void {
  if (previous) apply(tally, previous, -1, owner);
  apply(tally, next, 1, owner);
}

/**
 * Hides an open answer from lists and the cloud (or shows it again). Returns false when no
 * current answer has that id (the hiding is still remembered, in case the text comes back).
 */
export function setOpenAnswerHidden(tally: Tally, answerId: string, hidden: boolean): boolean {
  if (tally.kind !== 'open') return false;
  if (hidden) tally.hiddenIds.add(answerId);
  else tally.hiddenIds.delete(answerId);
  const answer = tally.answers.get(answerId);
  if (!answer) return false;
  if (answer.hidden !== hidden) {
    answer.hidden = hidden;
    if (hidden) tally.words.remove(answer.text);
    else tally.words.add(answer.text);
  }
  return true;
}

/** The wire form of a tally: plain objects, means rounded to two decimals; reports list every open answer. */
export function toResults(tally: Tally, openAnswersListed: number = LIMITS.openAnswersListed): ActivityResults {
  if (tally.kind === 'choice') {
    return { kind: 'choice', respondents: tally.respondents, counts: Object.fromEntries(tally.counts) };
  }
  if (tally.kind === 'open') {
    // The newest visible answers, and the newest hidden ones beside them (for the facilitator),
    // each capped on its own so hidden ones never take the places of visible ones.
    const answers: Array<{ id: string; text: string; hidden: boolean }> = [];
    const listed = { visible: 0, hidden: 0 };
    for (const [id, a] of [...tally.answers].reverse()) {
      const kind = a.hidden ? 'hidden' : 'visible';
      if (listed[kind] >= openAnswersListed) continue;
      listed[kind] += 1;
      answers.push({ id, text: a.text, hidden: a.hidden });
    }
    return { kind: 'open', respondents: tally.respondents, answers, words: tally.words.top(LIMITS.cloudWords) };
  }
  if (tally.kind === 'ranking') return rankingResults(tally);
  if (tally.kind === 'points') return pointsResults(tally);
  const items: Record<string, RatingItemResults> = {};
  for (const [id, item] of tally.items) {
    const n = item.counts.reduce((a, b) => a + b, 0);
    items[id] = { counts: [...item.counts], n, mean: n === 0 ? null : Math.round((item.sum / n) * 100) / 100 };
  }
  return { kind: 'rating', respondents: tally.respondents, items };
}
