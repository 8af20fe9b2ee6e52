import type { Database } from 'better-sqlite3';
import type { Activity, AnsweringStatus, SessionStatus } from '../../shared/types.ts';

/** A session as stored: its agenda, where it stands, and the hash of its facilitator secret. */
export interface SessionRecord {
  id: string;
  code: string;
  title: string;
  templateId: string | null;
  facilitatorTokenHash: string;
  status: SessionStatus;
  currentActivityId: string | null;
  resultsVisible: boolean;
  blank: boolean;
  createdAt: number;
  closedAt: number | null;
}

export interface StoredActivity {
  activity: Activity;
  answering: AnsweringStatus;
}

interface SessionRow {
  id: string;
  code: string;
  title: string;
  template_id: string | null;
  facilitator_token_hash: string;
  status: SessionStatus;
  current_activity_id: string | null;
  results_visible: number;
  blank: number;
  created_at: number;
  closed_at: number | null;
}

function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    templateId: row.template_id,
    facilitatorTokenHash: row.facilitator_token_hash,
    status: row.status,
    currentActivityId: row.current_activity_id,
    resultsVisible: row.results_visible === 1,
    blank: row.blank === 1,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

/** Sessions and their agenda (one aggregate): prepared statements, rows mapped here only. */
export class SessionRepository {
  readonly #insertSession;
  readonly #insertActivity;
  readonly #byId;
  readonly #openByCode;
  readonly #latestByCode;
  readonly #activities;
  readonly #updateLive;
  readonly #updateAnswering;
  readonly #close;
  readonly #create;
  readonly #parkPositions;
  readonly #upsertActivity;
  readonly #markDeleted;
  readonly #deletedActivity;
  readonly #saveAgenda;

  constructor(db: Database) {
    this.#insertSession = db.prepare(
      `INSERT INTO sessions (id, code, title, template_id, facilitator_token_hash, created_at)
       VALUES (@id, @code, @title, @templateId, @facilitatorTokenHash, @createdAt)`,
    );
    this.#insertActivity = db.prepare(
      'INSERT INTO activities (id, session_id, position, kind, spec) VALUES (?, ?, ?, ?, ?)',
    );
    this.#byId = db.prepare('SELECT * FROM sessions WHERE id = ?');
    this.#openByCode = db.prepare("SELECT * FROM sessions WHERE code = ? AND status = 'open'");
    this.#latestByCode = db.prepare('SELECT * FROM sessions WHERE code = ? ORDER BY created_at DESC LIMIT 1');
    this.#activities = db.prepare('SELECT spec, answering FROM activities WHERE session_id = ? AND deleted_at IS NULL ORDER BY position');
    this.#parkPositions = db.prepare('UPDATE activities SET position = -rowid WHERE session_id = ?');
    this.#upsertActivity = db.prepare(
      `INSERT INTO activities (id, session_id, position, kind, spec) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, kind = excluded.kind, spec = excluded.spec, deleted_at = NULL
       WHERE activities.session_id = excluded.session_id`,
    );
    this.#markDeleted = db.prepare('UPDATE activities SET deleted_at = ? WHERE session_id = ? AND position < 0 AND deleted_at IS NULL');
    this.#deletedActivity = db.prepare('SELECT spec FROM activities WHERE id = ? AND session_id = ? AND deleted_at IS NOT NULL');
    this.#saveAgenda = db.transaction((sessionId: string, agenda: Activity[], at: number) => {
      // Park every row at a unique negative position, then number the agenda from 0;
      // what stays negative was deleted (kept, with its answers, for undo).
      this.#parkPositions.run(sessionId);
      agenda.forEach((activity, position) => {
        this.#upsertActivity.run(activity.id, sessionId, position, activity.kind, JSON.stringify(activity));
      });
      this.#markDeleted.run(at, sessionId);
    });
    this.#updateLive = db.prepare(
      'UPDATE sessions SET current_activity_id = ?, results_visible = ?, blank = ? WHERE id = ?',
    );
    this.#updateAnswering = db.prepare('UPDATE activities SET answering = ? WHERE id = ? AND session_id = ?');
    this.#close = db.prepare("UPDATE sessions SET status = 'closed', closed_at = ? WHERE id = ?");
    this.#create = db.transaction((session: Omit<SessionRecord, 'status' | 'currentActivityId' | 'resultsVisible' | 'blank' | 'closedAt'>, agenda: Activity[]) => {
      this.#insertSession.run(session);
      agenda.forEach((activity, position) => {
        this.#insertActivity.run(activity.id, session.id, position, activity.kind, JSON.stringify(activity));
      });
    });
  }

  /** Stores a new open session with its agenda, atomically. Throws on a code taken by an open session. */
  create(session: Omit<SessionRecord, 'status' | 'currentActivityId' | 'resultsVisible' | 'blank' | 'closedAt'>, agenda: Activity[]): void {
    this.#create(session, agenda);
  }

  findById(id: string): SessionRecord | null {
    const row = this.#byId.get(id) as SessionRow | undefined;
    return row ? toRecord(row) : null;
  }

  findOpenByCode(code: string): SessionRecord | null {
    const row = this.#openByCode.get(code) as SessionRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The newest session that ever had this code, open or closed (to tell "closed" from "unknown"). */
  findLatestByCode(code: string): SessionRecord | null {
    const row = this.#latestByCode.get(code) as SessionRow | undefined;
    return row ? toRecord(row) : null;
  }

  agenda(sessionId: string): StoredActivity[] {
    const rows = this.#activities.all(sessionId) as Array<{ spec: string; answering: AnsweringStatus }>;
    return rows.map((row) => ({ activity: JSON.parse(row.spec) as Activity, answering: row.answering }));
  }

  /** Stores an edited agenda in its order; activities left out are marked deleted, not removed. */
  saveAgenda(sessionId: string, agenda: Activity[], at: number): void {
    this.#saveAgenda(sessionId, agenda, at);
  }

  /** A deleted activity of the session, to restore it. */
  findDeleted(sessionId: string, activityId: string): Activity | null {
    const row = this.#deletedActivity.get(activityId, sessionId) as { spec: string } | undefined;
    return row ? (JSON.parse(row.spec) as Activity) : null;
  }

  saveLive(sessionId: string, live: { currentActivityId: string | null; resultsVisible: boolean; blank: boolean }): void {
    this.#updateLive.run(live.currentActivityId, live.resultsVisible ? 1 : 0, live.blank ? 1 : 0, sessionId);
  }

  saveAnswering(sessionId: string, activityId: string, answering: AnsweringStatus): void {
    this.#updateAnswering.run(answering, activityId, sessionId);
  }

  close(sessionId: string, at: number): void {
    this.#close.run(at, sessionId);
  }
}
