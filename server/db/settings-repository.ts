import type { Database } from 'better-sqlite3';

/** Workspace settings as text by key (the retention period, …); callers parse their own values. */
export interface SettingsRepository {
  /** The stored value, or null when the setting was never set. */
  get(key: string): string | null;
  set(key: string, value: string): void;
  /** Back to "never set". */
  delete(key: string): void;
}

export class SqliteSettingsRepository implements SettingsRepository {
  readonly #get;
  readonly #set;
  readonly #delete;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.#set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.#delete = db.prepare('DELETE FROM settings WHERE key = ?');
  }

  /** The stored value, or null when the setting was never set. */
  get(key: string): string | null {
    const row = this.#get.get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  set(key: string, value: string): void {
    this.#set.run(key, value);
  }

  /** Back to "never set". */
  delete(key: string): void {
    this.#delete.run(key);
  }
}
