import { LIMITS } from '../../shared/limits.ts';

/** A random six-digit code; `randomInt(max)` returns an integer in [0, max). Leading zeros are kept. */
export function generateJoinCode(randomInt: (max: number) => number): string {
  return String(randomInt(10 ** LIMITS.joinCodeLength)).padStart(LIMITS.joinCodeLength, '0');
}
