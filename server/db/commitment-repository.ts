import type { Database } from 'better-sqlite3';
import type { CommitmentOutcome, CommitmentOutcomeCounts } from '../../shared/commitment.ts';

/** A commitment as stored; the hashes never leave the server. */
export interface StoredCommitment {
  id: string;
  sessionId: string;
  activityId: string;
  participantId: string;
  text: string;
  createdAt: number;
  updatedAt: number;
}

export interface NewCommitment extends StoredCommitment {
  keyHash: string;
  codeHash: string;
}

/** How a commitment is looked for at a follow-up: by the browser key's hash or the short code's. */
export type CommitmentLookup = { keyHash: string } | { codeHash: string };

/** Participants' commitments and the follow-up answers about them (one aggregate per session). */
export interface CommitmentRepository {
  /** The participant's own commitment at a write activity. */
  own(activityId: string, participantId: string): StoredCommitment | null;
  /** Stores a new commitment. */
  insert(commitment: NewCommitment): void;
  /** Replaces the text of one's own commitment. */
  updateText(id: string, text: string, at: number): void;
  /**
   * The newest commitment written in another session of the series, created before `before`,
   * found by key or code; with the title of the session it was written in.
   */
  findInSeries(
    seriesId: string,
    exceptSessionId: string,
    before: number,
    lookup: CommitmentLookup,
  ): (StoredCommitment & { sessionTitle: string }) | null;
  /** Commitments written at an activity. */
  countWritten(activityId: string): number;
  /** Stores the answer about a commitment at a follow-up (replacing an earlier one). */
  saveReview(activityId: string, participantId: string, commitmentId: string, outcome: CommitmentOutcome, at: number): void;
  /** The answer given about a commitment at a follow-up, if any. */
  reviewOf(activityId: string, commitmentId: string): CommitmentOutcome | null;
  /** Answers at a follow-up, by outcome. */
  reviewCounts(activityId: string): CommitmentOutcomeCounts;
}

export interface CommitmentRow {
  id: string;
  session_id: string;
  activity_id: string;
  participant_id: string;
  text: string;
  created_at: number;
  updated_at: number;
}

export const COLUMNS = 'c.id, c.session_id, c.activity_id, c.participant_id, c.text, c.created_at, c.updated_at';

export const toStored = (row: CommitmentRow): StoredCommitment => ({
  id: row.id,
  sessionId: row.session_id,
  activityId: row.activity_id,
  participantId: row.participant_id,
  text: row.text,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** CommitmentRepository on SQLite. */
export class SqliteCommitmentRepository implements CommitmentRepository {
  readonly #own;
  readonly #insert;
  readonly #update;
  readonly #byKey;
  readonly #byCode;
  readonly #count;
  readonly #saveReview;
  readonly #reviewOf;
  readonly #reviewCounts;

  constructor(db: Database) {
    this.#own = db.prepare(`SELECT ${COLUMNS} FROM commitments c WHERE c.activity_id = ? AND c.participant_id = ?`);
    this.#insert = db.prepare(
      `INSERT INTO commitments (id, session_id, activity_id, participant_id, text, key_hash, code_hash, created_at, updated_at)
       VALUES (@id, @sessionId, @activityId, @participantId, @text, @keyHash, @codeHash, @createdAt, @updatedAt)`,
    );
    this.#update = db.prepare('UPDATE commitments SET text = ?, updated_at = ? WHERE id = ?');
    const inSeries = (column: string) =>
      db.prepare(
        `SELECT ${COLUMNS}, s.title AS session_title FROM commitments c JOIN sessions s ON s.id = c.session_id
         WHERE c.${column} = ? AND s.series_id = ? AND s.id <> ? AND s.created_at < ?
         ORDER BY c.created_at DESC, c.rowid DESC LIMIT 1`,
      );
    this.#byKey = inSeries('key_hash');
    this.#byCode = inSeries('code_hash');
    this.#count = db.prepare('SELECT COUNT(*) AS n FROM commitments WHERE activity_id = ?');
    this.#saveReview = db.prepare(
      `INSERT INTO commitment_reviews (activity_id, participant_id, commitment_id, outcome, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (activity_id, commitment_id) DO UPDATE SET participant_id = excluded.participant_id,
         outcome = excluded.outcome, updated_at = excluded.updated_at`,
    );
    this.#reviewOf = db.prepare('SELECT outcome FROM commitment_reviews WHERE activity_id = ? AND commitment_id = ?');
    this.#reviewCounts = db.prepare('SELECT outcome, COUNT(*) AS n FROM commitment_reviews WHERE activity_id = ? GROUP BY outcome');
  }

  own(activityId: string, participantId: string): StoredCommitment | null {
    const row = this.#own.get(activityId, participantId) as CommitmentRow | undefined;
    return row ? toStored(row) : null;
  }

  insert(commitment: NewCommitment): void {
    this.#insert.run(commitment);
  }

  updateText(id: string, text: string, at: number): void {
    this.#update.run(text, at, id);
  }

  findInSeries(seriesId: string, exceptSessionId: string, before: number, lookup: CommitmentLookup) {
    const [statement, hash] = 'keyHash' in lookup ? [this.#byKey, lookup.keyHash] : [this.#byCode, lookup.codeHash];
    const row = statement.get(hash, seriesId, exceptSessionId, before) as (CommitmentRow & { session_title: string }) | undefined;
    return row ? { ...toStored(row), sessionTitle: row.session_title } : null;
  }

  countWritten(activityId: string): number {
    return (this.#count.get(activityId) as { n: number }).n;
  }

  saveReview(activityId: string, participantId: string, commitmentId: string, outcome: CommitmentOutcome, at: number): void {
    this.#saveReview.run(activityId, participantId, commitmentId, outcome, at);
  }

  reviewOf(activityId: string, commitmentId: string): CommitmentOutcome | null {
    const row = this.#reviewOf.get(activityId, commitmentId) as { outcome: CommitmentOutcome } | undefined;
    return row?.outcome ?? null;
  }

  reviewCounts(activityId: string): CommitmentOutcomeCounts {
    const counts: CommitmentOutcomeCounts = { done: 0, started: 0, notYet: 0 };
    for (const row of this.#reviewCounts.all(activityId) as Array<{ outcome: CommitmentOutcome; n: number }>) counts[row.outcome] = row.n;
    return counts;
  }
}
