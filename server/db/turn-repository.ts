import type { Database } from 'better-sqlite3';
import type { SalaRole } from '../../shared/types.ts';
import type { SalaTurns } from '../domain/sala-turns.ts';

/** One sala's turns as stored: the breakout it belongs to, and its state whole. */
export interface SalaTurnsRecord extends SalaTurns {
  salaId: string;
  /** The breakout activity. */
  activityId: string;
}

export interface TurnsRow {
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

/** A raised hand, read in queue order. */
export interface HandRow {
  sala_id: string;
  participant_id: string;
}

/** Every sala's turns from its row and the session's hands (in queue order); shared by both databases. */
export function toTurnsRecords(rows: TurnsRow[], hands: HandRow[]): SalaTurnsRecord[] {
  const queues = new Map<string, string[]>();
  for (const hand of hands) queues.set(hand.sala_id, [...(queues.get(hand.sala_id) ?? []), hand.participant_id]);
  return rows.map((row) => {
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

/** Turns to speak (one aggregate per sala): the floor, the countdown, the count, the call, the hands. */
export interface TurnRepository {
  /** Every sala's turns in the session's breakouts, hands in queue order. */
  forSession(sessionId: string): SalaTurnsRecord[];
  /** Stores a sala's turns whole (its hands replaced), atomically. */
  save(record: SalaTurnsRecord): void;
}

/** TurnRepository on SQLite. */
export class SqliteTurnRepository implements TurnRepository {
  readonly #turns;
  readonly #hands;
  readonly #upsert;
  readonly #clearHands;
  readonly #addHand;
  readonly #save;

  constructor(db: Database) {
    this.#turns = db.prepare(`SELECT t.* FROM sala_turns t JOIN breakouts b ON b.activity_id = t.activity_id WHERE b.session_id = ?`);
    this.#hands = db.prepare(
      `SELECT h.sala_id, h.participant_id FROM sala_hands h
       JOIN salas s ON s.id = h.sala_id JOIN breakouts b ON b.activity_id = s.activity_id
       WHERE b.session_id = ? ORDER BY h.sala_id, h.position`,
    );
    this.#upsert = db.prepare(
      `INSERT INTO sala_turns (sala_id, activity_id, floor_participant_id, floor_since, timer_deadline, timer_seconds, turns_given, call_at, call_role)
       VALUES (@salaId, @activityId, @floorParticipantId, @floorSince, @timerDeadline, @timerSeconds, @turns, @callAt, @callRole)
       ON CONFLICT (sala_id) DO UPDATE SET floor_participant_id = excluded.floor_participant_id, floor_since = excluded.floor_since,
         timer_deadline = excluded.timer_deadline, timer_seconds = excluded.timer_seconds, turns_given = excluded.turns_given,
         call_at = excluded.call_at, call_role = excluded.call_role`,
    );
    this.#clearHands = db.prepare('DELETE FROM sala_hands WHERE sala_id = ?');
    this.#addHand = db.prepare('INSERT INTO sala_hands (sala_id, participant_id, position) VALUES (?, ?, ?)');
    this.#save = db.transaction((r: SalaTurnsRecord) => {
      this.#upsert.run({
        salaId: r.salaId,
        activityId: r.activityId,
        floorParticipantId: r.floor?.participantId ?? null,
        floorSince: r.floor?.since ?? null,
        timerDeadline: r.timer?.deadline ?? null,
        timerSeconds: r.timer?.seconds ?? null,
        turns: r.turns,
        callAt: r.call?.at ?? null,
        callRole: r.call?.role ?? null,
      });
      this.#clearHands.run(r.salaId);
      r.queue.forEach((participantId, position) => this.#addHand.run(r.salaId, participantId, position));
    });
  }

  forSession(sessionId: string): SalaTurnsRecord[] {
    return toTurnsRecords(this.#turns.all(sessionId) as TurnsRow[], this.#hands.all(sessionId) as HandRow[]);
  }

  /** Stores a sala's turns whole (its hands replaced), atomically. */
  save(record: SalaTurnsRecord): void {
    this.#save(record);
  }
}
