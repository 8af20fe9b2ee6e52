import type { SalaRole } from '../../../shared/types.ts';
import type { Async } from '../async.ts';
import type { SalaTurnsRecord, TurnRepository } from '../turn-repository.ts';
import { atomically, type Queryable } from './queryable.ts';

interface TurnsRow {
  sala_id: string;
  activity_id: string;
  floor_participant_id: string | null;
  floor_since: number | null;
  timer_deadline: number | null;
  timer_seconds: number | null;
  turns_given: number;
  call_at: number | null;
  call_role: SalaRole | null;
}

/** TurnRepository on PostgreSQL. */
export class PgTurnRepository implements Async<TurnRepository> {
  constructor(private readonly db: Queryable) {}

  async forSession(sessionId: string): Promise<SalaTurnsRecord[]> {
    const hands = await this.db.query<{ sala_id: string; participant_id: string }>(
      `SELECT h.sala_id, h.participant_id FROM sala_hands h
       JOIN salas s ON s.id = h.sala_id JOIN breakouts b ON b.activity_id = s.activity_id
       WHERE b.session_id = $1 ORDER BY h.sala_id, h.position`,
      [sessionId],
    );
    const queues = new Map<string, string[]>();
    for (const hand of hands.rows) queues.set(hand.sala_id, [...(queues.get(hand.sala_id) ?? []), hand.participant_id]);
    const turns = await this.db.query<TurnsRow>(
      'SELECT t.* FROM sala_turns t JOIN breakouts b ON b.activity_id = t.activity_id WHERE b.session_id = $1',
      [sessionId],
    );
    return turns.rows.map((row) => {
      // A speaker whose data was removed leaves the floor empty, and the turn's countdown with it.
      const floor =
        row.floor_participant_id !== null && row.floor_since !== null
          ? { participantId: row.floor_participant_id, since: row.floor_since }
          : null;
      const timed = floor !== null && row.timer_deadline !== null && row.timer_seconds !== null;
      return {
        salaId: row.sala_id,
        activityId: row.activity_id,
        queue: queues.get(row.sala_id) ?? [],
        floor,
        timer: timed ? { deadline: row.timer_deadline!, seconds: row.timer_seconds! } : null,
        turns: row.turns_given,
        call: row.call_at !== null && row.call_role !== null ? { at: row.call_at, role: row.call_role } : null,
      };
    });
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
