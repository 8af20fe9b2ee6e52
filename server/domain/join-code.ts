import { LIMITS } from '../../shared/limits.ts';

/** A random six-digit code; `randomInt(max)` returns an integer in [0, max). Leading zeros are kept. */
export function generateJoinCode(randomInt: (max: number) => number): string {
  return String(randomInt(10 ** LIMITS.joinCodeLength)).padStart(LIMITS.joinCodeLength, '0');
}

/** What people type ("482 913", "482-913") to the six digits, or null if it cannot be a code. */
export function normalizeJoinCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return new RegExp(`^[0-9]{${LIMITS.joinCodeLength}}$`).test(digits) ? digits : null;
}
