/** Rules of breakout salas that server and client both apply. */
import { LIMITS } from './limits.ts';
import type { SalaSizing } from './types.ts';

/**
 * How many salas to form for this many people: at least one, never more than the limit. The
 * server forms that many; the console previews it.
 */
export function salaCountFor(sizing: SalaSizing, participantCount: number): number {
  const wanted = sizing.by === 'count' ? sizing.count : Math.ceil(participantCount / sizing.size);
  return Math.min(LIMITS.salasMax, Math.max(1, wanted));
}
