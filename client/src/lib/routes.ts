/** The app's routes, as pure functions of the address (tested without a browser). */
import { isJoinKey } from '../../../shared/join-code.ts';

export type Route =
  | { name: 'home' }
  | { name: 'join'; code: string | null }
  | { name: 'facilitate'; sessionId: string }
  | { name: 'agenda'; sessionId: string }
  | { name: 'present'; sessionId: string }
  | { name: 'signin' }
  | { name: 'accounts' }
  | { name: 'audit' }
  | { name: 'support' }
  | { name: 'experiences' }
  | { name: 'sessions' }
  | { name: 'session'; sessionId: string }
  | { name: 'not-found' };

function segment(raw: string): string | null {
  try {
    const decoded = decodeURIComponent(raw);
    return decoded.length > 0 ? decoded : null;
  } catch {
    return null;
  }
}

/** The route for a pathname; trailing slashes are ignored. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((part) => part.length > 0);
  const [first, second, ...rest] = parts;
  if (first === undefined) return { name: 'home' };
  if (first === 'signin' && second === undefined) return { name: 'signin' };
  if (first === 'admin' && second === 'accounts' && rest.length === 0) return { name: 'accounts' };
  if (first === 'admin' && second === 'audit' && rest.length === 0) return { name: 'audit' };
  if (first === 'support' && second === undefined) return { name: 'support' };
  if (first === 'experiences' && second === undefined) return { name: 'experiences' };
  // The workspace: /sessions and /sessions/:id.
  if (first === 'sessions' && rest.length === 0) {
    if (second === undefined) return { name: 'sessions' };
    const sessionId = segment(second);
    return sessionId === null ? { name: 'not-found' } : { name: 'session', sessionId };
  }
  // The agenda editor: /facilitate/:sessionId/agenda.
  if (first === 'facilitate' && second !== undefined && rest.length === 1 && rest[0] === 'agenda') {
    const sessionId = segment(second);
    return sessionId === null ? { name: 'not-found' } : { name: 'agenda', sessionId };
  }
  if (rest.length > 0) return { name: 'not-found' };
  if (first === 'j') {
    if (second === undefined) return { name: 'join', code: null };
    const code = segment(second);
    return code === null ? { name: 'not-found' } : { name: 'join', code };
  }
  if ((first === 'facilitate' || first === 'present') && second !== undefined) {
    const sessionId = segment(second);
    if (sessionId === null) return { name: 'not-found' };
    return first === 'facilitate' ? { name: 'facilitate', sessionId } : { name: 'present', sessionId };
  }
  return { name: 'not-found' };
}

/** One parameter of a fragment such as "#token=abc", or null when missing or empty. */
function hashParam(hash: string, name: string): string | null {
  const value = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash).get(name);
  return value && value.length > 0 ? value : null;
}

/** Reads `token` from a fragment such as "#token=abc". */
export function tokenFromHash(hash: string): string | null {
  return hashParam(hash, 'token');
}

/** Reads a join link's key from its fragment ("#k=…"), if it has the shape of one. */
export function joinKeyFromHash(hash: string): string | null {
  const key = hashParam(hash, 'k');
  return isJoinKey(key) ? key : null;
}

/** The console of a session, with the facilitator token in the fragment (never sent to the server). */
export function consolePath(sessionId: string, token: string): string {
  return `/facilitate/${encodeURIComponent(sessionId)}#token=${encodeURIComponent(token)}`;
}

/** The agenda editor of a session, with the facilitator token in the fragment. */
export function agendaEditorPath(sessionId: string, token: string): string {
  return `/facilitate/${encodeURIComponent(sessionId)}/agenda#token=${encodeURIComponent(token)}`;
}

/** A session's page in the workspace. */
export function workspaceSessionPath(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
}
