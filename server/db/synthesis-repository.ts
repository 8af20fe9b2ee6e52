import type { Database } from 'better-sqlite3';
import type { EndedPhase, SynthesisContent, SynthesisPhase } from '../../shared/types.ts';
import { endedPhaseOf, endedPhaseParams, type EndedPhaseRow } from './ended-phase-columns.ts';

export interface SynthesisStateRecord {
  activityId: string;
  sessionId: string;
  phase: SynthesisPhase;
  deadline: number | null;
  pausedRemainingMs: number | null;
  focusFieldKey: string | null;
  spotlightSalaId: string | null;
  /** The writing closed by the facilitator that can still be reopened (the undo), or null. */
  ended: EndedPhase<SynthesisPhase> | null;
}

export interface SalaSynthesisRecord {
  salaId: string;
  version: number;
  content: SynthesisContent;
  submittedAt: number | null;
  hidden: boolean;
  updatedAt: number;
  /** When its first version was saved (notes may start during the conversation). */
  firstSavedAt: number;
}

export interface SynthesisSave {
  activityId: string;
  salaId: string;
  version: number;
  content: SynthesisContent;
  clientSaveId: string;
  authorId: string | null;
  at: number;
}

export interface StateRow extends EndedPhaseRow {
  activity_id: string;
  session_id: string;
  phase: SynthesisPhase;
  deadline: number | null;
  paused_remaining_ms: number | null;
  focus_field_key: string | null;
  spotlight_sala_id: string | null;
}

export interface SynthesisRow {
  sala_id: string;
  version: number;
  content: string;
  submitted_at: number | null;
  hidden: number;
  updated_at: number;
  first_saved_at: number;
}

export const toState = (r: StateRow): SynthesisStateRecord => ({
  activityId: r.activity_id,
  sessionId: r.session_id,
  phase: r.phase,
  deadline: r.deadline,
  pausedRemainingMs: r.paused_remaining_ms,
  focusFieldKey: r.focus_field_key,
  spotlightSalaId: r.spotlight_sala_id,
  ended: endedPhaseOf<SynthesisPhase>(r),
});

export const toSynthesis = (r: SynthesisRow): SalaSynthesisRecord => ({
  salaId: r.sala_id,
  version: r.version,
  content: JSON.parse(r.content) as SynthesisContent,
  submittedAt: r.submitted_at,
  hidden: r.hidden === 1,
  updatedAt: r.updated_at,
  firstSavedAt: r.first_saved_at,
});

/** Syntheses (one aggregate per synthesis activity): state, current syntheses, versions. */
export interface SynthesisRepository {
  saveState(state: SynthesisStateRecord): void;
  statesForSession(sessionId: string): SynthesisStateRecord[];
  synthesesFor(activityId: string): SalaSynthesisRecord[];
  /** Stores a new version and makes it current, atomically. */
  save(save: SynthesisSave): void;
  /** The version a client save id produced, if that save was stored before (a retry). */
  versionOfSave(activityId: string, salaId: string, clientSaveId: string): number | null;
  setSubmitted(activityId: string, salaId: string, at: number | null): void;
  setHidden(activityId: string, salaId: string, hidden: boolean): void;
}

/** SynthesisRepository on SQLite. */
export class SqliteSynthesisRepository implements SynthesisRepository {
  readonly #upsertState;
  readonly #states;
  readonly #syntheses;
  readonly #upsertSynthesis;
  readonly #insertVersion;
  readonly #versionBySaveId;
  readonly #setSubmitted;
  readonly #setHidden;
  readonly #save;

  constructor(db: Database) {
    this.#upsertState = db.prepare(
      `INSERT INTO synthesis_states (activity_id, session_id, phase, deadline, paused_remaining_ms, focus_field_key, spotlight_sala_id,
         ended_phase, ended_remaining_ms, ended_paused, ended_until)
       VALUES (@activityId, @sessionId, @phase, @deadline, @pausedRemainingMs, @focusFieldKey, @spotlightSalaId,
         @endedPhase, @endedRemainingMs, @endedPaused, @endedUntil)
       ON CONFLICT (activity_id) DO UPDATE SET phase = excluded.phase, deadline = excluded.deadline,
         paused_remaining_ms = excluded.paused_remaining_ms, focus_field_key = excluded.focus_field_key,
         spotlight_sala_id = excluded.spotlight_sala_id, ended_phase = excluded.ended_phase,
         ended_remaining_ms = excluded.ended_remaining_ms, ended_paused = excluded.ended_paused, ended_until = excluded.ended_until`,
    );
    this.#states = db.prepare('SELECT * FROM synthesis_states WHERE session_id = ?');
    this.#syntheses = db.prepare(
      `SELECT s.sala_id, s.version, s.content, s.submitted_at, s.hidden, s.updated_at,
         (SELECT MIN(v.saved_at) FROM synthesis_versions v WHERE v.activity_id = s.activity_id AND v.sala_id = s.sala_id) AS first_saved_at
       FROM syntheses s WHERE s.activity_id = ?`,
    );
    this.#upsertSynthesis = db.prepare(
      `INSERT INTO syntheses (activity_id, sala_id, version, content, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (activity_id, sala_id) DO UPDATE SET version = excluded.version, content = excluded.content, updated_at = excluded.updated_at`,
    );
    this.#insertVersion = db.prepare(
      `INSERT INTO synthesis_versions (activity_id, sala_id, version, content, client_save_id, author_id, saved_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#versionBySaveId = db.prepare(
      'SELECT version FROM synthesis_versions WHERE activity_id = ? AND sala_id = ? AND client_save_id = ?',
    );
    this.#setSubmitted = db.prepare('UPDATE syntheses SET submitted_at = ? WHERE activity_id = ? AND sala_id = ?');
    this.#setHidden = db.prepare('UPDATE syntheses SET hidden = ? WHERE activity_id = ? AND sala_id = ?');
    this.#save = db.transaction((s: SynthesisSave) => {
      const content = JSON.stringify(s.content);
      this.#upsertSynthesis.run(s.activityId, s.salaId, s.version, content, s.at);
      this.#insertVersion.run(s.activityId, s.salaId, s.version, content, s.clientSaveId, s.authorId, s.at);
    });
  }

  saveState(state: SynthesisStateRecord): void {
    this.#upsertState.run({ ...state, ...endedPhaseParams(state.ended) });
  }

  statesForSession(sessionId: string): SynthesisStateRecord[] {
    return (this.#states.all(sessionId) as StateRow[]).map(toState);
  }

  synthesesFor(activityId: string): SalaSynthesisRecord[] {
    return (this.#syntheses.all(activityId) as SynthesisRow[]).map(toSynthesis);
  }

  /** Stores a new version and makes it current, atomically. */
  save(save: SynthesisSave): void {
    this.#save(save);
  }

  /** The version a client save id produced, if that save was stored before (a retry). */
  versionOfSave(activityId: string, salaId: string, clientSaveId: string): number | null {
    const row = this.#versionBySaveId.get(activityId, salaId, clientSaveId) as { version: number } | undefined;
    return row?.version ?? null;
  }

  setSubmitted(activityId: string, salaId: string, at: number | null): void {
    this.#setSubmitted.run(at, activityId, salaId);
  }

  setHidden(activityId: string, salaId: string, hidden: boolean): void {
    this.#setHidden.run(hidden ? 1 : 0, activityId, salaId);
  }
}
