import type { Database } from 'better-sqlite3';

/** An anonymous participant: no name beyond an optional display name, no contact, no IP. */
export interface ParticipantRecord {
  id: string;
  sessionId: string;
  displayName: string | null;
  joinedAt: number;
}

interface ParticipantRow {
  id: string;
  session_id: string;
  display_name: string | null;
  joined_at: number;
}

const toRecord = (row: ParticipantRow): ParticipantRecord => ({
  id: row.id,
  sessionId: row.session_id,
  displayName: row.display_name,
  joinedAt: row.joined_at,
});

export class ParticipantRepository {
  readonly #insert;
  readonly #byTokenHash;
  readonly #byId;
  readonly #rename;
  readonly #count;

  constructor(db: Database) {
    this.#insert = db.prepare(
      'INSERT INTO participants (id, session_id, token_hash, display_name, joined_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#byTokenHash = db.prepare('SELECT id, session_id, display_name, joined_at FROM participants WHERE token_hash = ?');
    this.#byId = db.prepare('SELECT id, session_id, display_name, joined_at FROM participants WHERE id = ?');
    this.#rename = db.prepare('UPDATE participants SET display_name = ? WHERE id = ?');
    this.#count = db.prepare('SELECT COUNT(*) AS n FROM participants WHERE session_id = ?');
  }

  create(record: ParticipantRecord, tokenHash: string): void {
    this.#insert.run(record.id, record.sessionId, tokenHash, record.displayName, record.joinedAt);
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

  countInSession(sessionId: string): number {
    return (this.#count.get(sessionId) as { n: number }).n;
  }
}
