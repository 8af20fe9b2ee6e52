import type { CommitmentOutcome, CommitmentOutcomeCounts } from '../../../shared/commitment.ts';
import type { Async } from '../async.ts';
import {
  COLUMNS,
  toStored,
  type CommitmentLookup,
  type CommitmentRepository,
  type CommitmentRow,
  type NewCommitment,
  type StoredCommitment,
} from '../commitment-repository.ts';
import type { Queryable } from './queryable.ts';

/** CommitmentRepository on PostgreSQL. */
export class PgCommitmentRepository implements Async<CommitmentRepository> {
  constructor(private readonly db: Queryable) {}

  async own(activityId: string, participantId: string): Promise<StoredCommitment | null> {
    const { rows } = await this.db.query<CommitmentRow>(
      `SELECT ${COLUMNS} FROM commitments c WHERE c.activity_id = $1 AND c.participant_id = $2`,
      [activityId, participantId],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  async insert(c: NewCommitment): Promise<void> {
    await this.db.query(
      `INSERT INTO commitments (id, session_id, activity_id, participant_id, text, key_hash, code_hash, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [c.id, c.sessionId, c.activityId, c.participantId, c.text, c.keyHash, c.codeHash, c.createdAt, c.updatedAt],
    );
  }

  async updateText(id: string, text: string, at: number): Promise<void> {
    await this.db.query('UPDATE commitments SET text = $1, updated_at = $2 WHERE id = $3', [text, at, id]);
  }

  async findInSeries(
    seriesId: string,
    exceptSessionId: string,
    before: number,
    lookup: CommitmentLookup,
  ): Promise<(StoredCommitment & { sessionTitle: string }) | null> {
    const [column, hash] = 'keyHash' in lookup ? ['key_hash', lookup.keyHash] : ['code_hash', lookup.codeHash];
    const { rows } = await this.db.query<CommitmentRow & { session_title: string }>(
      `SELECT ${COLUMNS}, s.title AS session_title FROM commitments c JOIN sessions s ON s.id = c.session_id
       WHERE c.${column} = $1 AND s.series_id = $2 AND s.id <> $3 AND s.created_at < $4
       ORDER BY c.created_at DESC, c.rowid DESC LIMIT 1`,
      [hash, seriesId, exceptSessionId, before],
    );
    return rows[0] ? { ...toStored(rows[0]), sessionTitle: rows[0].session_title } : null;
  }

  async countWritten(activityId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM commitments WHERE activity_id = $1', [activityId]);
    return rows[0]!.n;
  }

  async saveReview(activityId: string, participantId: string, commitmentId: string, outcome: CommitmentOutcome, at: number): Promise<void> {
    await this.db.query(
      `INSERT INTO commitment_reviews (activity_id, participant_id, commitment_id, outcome, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (activity_id, commitment_id) DO UPDATE SET participant_id = excluded.participant_id,
         outcome = excluded.outcome, updated_at = excluded.updated_at`,
      [activityId, participantId, commitmentId, outcome, at],
    );
  }

  async reviewOf(activityId: string, commitmentId: string): Promise<CommitmentOutcome | null> {
    const { rows } = await this.db.query<{ outcome: CommitmentOutcome }>(
      'SELECT outcome FROM commitment_reviews WHERE activity_id = $1 AND commitment_id = $2',
      [activityId, commitmentId],
    );
    return rows[0]?.outcome ?? null;
  }

  async reviewCounts(activityId: string): Promise<CommitmentOutcomeCounts> {
    const counts: CommitmentOutcomeCounts = { done: 0, started: 0, notYet: 0 };
    const { rows } = await this.db.query<{ outcome: CommitmentOutcome; n: number }>(
      'SELECT outcome, COUNT(*) AS n FROM commitment_reviews WHERE activity_id = $1 GROUP BY outcome',
      [activityId],
    );
    for (const row of rows) counts[row.outcome] = row.n;
    return counts;
  }
}
