/**
 * The join page's code check, started before the app's code has arrived (issue 20). A second
 * entry of the page (client/src/early-check.ts, its script placed first by
 * server/cli/early-check.ts) starts it; on a slow link its round trip then overlaps the
 * download of the app instead of following it. The join page takes the answer.
 */
import type { JoinCheck } from '../../../shared/types.ts';
import { normalizeJoinCode } from '../../../shared/join-code.ts';
import { joinApi, type Outcome } from './api.ts';
import { checkWithKey } from './join-key.ts';
import { joinKeyFromHash, matchRoute } from './routes.ts';
import { storedParticipant } from './stored-participant.ts';

const started = new Map<string, Promise<Outcome<JoinCheck>>>();

/** The code of the join link this page is (/j/:code), if it is one. */
export function joinLinkCode(): string | null {
  const route = matchRoute(window.location.pathname);
  return route.name === 'join' && route.code !== null ? normalizeJoinCode(route.code) : null;
}

/** Checks a join link's code as the join page would. */
export function startEarlyCheck(code: string): void {
  started.set(
    code,
    checkWithKey(code, joinKeyFromHash(window.location.hash), storedParticipant(code)?.token ?? null, joinApi.checkJoinCode),
  );
}

/** The check started for this code, once: a later check of the same code asks the server again. */
export function takeEarlyCheck(code: string): Promise<Outcome<JoinCheck>> | null {
  const check = started.get(code) ?? null;
  started.delete(code);
  return check;
}
