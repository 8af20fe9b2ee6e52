import type { Database } from 'better-sqlite3';

/** How an erasure went: done (after how many attempts), or held up and to be tried again. */
export type ErasureReport =
  /** `note`: what is left in files beside the tables (PostgreSQL's WAL, when the role may not drop it). */
  { erased: true; attempts: number; note?: string } | { erased: false; attempts: number; retryInMs: number; reason: string };

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;

/**
 * Makes removed rows leave the database's files, not only its tables (docs/privacy.md).
 * secure_delete (open.ts) zeroes a deleted row where it lies, but copies of it stay elsewhere:
 * earlier versions of its page in the -wal file, and stale bytes that B-tree rebalancing left
 * in the unused space of other pages (a few rows in every thousand deleted, measured). VACUUM
 * rebuilds every page from the rows that remain, and a TRUNCATE checkpoint then writes those
 * pages into the database file and empties the -wal file.
 *
 * Another connection reading an older snapshot (the sqlite3 shell, a backup, admin:create) keeps
 * the checkpoint from finishing. Rather than block the event loop for the busy timeout, the
 * eraser gives up at once, reports it, and tries again (after 1 s, doubling up to a minute)
 * until it succeeds.
 */
export class Eraser {
  readonly #db: Database;
  readonly #report: (report: ErasureReport) => void;
  #vacuumPending = false;
  #attempts = 0;
  #retry: NodeJS.Timeout | null = null;

  constructor(db: Database, report: (report: ErasureReport) => void) {
    this.#db = db;
    this.#report = report;
  }

  /** Call once a removal has committed. True when the removed bytes are gone from every file now. */
  erase(): boolean {
    this.#vacuumPending = true;
    return this.#attempt();
  }

  /** Stops trying again (the database is about to close). */
  close(): void {
    this.#cancelRetry();
  }

  #cancelRetry(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
  }

  #attempt(): boolean {
    this.#cancelRetry();
    this.#attempts += 1;
    const heldUp = this.#withoutWaiting(() => {
      if (this.#vacuumPending) {
        this.#db.exec('VACUUM');
        this.#vacuumPending = false;
      }
      const [result] = this.#db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      return result?.busy === 0 ? null : 'another connection reads an older snapshot';
    });
    const attempts = this.#attempts;
    if (heldUp === null) {
      this.#attempts = 0;
      if (attempts > 1) this.#report({ erased: true, attempts });
      return true;
    }
    const retryInMs = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LAST_RETRY_MS);
    this.#retry = setTimeout(() => this.#attempt(), retryInMs);
    this.#retry.unref();
    this.#report({ erased: false, attempts, retryInMs, reason: heldUp });
    return false;
  }

  /** Runs step with no busy timeout; what holds it up (SQLite's own errors included) is returned, not thrown. */
  #withoutWaiting(step: () => string | null): string | null {
    const busyTimeout = this.#db.pragma('busy_timeout', { simple: true }) as number;
    this.#db.pragma('busy_timeout = 0');
    try {
      return step();
    } catch (error) {
      // SQLITE_BUSY (another writer), SQLITE_FULL and the like may pass; anything else is a bug.
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('SQLITE_')) return `${code}: ${(error as Error).message}`;
      throw error;
    } finally {
      this.#db.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }
}
