/**
 * Errors every storage implementation throws alike, so that services never read a driver's
 * messages or codes (SQLite's "UNIQUE constraint failed", PostgreSQL's 23505).
 */

/** A new session's join code is already used by an open session: draw another. */
export class CodeTakenError extends Error {
  constructor(code: string) {
    super(`The join code ${code} is taken by an open session.`);
    this.name = 'CodeTakenError';
  }
}
