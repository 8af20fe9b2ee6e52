import type { Async } from '../async.ts';
import type { SettingsRepository } from '../settings-repository.ts';
import type { Queryable } from './queryable.ts';

/** SettingsRepository on PostgreSQL. */
export class PgSettingsRepository implements Async<SettingsRepository> {
  constructor(private readonly db: Queryable) {}

  async get(key: string): Promise<string | null> {
    const { rows } = await this.db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
      key,
      value,
    ]);
  }

  async setIfAbsent(key: string, value: string): Promise<string> {
    // Two statements on the pool: the insert commits before the read, which then sees whichever
    // node's value was written first.
    await this.db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
    return (await this.get(key))!;
  }

  async delete(key: string): Promise<void> {
    await this.db.query('DELETE FROM settings WHERE key = $1', [key]);
  }
}
