/**
 * What this browser remembers of a join code once it joined: the participant token (kept by
 * ParticipantSession at each join), read by the join page and its early code check.
 */
import { readJson, storageKeys } from './storage.ts';

export interface StoredParticipant {
  token: string;
  sessionId: string | null;
  displayName: string | null;
}

function isStoredParticipant(value: unknown): value is StoredParticipant {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.token === 'string' &&
    (record.sessionId === null || typeof record.sessionId === 'string') &&
    (record.displayName === null || typeof record.displayName === 'string')
  );
}

/** What this browser remembers of a join code: the participant token, if it joined before. */
export function storedParticipant(code: string): StoredParticipant | null {
  return readJson('local', storageKeys.participant(code), isStoredParticipant);
}
