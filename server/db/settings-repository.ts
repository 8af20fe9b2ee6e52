import type { Database } from 'better-sqlite3';

/** Workspace settings as text by key (the retention period, …); callers parse their own values. */
export interface SettingsRepository {
  /** The stored value, or null when the setting was never set. */
  get(key: string): string | null;
  set(key: string, value: string): void;
  /**
   * Stores the value unless the setting has one, and returns the one stored: nodes starting
   * together on an empty database all end with the first one written (a generated secret).
   */
  setIfAbsent(key: string, value: string): string;
  /** Back to "never set". */
  delete(key: string): void;
}

export class SqliteSettingsRepository implements SettingsRepository {
  readonly #get;
  readonly #set;
  readonly #delete;
  readonly #insert;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.#set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.#delete = db.prepare('DELETE FROM settings WHERE key = ?');
    this.#insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
  }

  /** The stored value, or null when the setting was never set. */
  get(key: string): string | null {
    const row = this.#get.get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  set(key: string, value: string): void {
    this.#set.run(key, value);
  }

  setIfAbsent(key: string, value: string): string {
    this.#insert.run(key, value);
    return this.get(key)!;
  }

  /** Back to "never set". */
  delete(key: string): void {
    this.#delete.run(key);
  }
}
