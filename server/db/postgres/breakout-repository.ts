import type { SalaRole } from '../../../shared/types.ts';
import type { SalaRoles } from '../../domain/breakout.ts';
import type { Async } from '../async.ts';
import {
  toRecord,
  type BreakoutRecord,
  type BreakoutRepository,
  type BreakoutRow,
  type SalaRecord,
  type StoredBreakout,
} from '../breakout-repository.ts';
import { endedPhaseValues } from './ended-phase.ts';
import { atomically, type Queryable } from './queryable.ts';

const UPSERT = `INSERT INTO breakouts (activity_id, session_id, phase, deadline, paused_remaining_ms, message, message_at,
    ended_phase, ended_remaining_ms, ended_paused, ended_until)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
  ON CONFLICT (activity_id) DO UPDATE SET phase = excluded.phase, deadline = excluded.deadline,
    paused_remaining_ms = excluded.paused_remaining_ms, message = excluded.message, message_at = excluded.message_at,
    ended_phase = excluded.ended_phase, ended_remaining_ms = excluded.ended_remaining_ms,
    ended_paused = excluded.ended_paused, ended_until = excluded.ended_until`;

const upsertValues = (r: BreakoutRecord) => [
  r.activityId,
  r.sessionId,
  r.phase,
  r.deadline,
  r.pausedRemainingMs,
  r.message,
  r.messageAt,
  ...endedPhaseValues(r.ended),
];

const SET_MEMBER = `INSERT INTO sala_members (activity_id, participant_id, sala_id) VALUES ($1, $2, $3)
  ON CONFLICT (activity_id, participant_id) DO UPDATE SET sala_id = excluded.sala_id`;

/** BreakoutRepository on PostgreSQL. */
export class PgBreakoutRepository implements Async<BreakoutRepository> {
  constructor(private readonly db: Queryable) {}

  async form(record: BreakoutRecord, salas: SalaRecord[], members: Array<{ participantId: string; salaId: string }>): Promise<void> {
    await atomically(this.db, async (db) => {
      await db.query(UPSERT, upsertValues(record));
      await db.query(
        `INSERT INTO salas (id, activity_id, position, name, video_url)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[])`,
        [
          salas.map((s) => s.id),
          salas.map((s) => s.activityId),
          salas.map((s) => s.position),
          salas.map((s) => s.name),
          salas.map((s) => s.videoUrl),
        ],
      );
      await db.query(
        `INSERT INTO sala_members (activity_id, participant_id, sala_id)
         SELECT $1, m.participant_id, m.sala_id FROM unnest($2::text[], $3::text[]) AS m(participant_id, sala_id)
         ON CONFLICT (activity_id, participant_id) DO UPDATE SET sala_id = excluded.sala_id`,
        [record.activityId, members.map((m) => m.participantId), members.map((m) => m.salaId)],
      );
    });
  }

  async save(record: BreakoutRecord): Promise<void> {
    await this.db.query(UPSERT, upsertValues(record));
  }

  async forSession(sessionId: string): Promise<StoredBreakout[]> {
    const { rows } = await this.db.query<BreakoutRow>('SELECT * FROM breakouts WHERE session_id = $1', [sessionId]);
    const stored: StoredBreakout[] = [];
    // One query after the other: on a transaction's connection queries queue anyway.
    for (const row of rows) stored.push(await this.#load(toRecord(row)));
    return stored;
  }

  async running(): Promise<BreakoutRecord[]> {
    const { rows } = await this.db.query<BreakoutRow>(
      `SELECT b.* FROM breakouts b JOIN sessions s ON s.id = b.session_id
       WHERE s.status = 'open' AND b.phase IN ('discussion', 'return') AND b.deadline IS NOT NULL`,
    );
    return rows.map(toRecord);
  }

  async #load(record: BreakoutRecord): Promise<StoredBreakout> {
    const salas = await this.db.query<{ id: string; activity_id: string; position: number; name: string; video_url: string | null }>(
      'SELECT id, activity_id, position, name, video_url FROM salas WHERE activity_id = $1 ORDER BY position',
      [record.activityId],
    );
    const members = await this.db.query<{ participant_id: string; sala_id: string }>(
      'SELECT participant_id, sala_id FROM sala_members WHERE activity_id = $1',
      [record.activityId],
    );
    const roles = await this.db.query<{ sala_id: string; role: SalaRole; participant_id: string }>(
      'SELECT r.sala_id, r.role, r.participant_id FROM sala_roles r JOIN salas s ON s.id = r.sala_id WHERE s.activity_id = $1',
      [record.activityId],
    );
    return {
      record,
      salas: salas.rows.map((r) => ({ id: r.id, activityId: r.activity_id, position: r.position, name: r.name, videoUrl: r.video_url })),
      members: members.rows.map((r) => ({ participantId: r.participant_id, salaId: r.sala_id })),
      roles: roles.rows.map((r) => ({ salaId: r.sala_id, role: r.role, participantId: r.participant_id })),
    };
  }

  async setMember(activityId: string, participantId: string, salaId: string): Promise<void> {
    await this.db.query(SET_MEMBER, [activityId, participantId, salaId]);
  }

  async updateSala(salaId: string, name: string, videoUrl: string | null): Promise<void> {
    await this.db.query('UPDATE salas SET name = $1, video_url = $2 WHERE id = $3', [name, videoUrl, salaId]);
  }

  async saveRoles(salaId: string, roles: SalaRoles): Promise<void> {
    await atomically(this.db, async (db) => {
      await db.query('DELETE FROM sala_roles WHERE sala_id = $1', [salaId]);
      const held = (['moderator', 'secretary'] as const).filter((role) => roles[role] !== null);
      if (held.length === 0) return;
      await db.query('INSERT INTO sala_roles (sala_id, role, participant_id) SELECT $1, * FROM unnest($2::text[], $3::text[])', [
        salaId,
        held,
        held.map((role) => roles[role]),
      ]);
    });
  }
}
