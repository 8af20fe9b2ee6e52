import type { Database } from 'better-sqlite3';
import { batchTransaction } from './sqlite-batch.ts';

/** An anonymous participant: no name beyond an optional display name, no contact, no IP. */
export interface ParticipantRecord {
  id: string;
  sessionId: string;
  /** Join order within the session, from 1. */
  number: number;
  displayName: string | null;
  /** One of the session's agencies, as the participant picked it; null: not said. */
  agency: string | null;
  joinedAt: number;
}

export interface ParticipantRow {
  id: string;
  session_id: string;
  number: number;
  display_name: string | null;
  agency: string | null;
  joined_at: number;
}

export const toRecord = (row: ParticipantRow): ParticipantRecord => ({
  id: row.id,
  sessionId: row.session_id,
  number: row.number,
  displayName: row.display_name,
  agency: row.agency,
  joinedAt: row.joined_at,
});

/** A participant about to be stored: its number is given by the store. */
export type NewParticipant = Omit<ParticipantRecord, 'number'> & { tokenHash: string };

/** Participants of sessions. */
export interface ParticipantRepository {
  /**
   * Stores new participants in one transaction; returns each with its join number, or null
   * where its session no longer exists (deleted while the join waited for the commit).
   */
  createBatch(entries: NewParticipant[]): (ParticipantRecord | null)[];
  listForSession(sessionId: string): ParticipantRecord[];
  findByTokenHash(tokenHash: string): ParticipantRecord | null;
  findById(participantId: string): ParticipantRecord | null;
  rename(participantId: string, displayName: string | null): void;
  setAgency(participantId: string, agency: string | null): void;
  countInSession(sessionId: string): number;
}

/** ParticipantRepository on SQLite. */
export class SqliteParticipantRepository implements ParticipantRepository {
  readonly #insert;
  readonly #createBatch;
  readonly #byTokenHash;
  readonly #byId;
  readonly #rename;
  readonly #setAgency;
  readonly #count;
  readonly #list;

  constructor(db: Database) {
    this.#insert = db.prepare(
      `INSERT INTO participants (id, session_id, token_hash, display_name, agency, joined_at, number)
       VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(number), 0) + 1 FROM participants WHERE session_id = ?))
       RETURNING number`,
    );
    this.#createBatch = batchTransaction(db, (entries: NewParticipant[]) => entries.map((entry) => this.#createOne(entry)));
    this.#byTokenHash = db.prepare('SELECT id, session_id, number, display_name, agency, joined_at FROM participants WHERE token_hash = ?');
    this.#byId = db.prepare('SELECT id, session_id, number, display_name, agency, joined_at FROM participants WHERE id = ?');
    this.#rename = db.prepare('UPDATE participants SET display_name = ? WHERE id = ?');
    this.#setAgency = db.prepare('UPDATE participants SET agency = ? WHERE id = ?');
    this.#list = db.prepare(
      'SELECT id, session_id, number, display_name, agency, joined_at FROM participants WHERE session_id = ? ORDER BY number',
    );
    this.#count = db.prepare('SELECT COUNT(*) AS n FROM participants WHERE session_id = ?');
  }

  /**
   * Stores new participants in one transaction; returns each with its join number, or null
   * where its session no longer exists (deleted while the join waited for the commit).
   */
  createBatch(entries: NewParticipant[]): (ParticipantRecord | null)[] {
    return this.#createBatch(entries);
  }

  #createOne({ tokenHash, ...record }: NewParticipant): ParticipantRecord | null {
    try {
      const row = this.#insert.get(
        record.id,
        record.sessionId,
        tokenHash,
        record.displayName,
        record.agency,
        record.joinedAt,
        record.sessionId,
      ) as {
        number: number;
      };
      return { ...record, number: row.number };
    } catch (error) {
      // A failed statement is undone on its own; the rest of the transaction stands.
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return null;
      throw error;
    }
  }

  listForSession(sessionId: string): ParticipantRecord[] {
    return (this.#list.all(sessionId) as ParticipantRow[]).map(toRecord);
  }

  findByTokenHash(tokenHash: string): ParticipantRecord | null {
    const row = this.#byTokenHash.get(tokenHash) as ParticipantRow | undefined;
    return row ? toRecord(row) : null;
  }

  findById(participantId: string): ParticipantRecord | null {
    const row = this.#byId.get(participantId) as ParticipantRow | undefined;
    return row ? toRecord(row) : null;
  }

  rename(participantId: string, displayName: string | null): void {
    this.#rename.run(displayName, participantId);
  }

  setAgency(participantId: string, agency: string | null): void {
    this.#setAgency.run(agency, participantId);
  }

  countInSession(sessionId: string): number {
    return (this.#count.get(sessionId) as { n: number }).n;
  }
}
