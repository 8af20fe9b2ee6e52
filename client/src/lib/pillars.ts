/**
 * The pillars layout of a content slide (the seed's "Estrategia integral"): the first-level
 * points stand as pillars on a base made of the deeper points, top to bottom. Pure; no DOM.
 */
import type { Bullet, ContentActivity } from '../../../shared/types.ts';

export interface Pillars {
  pillars: string[];
  /** The base's layers, top to bottom. */
  base: string[];
}

/** The slide as pillars on a base, or null when it is drawn as a list (its layout, or no pillar to draw). */
export function pillarsOf(activity: Pick<ContentActivity, 'layout' | 'bullets'>): Pillars | null {
  if (activity.layout !== 'pillars') return null;
  const pillars = activity.bullets.filter((bullet: Bullet) => bullet.level === 0).map((bullet) => bullet.text);
  if (pillars.length === 0) return null;
  return { pillars, base: activity.bullets.filter((bullet) => bullet.level > 0).map((bullet) => bullet.text) };
}
