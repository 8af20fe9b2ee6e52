import type { Database } from 'better-sqlite3';

/** What the facilitator hid from the screens: open answers, by activity. */
export interface ModerationRepository {
  setHidden(activityId: string, answerId: string, hidden: boolean): void;
  hiddenForSession(sessionId: string): Array<{ activityId: string; answerId: string }>;
}

/** ModerationRepository on SQLite. */
export class SqliteModerationRepository implements ModerationRepository {
  readonly #hide;
  readonly #show;
  readonly #forSession;

  constructor(db: Database) {
    this.#hide = db.prepare('INSERT INTO hidden_answers (activity_id, answer_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
    this.#show = db.prepare('DELETE FROM hidden_answers WHERE activity_id = ? AND answer_id = ?');
    this.#forSession = db.prepare(
      'SELECT h.activity_id, h.answer_id FROM hidden_answers h JOIN activities a ON a.id = h.activity_id WHERE a.session_id = ?',
    );
  }

  setHidden(activityId: string, answerId: string, hidden: boolean): void {
    if (hidden) this.#hide.run(activityId, answerId);
    else this.#show.run(activityId, answerId);
  }

  hiddenForSession(sessionId: string): Array<{ activityId: string; answerId: string }> {
    return (this.#forSession.all(sessionId) as Array<{ activity_id: string; answer_id: string }>).map((r) => ({
      activityId: r.activity_id,
      answerId: r.answer_id,
    }));
  }
}
