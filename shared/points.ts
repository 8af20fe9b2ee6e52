/**
 * Rules of points questions that the phone and the server both apply: what an answer spends,
 * what is left, and setting one item's points without ever going over the budget.
 */
import type { PointsActivity } from './types.ts';

/** Points spent by an answer. */
export function pointsSpent(points: Readonly<Record<string, number>>): number {
  return Object.values(points).reduce((sum, value) => sum + value, 0);
}

/** Whether these points may be sent: the whole budget, or (with `allowUnder`) some of it. */
export function pointsComplete(activity: PointsActivity, points: Readonly<Record<string, number>>): boolean {
  const spent = pointsSpent(points);
  return activity.allowUnder === true ? spent > 0 && spent <= activity.budget : spent === activity.budget;
}

/** The points after giving `value` to one item, cut so the total never exceeds the budget. */
export function setItemPoints(
  activity: PointsActivity,
  points: Readonly<Record<string, number>>,
  itemId: string,
  value: number,
): Record<string, number> {
  const others = pointsSpent(points) - (points[itemId] ?? 0);
  const allowed = Math.max(0, Math.min(Math.round(value), activity.budget - others));
  return { ...points, [itemId]: allowed };
}
