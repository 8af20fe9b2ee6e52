/**
 * A new session's join code is already used by an open session (codes are unique among open
 * sessions: a partial unique index in both databases). The PostgreSQL repository throws this;
 * SQLite's driver throws its own constraint error, which `isSessionCodeTaken` recognises too,
 * so the service draws another code whichever storage is behind the port.
 */
export class SessionCodeTakenError extends Error {
  constructor(code: string) {
    super(`The join code ${code} is taken by an open session.`);
    this.name = 'SessionCodeTakenError';
  }
}

/** Whether creating a session failed only because its code is taken (draw another and retry). */
export function isSessionCodeTaken(error: unknown): boolean {
  if (error instanceof SessionCodeTakenError) return true;
  return error instanceof Error && /UNIQUE constraint failed: sessions\.code/.test(error.message);
}
