import type { Async } from '../async.ts';
import { toTurnsRecords, type HandRow, type SalaTurnsRecord, type TurnRepository, type TurnsRow } from '../turn-repository.ts';
import { atomically, type Queryable } from './queryable.ts';

/** TurnRepository on PostgreSQL. */
export class PgTurnRepository implements Async<TurnRepository> {
  constructor(private readonly db: Queryable) {}

  async forSession(sessionId: string): Promise<SalaTurnsRecord[]> {
    const turns = await this.db.query<TurnsRow>(
      'SELECT t.* FROM sala_turns t JOIN breakouts b ON b.activity_id = t.activity_id WHERE b.session_id = $1',
      [sessionId],
    );
    const hands = await this.db.query<HandRow>(
      `SELECT h.sala_id, h.participant_id FROM sala_hands h
       JOIN salas s ON s.id = h.sala_id JOIN breakouts b ON b.activity_id = s.activity_id
       WHERE b.session_id = $1 ORDER BY h.sala_id, h.position`,
      [sessionId],
    );
    return toTurnsRecords(turns.rows, hands.rows);
  }

  async save(r: SalaTurnsRecord): Promise<void> {
    await atomically(this.db, async (db) => {
      await db.query(
        `INSERT INTO sala_turns (sala_id, activity_id, floor_participant_id, floor_since, timer_deadline, timer_seconds, turns_given, call_at, call_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (sala_id) DO UPDATE SET floor_participant_id = excluded.floor_participant_id, floor_since = excluded.floor_since,
           timer_deadline = excluded.timer_deadline, timer_seconds = excluded.timer_seconds, turns_given = excluded.turns_given,
           call_at = excluded.call_at, call_role = excluded.call_role`,
        [
          r.salaId,
          r.activityId,
          r.floor?.participantId ?? null,
          r.floor?.since ?? null,
          r.timer?.deadline ?? null,
          r.timer?.seconds ?? null,
          r.turns,
          r.call?.at ?? null,
          r.call?.role ?? null,
        ],
      );
      await db.query('DELETE FROM sala_hands WHERE sala_id = $1', [r.salaId]);
      await db.query(
        'INSERT INTO sala_hands (sala_id, participant_id, position) SELECT $1, h.participant_id, h.ord - 1 FROM unnest($2::text[]) WITH ORDINALITY AS h(participant_id, ord)',
        [r.salaId, r.queue],
      );
    });
  }
}
