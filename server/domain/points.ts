/**
 * Points questions: which splits of the budget are answers, and their running tally (points
 * given to each item, and how people spread them). Pure: answers.ts and tallies.ts call in here.
 */
import { AppError } from '../../shared/errors.ts';
import { pointsSpent } from '../../shared/points.ts';
import type { PointsActivity, PointsAnswer, PointsItemResults, PointsResults } from '../../shared/types.ts';

/** A points question's running aggregates: per item, the points given and how many gave each share (above 0). */
export interface PointsTally {
  kind: 'points';
  respondents: number;
  budget: number;
  items: Map<string, { sum: number; shares: [number, number, number, number] }>;
}

/** Refuses (VALIDATION_FAILED) points for unknown items, or a total other than the budget (over it, with allowUnder). */
export function assertPointsAnswer(activity: PointsActivity, value: PointsAnswer): void {
  const known = new Set(activity.items.map((item) => item.id));
  const spent = pointsSpent(value.points);
  const refuse = (message: string) => {
    throw new AppError('VALIDATION_FAILED', message, [{ path: '/value/points', message }]);
  };
  if (Object.keys(value.points).some((id) => !known.has(id))) refuse('Uno de los ítems no existe en esta pregunta.');
  if (activity.allowUnder === true) {
    if (spent === 0) refuse('Reparte al menos un punto.');
    if (spent > activity.budget) refuse(`Se repartieron ${spent} puntos: el máximo es ${activity.budget}.`);
  } else if (spent !== activity.budget) {
    refuse(`Reparte exactamente ${activity.budget} puntos (se repartieron ${spent}).`);
  }
}

export function createPointsTally(activity: PointsActivity): PointsTally {
  return {
    kind: 'points',
    respondents: 0,
    budget: activity.budget,
    items: new Map(activity.items.map((item) => [item.id, { sum: 0, shares: [0, 0, 0, 0] }])),
  };
}

/** Which quarter of the budget some points fall in (0: up to 25 %, … 3: up to 100 %). */
const quarter = (points: number, budget: number) => Math.min(3, Math.max(0, Math.ceil((points / budget) * 4) - 1)) as 0 | 1 | 2 | 3;

/** Counts a split in (1) or out (-1); unknown ids and zeros change no share. */
export function applyPoints(tally: PointsTally, value: PointsAnswer, sign: 1 | -1): void {
  tally.respondents += sign;
  for (const [id, points] of Object.entries(value.points)) {
    const item = tally.items.get(id);
    if (!item || points <= 0) continue;
    item.sum += sign * points;
    item.shares[quarter(points, tally.budget)] += sign;
  }
}

/** The wire form: each item's mean points (an item left out got 0) and how many gave it each share. */
export function pointsResults(tally: PointsTally): PointsResults {
  const items: Record<string, PointsItemResults> = {};
  for (const [id, item] of tally.items) {
    const given = item.shares.reduce((a, b) => a + b, 0);
    items[id] = {
      mean: tally.respondents === 0 ? null : Math.round((item.sum / tally.respondents) * 100) / 100,
      distribution: [tally.respondents - given, ...item.shares],
    };
  }
  return { kind: 'points', respondents: tally.respondents, budget: tally.budget, items };
}

/** Once answered, a points question keeps its items, budget and rule (labels may change): answers add up to them. */
export function assertPointsEditKeepsAnswers(before: PointsActivity, after: PointsActivity): void {
  const ids = (activity: PointsActivity) => activity.items.map((item) => item.id).join(' ');
  if (ids(before) !== ids(after) || before.budget !== after.budget || (before.allowUnder ?? false) !== (after.allowUnder ?? false))
    throw new AppError('INVALID_STATE', 'Ya hay respuestas: los ítems y los puntos a repartir no pueden cambiar (sus textos sí).');
}
