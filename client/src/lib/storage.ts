/**
 * Browser storage that never throws: private modes and disabled storage must not break a
 * participant's page, they only lose the ability to come back after a reload.
 */
type Area = 'local' | 'session';

function area(which: Area): Storage | null {
  try {
    return which === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

export function readString(which: Area, key: string): string | null {
  try {
    return area(which)?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeString(which: Area, key: string, value: string): void {
  try {
    area(which)?.setItem(key, value);
  } catch {
    // Quota or privacy mode: the value lives only in memory for this page.
  }
}

export function removeKey(which: Area, key: string): void {
  try {
    area(which)?.removeItem(key);
  } catch {
    // Nothing to do.
  }
}

/** Reads JSON written by writeJson; `accept` checks the shape, since storage is user-editable. */
export function readJson<T>(which: Area, key: string, accept: (value: unknown) => value is T): T | null {
  const raw = readString(which, key);
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return accept(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function writeJson(which: Area, key: string, value: unknown): void {
  writeString(which, key, JSON.stringify(value));
}

/** The keys this client uses, in one place. */
export const storageKeys = {
  locale: 'plenario:locale',
  /** Participant token and display name, per join code (codes are unique among open sessions). */
  participant: (code: string) => `plenario:participant:${code}`,
  /** The key of the link or QR this phone came through, per join code: rejoins send it again. */
  joinKey: (code: string) => `plenario:join-key:${code}`,
  /** The session, its live state and this participant's id as last joined, per join code: shown on an offline reload. */
  lastSeen: (code: string) => `plenario:last-seen:${code}`,
  /** Answers sent but not yet acknowledged, per join code. */
  pending: (code: string) => `plenario:pending:${code}`,
  /** The participation notice was accepted, per session: its join code and when it was made (codes are reused). */
  notice: (code: string, createdAt: number) => `plenario:notice:${code}:${createdAt}`,
  /** Breakout alerts this tab already gave, per join code (sessionStorage: survives reloads). */
  alerts: (code: string) => `plenario:alerts:${code}`,
  /** A secretary's synthesis draft not yet acknowledged, per join code, synthesis activity and sala. */
  synthesis: (code: string, activityId: string, salaId: string) => `plenario:synthesis:${code}:${activityId}:${salaId}`,
  /** This browser's commitment key, for every session: finds its commitments at the next session of a series. */
  commitmentKey: 'plenario:commitment-key',
  /** The commitment this phone wrote and its short code, per session and activity. */
  commitment: (sessionId: string, activityId: string) => `plenario:commitment:${sessionId}:${activityId}`,
  /** The short code a follow-up found one's commitment with, per session and activity (sessionStorage: survives reloads). */
  commitmentCode: (sessionId: string, activityId: string) => `plenario:commitment-code:${sessionId}:${activityId}`,
  /** Facilitator token, per session id (sessionStorage: this tab only). */
  facilitator: (sessionId: string) => `plenario:facilitator:${sessionId}`,
} as const;
