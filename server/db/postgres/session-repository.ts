import { DEFAULT_LOCALE } from '../../../shared/i18n/index.ts';
import type { Activity, AnsweringStatus } from '../../../shared/types.ts';
import type { SessionEvent } from '../../domain/report.ts';
import type { LiveFields } from '../../domain/session-state.ts';
import type { Async } from '../async.ts';
import { CodeTakenError } from '../errors.ts';
import {
  toListing,
  toRecord,
  type ListingRow,
  type NewSessionRecord,
  type SessionDetailsRecord,
  type SessionListing,
  type SessionRecord,
  type SessionRepository,
  type SessionRow,
  type StoredActivity,
} from '../session-repository.ts';
import { atomically, type Queryable } from './queryable.ts';
import { tell } from './session-notices.ts';

const LISTING = `SELECT s.id, s.title, s.code, s.status, s.created_at, s.closed_at, s.owner_account_id, s.series_id, s.agencies,
    s.participant_data_removed_at, (SELECT COUNT(*) FROM participants p WHERE p.session_id = s.id) AS participants
  FROM sessions s`;

/** An agenda as three parallel arrays (ids, kinds, specs), for unnest(…) WITH ORDINALITY. */
const agendaArrays = (agenda: Activity[]) => [agenda.map((a) => a.id), agenda.map((a) => a.kind), agenda.map((a) => JSON.stringify(a))];

/** SessionRepository on PostgreSQL. */
export class PgSessionRepository implements Async<SessionRepository> {
  constructor(private readonly db: Queryable) {}

  /**
   * One statement: the session and its agenda are stored together or not at all. A code taken by
   * an open session inserts nothing (ON CONFLICT on the partial index, so a surrounding
   * transaction stays usable for another try) and throws CodeTakenError.
   */
  async create(session: NewSessionRecord, agenda: Activity[]): Promise<void> {
    const { rows } = await this.db.query<{ created: number }>(
      `WITH s AS (
         INSERT INTO sessions (id, code, title, template_id, facilitator_token_hash, created_at, owner_account_id, series_id, agencies,
           names_in_reports, locale)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (code) WHERE status = 'open' DO NOTHING
         RETURNING id),
       a AS (
         INSERT INTO activities (id, session_id, position, kind, spec)
         SELECT u.id, s.id, u.ord - 1, u.kind, u.spec FROM s, unnest($12::text[], $13::text[], $14::text[]) WITH ORDINALITY AS u(id, kind, spec, ord))
       SELECT COUNT(*)::int AS created FROM s`,
      [
        session.id,
        session.code,
        session.title,
        session.templateId,
        session.facilitatorTokenHash,
        session.createdAt,
        session.ownerAccountId ?? null,
        session.seriesId ?? null,
        JSON.stringify(session.agencies ?? []),
        session.namesInReports ? 1 : 0,
        session.locale ?? DEFAULT_LOCALE,
        ...agendaArrays(agenda),
      ],
    );
    if (rows[0]!.created === 0) throw new CodeTakenError(session.code);
  }

  async findById(id: string): Promise<SessionRecord | null> {
    return this.#one('SELECT * FROM sessions WHERE id = $1', [id]);
  }

  async findOpenByCode(code: string): Promise<SessionRecord | null> {
    return this.#one("SELECT * FROM sessions WHERE code = $1 AND status = 'open'", [code]);
  }

  async findLatestByCode(code: string): Promise<SessionRecord | null> {
    return this.#one('SELECT * FROM sessions WHERE code = $1 ORDER BY created_at DESC, rowid DESC LIMIT 1', [code]);
  }

  async #one(sql: string, params: unknown[]): Promise<SessionRecord | null> {
    const { rows } = await this.db.query<SessionRow>(sql, params);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async agenda(sessionId: string): Promise<StoredActivity[]> {
    const { rows } = await this.db.query<{ spec: string; answering: AnsweringStatus; keep_open: number }>(
      'SELECT spec, answering, keep_open FROM activities WHERE session_id = $1 AND deleted_at IS NULL ORDER BY position',
      [sessionId],
    );
    return rows.map((row) => ({ activity: JSON.parse(row.spec) as Activity, answering: row.answering, keepOpen: row.keep_open === 1 }));
  }

  /**
   * Parks every row of the session at a negative position, numbers the agenda from 0, and marks
   * what stays negative deleted (kept, with its answers, for undo). PostgreSQL checks a unique
   * constraint row by row during an UPDATE, so the rows first move above every position in use
   * and only then to -1, -2, …: no step collides with a row not yet moved.
   */
  async saveAgenda(sessionId: string, agenda: Activity[], at: number): Promise<void> {
    await atomically(this.db, async (db) => {
      await db.query(
        `UPDATE activities a SET position = m.top + r.n
         FROM (SELECT id, row_number() OVER (ORDER BY position) AS n FROM activities WHERE session_id = $1) r,
              (SELECT GREATEST(MAX(position), 0) AS top FROM activities WHERE session_id = $1) m
         WHERE a.id = r.id`,
        [sessionId],
      );
      await db.query(
        `UPDATE activities a SET position = -r.n
         FROM (SELECT id, row_number() OVER (ORDER BY position) AS n FROM activities WHERE session_id = $1) r WHERE a.id = r.id`,
        [sessionId],
      );
      await db.query(
        `INSERT INTO activities (id, session_id, position, kind, spec)
         SELECT u.id, $1, u.ord - 1, u.kind, u.spec FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(id, kind, spec, ord)
         ORDER BY u.ord
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, kind = excluded.kind, spec = excluded.spec, deleted_at = NULL
         WHERE activities.session_id = excluded.session_id`,
        [sessionId, ...agendaArrays(agenda)],
      );
      await db.query('UPDATE activities SET deleted_at = $1 WHERE session_id = $2 AND position < 0 AND deleted_at IS NULL', [
        at,
        sessionId,
      ]);
    });
  }

  async findDeleted(sessionId: string, activityId: string): Promise<Activity | null> {
    const { rows } = await this.db.query<{ spec: string }>(
      'SELECT spec FROM activities WHERE id = $1 AND session_id = $2 AND deleted_at IS NOT NULL',
      [activityId, sessionId],
    );
    return rows[0] ? (JSON.parse(rows[0].spec) as Activity) : null;
  }

  async saveLive(sessionId: string, live: LiveFields): Promise<void> {
    await this.db.query(
      'UPDATE sessions SET current_activity_id = $1, results_visible = $2, blank = $3, presenter_notes = $4 WHERE id = $5',
      [live.currentActivityId, live.resultsVisible ? 1 : 0, live.blank ? 1 : 0, live.presenterNotes ? 1 : 0, sessionId],
    );
  }

  async saveAnswering(sessionId: string, activityId: string, answering: AnsweringStatus): Promise<void> {
    await this.db.query('UPDATE activities SET answering = $1 WHERE id = $2 AND session_id = $3', [answering, activityId, sessionId]);
  }

  async saveKeepOpen(sessionId: string, activityId: string, keepOpen: boolean): Promise<void> {
    await this.db.query('UPDATE activities SET keep_open = $1 WHERE id = $2 AND session_id = $3', [
      keepOpen ? 1 : 0,
      activityId,
      sessionId,
    ]);
  }

  async close(sessionId: string, at: number): Promise<void> {
    await this.db.query("UPDATE sessions SET status = 'closed', closed_at = $1 WHERE id = $2", [at, sessionId]);
  }

  async updateDetails(sessionId: string, details: SessionDetailsRecord): Promise<void> {
    const { title, seriesId, agencies, namesInReports, locale } = details;
    await this.db.query('UPDATE sessions SET title = $1, series_id = $2, agencies = $3, names_in_reports = $4, locale = $5 WHERE id = $6', [
      title,
      seriesId,
      JSON.stringify(agencies),
      namesInReports ? 1 : 0,
      locale,
      sessionId,
    ]);
  }

  async list(filter: { ownerAccountId: string } | null): Promise<SessionListing[]> {
    const { rows } = filter
      ? await this.db.query<ListingRow>(`${LISTING} WHERE s.owner_account_id = $1 ORDER BY s.created_at DESC, s.rowid DESC`, [
          filter.ownerAccountId,
        ])
      : await this.db.query<ListingRow>(`${LISTING} ORDER BY s.created_at DESC, s.rowid DESC`);
    return rows.map(toListing);
  }

  /** Oldest first; sessions created in the same millisecond in the order created. */
  async listInSeries(seriesId: string): Promise<SessionListing[]> {
    const { rows } = await this.db.query<ListingRow>(`${LISTING} WHERE s.series_id = $1 ORDER BY s.created_at, s.rowid`, [seriesId]);
    return rows.map(toListing);
  }

  /** Every node is told at the commit (session-notices.ts): the session's owner, if another node, drops it then. */
  async delete(sessionId: string): Promise<boolean> {
    return atomically(this.db, async (db) => {
      const { rowCount } = await db.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
      if (!rowCount) return false;
      await tell(db, { kind: 'removed', sessionId });
      return true;
    });
  }

  async recordEvent(sessionId: string, activityId: string | null, event: string, at: number): Promise<void> {
    await this.db.query('INSERT INTO session_events (session_id, at, activity_id, event) VALUES ($1, $2, $3, $4)', [
      sessionId,
      at,
      activityId,
      event,
    ]);
  }

  /** In time order; events of the same millisecond in the order written. */
  async events(sessionId: string): Promise<SessionEvent[]> {
    const { rows } = await this.db.query<{ at: number; activity_id: string | null; event: string }>(
      'SELECT at, activity_id, event FROM session_events WHERE session_id = $1 ORDER BY at, rowid',
      [sessionId],
    );
    return rows.map((row) => ({ at: row.at, activityId: row.activity_id, event: row.event }));
  }

  async createdBefore(cutoff: number): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      'SELECT id FROM sessions WHERE created_at < $1 AND participant_data_removed_at IS NULL ORDER BY created_at, rowid',
      [cutoff],
    );
    return rows.map((row) => row.id);
  }

  /** Participants take their answers, submissions, sala places and roles with them (ON DELETE CASCADE). */
  async removeParticipantData(sessionId: string, archive: string, at: number): Promise<void> {
    await atomically(this.db, async (db) => {
      await db.query('DELETE FROM participants WHERE session_id = $1', [sessionId]);
      await db.query('DELETE FROM hidden_answers WHERE activity_id IN (SELECT id FROM activities WHERE session_id = $1)', [sessionId]);
      // Experience cards stay (anonymous, as syntheses); the contact the writer opted in to give goes.
      await db.query('UPDATE experiences SET contact_unit = NULL, contact_email = NULL WHERE session_id = $1', [sessionId]);
      await db.query('UPDATE sessions SET participant_data_removed_at = $1, archive = $2 WHERE id = $3', [at, archive, sessionId]);
    });
  }

  async addFacilitatorLink(sessionId: string, tokenHash: string, accountId: string, at: number): Promise<void> {
    await this.db.query('INSERT INTO facilitator_links (token_hash, session_id, account_id, created_at) VALUES ($1, $2, $3, $4)', [
      tokenHash,
      sessionId,
      accountId,
      at,
    ]);
  }

  async hasFacilitatorLink(sessionId: string, tokenHash: string): Promise<boolean> {
    const { rowCount } = await this.db.query('SELECT 1 FROM facilitator_links WHERE token_hash = $1 AND session_id = $2', [
      tokenHash,
      sessionId,
    ]);
    return (rowCount ?? 0) > 0;
  }

  async archive(sessionId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ archive: string | null }>('SELECT archive FROM sessions WHERE id = $1', [sessionId]);
    return rows[0]?.archive ?? null;
  }
}
