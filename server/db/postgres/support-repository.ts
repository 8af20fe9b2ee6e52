import type { SupportStatus } from '../../../shared/support-register.ts';
import type { StoredSupportEntry } from '../../domain/support-register.ts';
import type { Async } from '../async.ts';
import {
  LISTED,
  LISTED_ORDER,
  toEntry,
  toListed,
  type ListedRow,
  type ListedSupportEntry,
  type Row,
  type SupportFilter,
  type SupportRepository,
} from '../support-repository.ts';
import type { Queryable } from './queryable.ts';

/** SupportRepository on PostgreSQL. */
export class PgSupportRepository implements Async<SupportRepository> {
  constructor(private readonly db: Queryable) {}

  async forSala(activityId: string, salaId: string): Promise<StoredSupportEntry[]> {
    const { rows } = await this.db.query<Row>(
      'SELECT * FROM support_entries WHERE activity_id = $1 AND sala_id = $2 ORDER BY created_at, rowid',
      [activityId, salaId],
    );
    return rows.map(toEntry);
  }

  async forSession(sessionId: string): Promise<StoredSupportEntry[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM support_entries WHERE session_id = $1 ORDER BY created_at, rowid', [
      sessionId,
    ]);
    return rows.map(toEntry);
  }

  async find(id: string): Promise<ListedSupportEntry | null> {
    const { rows } = await this.db.query<ListedRow>(`${LISTED} WHERE e.id = $1`, [id]);
    return rows[0] ? toListed(rows[0]) : null;
  }

  async list(filter: SupportFilter): Promise<ListedSupportEntry[]> {
    const { rows } = await this.db.query<ListedRow>(
      `${LISTED} WHERE ($1::text IS NULL OR s.owner_account_id = $1) AND ($2::text IS NULL OR s.series_id = $2)
         AND ($3::text IS NULL OR e.status = $3) ${LISTED_ORDER}`,
      [filter.ownerAccountId, filter.seriesId ?? null, filter.status ?? null],
    );
    return rows.map(toListed);
  }

  async insert(e: StoredSupportEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO support_entries (id, session_id, activity_id, sala_id, sala_name, kind_id, kind_label, text, agencies, status, note,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        e.id,
        e.sessionId,
        e.activityId,
        e.salaId,
        e.salaName,
        e.kindId,
        e.kindLabel,
        e.text,
        JSON.stringify(e.agencies),
        e.status,
        e.note,
        e.createdAt,
        e.updatedAt,
      ],
    );
  }

  async updateRequest(id: string, request: { text: string; kindLabel: string | null; agencies: string[] }, at: number): Promise<void> {
    await this.db.query('UPDATE support_entries SET text = $1, kind_label = $2, agencies = $3, updated_at = $4 WHERE id = $5', [
      request.text,
      request.kindLabel,
      JSON.stringify(request.agencies),
      at,
      id,
    ]);
  }

  async setStatus(id: string, status: SupportStatus, note: string, at: number): Promise<void> {
    await this.db.query('UPDATE support_entries SET status = $1, note = $2, updated_at = $3 WHERE id = $4', [status, note, at, id]);
  }

  async remove(id: string): Promise<void> {
    await this.db.query('DELETE FROM support_entries WHERE id = $1', [id]);
  }
}
