/**
 * What a phone last saw of its session (the agenda, the live state, its participant id), kept
 * per join code so that a reload with no network (the service worker serves the page) still
 * shows the question it had, with its queued answers, until the socket joins again and the
 * server's snapshot replaces it (issue 20).
 */
import type { LiveState, SessionView } from '../../../shared/types.ts';
import { readJson, storageKeys, writeJson } from './storage.ts';

export interface LastSeen {
  session: SessionView;
  live: LiveState;
  participantId: string | null;
}

/** Storage is anyone's to edit: only the shape the page needs to draw is accepted. */
function isLastSeen(value: unknown): value is LastSeen {
  if (typeof value !== 'object' || value === null) return false;
  const { session, live, participantId } = value as Record<string, unknown>;
  const record = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
  return (
    record(session) &&
    typeof session.title === 'string' &&
    Array.isArray(session.agenda) &&
    record(live) &&
    typeof live.status === 'string' &&
    (participantId === null || typeof participantId === 'string')
  );
}

export function readLastSeen(code: string): LastSeen | null {
  return readJson('local', storageKeys.lastSeen(code), isLastSeen);
}

export function writeLastSeen(code: string, seen: LastSeen): void {
  writeJson('local', storageKeys.lastSeen(code), seen);
}
