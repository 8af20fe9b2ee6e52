import type { AnswerValue } from '../../../shared/types.ts';
import {
  CLIENT_IDS_KEPT_CHARS,
  type AnswerRepository,
  type AnswerWrite,
  type StoredAnswer,
  type WriteOutcome,
} from '../answer-repository.ts';
import type { Async } from '../async.ts';
import type { Queryable } from './queryable.ts';

/**
 * A batch of answers in one statement, one round trip (scale-out design §5.2). Its steps:
 * - `checked`: for each write, the activity of a stored row whose id list already holds its
 *   client id (a retry, as SQLite's findSubmission finds it), and whether the same client id came
 *   earlier in this batch (then the first one is the submission, this one its retry);
 * - `fresh`: the writes to store, one row per activity and participant: the last value, and the
 *   client ids in order (two writes to one row in one batch would otherwise be refused: an
 *   upsert touches a row once);
 * - `written`: the upsert, keeping the newest CLIENT_IDS_KEPT_CHARS of the id list as SQLite
 *   does, and refusing a row whose list got the id meanwhile (position(…) = 0: a second writer
 *   would make it a retry, never a double count);
 * - then one outcome per write, in the batch's order.
 * Ids are kept as " id1 id2 … " and matched as " id ": a cut id has no space before it.
 */
const WRITE_BATCH = `
  WITH batch AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) WITH ORDINALITY
      AS b(activity_id, participant_id, client_answer_id, value, at, ord)),
  checked AS (
    SELECT b.*,
      (SELECT a.activity_id FROM answers a WHERE a.participant_id = b.participant_id
         AND position(' ' || b.client_answer_id || ' ' IN a.client_answer_ids) > 0 LIMIT 1) AS stored_in,
      first_value(b.activity_id) OVER same_id AS first_activity_id,
      row_number() OVER same_id AS occurrence
    FROM batch b
    WINDOW same_id AS (PARTITION BY b.participant_id, b.client_answer_id ORDER BY b.ord)),
  fresh AS (
    SELECT activity_id, participant_id, (array_agg(value ORDER BY ord DESC))[1] AS value, (array_agg(at ORDER BY ord DESC))[1] AS at,
      string_agg(client_answer_id, ' ' ORDER BY ord) AS ids
    FROM checked WHERE stored_in IS NULL AND occurrence = 1
    GROUP BY activity_id, participant_id),
  written AS (
    INSERT INTO answers AS a (activity_id, participant_id, value, updated_at, client_answer_ids)
    SELECT activity_id, participant_id, value, at, right(' ' || ids || ' ', ${CLIENT_IDS_KEPT_CHARS}) FROM fresh
    ON CONFLICT (activity_id, participant_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
      client_answer_ids = right(a.client_answer_ids || substr(excluded.client_answer_ids, 2), ${CLIENT_IDS_KEPT_CHARS})
    WHERE position(' ' || split_part(excluded.client_answer_ids, ' ', 2) || ' ' IN a.client_answer_ids) = 0
    RETURNING a.activity_id, a.participant_id)
  SELECT c.activity_id,
    COALESCE(c.stored_in, CASE WHEN c.occurrence > 1 THEN c.first_activity_id END) AS earlier_activity_id,
    EXISTS (SELECT 1 FROM written w WHERE w.activity_id = c.activity_id AND w.participant_id = c.participant_id) AS written
  FROM checked c ORDER BY c.ord`;

const STORED: WriteOutcome = { stored: true };

/** AnswerRepository on PostgreSQL: one row per answer, the client ids kept in it. */
export class PgAnswerRepository implements Async<AnswerRepository> {
  /**
   * @param db where reads run
   * @param commits where the batch write runs (one statement, atomic alone): in cluster mode the
   *   node's owner connection, holding its sessions' advisory locks
   */
  constructor(
    private readonly db: Queryable,
    private readonly commits: Queryable = db,
  ) {}

  async writeBatch(writes: AnswerWrite[]): Promise<WriteOutcome[]> {
    if (writes.length === 0) return [];
    const { rows } = await this.commits.query<{ activity_id: string; earlier_activity_id: string | null; written: boolean }>({
      name: 'answers-write-batch',
      text: WRITE_BATCH,
      values: [
        writes.map((w) => w.activityId),
        writes.map((w) => w.participantId),
        writes.map((w) => w.clientAnswerId),
        writes.map((w) => JSON.stringify(w.value)),
        writes.map((w) => w.at),
      ],
    });
    return rows.map((row): WriteOutcome => {
      if (row.earlier_activity_id !== null) return { stored: false, earlierActivityId: row.earlier_activity_id };
      // Not written although new here: another writer stored this id in the row meanwhile.
      return row.written ? STORED : { stored: false, earlierActivityId: row.activity_id };
    });
  }

  async findSubmission(participantId: string, clientAnswerId: string): Promise<{ activityId: string } | null> {
    const { rows } = await this.db.query<{ activity_id: string }>(
      `SELECT activity_id FROM answers WHERE participant_id = $1 AND position(' ' || $2 || ' ' IN client_answer_ids) > 0 LIMIT 1`,
      [participantId, clientAnswerId],
    );
    return rows[0] ? { activityId: rows[0].activity_id } : null;
  }

  async forSession(sessionId: string): Promise<StoredAnswer[]> {
    const { rows } = await this.db.query<{ activity_id: string; participant_id: string; value: string }>(
      `SELECT a.activity_id, a.participant_id, a.value FROM answers a JOIN activities act ON act.id = a.activity_id WHERE act.session_id = $1
       ORDER BY a.updated_at, a.participant_id COLLATE "C"`,
      [sessionId],
    );
    return rows.map((r) => ({ activityId: r.activity_id, participantId: r.participant_id, value: JSON.parse(r.value) as AnswerValue }));
  }
}
