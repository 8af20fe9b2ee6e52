import type { Database } from 'better-sqlite3';
import type { AnswerValue } from '../../shared/types.ts';

export interface AnswerWrite {
  clientAnswerId: string;
  activityId: string;
  participantId: string;
  value: AnswerValue;
  at: number;
}

/** What became of one write of a batch: stored, or a retry of a submission stored before (whose activity it names). */
export type WriteOutcome = { stored: true } | { stored: false; earlierActivityId: string };

export interface StoredAnswer {
  activityId: string;
  participantId: string;
  value: AnswerValue;
}

const STORED: WriteOutcome = { stored: true };

/** Answers: one current answer per participant and activity, and the ids of every submission. */
export class AnswerRepository {
  readonly #recordSubmission;
  readonly #upsert;
  readonly #bySession;
  readonly #writeBatch;
  readonly #submission;

  constructor(db: Database) {
    this.#recordSubmission = db.prepare(
      `INSERT INTO answer_submissions (participant_id, client_answer_id, activity_id, received_at)
       VALUES (?, ?, ?, ?) ON CONFLICT (participant_id, client_answer_id) DO NOTHING`,
    );
    this.#upsert = db.prepare(
      `INSERT INTO answers (activity_id, participant_id, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (activity_id, participant_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.#submission = db.prepare('SELECT activity_id FROM answer_submissions WHERE participant_id = ? AND client_answer_id = ?');
    this.#bySession = db.prepare(
      `SELECT a.activity_id, a.participant_id, a.value FROM answers a
       JOIN activities act ON act.id = a.activity_id WHERE act.session_id = ?`,
    );
    // One transaction for the whole batch: one fsync however many answers arrived in this turn.
    // The submission's unique key is the duplicate check: no read before the write, and only a
    // retry (rare) costs a lookup of the activity its id was first used for.
    this.#writeBatch = db.transaction((writes: AnswerWrite[]): WriteOutcome[] =>
      writes.map((w) => {
        if (this.#recordSubmission.run(w.participantId, w.clientAnswerId, w.activityId, w.at).changes === 1) {
          this.#upsert.run(w.activityId, w.participantId, JSON.stringify(w.value), w.at);
          return STORED;
        }
        const earlier = this.#submission.get(w.participantId, w.clientAnswerId) as { activity_id: string };
        return { stored: false, earlierActivityId: earlier.activity_id };
      }),
    );
  }

  /**
   * Writes a batch atomically. For each write: stored, or not stored because the participant
   * had sent that clientAnswerId before (a retry: nothing changes), with the activity it was for.
   */
  writeBatch(writes: AnswerWrite[]): WriteOutcome[] {
    return this.#writeBatch(writes);
  }

  /** The activity of this participant's earlier submission with this client id, if there was one. */
  findSubmission(participantId: string, clientAnswerId: string): { activityId: string } | null {
    const row = this.#submission.get(participantId, clientAnswerId) as { activity_id: string } | undefined;
    return row ? { activityId: row.activity_id } : null;
  }

  forSession(sessionId: string): StoredAnswer[] {
    const rows = this.#bySession.all(sessionId) as Array<{ activity_id: string; participant_id: string; value: string }>;
    return rows.map((r) => ({ activityId: r.activity_id, participantId: r.participant_id, value: JSON.parse(r.value) as AnswerValue }));
  }
}
