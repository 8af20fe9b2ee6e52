import { LIMITS } from '../../../shared/limits.ts';

/** "482 913", "482-913" or " 482913 " → "482913"; null unless exactly six digits remain. */
export function normalizeJoinCode(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '');
  return new RegExp(`^[0-9]{${LIMITS.joinCodeLength}}$`).test(compact) ? compact : null;
}

/** What may stay in the code field while typing: digits, spaces and dashes. */
export function sanitizeJoinCodeInput(input: string): string {
  return input.replace(/[^0-9\s-]/g, '');
}
