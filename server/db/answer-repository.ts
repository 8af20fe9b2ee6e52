import type { Database } from 'better-sqlite3';
import { batchTransaction } from './sqlite-batch.ts';
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

/**
 * How much of a row's list of client ids is kept: the newest ids, at least 15 of the longest
 * kind. The client resends only its latest unacknowledged answer, so a retry is always one of
 * the last few ids.
 */
export const CLIENT_IDS_KEPT_CHARS = 1_000;

/** Answers: one current answer per participant and activity, with the client ids of its latest submissions. */
export interface AnswerRepository {
  /**
   * Writes a batch atomically. For each write: stored, or not stored because the participant
   * had sent that clientAnswerId before (a retry: nothing changes), with the activity it was for.
   */
  writeBatch(writes: AnswerWrite[]): WriteOutcome[];
  /** The activity of this participant's earlier submission with this client id, if there was one. */
  findSubmission(participantId: string, clientAnswerId: string): { activityId: string } | null;
  /**
   * The session's answers in the order last changed (those of one millisecond by participant id),
   * the order the live tallies hold them in: a reloaded session lists the same newest open answers.
   */
  forSession(sessionId: string): StoredAnswer[];
}

/** AnswerRepository on SQLite: one row per answer, the client ids kept in it. */
export class SqliteAnswerRepository implements AnswerRepository {
  readonly #upsert;
  readonly #bySession;
  readonly #writeBatch;
  readonly #submission;

  constructor(db: Database) {
    // The ids are kept as " id1 id2 … " and matched as " id ": trimming from the front may cut
    // an id, but a cut id has no space before it and so never matches.
    this.#upsert = db.prepare(
      `INSERT INTO answers (activity_id, participant_id, value, updated_at, client_answer_ids) VALUES (?, ?, ?, ?, ' ' || ? || ' ')
       ON CONFLICT (activity_id, participant_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
         client_answer_ids = substr(answers.client_answer_ids || substr(excluded.client_answer_ids, 2), -${CLIENT_IDS_KEPT_CHARS})`,
    );
    this.#submission = db.prepare(
      `SELECT activity_id FROM answers WHERE participant_id = ? AND instr(client_answer_ids, ' ' || ? || ' ') > 0 LIMIT 1`,
    );
    this.#bySession = db.prepare(
      `SELECT a.activity_id, a.participant_id, a.value FROM answers a
       JOIN activities act ON act.id = a.activity_id WHERE act.session_id = ? ORDER BY a.updated_at, a.participant_id`,
    );
    // One transaction for the whole batch: one fsync however many answers arrived in this turn.
    // Each write reads the participant's answers (through their index, pages the write then
    // touches anyway) to tell a retry, then writes one row.
    this.#writeBatch = batchTransaction(db, (writes: AnswerWrite[]): WriteOutcome[] =>
      writes.map((w) => {
        const earlier = this.findSubmission(w.participantId, w.clientAnswerId);
        if (earlier) return { stored: false, earlierActivityId: earlier.activityId };
        this.#upsert.run(w.activityId, w.participantId, JSON.stringify(w.value), w.at, w.clientAnswerId);
        return STORED;
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
