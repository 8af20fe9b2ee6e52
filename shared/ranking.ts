/**
 * Rules of ranking questions that the phone and the server both apply: how many places an
 * answer fills, and moving an item up or down (the keyboard's and the buttons' way to drag).
 */
import type { RankingActivity } from './types.ts';

/** Places an answer must fill: the activity's `rankTop`, never more than its items. */
export function rankedPlaces(activity: RankingActivity): number {
  return Math.min(activity.rankTop ?? activity.items.length, activity.items.length);
}

/** The order after moving the item at `from` to `to` (both clamped to the list). */
export function moveItem(order: readonly string[], from: number, to: number): string[] {
  const next = [...order];
  if (from < 0 || from >= next.length) return next;
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved!);
  return next;
}
