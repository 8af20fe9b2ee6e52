/**
 * Ranking questions: which orders are answers, and their running tally (how often each item
 * took each place). Pure: answers.ts and tallies.ts call in here for this kind.
 */
import { AppError } from '../../shared/errors.ts';
import { rankedPlaces } from '../../shared/ranking.ts';
import type { RankingActivity, RankingAnswer, RankingItemResults, RankingResults } from '../../shared/types.ts';

/** A ranking's running aggregates: per item, how many put it in each place. */
export interface RankingTally {
  kind: 'ranking';
  respondents: number;
  /** Places an answer fills (K); items left out count as place K+1 in the mean. */
  places: number;
  items: Map<string, number[]>;
}

/** Refuses (VALIDATION_FAILED) an order that is not exactly the activity's first K items, each once. */
export function assertRankingAnswer(activity: RankingActivity, value: RankingAnswer): void {
  const places = rankedPlaces(activity);
  const known = new Set(activity.items.map((item) => item.id));
  const refuse = (message: string) => {
    throw new AppError('VALIDATION_FAILED', message, [{ path: '/value/order', message }]);
  };
  if (value.order.length !== places) refuse(`Ordena ${places} de los ítems (se recibieron ${value.order.length}).`);
  if (new Set(value.order).size !== value.order.length) refuse('Un ítem aparece más de una vez.');
  if (value.order.some((id) => !known.has(id))) refuse('Uno de los ítems no existe en esta pregunta.');
}

export function createRankingTally(activity: RankingActivity): RankingTally {
  const places = rankedPlaces(activity);
  return {
    kind: 'ranking',
    respondents: 0,
    places,
    items: new Map(activity.items.map((item) => [item.id, Array.from({ length: places }, () => 0)])),
  };
}

/** Counts an order in (1) or out (-1); unknown ids and places beyond K are ignored. */
export function applyRanking(tally: RankingTally, value: RankingAnswer, sign: 1 | -1): void {
  tally.respondents += sign;
  value.order.forEach((id, index) => {
    const positions = tally.items.get(id);
    if (positions && index < tally.places) positions[index] = (positions[index] ?? 0) + sign;
  });
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The wire form: each item's counts by place and its mean place, left-out items counting K+1. */
export function rankingResults(tally: RankingTally): RankingResults {
  const items: Record<string, RankingItemResults> = {};
  for (const [id, positions] of tally.items) {
    const ranked = positions.reduce((a, b) => a + b, 0);
    const sum =
      positions.reduce((total, count, index) => total + count * (index + 1), 0) + (tally.respondents - ranked) * (tally.places + 1);
    items[id] = { positions: [...positions], meanPosition: tally.respondents === 0 ? null : round2(sum / tally.respondents) };
  }
  return { kind: 'ranking', respondents: tally.respondents, items };
}

/** Once answered, a ranking keeps its items and places (labels may change): answers name them. */
export function assertRankingEditKeepsAnswers(before: RankingActivity, after: RankingActivity): void {
  const ids = (activity: RankingActivity) => activity.items.map((item) => item.id).join(' ');
  if (ids(before) !== ids(after) || rankedPlaces(before) !== rankedPlaces(after))
    throw new AppError('INVALID_STATE', 'Ya hay respuestas: los ítems y cuántos se ordenan no pueden cambiar (sus textos sí).');
}
