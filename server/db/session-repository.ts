import type { Database } from 'better-sqlite3';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/index.ts';
import type { Activity, AnsweringStatus, SessionStatus } from '../../shared/types.ts';
import type { SessionEvent } from '../domain/report.ts';
import type { LiveFields } from '../domain/session-state.ts';
import { CodeTakenError } from './errors.ts';

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
  /** The presenter screen receives the activities' notes. */
  presenterNotes: boolean;
  createdAt: number;
  closedAt: number | null;
  /** The account that created it; null when created before accounts existed. */
  ownerAccountId: string | null;
  seriesId: string | null;
  /** Names of the agencies taking part. */
  agencies: string[];
  /** Display names may appear in this session's reports. */
  namesInReports: boolean;
  /** The language of its phones and projector. */
  locale: Locale;
  /** When the retention period removed its participants and answers. */
  participantDataRemovedAt: number | null;
}

/** What a new session is stored with. */
export type NewSessionRecord = Pick<SessionRecord, 'id' | 'code' | 'title' | 'templateId' | 'facilitatorTokenHash' | 'createdAt'> &
  Partial<Pick<SessionRecord, 'ownerAccountId' | 'seriesId' | 'agencies' | 'namesInReports' | 'locale'>>;

/** What a session's details form changes. */
export type SessionDetailsRecord = Pick<SessionRecord, 'title' | 'seriesId' | 'agencies' | 'namesInReports' | 'locale'>;

/** A session as the workspace lists it. */
export interface SessionListing {
  id: string;
  title: string;
  code: string;
  status: SessionStatus;
  createdAt: number;
  closedAt: number | null;
  ownerAccountId: string | null;
  seriesId: string | null;
  agencies: string[];
  participants: number;
  participantDataRemovedAt: number | null;
}

export interface StoredActivity {
  activity: Activity;
  answering: AnsweringStatus;
  /** Answering stays open when the facilitator moves on. */
  keepOpen: boolean;
}

export interface SessionRow {
  id: string;
  code: string;
  title: string;
  template_id: string | null;
  facilitator_token_hash: string;
  status: SessionStatus;
  current_activity_id: string | null;
  results_visible: number;
  blank: number;
  presenter_notes: number;
  created_at: number;
  closed_at: number | null;
  owner_account_id: string | null;
  series_id: string | null;
  agencies: string;
  names_in_reports: number;
  locale: Locale;
  participant_data_removed_at: number | null;
}

export function toRecord(row: SessionRow): SessionRecord {
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
    presenterNotes: row.presenter_notes === 1,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    ownerAccountId: row.owner_account_id,
    seriesId: row.series_id,
    agencies: JSON.parse(row.agencies) as string[],
    namesInReports: row.names_in_reports === 1,
    locale: row.locale,
    participantDataRemovedAt: row.participant_data_removed_at,
  };
}

/** Sessions and their agenda (one aggregate), with the log of what happened in each and the workspace's view of them. */
export interface SessionRepository {
  /** Stores a new open session with its agenda, atomically. Throws CodeTakenError on a code taken by an open session. */
  create(session: NewSessionRecord, agenda: Activity[]): void;
  findById(id: string): SessionRecord | null;
  findOpenByCode(code: string): SessionRecord | null;
  /** The newest session that ever had this code, open or closed (to tell "closed" from "unknown"). */
  findLatestByCode(code: string): SessionRecord | null;
  agenda(sessionId: string): StoredActivity[];
  /** Stores an edited agenda in its order; activities left out are marked deleted, not removed. */
  saveAgenda(sessionId: string, agenda: Activity[], at: number): void;
  /** A deleted activity of the session, to restore it. */
  findDeleted(sessionId: string, activityId: string): Activity | null;
  saveLive(sessionId: string, live: LiveFields): void;
  saveAnswering(sessionId: string, activityId: string, answering: AnsweringStatus): void;
  saveKeepOpen(sessionId: string, activityId: string, keepOpen: boolean): void;
  close(sessionId: string, at: number): void;
  updateDetails(sessionId: string, details: SessionDetailsRecord): void;
  /** Newest first: every session, or those an account created. */
  list(filter: { ownerAccountId: string } | null): SessionListing[];
  /** Oldest first. */
  listInSeries(seriesId: string): SessionListing[];
  /** Removes the session with everything in it. */
  delete(sessionId: string): boolean;
  recordEvent(sessionId: string, activityId: string | null, event: string, at: number): void;
  events(sessionId: string): SessionEvent[];
  /** Sessions created before cutoff whose participant data is still there. */
  createdBefore(cutoff: number): string[];
  /** Deletes the session's participants and their answers, keeping archive (JSON aggregates), atomically. */
  removeParticipantData(sessionId: string, archive: string, at: number): void;
  /** Another facilitator secret (its hash) for the session, made for an account. */
  addFacilitatorLink(sessionId: string, tokenHash: string, accountId: string, at: number): void;
  hasFacilitatorLink(sessionId: string, tokenHash: string): boolean;
  /** The aggregates kept when participant data was removed (JSON), or null. */
  archive(sessionId: string): string | null;
}

/** SessionRepository on SQLite: prepared statements, rows mapped here only. */
export class SqliteSessionRepository implements SessionRepository {
  readonly #insertSession;
  readonly #insertActivity;
  readonly #byId;
  readonly #openByCode;
  readonly #latestByCode;
  readonly #activities;
  readonly #updateLive;
  readonly #updateAnswering;
  readonly #updateKeepOpen;
  readonly #close;
  readonly #create;
  readonly #parkPositions;
  readonly #upsertActivity;
  readonly #markDeleted;
  readonly #deletedActivity;
  readonly #saveAgenda;
  readonly #updateDetails;
  readonly #listAll;
  readonly #listOwned;
  readonly #listInSeries;
  readonly #delete;
  readonly #insertEvent;
  readonly #events;
  readonly #retained;
  readonly #removeParticipantData;
  readonly #archive;
  readonly #insertLink;
  readonly #link;

  constructor(db: Database) {
    this.#insertSession = db.prepare(
      `INSERT INTO sessions (id, code, title, template_id, facilitator_token_hash, created_at, owner_account_id, series_id, agencies, names_in_reports, locale)
       VALUES (@id, @code, @title, @templateId, @facilitatorTokenHash, @createdAt, @ownerAccountId, @seriesId, @agencies, @namesInReports, @locale)`,
    );
    this.#updateDetails = db.prepare(
      'UPDATE sessions SET title = ?, series_id = ?, agencies = ?, names_in_reports = ?, locale = ? WHERE id = ?',
    );
    const listing = `SELECT s.id, s.title, s.code, s.status, s.created_at, s.closed_at, s.owner_account_id, s.series_id, s.agencies,
        s.participant_data_removed_at, (SELECT COUNT(*) FROM participants p WHERE p.session_id = s.id) AS participants
      FROM sessions s`;
    this.#listAll = db.prepare(`${listing} ORDER BY s.created_at DESC, s.rowid DESC`);
    this.#listOwned = db.prepare(`${listing} WHERE s.owner_account_id = ? ORDER BY s.created_at DESC, s.rowid DESC`);
    this.#listInSeries = db.prepare(`${listing} WHERE s.series_id = ? ORDER BY s.created_at, s.rowid`);
    this.#delete = db.prepare('DELETE FROM sessions WHERE id = ?');
    this.#insertEvent = db.prepare('INSERT INTO session_events (session_id, at, activity_id, event) VALUES (?, ?, ?, ?)');
    this.#events = db.prepare('SELECT at, activity_id, event FROM session_events WHERE session_id = ? ORDER BY at, rowid');
    this.#retained = db.prepare(
      'SELECT id FROM sessions WHERE created_at < ? AND participant_data_removed_at IS NULL ORDER BY created_at, rowid',
    );
    const deleteParticipants = db.prepare('DELETE FROM participants WHERE session_id = ?');
    const deleteHidden = db.prepare('DELETE FROM hidden_answers WHERE activity_id IN (SELECT id FROM activities WHERE session_id = ?)');
    // Experience cards stay (anonymous, as syntheses); the contact the writer opted in to give goes.
    const clearContacts = db.prepare('UPDATE experiences SET contact_unit = NULL, contact_email = NULL WHERE session_id = ?');
    const markRemoved = db.prepare('UPDATE sessions SET participant_data_removed_at = ?, archive = ? WHERE id = ?');
    // Participants take their answers, submissions, sala places and roles with them (ON DELETE CASCADE).
    this.#removeParticipantData = db.transaction((sessionId: string, archive: string, at: number) => {
      deleteParticipants.run(sessionId);
      deleteHidden.run(sessionId);
      clearContacts.run(sessionId);
      markRemoved.run(at, archive, sessionId);
    });
    this.#archive = db.prepare('SELECT archive FROM sessions WHERE id = ?');
    this.#insertLink = db.prepare('INSERT INTO facilitator_links (token_hash, session_id, account_id, created_at) VALUES (?, ?, ?, ?)');
    this.#link = db.prepare('SELECT 1 FROM facilitator_links WHERE token_hash = ? AND session_id = ?');
    this.#insertActivity = db.prepare('INSERT INTO activities (id, session_id, position, kind, spec) VALUES (?, ?, ?, ?, ?)');
    this.#byId = db.prepare('SELECT * FROM sessions WHERE id = ?');
    this.#openByCode = db.prepare("SELECT * FROM sessions WHERE code = ? AND status = 'open'");
    this.#latestByCode = db.prepare('SELECT * FROM sessions WHERE code = ? ORDER BY created_at DESC, rowid DESC LIMIT 1');
    this.#activities = db.prepare(
      'SELECT spec, answering, keep_open FROM activities WHERE session_id = ? AND deleted_at IS NULL ORDER BY position',
    );
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
      'UPDATE sessions SET current_activity_id = ?, results_visible = ?, blank = ?, presenter_notes = ? WHERE id = ?',
    );
    this.#updateAnswering = db.prepare('UPDATE activities SET answering = ? WHERE id = ? AND session_id = ?');
    this.#updateKeepOpen = db.prepare('UPDATE activities SET keep_open = ? WHERE id = ? AND session_id = ?');
    this.#close = db.prepare("UPDATE sessions SET status = 'closed', closed_at = ? WHERE id = ?");
    this.#create = db.transaction((session: NewSessionRecord, agenda: Activity[]) => {
      this.#insertSession.run({
        ...session,
        ownerAccountId: session.ownerAccountId ?? null,
        seriesId: session.seriesId ?? null,
        agencies: JSON.stringify(session.agencies ?? []),
        namesInReports: session.namesInReports ? 1 : 0,
        locale: session.locale ?? DEFAULT_LOCALE,
      });
      agenda.forEach((activity, position) => {
        this.#insertActivity.run(activity.id, session.id, position, activity.kind, JSON.stringify(activity));
      });
    });
  }

  /** Stores a new open session with its agenda, atomically. Throws CodeTakenError on a code taken by an open session. */
  create(session: NewSessionRecord, agenda: Activity[]): void {
    try {
      this.#create(session, agenda);
    } catch (error) {
      if (error instanceof Error && /UNIQUE constraint failed: sessions\.code/.test(error.message)) throw new CodeTakenError(session.code);
      throw error;
    }
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
    const rows = this.#activities.all(sessionId) as Array<{ spec: string; answering: AnsweringStatus; keep_open: number }>;
    return rows.map((row) => ({ activity: JSON.parse(row.spec) as Activity, answering: row.answering, keepOpen: row.keep_open === 1 }));
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

  saveLive(sessionId: string, live: LiveFields): void {
    this.#updateLive.run(live.currentActivityId, live.resultsVisible ? 1 : 0, live.blank ? 1 : 0, live.presenterNotes ? 1 : 0, sessionId);
  }

  saveAnswering(sessionId: string, activityId: string, answering: AnsweringStatus): void {
    this.#updateAnswering.run(answering, activityId, sessionId);
  }

  saveKeepOpen(sessionId: string, activityId: string, keepOpen: boolean): void {
    this.#updateKeepOpen.run(keepOpen ? 1 : 0, activityId, sessionId);
  }

  close(sessionId: string, at: number): void {
    this.#close.run(at, sessionId);
  }

  updateDetails(sessionId: string, details: SessionDetailsRecord): void {
    const { title, seriesId, agencies, namesInReports, locale } = details;
    this.#updateDetails.run(title, seriesId, JSON.stringify(agencies), namesInReports ? 1 : 0, locale, sessionId);
  }

  /** Newest first: every session, or those an account created. */
  list(filter: { ownerAccountId: string } | null): SessionListing[] {
    const rows = (filter ? this.#listOwned.all(filter.ownerAccountId) : this.#listAll.all()) as ListingRow[];
    return rows.map(toListing);
  }

  /** Oldest first. */
  listInSeries(seriesId: string): SessionListing[] {
    return (this.#listInSeries.all(seriesId) as ListingRow[]).map(toListing);
  }

  /** Removes the session with everything in it (ON DELETE CASCADE). */
  delete(sessionId: string): boolean {
    return this.#delete.run(sessionId).changes > 0;
  }

  recordEvent(sessionId: string, activityId: string | null, event: string, at: number): void {
    this.#insertEvent.run(sessionId, at, activityId, event);
  }

  events(sessionId: string): SessionEvent[] {
    const rows = this.#events.all(sessionId) as Array<{ at: number; activity_id: string | null; event: string }>;
    return rows.map((row) => ({ at: row.at, activityId: row.activity_id, event: row.event }));
  }

  /** Sessions created before cutoff whose participant data is still there. */
  createdBefore(cutoff: number): string[] {
    return (this.#retained.all(cutoff) as Array<{ id: string }>).map((row) => row.id);
  }

  /** Deletes the session's participants and their answers, keeping archive (JSON aggregates), atomically. */
  removeParticipantData(sessionId: string, archive: string, at: number): void {
    this.#removeParticipantData(sessionId, archive, at);
  }

  /** Another facilitator secret (its hash) for the session, made for an account. */
  addFacilitatorLink(sessionId: string, tokenHash: string, accountId: string, at: number): void {
    this.#insertLink.run(tokenHash, sessionId, accountId, at);
  }

  hasFacilitatorLink(sessionId: string, tokenHash: string): boolean {
    return this.#link.get(tokenHash, sessionId) !== undefined;
  }

  /** The aggregates kept when participant data was removed (JSON), or null. */
  archive(sessionId: string): string | null {
    return (this.#archive.get(sessionId) as { archive: string | null } | undefined)?.archive ?? null;
  }
}

export interface ListingRow {
  id: string;
  title: string;
  code: string;
  status: SessionStatus;
  created_at: number;
  closed_at: number | null;
  owner_account_id: string | null;
  series_id: string | null;
  agencies: string;
  participant_data_removed_at: number | null;
  participants: number;
}

export function toListing(row: ListingRow): SessionListing {
  return {
    id: row.id,
    title: row.title,
    code: row.code,
    status: row.status,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    ownerAccountId: row.owner_account_id,
    seriesId: row.series_id,
    agencies: JSON.parse(row.agencies) as string[],
    participants: row.participants,
    participantDataRemovedAt: row.participant_data_removed_at,
  };
}
