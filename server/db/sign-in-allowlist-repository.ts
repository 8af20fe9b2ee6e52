import type { Database } from 'better-sqlite3';
import type { AllowListEntry } from '../../shared/sign-in-allowlist.ts';

interface Row {
  entry: string;
  created_at: number;
}

const toEntry = (row: Row): AllowListEntry => ({ entry: row.entry, createdAt: row.created_at });

/** The emails and domains that may become facilitators by signing in with the provider. */
export interface SignInAllowListRepository {
  /** Every entry, in alphabetical order. */
  list(): AllowListEntry[];
  find(entry: string): AllowListEntry | null;
  /** Adds an entry; false when it was already there. */
  add(entry: string, at: number): boolean;
  /** Removes an entry; false when there was none. */
  remove(entry: string): boolean;
}

export class SqliteSignInAllowListRepository implements SignInAllowListRepository {
  readonly #list;
  readonly #find;
  readonly #insert;
  readonly #delete;

  constructor(db: Database) {
    this.#list = db.prepare('SELECT entry, created_at FROM sign_in_allowed ORDER BY entry');
    this.#find = db.prepare('SELECT entry, created_at FROM sign_in_allowed WHERE entry = ?');
    this.#insert = db.prepare('INSERT INTO sign_in_allowed (entry, created_at) VALUES (?, ?) ON CONFLICT (entry) DO NOTHING');
    this.#delete = db.prepare('DELETE FROM sign_in_allowed WHERE entry = ?');
  }

  /** Every entry, in alphabetical order. */
  list(): AllowListEntry[] {
    return (this.#list.all() as Row[]).map(toEntry);
  }

  find(entry: string): AllowListEntry | null {
    const row = this.#find.get(entry) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  /** Adds an entry; false when it was already there. */
  add(entry: string, at: number): boolean {
    return this.#insert.run(entry, at).changes > 0;
  }

  /** Removes an entry; false when there was none. */
  remove(entry: string): boolean {
    return this.#delete.run(entry).changes > 0;
  }
}
