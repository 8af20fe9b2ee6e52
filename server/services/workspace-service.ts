import { nanoid } from 'nanoid';
import { AppError } from '../../shared/errors.ts';
import type { Locale } from '../../shared/i18n/index.ts';
import { retentionCutoff } from '../../shared/workspace.ts';
import type { SeriesRecord, SeriesRepository } from '../db/series-repository.ts';
import type { Async } from '../db/async.ts';
import type { Eraser } from '../db/eraser.ts';
import type { SettingsRepository } from '../db/settings-repository.ts';
import type { SessionListing, SessionRecord, SessionRepository } from '../db/session-repository.ts';
import type { Publisher } from './publisher.ts';
import type { ReportService } from './report-service.ts';
import type { SessionService } from './session-service.ts';
import type { SessionStore } from './session-store.ts';
import type { AuditActor } from '../../shared/audit.ts';
import { sessionTarget, settingTarget } from '../domain/audit.ts';
import type { AuditService } from './audit-service.ts';
import type { SessionOwnership } from './cluster.ts';
import type { LiveState } from '../../shared/types.ts';

/** Who asks: an administrator sees every session and series, a facilitator their own. */
export interface Reader {
  accountId: string;
  admin: boolean;
}

export interface SessionDetails {
  title: string;
  seriesId: string | null;
  agencies: string[];
  namesInReports: boolean;
  /** Left out: the session keeps its language. */
  locale?: Locale | undefined;
}

export interface WorkspaceServiceDeps {
  sessions: Pick<SessionService, 'close'>;
  store: Pick<SessionStore, 'open' | 'reload' | 'drop' | 'holds' | 'exclusive'>;
  sessionsRepo: Async<SessionRepository>;
  series: Async<SeriesRepository>;
  reports: Pick<ReportService, 'removeParticipantData'>;
  settings: Async<Pick<SettingsRepository, 'get'>>;
  publisher: Pick<Publisher, 'sessionRemoved'>;
  /** Takes what a removal deleted out of the database files too. */
  eraser: Pick<Eraser, 'erase'>;
  /** Deletions and retention changes are recorded in the same transaction as the change. */
  audit: Pick<AuditService, 'within' | 'sessionDeleted'>;
  /** In a cluster (PostgreSQL), this node's ownership of sessions; null on SQLite. */
  ownership?: Pick<SessionOwnership, 'owned' | 'release' | 'tell' | 'alone'> | null;
  now?: () => number;
}

const RETENTION_KEY = 'retention_days';
/** The advisory lock that lets one node of a cluster sweep at a time. */
const RETENTION_SWEEP = 'plenario:retention';

const isMoved = (error: unknown) => error instanceof AppError && error.code === 'SESSION_MOVED';

/** Servicio Civil's workspace: the session list, series, session details, deletion and retention. */
export class WorkspaceService {
  readonly #deps: WorkspaceServiceDeps;
  readonly #now: () => number;

  constructor(deps: WorkspaceServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** The session, or SESSION_NOT_FOUND. */
  async session(sessionId: string): Promise<SessionRecord> {
    const record = await this.#deps.sessionsRepo.findById(sessionId);
    if (!record) throw new AppError('SESSION_NOT_FOUND', 'La sesión no existe.');
    return record;
  }

  /** Whether the reader may see and manage this session. */
  canRead(reader: Reader, record: SessionRecord): boolean {
    return reader.admin || record.ownerAccountId === reader.accountId;
  }

  async listSessions(reader: Reader): Promise<Array<SessionListing & { series: { id: string; title: string } | null }>> {
    // Each session names its series even if the series is not the reader's: an administrator may have filed it there.
    const titles = new Map((await this.#deps.series.list(null)).map((s) => [s.id, s.title]));
    const sessions = await this.#deps.sessionsRepo.list(reader.admin ? null : { ownerAccountId: reader.accountId });
    return sessions.map((session) => ({
      ...session,
      series: session.seriesId ? { id: session.seriesId, title: titles.get(session.seriesId) ?? '' } : null,
    }));
  }

  /** The reader's series (every series for administrators), each counting the sessions in it that the reader may see. */
  async listSeries(reader: Reader): Promise<SeriesRecord[]> {
    const visible = await this.#deps.sessionsRepo.list(reader.admin ? null : { ownerAccountId: reader.accountId });
    const series = await this.#deps.series.list(reader.admin ? null : { ownerAccountId: reader.accountId });
    return series.map((series) => ({
      ...series,
      sessions: visible.filter((s) => s.seriesId === series.id).length,
    }));
  }

  /**
   * The series if `by` may see it and file sessions in it: its creator or an administrator
   * (null: nobody, e.g. the secret of a session without owner). NOT_FOUND if unknown,
   * FORBIDDEN if someone else's, as for sessions.
   */
  async usableSeries(by: Reader | null, seriesId: string): Promise<SeriesRecord> {
    const found = await this.#deps.series.findById(seriesId);
    if (!found) throw new AppError('NOT_FOUND', 'La serie no existe.');
    if (!by || !(by.admin || found.ownerAccountId === by.accountId)) throw new AppError('FORBIDDEN', 'Esta serie es de otra persona.');
    return found;
  }

  createSeries(title: string, ownerAccountId: string | null): Promise<SeriesRecord> {
    return this.#deps.series.create({ id: nanoid(), title: title.trim(), ownerAccountId, createdAt: this.#now() });
  }

  /** One of the reader's series with the sessions in it that the reader may see, oldest first. */
  async seriesWithSessions(reader: Reader, seriesId: string): Promise<{ series: SeriesRecord; sessions: SessionListing[] }> {
    const series = await this.usableSeries(reader, seriesId);
    const sessions = (await this.#deps.sessionsRepo.listInSeries(seriesId)).filter(
      (s) => reader.admin || s.ownerAccountId === reader.accountId,
    );
    return { series: { ...series, sessions: sessions.length }, sessions };
  }

  /**
   * Saves a session's details on behalf of `by`. Moving it into a series needs one `by` may
   * use; a session may stay in the series it is in (an administrator may have filed it there).
   */
  async updateDetails(sessionId: string, details: SessionDetails, by: Reader | null): Promise<SessionRecord> {
    const record = await this.session(sessionId);
    if (details.seriesId !== null && details.seriesId !== record.seriesId) await this.usableSeries(by, details.seriesId);
    const agencies = [...new Set(details.agencies.map((a) => a.trim()).filter((a) => a.length > 0))];
    await this.#deps.sessionsRepo.updateDetails(sessionId, {
      ...details,
      title: details.title.trim() || details.title,
      agencies,
      locale: details.locale ?? record.locale,
    });
    // The title and the language live in the session held in memory too (phones and projector take it at their next connection).
    await this.#deps.store.reload(sessionId);
    return this.session(sessionId);
  }

  /**
   * Deletes a session with everything in it, from the files too; phones still in it are told it
   * ended. In a cluster the node asked may not own the session (a request HAProxy did not
   * route): it deletes the rows all the same, and the owner, told by the deletion's notice at
   * its commit, drops the session and tells its phones (`removedElsewhere`).
   */
  async deleteSession(sessionId: string, by: AuditActor): Promise<void> {
    const record = await this.session(sessionId);
    const live = await this.#closeIfOwned(sessionId, record).catch((error: unknown) => {
      if (isMoved(error)) return null;
      throw error;
    });
    if (live) this.#deps.publisher.sessionRemoved(sessionId, live);
    const target = { ...sessionTarget(record), kind: 'session' as const, id: sessionId };
    await this.#deps.audit.sessionDeleted({ action: 'session.deleted', actor: by, target, detail: {} }, (tx) =>
      tx.sessions.delete(sessionId),
    );
    await this.#letGo(sessionId);
    this.#deps.eraser.erase();
  }

  async #closeIfOwned(sessionId: string, record: SessionRecord): Promise<LiveState> {
    return record.status === 'open' ? this.#deps.sessions.close(sessionId) : (await this.#deps.store.open(sessionId)).live();
  }

  /** Forgets the session on this node and gives it up in the cluster (it is gone, or was only claimed for a sweep). */
  async #letGo(sessionId: string): Promise<void> {
    this.#deps.store.drop(sessionId);
    await this.#deps.ownership?.release(sessionId);
  }

  /**
   * Another node deleted a session (its notice): if this node holds it, it closes it in memory
   * (the rows are gone), tells its phones and screens as a deletion here does, and lets it go,
   * so that nothing is written for it again.
   */
  async removedElsewhere(sessionId: string): Promise<void> {
    if (!this.#deps.store.holds(sessionId)) return;
    const live = await this.#deps.store.exclusive(sessionId, (state) => {
      if (state.live().status === 'open') state.apply(state.close());
      return Promise.resolve(state.live());
    });
    this.#deps.publisher.sessionRemoved(sessionId, live);
    await this.#letGo(sessionId);
  }

  /** Days after which a session's participant data is removed; null: kept until deleted. */
  async retentionDays(): Promise<number | null> {
    const stored = await this.#deps.settings.get(RETENTION_KEY);
    return stored === null || stored === '' ? null : Number(stored);
  }

  /** Sets the retention period and applies it at once; returns how many sessions it cleared. */
  async setRetentionDays(days: number | null, by: AuditActor): Promise<number> {
    const entry = {
      action: 'retention.changed' as const,
      actor: by,
      target: settingTarget('retention_days'),
      detail: { from: await this.retentionDays(), to: days },
    };
    await this.#deps.audit.within(entry, (tx) => tx.settings.set(RETENTION_KEY, days === null ? '' : String(days)));
    // Waits for a sweep another node runs now, which may have read the period before this change.
    return this.applyRetention(by, { wait: true });
  }

  /**
   * Removes participant data of sessions older than the retention period (closing any still
   * open), from the files too, keeping their aggregates and syntheses. Runs at start-up, hourly,
   * and when the period changes; returns how many sessions it cleared or had cleared.
   *
   * In a cluster every node runs it, but one sweep at a time (an advisory lock; a node whose
   * timer fires during another's sweep skips, the next sweep finds what is left). A session is
   * changed by the node that owns it: the sweeping node clears those it owns or that nobody owns
   * (claiming them for the while, then letting go), and sends a `retention` notice for each
   * session another node owns, which that node clears from the state it holds
   * (`retentionAsked`). An owner that dies before it does leaves the session to the next sweep.
   */
  async applyRetention(by: AuditActor = { kind: 'system' }, options: { wait: boolean } = { wait: false }): Promise<number> {
    const ownership = this.#deps.ownership;
    if (!ownership) return this.#sweep(by);
    return (await ownership.alone(RETENTION_SWEEP, () => this.#sweep(by), options)) ?? 0;
  }

  async #sweep(by: AuditActor): Promise<number> {
    const days = await this.retentionDays();
    if (days === null) return 0;
    const expired = await this.#deps.sessionsRepo.createdBefore(retentionCutoff(days, this.#now()));
    let clearedHere = 0;
    for (const sessionId of expired) if (await this.#expire(sessionId, days, by)) clearedHere += 1;
    if (clearedHere > 0) this.#deps.eraser.erase();
    return expired.length;
  }

  /** Clears the session here (true), or asks its owner to (false). */
  async #expire(sessionId: string, days: number, by: AuditActor): Promise<boolean> {
    const ownership = this.#deps.ownership;
    const ownedBefore = !ownership || ownership.owned().includes(sessionId);
    try {
      await this.#deps.store.open(sessionId);
    } catch (error) {
      if (!ownership || !isMoved(error)) throw error;
      await ownership.tell({ kind: 'retention', sessionId, by });
      return false;
    }
    await this.#clear(sessionId, days, by);
    if (!ownedBefore) await this.#letGo(sessionId);
    return true;
  }

  /**
   * Another node's sweep found this session expired (its notice): the node that owns it clears
   * it, unless that is done already (a second sweep's notice); the others leave it.
   */
  async retentionAsked(sessionId: string, by: AuditActor): Promise<void> {
    if (!this.#deps.ownership?.owned().includes(sessionId)) return;
    const days = await this.retentionDays();
    if (days === null) return;
    await this.#deps.store.exclusive(sessionId, async () => {
      const record = await this.session(sessionId);
      if (record.participantDataRemovedAt !== null || record.createdAt >= retentionCutoff(days, this.#now())) return;
      await this.#clear(sessionId, days, by);
      this.#deps.eraser.erase();
    });
  }

  /** Closes the session if still open and removes its participant data, with the removal audited. */
  async #clear(sessionId: string, days: number, by: AuditActor): Promise<void> {
    const record = await this.session(sessionId);
    if (record.status === 'open') await this.#deps.sessions.close(sessionId);
    const entry = {
      action: 'participant-data.removed' as const,
      actor: by,
      target: sessionTarget(record),
      detail: { retentionDays: days },
    };
    await this.#deps.reports.removeParticipantData(sessionId, (work) => this.#deps.audit.within(entry, work));
  }
}
