import type { Database } from 'better-sqlite3';
import type { FacilitatorComment } from '../../shared/types.ts';

/** The facilitator's comments on a session's activities (one aggregate per session). */
export interface CommentRepository {
  /** Stores the comment on an activity, replacing the one before; null removes it. */
  save(sessionId: string, activityId: string, text: string | null, at: number): void;
  /** Every comment of the session. */
  forSession(sessionId: string): FacilitatorComment[];
}

/** CommentRepository on SQLite. */
export class SqliteCommentRepository implements CommentRepository {
  readonly #upsert;
  readonly #remove;
  readonly #forSession;

  constructor(db: Database) {
    this.#upsert = db.prepare(
      `INSERT INTO facilitator_comments (session_id, activity_id, text, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (session_id, activity_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
    );
    this.#remove = db.prepare('DELETE FROM facilitator_comments WHERE session_id = ? AND activity_id = ?');
    this.#forSession = db.prepare('SELECT activity_id, text, updated_at FROM facilitator_comments WHERE session_id = ?');
  }

  save(sessionId: string, activityId: string, text: string | null, at: number): void {
    if (text === null) this.#remove.run(sessionId, activityId);
    else this.#upsert.run(sessionId, activityId, text, at);
  }

  forSession(sessionId: string): FacilitatorComment[] {
    const rows = this.#forSession.all(sessionId) as Array<{ activity_id: string; text: string; updated_at: number }>;
    return rows.map((row) => ({ activityId: row.activity_id, text: row.text, updatedAt: row.updated_at }));
  }
}
