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

/**
 * A join key: what a session's link and QR carry in their fragment (`/j/482913#k=…`) beside the
 * code, 96 bits in base64url. With it a phone joins without its try counting as a guess.
 */
export const JOIN_KEY_PATTERN = '^[A-Za-z0-9_-]{16}$';

/** Whether value has the shape of a join key (from a link, or from storage, which anyone can edit). */
export function isJoinKey(value: unknown): value is string {
  return typeof value === 'string' && new RegExp(JOIN_KEY_PATTERN).test(value);
}
