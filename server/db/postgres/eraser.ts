import type pg from 'pg';
import type { ErasureReport } from '../eraser.ts';

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;

/**
 * PostgreSQL's side of "deleted means gone": a DELETE leaves the row's old versions in the
 * table's pages until they are reused; VACUUM FULL rewrites every table from the rows that
 * remain. It runs behind the removal (the caller does not wait), one at a time, again after a
 * failure; removals while one runs are covered by one more run. The WAL still holds the removed
 * rows until PostgreSQL recycles its segments, and so do archived WAL and base backups until
 * they expire (docs/privacy.md, docs/deploy.md).
 */
export class PgEraser {
  readonly #pool: pg.Pool;
  readonly #report: (report: ErasureReport) => void;
  #running = false;
  #again = false;
  #attempts = 0;
  #retry: NodeJS.Timeout | null = null;

  constructor(pool: pg.Pool, report: (report: ErasureReport) => void) {
    this.#pool = pool;
    this.#report = report;
  }

  /** Call once a removal has committed. Always false: the rewrite runs behind. */
  erase(): boolean {
    if (this.#running) this.#again = true;
    else void this.#run();
    return false;
  }

  /** Stops trying again (the pool is about to close). */
  close(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
  }

  async #run(): Promise<void> {
    this.close();
    this.#running = true;
    this.#attempts += 1;
    try {
      do {
        this.#again = false;
        await this.#pool.query('VACUUM FULL');
      } while (this.#again);
      this.#report({ erased: true, attempts: this.#attempts });
      this.#attempts = 0;
    } catch (error) {
      const retryInMs = Math.min(FIRST_RETRY_MS * 2 ** (this.#attempts - 1), LAST_RETRY_MS);
      this.#retry = setTimeout(() => void this.#run(), retryInMs);
      this.#retry.unref();
      this.#report({ erased: false, attempts: this.#attempts, retryInMs, reason: (error as Error).message });
    } finally {
      this.#running = false;
    }
  }
}
