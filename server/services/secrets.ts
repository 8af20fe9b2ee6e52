import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret of `bytes` random bytes, url-safe (the facilitator's has 256 bits). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Secrets are stored as SHA-256 only. They are long random strings, not passwords, so a fast
 * hash is enough: nobody can guess their way through 2^128 or more.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
