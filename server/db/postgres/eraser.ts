import type pg from 'pg';
import type { ErasureReport } from '../eraser.ts';
import { alone } from './session-notices.ts';

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;
/** One rewrite at a time in the whole cluster (an advisory lock). */
const LOCK = 'plenario:erasure';
/** In `settings`: the WAL position after the latest removal asked to be erased, and the one a finished rewrite started at. */
const REQUESTED = 'erasure.requested_lsn';
const COVERED = 'erasure.covered_lsn';

/**
 * The tables that hold a session's data: `sessions` and every table whose rows reach it through
 * foreign keys (participants, answers, syntheses, experiences…), found in the catalogue so that
 * a new table is covered by its foreign key. Accounts, settings and the audit trail hold no
 * participant's words and are not rewritten.
 */
const SESSION_TABLES = `
  WITH RECURSIVE linked(oid) AS (
    SELECT 'sessions'::regclass::oid
    UNION
    SELECT c.conrelid FROM pg_constraint c JOIN linked ON c.confrelid = linked.oid WHERE c.contype = 'f'
  )
  SELECT format('%I.%I', n.nspname, r.relname) AS name
  FROM linked JOIN pg_class r ON r.oid = linked.oid JOIN pg_namespace n ON n.oid = r.relnamespace
  ORDER BY r.relname`;

const RECORD_REQUEST = `
  INSERT INTO settings (key, value) VALUES ($1, pg_current_wal_lsn()::text)
  ON CONFLICT (key) DO UPDATE SET value = GREATEST(settings.value::pg_lsn, EXCLUDED.value::pg_lsn)::text`;

const COVERED_ALREADY = `
  SELECT coalesce(
    (SELECT value::pg_lsn FROM settings WHERE key = $2) >= (SELECT value::pg_lsn FROM settings WHERE key = $1),
    NOT EXISTS (SELECT 1 FROM settings WHERE key = $1)
  ) AS covered`;

/** How long VACUUM FULL waits for a table's lock before giving up for now. */
const LOCK_TIMEOUT = '2s';
/** PostgreSQL's "insufficient_privilege": the role may not CHECKPOINT or switch the WAL. */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * PostgreSQL's side of "deleted means gone" (docs/privacy.md, docs/deploy.md). A DELETE leaves
 * the rows' old versions in the tables' pages until they are reused; VACUUM FULL rewrites each
 * table from the rows that remain. The removed rows are also in the WAL (the inserts, and the
 * full page images the DELETE logged): `pg_switch_wal()` closes the segment being written and a
 * CHECKPOINT then deletes every older one (with `wal_recycle = off`; otherwise they are renamed
 * for reuse with the old bytes in them).
 *
 * VACUUM FULL holds an ACCESS EXCLUSIVE lock on each table while it rewrites it, stalling every
 * node's commits to that table (answers: about a second per 200,000 answers, measured in
 * docs/deploy.md). So the rewrite runs behind the removal (the caller does not wait), on one node
 * of the cluster at a time, and only when needed: each removal records the WAL position after it
 * committed, and a rewrite that started later covers it, so removals on any node while one runs
 * are covered by one more run, and a node starting up runs none unless one was asked and not
 * finished (a stop, a failure). A failure is tried again, after 1 s, doubling up to a minute.
 */
export class PgEraser {
  readonly #pool: pg.Pool;
  readonly #report: (report: ErasureReport) => void;
  #running = false;
  /** A removal committed that no run has recorded yet. */
  #requested = false;
  /** A run is wanted after the one under way. */
  #again = false;
  #attempts = 0;
  #retry: NodeJS.Timeout | null = null;

  constructor(pool: pg.Pool, report: (report: ErasureReport) => void) {
    this.#pool = pool;
    this.#report = report;
  }

  /** Call once a removal has committed. Always false: the rewrite runs behind. */
  erase(): boolean {
    this.#requested = true;
    this.resume();
    return false;
  }

  /** Finishes an erasure some node asked for and none finished (at start-up); nothing to do otherwise. */
  resume(): void {
    if (this.#running) this.#again = true;
    else void this.#run();
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
      let note: string | undefined;
      do {
        this.#again = false;
        if (this.#requested) {
          this.#requested = false;
          await this.#pool.query(RECORD_REQUEST, [REQUESTED]);
        }
        note = (await alone(this.#pool, LOCK, () => this.#rewriteUnlessCovered(), { wait: true })) ?? undefined;
      } while (this.#again);
      this.#report(note ? { erased: true, attempts: this.#attempts, note } : { erased: true, attempts: this.#attempts });
      this.#attempts = 0;
    } catch (error) {
      // Asked again: the request is recorded by the next run.
      this.#requested = true;
      const retryInMs = Math.min(FIRST_RETRY_MS * 2 ** (this.#attempts - 1), LAST_RETRY_MS);
      this.#retry = setTimeout(() => void this.#run(), retryInMs);
      this.#retry.unref();
      this.#report({ erased: false, attempts: this.#attempts, retryInMs, reason: (error as Error).message });
    } finally {
      this.#running = false;
    }
  }

  /** Under the cluster's lock. What is left in the files, if anything, as a note for the log. */
  async #rewriteUnlessCovered(): Promise<string | null> {
    const { rows } = await this.#pool.query<{ covered: boolean }>(COVERED_ALREADY, [REQUESTED, COVERED]);
    if (rows[0]?.covered) return null;
    const start = await this.#pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const tables = await this.#pool.query<{ name: string }>(SESSION_TABLES);
    await this.#rewrite(tables.rows.map((table) => table.name));
    const note = await this.#dropOldWal();
    await this.#pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [
      COVERED,
      start.rows[0]!.lsn,
    ]);
    return note;
  }

  /**
   * VACUUM FULL, giving up on a table whose lock it cannot have within LOCK_TIMEOUT (a long
   * report query holds it): waiting, it would queue every node's commits to that table behind
   * it. The failure is tried again later.
   */
  async #rewrite(tables: string[]): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query(`SET lock_timeout = '${LOCK_TIMEOUT}'`);
      await client.query(`VACUUM (FULL) ${tables.join(', ')}`);
    } finally {
      await client.query('RESET lock_timeout').catch(() => undefined);
      client.release();
    }
  }

  async #dropOldWal(): Promise<string | null> {
    try {
      await this.#pool.query('SELECT pg_switch_wal()');
      await this.#pool.query('CHECKPOINT');
      const { rows } = await this.#pool.query<{ recycle: string }>("SELECT current_setting('wal_recycle') AS recycle");
      if (rows[0]?.recycle === 'on')
        return 'wal_recycle is on (docs/deploy.md): old WAL segments are kept for reuse, with the removed rows in them';
      return null;
    } catch (error) {
      if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
      return 'the tables were rewritten, but this role may not switch the WAL and CHECKPOINT (docs/deploy.md): the WAL keeps the removed rows until PostgreSQL recycles its segments';
    }
  }
}
