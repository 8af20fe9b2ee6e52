import type { Async } from '../async.ts';
import {
  toState,
  toSynthesis,
  type SalaSynthesisRecord,
  type StateRow,
  type SynthesisRepository,
  type SynthesisRow,
  type SynthesisSave,
  type SynthesisStateRecord,
} from '../synthesis-repository.ts';
import { endedPhaseValues } from './ended-phase.ts';
import { atomically, type Queryable } from './queryable.ts';

/** SynthesisRepository on PostgreSQL. */
export class PgSynthesisRepository implements Async<SynthesisRepository> {
  constructor(private readonly db: Queryable) {}

  async saveState(state: SynthesisStateRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO synthesis_states (activity_id, session_id, phase, deadline, paused_remaining_ms, focus_field_key, spotlight_sala_id,
         ended_phase, ended_remaining_ms, ended_paused, ended_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (activity_id) DO UPDATE SET phase = excluded.phase, deadline = excluded.deadline,
         paused_remaining_ms = excluded.paused_remaining_ms, focus_field_key = excluded.focus_field_key,
         spotlight_sala_id = excluded.spotlight_sala_id, ended_phase = excluded.ended_phase,
         ended_remaining_ms = excluded.ended_remaining_ms, ended_paused = excluded.ended_paused, ended_until = excluded.ended_until`,
      [
        state.activityId,
        state.sessionId,
        state.phase,
        state.deadline,
        state.pausedRemainingMs,
        state.focusFieldKey,
        state.spotlightSalaId,
        ...endedPhaseValues(state.ended),
      ],
    );
  }

  async statesForSession(sessionId: string): Promise<SynthesisStateRecord[]> {
    const { rows } = await this.db.query<StateRow>('SELECT * FROM synthesis_states WHERE session_id = $1', [sessionId]);
    return rows.map(toState);
  }

  async synthesesFor(activityId: string): Promise<SalaSynthesisRecord[]> {
    const { rows } = await this.db.query<SynthesisRow>(
      `SELECT s.sala_id, s.version, s.content, s.submitted_at, s.hidden, s.updated_at,
         (SELECT MIN(v.saved_at) FROM synthesis_versions v WHERE v.activity_id = s.activity_id AND v.sala_id = s.sala_id) AS first_saved_at
       FROM syntheses s WHERE s.activity_id = $1`,
      [activityId],
    );
    return rows.map(toSynthesis);
  }

  async save(s: SynthesisSave): Promise<void> {
    const content = JSON.stringify(s.content);
    await atomically(this.db, async (db) => {
      await db.query(
        `INSERT INTO syntheses (activity_id, sala_id, version, content, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (activity_id, sala_id) DO UPDATE SET version = excluded.version, content = excluded.content, updated_at = excluded.updated_at`,
        [s.activityId, s.salaId, s.version, content, s.at],
      );
      await db.query(
        `INSERT INTO synthesis_versions (activity_id, sala_id, version, content, client_save_id, author_id, saved_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [s.activityId, s.salaId, s.version, content, s.clientSaveId, s.authorId, s.at],
      );
    });
  }

  async versionOfSave(activityId: string, salaId: string, clientSaveId: string): Promise<number | null> {
    const { rows } = await this.db.query<{ version: number }>(
      'SELECT version FROM synthesis_versions WHERE activity_id = $1 AND sala_id = $2 AND client_save_id = $3',
      [activityId, salaId, clientSaveId],
    );
    return rows[0]?.version ?? null;
  }

  async setSubmitted(activityId: string, salaId: string, at: number | null): Promise<void> {
    await this.db.query('UPDATE syntheses SET submitted_at = $1 WHERE activity_id = $2 AND sala_id = $3', [at, activityId, salaId]);
  }

  async setHidden(activityId: string, salaId: string, hidden: boolean): Promise<void> {
    await this.db.query('UPDATE syntheses SET hidden = $1 WHERE activity_id = $2 AND sala_id = $3', [hidden ? 1 : 0, activityId, salaId]);
  }
}
