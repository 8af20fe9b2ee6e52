import type { Database } from 'better-sqlite3';
import type { BreakoutPhase, EndedPhase, SalaRole } from '../../shared/types.ts';
import type { SalaRoles } from '../domain/breakout.ts';
import { endedPhaseOf, endedPhaseParams, type EndedPhaseRow } from './ended-phase-columns.ts';

export interface BreakoutRecord {
  activityId: string;
  sessionId: string;
  phase: BreakoutPhase;
  deadline: number | null;
  pausedRemainingMs: number | null;
  message: string | null;
  messageAt: number | null;
  /** A phase ended early that can still be brought back (the undo), or null. */
  ended: EndedPhase<BreakoutPhase> | null;
}

export interface SalaRecord {
  id: string;
  activityId: string;
  position: number;
  name: string;
  videoUrl: string | null;
}

/** A breakout as stored: its record, salas, memberships and roles. */
export interface StoredBreakout {
  record: BreakoutRecord;
  salas: SalaRecord[];
  members: Array<{ participantId: string; salaId: string }>;
  roles: Array<{ salaId: string; role: SalaRole; participantId: string }>;
}

export interface BreakoutRow extends EndedPhaseRow {
  activity_id: string;
  session_id: string;
  phase: BreakoutPhase;
  deadline: number | null;
  paused_remaining_ms: number | null;
  message: string | null;
  message_at: number | null;
}

export const toRecord = (row: BreakoutRow): BreakoutRecord => ({
  activityId: row.activity_id,
  sessionId: row.session_id,
  phase: row.phase,
  deadline: row.deadline,
  pausedRemainingMs: row.paused_remaining_ms,
  message: row.message,
  messageAt: row.message_at,
  ended: endedPhaseOf<BreakoutPhase>(row),
});

/** Breakouts (one aggregate with their salas, members and roles). */
export interface BreakoutRepository {
  /** Stores a breakout's salas and first assignment atomically. */
  form(record: BreakoutRecord, salas: SalaRecord[], members: Array<{ participantId: string; salaId: string }>): void;
  save(record: BreakoutRecord): void;
  forSession(sessionId: string): StoredBreakout[];
  /** Breakouts of open sessions whose clock is running (their deadlines must be armed at start-up). */
  running(): BreakoutRecord[];
  /** Puts a participant in a sala (their sala of this breakout until now, if any, no longer). */
  setMember(activityId: string, participantId: string, salaId: string): void;
  updateSala(salaId: string, name: string, videoUrl: string | null): void;
  /** Stores who holds each role of a sala now (null: nobody), atomically. */
  saveRoles(salaId: string, roles: SalaRoles): void;
}

/** BreakoutRepository on SQLite: prepared statements only. */
export class SqliteBreakoutRepository implements BreakoutRepository {
  readonly #upsert;
  readonly #bySession;
  readonly #running;
  readonly #salas;
  readonly #members;
  readonly #roles;
  readonly #insertSala;
  readonly #setMember;
  readonly #updateSala;
  readonly #saveRoles;
  readonly #form;

  constructor(db: Database) {
    this.#upsert = db.prepare(
      `INSERT INTO breakouts (activity_id, session_id, phase, deadline, paused_remaining_ms, message, message_at,
         ended_phase, ended_remaining_ms, ended_paused, ended_until)
       VALUES (@activityId, @sessionId, @phase, @deadline, @pausedRemainingMs, @message, @messageAt,
         @endedPhase, @endedRemainingMs, @endedPaused, @endedUntil)
       ON CONFLICT (activity_id) DO UPDATE SET phase = excluded.phase, deadline = excluded.deadline,
         paused_remaining_ms = excluded.paused_remaining_ms, message = excluded.message, message_at = excluded.message_at,
         ended_phase = excluded.ended_phase, ended_remaining_ms = excluded.ended_remaining_ms,
         ended_paused = excluded.ended_paused, ended_until = excluded.ended_until`,
    );
    this.#bySession = db.prepare('SELECT * FROM breakouts WHERE session_id = ?');
    this.#running = db.prepare(
      `SELECT b.* FROM breakouts b JOIN sessions s ON s.id = b.session_id
       WHERE s.status = 'open' AND b.phase IN ('discussion', 'return') AND b.deadline IS NOT NULL`,
    );
    this.#salas = db.prepare('SELECT id, activity_id, position, name, video_url FROM salas WHERE activity_id = ? ORDER BY position');
    this.#members = db.prepare('SELECT participant_id, sala_id FROM sala_members WHERE activity_id = ?');
    this.#roles = db.prepare(
      'SELECT r.sala_id, r.role, r.participant_id FROM sala_roles r JOIN salas s ON s.id = r.sala_id WHERE s.activity_id = ?',
    );
    this.#insertSala = db.prepare('INSERT INTO salas (id, activity_id, position, name, video_url) VALUES (?, ?, ?, ?, ?)');
    this.#setMember = db.prepare(
      `INSERT INTO sala_members (activity_id, participant_id, sala_id) VALUES (?, ?, ?)
       ON CONFLICT (activity_id, participant_id) DO UPDATE SET sala_id = excluded.sala_id`,
    );
    this.#updateSala = db.prepare('UPDATE salas SET name = ?, video_url = ? WHERE id = ?');
    const clearRoles = db.prepare('DELETE FROM sala_roles WHERE sala_id = ?');
    const insertRole = db.prepare('INSERT INTO sala_roles (sala_id, role, participant_id) VALUES (?, ?, ?)');
    this.#saveRoles = db.transaction((salaId: string, roles: SalaRoles) => {
      clearRoles.run(salaId);
      if (roles.moderator !== null) insertRole.run(salaId, 'moderator', roles.moderator);
      if (roles.secretary !== null) insertRole.run(salaId, 'secretary', roles.secretary);
    });
    this.#form = db.transaction(
      (record: BreakoutRecord, salas: SalaRecord[], members: Array<{ participantId: string; salaId: string }>) => {
        this.#upsert.run({ ...record, ...endedPhaseParams(record.ended) });
        for (const s of salas) this.#insertSala.run(s.id, s.activityId, s.position, s.name, s.videoUrl);
        for (const m of members) this.#setMember.run(record.activityId, m.participantId, m.salaId);
      },
    );
  }

  /** Stores a breakout's salas and first assignment atomically. */
  form(record: BreakoutRecord, salas: SalaRecord[], members: Array<{ participantId: string; salaId: string }>): void {
    this.#form(record, salas, members);
  }

  save(record: BreakoutRecord): void {
    this.#upsert.run({ ...record, ...endedPhaseParams(record.ended) });
  }

  forSession(sessionId: string): StoredBreakout[] {
    return (this.#bySession.all(sessionId) as BreakoutRow[]).map((row) => this.#load(toRecord(row)));
  }

  /** Breakouts of open sessions whose clock is running (their deadlines must be armed at start-up). */
  running(): BreakoutRecord[] {
    return (this.#running.all() as BreakoutRow[]).map(toRecord);
  }

  #load(record: BreakoutRecord): StoredBreakout {
    const salas = (
      this.#salas.all(record.activityId) as Array<{
        id: string;
        activity_id: string;
        position: number;
        name: string;
        video_url: string | null;
      }>
    ).map((r) => ({ id: r.id, activityId: r.activity_id, position: r.position, name: r.name, videoUrl: r.video_url }));
    const members = (this.#members.all(record.activityId) as Array<{ participant_id: string; sala_id: string }>).map((r) => ({
      participantId: r.participant_id,
      salaId: r.sala_id,
    }));
    const roles = (this.#roles.all(record.activityId) as Array<{ sala_id: string; role: SalaRole; participant_id: string }>).map((r) => ({
      salaId: r.sala_id,
      role: r.role,
      participantId: r.participant_id,
    }));
    return { record, salas, members, roles };
  }

  setMember(activityId: string, participantId: string, salaId: string): void {
    this.#setMember.run(activityId, participantId, salaId);
  }

  updateSala(salaId: string, name: string, videoUrl: string | null): void {
    this.#updateSala.run(name, videoUrl, salaId);
  }

  saveRoles(salaId: string, roles: SalaRoles): void {
    this.#saveRoles(salaId, roles);
  }
}
