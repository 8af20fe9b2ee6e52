/**
 * Plausible answers of the rehearsal's simulated participants, one generator per kind of
 * question that has no scripted scene of its own in demo.ts (choice, rating and open have one).
 * A new kind adds its generator here, and the rehearsal plays it in any agenda.
 */
import { rankedPlaces } from '../../shared/ranking.ts';
import type { AnswerValue, PointsActivity, QuestionActivity, RankingActivity } from '../../shared/types.ts';

/**
 * How pressing each axis feels to the room (higher: ranked higher, given more points), so
 * results have a shape rather than noise; items not listed weigh alike.
 */
const PRIORITY: Readonly<Record<string, number>> = {
  informacion: 3,
  liderazgo: 2.5,
  promocion: 2,
  servicios: 1.5,
  normativo: 1,
};
const priorityOf = (id: string) => PRIORITY[id] ?? 2;

/** Items best first: the room's priority, blurred by each person's own view. */
function rankingAnswer(activity: RankingActivity, random: () => number): AnswerValue {
  const scored = activity.items.map((item) => ({ id: item.id, score: priorityOf(item.id) + random() * 2.5 }));
  scored.sort((a, b) => b.score - a.score);
  return { kind: 'ranking', order: scored.slice(0, rankedPlaces(activity)).map((item) => item.id) };
}

/** The budget split by weight (most points where the person's priority lies), adding up exactly. */
function pointsAnswer(activity: PointsActivity, random: () => number): AnswerValue {
  // With allowUnder, some keep a few points back.
  const spend =
    activity.allowUnder === true && random() < 0.3 ? Math.max(1, Math.round(activity.budget * (0.6 + random() * 0.3))) : activity.budget;
  const weights = activity.items.map((item) => (random() < 0.25 ? 0 : priorityOf(item.id) * random()));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const points = weights.map((weight) => Math.floor((weight / total) * spend));
  // What rounding down left over goes to the heaviest item, so the total is exact.
  const heaviest = weights.indexOf(Math.max(...weights));
  points[heaviest] = (points[heaviest] ?? 0) + spend - points.reduce((a, b) => a + b, 0);
  return {
    kind: 'points',
    points: Object.fromEntries(activity.items.flatMap((item, index) => ((points[index] ?? 0) > 0 ? [[item.id, points[index]!]] : []))),
  };
}

/** A plausible answer to a question of a kind listed here; null for the kinds demo.ts plays itself. */
export function plausibleAnswer(activity: QuestionActivity, random: () => number = Math.random): AnswerValue | null {
  switch (activity.kind) {
    case 'ranking':
      return rankingAnswer(activity, random);
    case 'points':
      return pointsAnswer(activity, random);
    default:
      return null;
  }
}

/** How the rehearsal's log names a kind played from here. */
export const PLAYED_KINDS: Readonly<Record<string, string>> = {
  ranking: 'Orden de prioridad',
  points: 'Reparto de puntos',
};
