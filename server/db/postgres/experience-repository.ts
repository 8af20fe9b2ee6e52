import type { Async } from '../async.ts';
import {
  COLUMNS,
  toRecord,
  type CatalogueRecord,
  type CatalogueRow,
  type ExperienceRecord,
  type ExperienceRepository,
  type Row,
} from '../experience-repository.ts';
import type { Queryable } from './queryable.ts';

/** ExperienceRepository on PostgreSQL. */
export class PgExperienceRepository implements Async<ExperienceRepository> {
  constructor(private readonly db: Queryable) {}

  async forSession(sessionId: string): Promise<ExperienceRecord[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM experiences e WHERE e.session_id = $1 ORDER BY e.created_at, e.id COLLATE "C"`,
      [sessionId],
    );
    return rows.map(toRecord);
  }

  async save(record: ExperienceRecord): Promise<void> {
    const { card } = record;
    await this.db.query(
      `INSERT INTO experiences (activity_id, id, session_id, sala_id, author_id, agency, name, axes, approach, reach_count, reach_unit,
         since_year, since_month, lesson, contact_unit, contact_email, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (activity_id, id) DO UPDATE SET agency = excluded.agency, name = excluded.name, axes = excluded.axes,
         approach = excluded.approach, reach_count = excluded.reach_count, reach_unit = excluded.reach_unit,
         since_year = excluded.since_year, since_month = excluded.since_month, lesson = excluded.lesson,
         contact_unit = excluded.contact_unit, contact_email = excluded.contact_email, updated_at = excluded.updated_at`,
      [
        record.activityId,
        record.id,
        record.sessionId,
        record.salaId,
        record.authorId,
        card.agency,
        card.name,
        JSON.stringify(card.axes),
        card.approach,
        card.reach?.count ?? null,
        card.reach?.unit ?? null,
        card.since?.year ?? null,
        card.since?.month ?? null,
        card.lesson,
        card.contact.optIn ? card.contact.unit : null,
        card.contact.optIn ? card.contact.email : null,
        record.createdAt,
        record.updatedAt,
      ],
    );
  }

  async delete(activityId: string, id: string): Promise<void> {
    await this.db.query('DELETE FROM experiences WHERE activity_id = $1 AND id = $2', [activityId, id]);
  }

  async catalogue(ownerAccountId: string | null): Promise<CatalogueRecord[]> {
    const { rows } = await this.db.query<CatalogueRow>(
      `SELECT ${COLUMNS}, s.title AS session_title, s.created_at AS session_created_at, s.series_id, r.title AS series_title
       FROM experiences e
       JOIN sessions s ON s.id = e.session_id
       JOIN activities a ON a.id = e.activity_id AND a.deleted_at IS NULL
       LEFT JOIN series r ON r.id = s.series_id
       WHERE $1::text IS NULL OR s.owner_account_id = $1
       ORDER BY s.created_at DESC, e.created_at, e.id COLLATE "C"`,
      [ownerAccountId],
    );
    return rows.map((r) => ({
      ...toRecord(r),
      sessionTitle: r.session_title,
      sessionCreatedAt: r.session_created_at,
      series: r.series_id !== null && r.series_title !== null ? { id: r.series_id, title: r.series_title } : null,
    }));
  }
}
