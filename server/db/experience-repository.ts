import type { Database } from 'better-sqlite3';
import type { AxisId } from '../../shared/axes.ts';
import type { ExperienceApproach, ExperienceCardInput } from '../../shared/experience.ts';

/** A stored card: what was written, whose it is (sala or author), and when. */
export interface ExperienceRecord {
  activityId: string;
  id: string;
  sessionId: string;
  salaId: string | null;
  authorId: string | null;
  card: ExperienceCardInput;
  createdAt: number;
  updatedAt: number;
}

/** A card with the session it was told in, for the workspace's catalogue. */
export interface CatalogueRecord extends ExperienceRecord {
  sessionTitle: string;
  sessionCreatedAt: number;
  series: { id: string; title: string } | null;
}

/** Experience cards (one aggregate per activity). */
export interface ExperienceRepository {
  forSession(sessionId: string): ExperienceRecord[];
  /** Creates the card, or replaces what it says (keeping when it was created). */
  save(record: ExperienceRecord): void;
  delete(activityId: string, id: string): void;
  /** Cards of the sessions an account owns (null: every session's), newest session first; removed activities' cards left out. */
  catalogue(ownerAccountId: string | null): CatalogueRecord[];
}

export interface Row {
  activity_id: string;
  id: string;
  session_id: string;
  sala_id: string | null;
  author_id: string | null;
  agency: string;
  name: string;
  axes: string;
  approach: ExperienceApproach;
  reach_count: number | null;
  reach_unit: string | null;
  since_year: number | null;
  since_month: number | null;
  lesson: string | null;
  contact_unit: string | null;
  contact_email: string | null;
  created_at: number;
  updated_at: number;
}

export interface CatalogueRow extends Row {
  session_title: string;
  session_created_at: number;
  series_id: string | null;
  series_title: string | null;
}

export const toRecord = (r: Row): ExperienceRecord => ({
  activityId: r.activity_id,
  id: r.id,
  sessionId: r.session_id,
  salaId: r.sala_id,
  authorId: r.author_id,
  card: {
    agency: r.agency,
    name: r.name,
    axes: JSON.parse(r.axes) as AxisId[],
    approach: r.approach,
    reach: r.reach_count !== null && r.reach_unit !== null ? { count: r.reach_count, unit: r.reach_unit } : null,
    since: r.since_year !== null ? { year: r.since_year, month: r.since_month } : null,
    lesson: r.lesson,
    contact:
      r.contact_unit !== null && r.contact_email !== null
        ? { optIn: true, unit: r.contact_unit, email: r.contact_email }
        : { optIn: false },
  },
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const COLUMNS = `e.activity_id, e.id, e.session_id, e.sala_id, e.author_id, e.agency, e.name, e.axes, e.approach, e.reach_count,
  e.reach_unit, e.since_year, e.since_month, e.lesson, e.contact_unit, e.contact_email, e.created_at, e.updated_at`;

/** ExperienceRepository on SQLite. */
export class SqliteExperienceRepository implements ExperienceRepository {
  readonly #forSession;
  readonly #upsert;
  readonly #delete;
  readonly #catalogueAll;
  readonly #catalogueOwned;

  constructor(db: Database) {
    this.#forSession = db.prepare(`SELECT ${COLUMNS} FROM experiences e WHERE e.session_id = ? ORDER BY e.created_at, e.id`);
    this.#upsert = db.prepare(
      `INSERT INTO experiences (activity_id, id, session_id, sala_id, author_id, agency, name, axes, approach, reach_count, reach_unit,
         since_year, since_month, lesson, contact_unit, contact_email, created_at, updated_at)
       VALUES (@activityId, @id, @sessionId, @salaId, @authorId, @agency, @name, @axes, @approach, @reachCount, @reachUnit,
         @sinceYear, @sinceMonth, @lesson, @contactUnit, @contactEmail, @createdAt, @updatedAt)
       ON CONFLICT (activity_id, id) DO UPDATE SET agency = excluded.agency, name = excluded.name, axes = excluded.axes,
         approach = excluded.approach, reach_count = excluded.reach_count, reach_unit = excluded.reach_unit,
         since_year = excluded.since_year, since_month = excluded.since_month, lesson = excluded.lesson,
         contact_unit = excluded.contact_unit, contact_email = excluded.contact_email, updated_at = excluded.updated_at`,
    );
    this.#delete = db.prepare('DELETE FROM experiences WHERE activity_id = ? AND id = ?');
    const catalogue = (where: string) =>
      db.prepare(
        `SELECT ${COLUMNS}, s.title AS session_title, s.created_at AS session_created_at, s.series_id, r.title AS series_title
         FROM experiences e
         JOIN sessions s ON s.id = e.session_id
         JOIN activities a ON a.id = e.activity_id AND a.deleted_at IS NULL
         LEFT JOIN series r ON r.id = s.series_id
         ${where}
         ORDER BY s.created_at DESC, e.created_at, e.id`,
      );
    this.#catalogueAll = catalogue('');
    this.#catalogueOwned = catalogue('WHERE s.owner_account_id = ?');
  }

  forSession(sessionId: string): ExperienceRecord[] {
    return (this.#forSession.all(sessionId) as Row[]).map(toRecord);
  }

  save(record: ExperienceRecord): void {
    const { card } = record;
    this.#upsert.run({
      activityId: record.activityId,
      id: record.id,
      sessionId: record.sessionId,
      salaId: record.salaId,
      authorId: record.authorId,
      agency: card.agency,
      name: card.name,
      axes: JSON.stringify(card.axes),
      approach: card.approach,
      reachCount: card.reach?.count ?? null,
      reachUnit: card.reach?.unit ?? null,
      sinceYear: card.since?.year ?? null,
      sinceMonth: card.since?.month ?? null,
      lesson: card.lesson,
      contactUnit: card.contact.optIn ? card.contact.unit : null,
      contactEmail: card.contact.optIn ? card.contact.email : null,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    });
  }

  delete(activityId: string, id: string): void {
    this.#delete.run(activityId, id);
  }

  catalogue(ownerAccountId: string | null): CatalogueRecord[] {
    const rows = (ownerAccountId === null ? this.#catalogueAll.all() : this.#catalogueOwned.all(ownerAccountId)) as CatalogueRow[];
    return rows.map((r) => ({
      ...toRecord(r),
      sessionTitle: r.session_title,
      sessionCreatedAt: r.session_created_at,
      series: r.series_id !== null && r.series_title !== null ? { id: r.series_id, title: r.series_title } : null,
    }));
  }
}
