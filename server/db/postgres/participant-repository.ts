import type { Async } from '../async.ts';
import {
  toRecord,
  type NewParticipant,
  type ParticipantRecord,
  type ParticipantRepository,
  type ParticipantRow,
} from '../participant-repository.ts';
import type { Queryable } from './queryable.ts';

const COLUMNS = 'id, session_id, number, display_name, agency, joined_at';

/** ParticipantRepository on PostgreSQL. */
export class PgParticipantRepository implements Async<ParticipantRepository> {
  /**
   * @param db where reads run
   * @param commits where the batch write runs (one statement, atomic alone): in cluster mode the
   *   node's owner connection, holding its sessions' advisory locks
   */
  constructor(
    private readonly db: Queryable,
    private readonly commits: Queryable = db,
  ) {}

  /**
   * One statement for the whole batch (one round trip per group commit). Each new participant is
   * numbered after the session's highest number, in the batch's order; one whose session no
   * longer exists is left out (null), as SQLite's foreign key refusal does. The session row is
   * locked as the foreign key check would lock it, so a delete committed meanwhile (from another
   * node) also leaves the join out rather than failing the whole batch. Numbers are read and
   * written in one statement: the session's owner runs one join batch at a time.
   */
  async createBatch(entries: NewParticipant[]): Promise<(ParticipantRecord | null)[]> {
    if (entries.length === 0) return [];
    const { rows } = await this.commits.query<{ id: string; number: number }>({
      name: 'participants-create-batch',
      text: `WITH batch AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) WITH ORDINALITY
           AS b(id, session_id, token_hash, display_name, agency, joined_at, ord)
         WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.id = b.session_id FOR KEY SHARE))
       INSERT INTO participants (id, session_id, token_hash, display_name, agency, joined_at, number)
       SELECT b.id, b.session_id, b.token_hash, b.display_name, b.agency, b.joined_at,
         COALESCE((SELECT MAX(p.number) FROM participants p WHERE p.session_id = b.session_id), 0)
           + row_number() OVER (PARTITION BY b.session_id ORDER BY b.ord)
       FROM batch b
       RETURNING id, number`,
      values: [
        entries.map((e) => e.id),
        entries.map((e) => e.sessionId),
        entries.map((e) => e.tokenHash),
        entries.map((e) => e.displayName),
        entries.map((e) => e.agency),
        entries.map((e) => e.joinedAt),
      ],
    });
    const numbers = new Map(rows.map((row) => [row.id, row.number]));
    return entries.map(({ tokenHash: _tokenHash, ...record }) => {
      const number = numbers.get(record.id);
      return number === undefined ? null : { ...record, number };
    });
  }

  async listForSession(sessionId: string): Promise<ParticipantRecord[]> {
    const { rows } = await this.db.query<ParticipantRow>(`SELECT ${COLUMNS} FROM participants WHERE session_id = $1 ORDER BY number`, [
      sessionId,
    ]);
    return rows.map(toRecord);
  }

  async findByTokenHash(tokenHash: string): Promise<ParticipantRecord | null> {
    const { rows } = await this.db.query<ParticipantRow>(`SELECT ${COLUMNS} FROM participants WHERE token_hash = $1`, [tokenHash]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findById(participantId: string): Promise<ParticipantRecord | null> {
    const { rows } = await this.db.query<ParticipantRow>(`SELECT ${COLUMNS} FROM participants WHERE id = $1`, [participantId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async rename(participantId: string, displayName: string | null): Promise<void> {
    await this.db.query('UPDATE participants SET display_name = $1 WHERE id = $2', [displayName, participantId]);
  }

  async setAgency(participantId: string, agency: string | null): Promise<void> {
    await this.db.query('UPDATE participants SET agency = $1 WHERE id = $2', [agency, participantId]);
  }

  async countInSession(sessionId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM participants WHERE session_id = $1', [sessionId]);
    return rows[0]!.n;
  }
}
