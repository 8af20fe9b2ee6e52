import type { AllowListEntry } from '../../../shared/sign-in-allowlist.ts';
import type { Async } from '../async.ts';
import type { SignInAllowListRepository } from '../sign-in-allowlist-repository.ts';
import type { Queryable } from './queryable.ts';

interface Row {
  entry: string;
  created_at: number;
}

const toEntry = (row: Row): AllowListEntry => ({ entry: row.entry, createdAt: row.created_at });

/**
 * SignInAllowListRepository on PostgreSQL. The key compares entries as written: the service
 * keeps them in lower case (SQLite's COLLATE NOCASE makes that a second guard there).
 */
export class PgSignInAllowListRepository implements Async<SignInAllowListRepository> {
  constructor(private readonly db: Queryable) {}

  async list(): Promise<AllowListEntry[]> {
    const { rows } = await this.db.query<Row>('SELECT entry, created_at FROM sign_in_allowed ORDER BY entry COLLATE "C"');
    return rows.map(toEntry);
  }

  async find(entry: string): Promise<AllowListEntry | null> {
    const { rows } = await this.db.query<Row>('SELECT entry, created_at FROM sign_in_allowed WHERE entry = $1', [entry]);
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async add(entry: string, at: number): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'INSERT INTO sign_in_allowed (entry, created_at) VALUES ($1, $2) ON CONFLICT (entry) DO NOTHING',
      [entry, at],
    );
    return rowCount === 1;
  }

  async remove(entry: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM sign_in_allowed WHERE entry = $1', [entry]);
    return (rowCount ?? 0) > 0;
  }
}
