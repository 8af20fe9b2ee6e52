import type { Async } from '../async.ts';
import { SERIES_SELECT, toSeriesRecord, type SeriesRecord, type SeriesRepository, type SeriesRow } from '../series-repository.ts';
import type { Queryable } from './queryable.ts';

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
    const { rows } = await this.db.query<SeriesRow>(`${SERIES_SELECT} WHERE r.id = $1`, [id]);
    return rows[0] ? toSeriesRecord(rows[0]) : null;
  }

  async list(filter: { ownerAccountId: string } | null): Promise<SeriesRecord[]> {
    const { rows } = await this.db.query<SeriesRow>(
      `${SERIES_SELECT} WHERE $1::text IS NULL OR r.owner_account_id = $1 ORDER BY r.created_at DESC, r.rowid DESC`,
      [filter?.ownerAccountId ?? null],
    );
    return rows.map(toSeriesRecord);
  }
}
