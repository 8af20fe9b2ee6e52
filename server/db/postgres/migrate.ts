import type { Pool } from 'pg';
import { DatabaseTooNewError, type Migration } from '../migrate.ts';

/**
 * The key of the transaction-level advisory lock that serialises migrations: nodes that start
 * together on one database wait for each other, and the later ones find nothing pending.
 * (Any constant works, as long as nothing else in the database takes it.)
 */
export const MIGRATION_LOCK_KEY = 0x706c656e; // "plen"

/**
 * Applies pending migrations in order, all in one transaction under the migration lock, and
 * records each one. Refuses a database whose schema is newer than the code's, as SQLite does.
 * Returns the versions this call applied (none when another node had already done it).
 */
export async function migratePostgres(pool: Pool, migrations: Migration[]): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    const current = rows[0]?.version ?? 0;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) throw new DatabaseTooNewError(current, latest);

    const pending = migrations.filter((m) => m.version > current);
    for (const m of pending) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
    }
    await client.query('COMMIT');
    return pending.map((m) => m.version);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
