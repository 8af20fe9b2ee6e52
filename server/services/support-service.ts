import { nanoid } from 'nanoid';
import { AppError } from '../../shared/errors.ts';
import { translate, type Locale } from '../../shared/i18n/index.ts';
import type { AuditActor } from '../../shared/audit.ts';
import type { SupportEntry, SupportQuery, SupportUpdateBody } from '../../shared/support-register.ts';
import type { BreakoutActivity, ContentActivity, SynthesisContent } from '../../shared/types.ts';
import type { Storage } from '../db/storage.ts';
import type { ListedSupportEntry } from '../db/support-repository.ts';
import { sessionTarget } from '../domain/audit.ts';
import { previousInSeries, retomandoSlide } from '../domain/retomando-slide.ts';
import { checkedUpdate, reconcileSupport, salaAgencies, supportRequests, type StoredSupportEntry } from '../domain/support-register.ts';
import type { AuditService } from './audit-service.ts';
import type { Reader } from './workspace-service.ts';

/** A sala's submitted synthesis, as the register takes it. */
export interface SupportSubmission {
  sessionId: string;
  activityId: string;
  breakout: BreakoutActivity;
  sala: { id: string; name: string; memberIds: readonly string[] };
  content: SynthesisContent;
}

export interface SupportServiceDeps {
  storage: Pick<Storage, 'support' | 'participants' | 'sessions'>;
  /** Series titles, for the list. */
  seriesTitles: () => Promise<Map<string, string>>;
  audit: Pick<AuditService, 'within'>;
  now?: () => number;
}

/**
 * The support register (docs/architecture.md, "The support register"): entries made from
 * submitted syntheses, listed and followed up by the accounts that may read their sessions,
 * every change of status or note recorded in the audit trail; and the "Retomando" slide of the
 * next session made from them. What an entry is and how it changes are domain/support-register.ts.
 */
export class SupportService {
  readonly #deps: SupportServiceDeps;
  readonly #now: () => number;

  constructor(deps: SupportServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /**
   * Brings the sala's entries in step with its submitted synthesis, through `tx`: the caller runs
   * it inside the submission's own transaction, so the synthesis is submitted with its entries or not at all.
   */
  async recordSubmission(tx: Pick<Storage, 'support' | 'participants' | 'sessions'>, submission: SupportSubmission): Promise<void> {
    const { support, participants, sessions } = tx;
    const session = await sessions.findById(submission.sessionId);
    const members = new Set(submission.sala.memberIds);
    const memberAgencies = (await participants.listForSession(submission.sessionId)).filter((p) => members.has(p.id)).map((p) => p.agency);
    const agencies = salaAgencies(session?.agencies ?? [], memberAgencies);
    const existing = await support.forSala(submission.activityId, submission.sala.id);
    const changes = reconcileSupport(existing, supportRequests(submission.breakout, submission.content), agencies);
    const at = this.#now();
    for (const request of changes.insert) {
      await support.insert({
        ...request,
        id: nanoid(),
        sessionId: submission.sessionId,
        activityId: submission.activityId,
        salaId: submission.sala.id,
        salaName: submission.sala.name,
        agencies,
        status: 'recibido',
        note: '',
        createdAt: at,
        updatedAt: at,
      });
    }
    for (const update of changes.update) await support.updateRequest(update.id, update, at);
    for (const id of changes.remove) await support.remove(id);
  }

  /** The entries of the sessions the reader may read (all, for administrators), oldest session first. */
  async list(reader: Reader, query: SupportQuery): Promise<SupportEntry[]> {
    const titles = await this.#deps.seriesTitles();
    const entries = await this.#deps.storage.support.list({
      ownerAccountId: reader.admin ? null : reader.accountId,
      seriesId: query.seriesId,
      status: query.status,
    });
    return entries.map((entry) => toWire(entry, titles));
  }

  /**
   * Sets an entry's status and public note for a reader who may read its session (NOT_FOUND if
   * unknown, FORBIDDEN if someone else's), recorded in the audit trail in the same transaction.
   */
  async update(reader: Reader, entryId: string, body: SupportUpdateBody, actor: AuditActor): Promise<SupportEntry> {
    const entry = await this.#deps.storage.support.find(entryId);
    if (!entry) throw new AppError('NOT_FOUND', 'Ese registro de apoyo no existe.');
    if (!reader.admin && entry.ownerAccountId !== reader.accountId)
      throw new AppError('FORBIDDEN', 'Este registro es de una sesión de otra persona.');
    const { status, note } = checkedUpdate(body.status, body.note);
    const target = sessionTarget({ id: entry.sessionId, title: entry.sessionTitle, ownerAccountId: entry.ownerAccountId });
    const detail = { entry: entry.id, kind: entry.kindLabel ?? '', status };
    const at = this.#now();
    await this.#deps.audit.within({ action: 'support.updated', actor, target, detail }, (tx) =>
      tx.support.setStatus(entryId, status, note, at),
    );
    return toWire({ ...entry, status, note, updatedAt: at }, await this.#deps.seriesTitles());
  }

  /** A session's entries, in the order recorded (the report). */
  forSession(sessionId: string): Promise<StoredSupportEntry[]> {
    return this.#deps.storage.support.forSession(sessionId);
  }

  /**
   * The slide for a session's "Retomando" from the previous session of its series that `reader`
   * may read (null: nobody, e.g. the secret of a session without owner); null slide when there
   * is no such session or its salas asked nothing.
   */
  async slideForNext(
    session: { id: string; createdAt: number; seriesId: string | null; locale: Locale },
    reader: Reader | null,
  ): Promise<{ from: { id: string; title: string } | null; slide: Omit<ContentActivity, 'id'> | null }> {
    if (!reader || session.seriesId === null) return { from: null, slide: null };
    const earlier = await this.#deps.storage.sessions.listInSeries(session.seriesId);
    const from = previousInSeries(earlier, session, reader.admin ? null : reader.accountId);
    if (!from) return { from: null, slide: null };
    return { from: { id: from.id, title: from.title }, slide: await this.retomandoSlide(from.id, session.locale) };
  }

  /** The "Retomando" slide of what a session's salas asked and what came of it; null when they asked nothing. */
  async retomandoSlide(sessionId: string, locale: Locale): Promise<Omit<ContentActivity, 'id'> | null> {
    return retomandoSlide(await this.forSession(sessionId), (key, params) => translate(locale, key, params));
  }
}

function toWire(entry: ListedSupportEntry, seriesTitles: Map<string, string>): SupportEntry {
  return {
    id: entry.id,
    sessionId: entry.sessionId,
    sessionTitle: entry.sessionTitle,
    series: entry.seriesId === null ? null : { id: entry.seriesId, title: seriesTitles.get(entry.seriesId) ?? '' },
    salaName: entry.salaName,
    kind: entry.kindId === null ? null : { id: entry.kindId, label: entry.kindLabel ?? entry.kindId },
    text: entry.text,
    agencies: entry.agencies,
    status: entry.status,
    note: entry.note,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  };
}
