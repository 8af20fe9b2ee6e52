import type { Database } from 'better-sqlite3';
import type { SupportStatus } from '../../shared/support-register.ts';
import type { StoredSupportEntry } from '../domain/support-register.ts';

/** An entry with what the workspace lists it by: its session's title, owner and series. */
export interface ListedSupportEntry extends StoredSupportEntry {
  sessionTitle: string;
  ownerAccountId: string | null;
  seriesId: string | null;
}

/** Which entries to list: of one owner's sessions (null: every session), one series, one status. */
export interface SupportFilter {
  ownerAccountId: string | null;
  seriesId?: string | undefined;
  status?: SupportStatus | undefined;
}

/** The support register: what the salas asked of Servicio Civil and what came of it. */
export interface SupportRepository {
  forSala(activityId: string, salaId: string): StoredSupportEntry[];
  forSession(sessionId: string): StoredSupportEntry[];
  find(id: string): ListedSupportEntry | null;
  list(filter: SupportFilter): ListedSupportEntry[];
  insert(entry: StoredSupportEntry): void;
  /** A resubmitted synthesis' new words, label and agencies for an entry it still asks for. */
  updateRequest(id: string, request: { text: string; kindLabel: string | null; agencies: string[] }, at: number): void;
  setStatus(id: string, status: SupportStatus, note: string, at: number): void;
  remove(id: string): void;
}

export interface Row {
  id: string;
  session_id: string;
  activity_id: string;
  sala_id: string;
  sala_name: string;
  kind_id: string | null;
  kind_label: string | null;
  text: string;
  agencies: string;
  status: SupportStatus;
  note: string;
  created_at: number;
  updated_at: number;
}

export interface ListedRow extends Row {
  session_title: string;
  owner_account_id: string | null;
  series_id: string | null;
}

export const toEntry = (r: Row): StoredSupportEntry => ({
  id: r.id,
  sessionId: r.session_id,
  activityId: r.activity_id,
  salaId: r.sala_id,
  salaName: r.sala_name,
  kindId: r.kind_id,
  kindLabel: r.kind_label,
  text: r.text,
  agencies: JSON.parse(r.agencies) as string[],
  status: r.status,
  note: r.note,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toListed = (r: ListedRow): ListedSupportEntry => ({
  ...toEntry(r),
  sessionTitle: r.session_title,
  ownerAccountId: r.owner_account_id,
  seriesId: r.series_id,
});

export const LISTED = `SELECT e.*, s.title AS session_title, s.owner_account_id, s.series_id
  FROM support_entries e JOIN sessions s ON s.id = e.session_id`;
/** Oldest session first, then the salas and kinds in the order recorded (rowid: PostgreSQL has it from 0020). */
export const LISTED_ORDER = 'ORDER BY s.created_at, e.created_at, e.rowid';

/** SupportRepository on SQLite. */
export class SqliteSupportRepository implements SupportRepository {
  readonly #forSala;
  readonly #forSession;
  readonly #find;
  readonly #list;
  readonly #insert;
  readonly #updateRequest;
  readonly #setStatus;
  readonly #remove;

  constructor(db: Database) {
    this.#forSala = db.prepare('SELECT * FROM support_entries WHERE activity_id = ? AND sala_id = ? ORDER BY created_at, rowid');
    this.#forSession = db.prepare('SELECT * FROM support_entries WHERE session_id = ? ORDER BY created_at, rowid');
    this.#find = db.prepare(`${LISTED} WHERE e.id = ?`);
    this.#list = db.prepare(
      `${LISTED} WHERE (@owner IS NULL OR s.owner_account_id = @owner) AND (@series IS NULL OR s.series_id = @series)
         AND (@status IS NULL OR e.status = @status) ${LISTED_ORDER}`,
    );
    this.#insert = db.prepare(
      `INSERT INTO support_entries (id, session_id, activity_id, sala_id, sala_name, kind_id, kind_label, text, agencies, status, note, created_at, updated_at)
       VALUES (@id, @sessionId, @activityId, @salaId, @salaName, @kindId, @kindLabel, @text, @agencies, @status, @note, @createdAt, @updatedAt)`,
    );
    this.#updateRequest = db.prepare('UPDATE support_entries SET text = ?, kind_label = ?, agencies = ?, updated_at = ? WHERE id = ?');
    this.#setStatus = db.prepare('UPDATE support_entries SET status = ?, note = ?, updated_at = ? WHERE id = ?');
    this.#remove = db.prepare('DELETE FROM support_entries WHERE id = ?');
  }

  forSala(activityId: string, salaId: string): StoredSupportEntry[] {
    return (this.#forSala.all(activityId, salaId) as Row[]).map(toEntry);
  }

  forSession(sessionId: string): StoredSupportEntry[] {
    return (this.#forSession.all(sessionId) as Row[]).map(toEntry);
  }

  find(id: string): ListedSupportEntry | null {
    const row = this.#find.get(id) as ListedRow | undefined;
    return row ? toListed(row) : null;
  }

  list(filter: SupportFilter): ListedSupportEntry[] {
    const params = { owner: filter.ownerAccountId, series: filter.seriesId ?? null, status: filter.status ?? null };
    return (this.#list.all(params) as ListedRow[]).map(toListed);
  }

  insert(entry: StoredSupportEntry): void {
    this.#insert.run({ ...entry, agencies: JSON.stringify(entry.agencies) });
  }

  updateRequest(id: string, request: { text: string; kindLabel: string | null; agencies: string[] }, at: number): void {
    this.#updateRequest.run(request.text, request.kindLabel, JSON.stringify(request.agencies), at, id);
  }

  setStatus(id: string, status: SupportStatus, note: string, at: number): void {
    this.#setStatus.run(status, note, at, id);
  }

  remove(id: string): void {
    this.#remove.run(id);
  }
}
