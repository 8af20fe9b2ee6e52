import type { Database } from 'better-sqlite3';

/** A series of sessions with the same agencies ("Bienestar psicológico 2026 — Región de Valparaíso"). */
export interface SeriesRecord {
  id: string;
  title: string;
  ownerAccountId: string | null;
  createdAt: number;
  /** Sessions in it. */
  sessions: number;
}

export interface SeriesRow {
  id: string;
  title: string;
  owner_account_id: string | null;
  created_at: number;
  sessions: number;
}

export const toSeriesRecord = (row: SeriesRow): SeriesRecord => ({
  id: row.id,
  title: row.title,
  ownerAccountId: row.owner_account_id,
  createdAt: row.created_at,
  sessions: row.sessions,
});

export const SERIES_SELECT = `SELECT r.id, r.title, r.owner_account_id, r.created_at,
  (SELECT COUNT(*) FROM sessions s WHERE s.series_id = r.id) AS sessions FROM series r`;

export interface SeriesRepository {
  create(series: Omit<SeriesRecord, 'sessions'>): SeriesRecord;
  findById(id: string): SeriesRecord | null;
  /** Newest first: every series, or those an account created (a series belongs to its creator). */
  list(filter: { ownerAccountId: string } | null): SeriesRecord[];
}

export class SqliteSeriesRepository implements SeriesRepository {
  readonly #insert;
  readonly #byId;
  readonly #all;
  readonly #owned;

  constructor(db: Database) {
    this.#insert = db.prepare('INSERT INTO series (id, title, owner_account_id, created_at) VALUES (?, ?, ?, ?)');
    this.#byId = db.prepare(`${SERIES_SELECT} WHERE r.id = ?`);
    this.#all = db.prepare(`${SERIES_SELECT} ORDER BY r.created_at DESC, r.rowid DESC`);
    this.#owned = db.prepare(`${SERIES_SELECT} WHERE r.owner_account_id = ? ORDER BY r.created_at DESC, r.rowid DESC`);
  }

  create(series: Omit<SeriesRecord, 'sessions'>): SeriesRecord {
    this.#insert.run(series.id, series.title, series.ownerAccountId, series.createdAt);
    return { ...series, sessions: 0 };
  }

  findById(id: string): SeriesRecord | null {
    const row = this.#byId.get(id) as SeriesRow | undefined;
    return row ? toSeriesRecord(row) : null;
  }

  /** Newest first: every series, or those an account created (a series belongs to its creator). */
  list(filter: { ownerAccountId: string } | null): SeriesRecord[] {
    const rows = filter ? this.#owned.all(filter.ownerAccountId) : this.#all.all();
    return (rows as SeriesRow[]).map(toSeriesRecord);
  }
}
