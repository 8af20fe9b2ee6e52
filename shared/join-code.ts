import { LIMITS } from './limits.ts';

/**
 * What people type ("482 913", "482-913", " 482913 ") to the six digits, or null if it cannot
 * be a code. Shared, so the join form never lets through a code the server would refuse.
 */
export function normalizeJoinCode(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '');
  return new RegExp(`^[0-9]{${LIMITS.joinCodeLength}}$`).test(compact) ? compact : null;
}

/** What may stay in the code field while typing: digits, spaces and dashes. */
export function sanitizeJoinCodeInput(input: string): string {
  return input.replace(/[^0-9\s-]/g, '');
}
