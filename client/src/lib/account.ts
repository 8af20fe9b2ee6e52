/**
 * The client's calls for sign-in and accounts. The auth cookie is httpOnly: this code never sees
 * it, the browser sends it with same-origin requests. Failures come back as an error code (shown
 * through i18n as `error.<CODE>`), never as a throw.
 */
import type { Account, CreateAccountBody, MeResponse, SignInBody, SignInResponse } from '../../../shared/accounts.ts';
import { request, type Outcome } from './api.ts';

/** A result; a failure may name the field the server refused (e.g. "email" when it is taken). */
export type AccountOutcome<T> = Outcome<T>;

export const accountApi = {
  /** Who is signed in on this browser, and whether any account exists. */
  me: () => request<MeResponse>('GET', '/api/auth/me'),
  signIn: (body: SignInBody) => request<SignInResponse>('POST', '/api/auth/sign-in', body),
  signOut: () => request<null>('POST', '/api/auth/sign-out'),
  listAccounts: () => request<Account[]>('GET', '/api/accounts'),
  createAccount: (body: CreateAccountBody) => request<Account>('POST', '/api/accounts', body),
  deleteAccount: (id: string) => request<null>('DELETE', `/api/accounts/${encodeURIComponent(id)}`),
};

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A random password for a new account: 16 characters from 56 (about 93 bits), grouped in fours
 * with dashes so it can be dictated. Drawn with rejection sampling, so every character is as likely.
 */
export function generatePassword(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  const chars: string[] = [];
  while (chars.length < 16) {
    for (const byte of random(new Uint8Array(32))) {
      if (byte < limit && chars.length < 16) chars.push(PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length]!);
    }
  }
  // 19 characters with the dashes, within ACCOUNT_LIMITS by construction.
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-');
}
