import type { Async } from '../async.ts';
import type { ModerationRepository } from '../moderation-repository.ts';
import type { Queryable } from './queryable.ts';

/** ModerationRepository on PostgreSQL. */
export class PgModerationRepository implements Async<ModerationRepository> {
  constructor(private readonly db: Queryable) {}

  async setHidden(activityId: string, answerId: string, hidden: boolean): Promise<void> {
    await this.db.query(
      hidden
        ? 'INSERT INTO hidden_answers (activity_id, answer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING'
        : 'DELETE FROM hidden_answers WHERE activity_id = $1 AND answer_id = $2',
      [activityId, answerId],
    );
  }

  async hiddenForSession(sessionId: string): Promise<Array<{ activityId: string; answerId: string }>> {
    const { rows } = await this.db.query<{ activity_id: string; answer_id: string }>(
      'SELECT h.activity_id, h.answer_id FROM hidden_answers h JOIN activities a ON a.id = h.activity_id WHERE a.session_id = $1',
      [sessionId],
    );
    return rows.map((r) => ({ activityId: r.activity_id, answerId: r.answer_id }));
  }
}
