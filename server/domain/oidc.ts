/**
 * Sign-in with the agency's OpenID Connect provider, its rules without I/O: which emails may
 * become facilitators (the administrators' allow-list), how long a sign-in attempt may take,
 * and which email an identity vouches for.
 */
import { isValidEmail, normalizeEmail } from '../../shared/accounts.ts';

/** A sign-in attempt (state, nonce, PKCE verifier) is good for this long after it starts. */
export const SIGN_IN_ATTEMPT_TTL_MS = 10 * 60 * 1000;

/** Attempts kept at once; past it the oldest is forgotten (a flood of starts cannot grow memory). */
export const SIGN_IN_ATTEMPTS_MAX = 1000;

/**
 * Attempts one client address may start per SIGN_IN_ATTEMPT_TTL_MS: plenty for the facilitators
 * behind an agency's one address, and a flood that would push others' attempts out of
 * SIGN_IN_ATTEMPTS_MAX needs dozens of addresses.
 */
export const SIGN_IN_STARTS_PER_ADDRESS = 30;

/** Whether an attempt begun at `startedAt` is too old to finish at `now`. */
export function attemptExpired(startedAt: number, now: number): boolean {
  return now - startedAt > SIGN_IN_ATTEMPT_TTL_MS;
}

const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * An administrator's entry in the allow-list: a whole address ("ana@servicio.cl") or a domain,
 * written "@servicio.cl" or "servicio.cl" and kept as "@servicio.cl". Null when it is neither.
 */
export function parseAllowEntry(text: string): string | null {
  const entry = normalizeEmail(text);
  if (entry.startsWith('@')) return DOMAIN_PATTERN.test(entry.slice(1)) ? entry : null;
  if (entry.includes('@')) return isValidEmail(entry) ? entry : null;
  return DOMAIN_PATTERN.test(entry) ? `@${entry}` : null;
}

/** Whether an email is on the list, by itself or by its domain (exactly: not its subdomains). */
export function isEmailAllowed(email: string, entries: readonly string[]): boolean {
  const address = normalizeEmail(email);
  const domain = address.slice(address.lastIndexOf('@'));
  return entries.some((entry) => entry === address || entry === domain);
}

/** The claims of an ID token or userinfo answer that sign-in reads. */
export interface IdentityClaims {
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  given_name?: unknown;
  family_name?: unknown;
}

/**
 * The email an identity vouches for: its `email` claim, unless the provider says it is not
 * verified (`email_verified: false`; providers that verify every address, as Entra ID does for
 * its tenant, may leave the claim out). Null when there is none to trust.
 */
export function verifiedEmail(claims: IdentityClaims): string | null {
  if (typeof claims.email !== 'string' || claims.email_verified === false || claims.email_verified === 'false') return null;
  const email = normalizeEmail(claims.email);
  return isValidEmail(email) ? email : null;
}

/** The name a new account gets: the provider's name, else given and family names, else the email's local part. */
export function identityName(claims: IdentityClaims, email: string, max: number): string {
  const parts = [claims.given_name, claims.family_name].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name.trim() : parts.join(' ').trim();
  return (name || email.slice(0, email.indexOf('@'))).slice(0, max);
}
