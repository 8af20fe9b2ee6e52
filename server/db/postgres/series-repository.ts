import type { Async } from '../async.ts';
import type { SeriesRecord, SeriesRepository } from '../series-repository.ts';
import type { Queryable } from './queryable.ts';

interface SeriesRow {
  id: string;
  title: string;
  owner_account_id: string | null;
  created_at: number;
  sessions: number;
}

const toRecord = (row: SeriesRow): SeriesRecord => ({
  id: row.id,
  title: row.title,
  ownerAccountId: row.owner_account_id,
  createdAt: row.created_at,
  sessions: row.sessions,
});

const SELECT = `SELECT r.id, r.title, r.owner_account_id, r.created_at,
  (SELECT COUNT(*) FROM sessions s WHERE s.series_id = r.id) AS sessions FROM series r`;

/** SeriesRepository on PostgreSQL. */
export class PgSeriesRepository implements Async<SeriesRepository> {
  constructor(private readonly db: Queryable) {}

  async create(series: Omit<SeriesRecord, 'sessions'>): Promise<SeriesRecord> {
    await this.db.query('INSERT INTO series (id, title, owner_account_id, created_at) VALUES ($1, $2, $3, $4)', [
      series.id,
      series.title,
      series.ownerAccountId,
      series.createdAt,
    ]);
    return { ...series, sessions: 0 };
  }

  async findById(id: string): Promise<SeriesRecord | null> {
    const { rows } = await this.db.query<SeriesRow>(`${SELECT} WHERE r.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(filter: { ownerAccountId: string } | null): Promise<SeriesRecord[]> {
    const { rows } = await this.db.query<SeriesRow>(
      `${SELECT} WHERE $1::text IS NULL OR r.owner_account_id = $1 ORDER BY r.created_at DESC`,
      [filter?.ownerAccountId ?? null],
    );
    return rows.map(toRecord);
  }
}
