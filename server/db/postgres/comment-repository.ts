import type { FacilitatorComment } from '../../../shared/types.ts';
import type { Async } from '../async.ts';
import type { CommentRepository } from '../comment-repository.ts';
import type { Queryable } from './queryable.ts';

/** CommentRepository on PostgreSQL. */
export class PgCommentRepository implements Async<CommentRepository> {
  constructor(private readonly db: Queryable) {}

  async save(sessionId: string, activityId: string, text: string | null, at: number): Promise<void> {
    if (text === null) {
      await this.db.query('DELETE FROM facilitator_comments WHERE session_id = $1 AND activity_id = $2', [sessionId, activityId]);
      return;
    }
    await this.db.query(
      `INSERT INTO facilitator_comments (session_id, activity_id, text, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id, activity_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
      [sessionId, activityId, text, at],
    );
  }

  async forSession(sessionId: string): Promise<FacilitatorComment[]> {
    const { rows } = await this.db.query<{ activity_id: string; text: string; updated_at: number }>(
      'SELECT activity_id, text, updated_at FROM facilitator_comments WHERE session_id = $1',
      [sessionId],
    );
    return rows.map((row) => ({ activityId: row.activity_id, text: row.text, updatedAt: row.updated_at }));
  }
}
