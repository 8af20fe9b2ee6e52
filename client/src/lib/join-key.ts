/**
 * The key of a session's join link and QR (`/j/482913#k=…`) on the phone. Read once from the
 * link's fragment (the page then wipes it from the address bar), it is kept per code in
 * localStorage and shown with every check and join of that code — a reload, a lost signal, a
 * new network — so that none of them counts as a guess (docs/protocol.md, "Guessing a join code").
 */
import { isJoinKey } from '../../../shared/join-code.ts';
import type { JoinCheck } from '../../../shared/types.ts';
import type { JoinShown, Outcome } from './api.ts';
import { readString, removeKey, storageKeys, writeString } from './storage.ts';

/** The key kept for a code, if any (storage is anyone's to edit: a malformed one is none). */
export function storedJoinKey(code: string): string | null {
  const key = readString('local', storageKeys.joinKey(code));
  return isJoinKey(key) ? key : null;
}

export function rememberJoinKey(code: string, key: string): void {
  writeString('local', storageKeys.joinKey(code), key);
}

/**
 * Checks a code with what this phone can show: the key of the link it came through (`fromLink`,
 * kept from now on), else one kept earlier, and the token of an earlier join. A kept key that
 * finds no session belongs to an earlier session that had this code (codes are reused): it is
 * dropped and the code checked again without it.
 */
export async function checkWithKey(
  code: string,
  fromLink: string | null,
  participantToken: string | null,
  check: (code: string, shown: JoinShown) => Promise<Outcome<JoinCheck>>,
): Promise<Outcome<JoinCheck>> {
  if (fromLink) rememberJoinKey(code, fromLink);
  const joinKey = storedJoinKey(code);
  const outcome = await check(code, { joinKey, participantToken });
  if (outcome.ok || outcome.code !== 'SESSION_NOT_FOUND' || fromLink || joinKey === null) return outcome;
  removeKey('local', storageKeys.joinKey(code));
  return check(code, { joinKey: null, participantToken });
}
