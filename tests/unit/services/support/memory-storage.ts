/**
 * The storage port in memory, for the services' unit tests: the same asynchronous interfaces as
 * SQLite's (plain objects wrapped by `asyncRepository`, as SQLite's classes are), with a log of what each transaction wrote (so a test can see that a command
 * is one transaction, and that a refused one wrote nothing) and a way to make a commit fail.
 */
import type { Activity, AnsweringStatus, FacilitatorComment, Template } from '../../../../shared/types.ts';
import type { AuditRepository } from '../../../../server/db/audit-repository.ts';
import type { AuditEntry } from '../../../../shared/audit.ts';
import type { AuditFilter } from '../../../../server/domain/audit.ts';
import type { AnswerRepository, AnswerWrite, StoredAnswer, WriteOutcome } from '../../../../server/db/answer-repository.ts';
import type { BreakoutRecord, BreakoutRepository, SalaRecord, StoredBreakout } from '../../../../server/db/breakout-repository.ts';
import type { CommentRepository } from '../../../../server/db/comment-repository.ts';
import type { CommitmentRepository, NewCommitment } from '../../../../server/db/commitment-repository.ts';
import type { CommitmentOutcome } from '../../../../shared/commitment.ts';
import type { ExperienceRecord, ExperienceRepository } from '../../../../server/db/experience-repository.ts';
import type { ModerationRepository } from '../../../../server/db/moderation-repository.ts';
import type { NewParticipant, ParticipantRecord, ParticipantRepository } from '../../../../server/db/participant-repository.ts';
import type {
  NewSessionRecord,
  SessionListing,
  SessionRecord,
  SessionRepository,
  StoredActivity,
} from '../../../../server/db/session-repository.ts';
import type { Storage } from '../../../../server/db/storage.ts';
import type { AccountIdentity, AccountRepository, AuthSessionRecord } from '../../../../server/db/account-repository.ts';
import type { SeriesRecord, SeriesRepository } from '../../../../server/db/series-repository.ts';
import type { SettingsRepository } from '../../../../server/db/settings-repository.ts';
import type { TemplateRepository } from '../../../../server/db/template-repository.ts';
import type { SignInAllowListRepository } from '../../../../server/db/sign-in-allowlist-repository.ts';
import type { Account } from '../../../../shared/accounts.ts';
import type { AllowListEntry } from '../../../../shared/sign-in-allowlist.ts';
import { asyncRepository, type Async } from '../../../../server/db/async.ts';
import { CodeTakenError } from '../../../../server/db/errors.ts';
import type {
  SalaSynthesisRecord,
  SynthesisRepository,
  SynthesisSave,
  SynthesisStateRecord,
} from '../../../../server/db/synthesis-repository.ts';
import type { ListedSupportEntry, SupportRepository } from '../../../../server/db/support-repository.ts';
import type { StoredSupportEntry } from '../../../../server/domain/support-register.ts';
import type { SalaTurnsRecord, TurnRepository } from '../../../../server/db/turn-repository.ts';
import type { QaRepository } from '../../../../server/db/qa-repository.ts';
import { applyQa, emptyQa, type QaChange, type QaState } from '../../../../server/domain/qa.ts';
import type { SalaRoles } from '../../../../server/domain/breakout.ts';
import type { SessionEvent } from '../../../../server/domain/report.ts';

interface ActivityRow {
  sessionId: string;
  position: number;
  activity: Activity;
  answering: AnsweringStatus;
  keepOpen: boolean;
  deletedAt: number | null;
}

const key = (...parts: string[]) => parts.join('|');

/** Newest first, as the stores list: by time, then the row written last first (their rowid). */
function newestFirst<T extends { createdAt: number }>(rows: T[]): T[] {
  return rows.reverse().sort((a, b) => b.createdAt - a.createdAt);
}

export class MemoryStorage implements Storage {
  /** The writes of each transaction, by repository method, in the order made. */
  readonly transactions: string[][] = [];
  #current: string[] | null = null;
  #failNext = false;
  #tail: Promise<unknown> = Promise.resolve();

  readonly sessionRows = new Map<string, SessionRecord & { archive: string | null }>();
  readonly activityRows = new Map<string, ActivityRow>();
  readonly eventRows: Array<SessionEvent & { sessionId: string }> = [];
  readonly linkRows: Array<{ tokenHash: string; sessionId: string }> = [];
  readonly participantRows = new Map<string, ParticipantRecord & { tokenHash: string }>();
  readonly answerRows = new Map<string, StoredAnswer & { clientIds: string[] }>();
  readonly hiddenRows = new Set<string>();
  readonly breakoutRows = new Map<string, BreakoutRecord>();
  readonly salaRows = new Map<string, SalaRecord>();
  /** activity id|participant id → sala id. */
  readonly memberRows = new Map<string, string>();
  readonly roleRows = new Map<string, SalaRoles>();
  readonly synthesisStateRows = new Map<string, SynthesisStateRecord>();
  readonly synthesisRows = new Map<string, SalaSynthesisRecord>();
  readonly versionRows: SynthesisSave[] = [];
  /** session id|activity id → comment. */
  readonly commentRows = new Map<string, FacilitatorComment>();
  /** sala id → its turns. */
  readonly turnRows = new Map<string, SalaTurnsRecord>();
  readonly auditRows: AuditEntry[] = [];
  readonly commitmentRows = new Map<string, NewCommitment>();
  /** activity id|commitment id → the answer at a follow-up. */
  readonly reviewRows = new Map<string, { participantId: string; outcome: CommitmentOutcome }>();
  /** The support register, in the order recorded. */
  readonly supportRows = new Map<string, StoredSupportEntry>();
  /** activity id|card id → card. */
  readonly experienceRows = new Map<string, ExperienceRecord>();

  /**
   * One at a time, as SQLite's: the next waits for the previous to settle, so each one's log
   * holds its own writes only.
   */
  transaction<T>(work: (tx: Storage) => Promise<T>): Promise<T> {
    const run = this.#tail.then(async () => {
      if (this.#failNext) {
        this.#failNext = false;
        throw new Error('disk I/O error');
      }
      this.#current = [];
      this.transactions.push(this.#current);
      try {
        return await work(this);
      } finally {
        this.#current = null;
      }
    });
    this.#tail = run.catch(() => {});
    return run;
  }

  /** The next transaction fails before writing anything, as a full disk would make it. */
  failNextCommit(): void {
    this.#failNext = true;
  }

  /** Notes a write; one made outside a transaction is one of its own (as SQLite's autocommit). */
  #wrote(name: string): void {
    if (this.#current) this.#current.push(name);
    else this.transactions.push([name]);
  }

  readonly sessions: Async<SessionRepository> = asyncRepository<SessionRepository>({
    create: (session: NewSessionRecord, agenda: Activity[]) => {
      const taken = [...this.sessionRows.values()].some((s) => s.code === session.code && s.status === 'open');
      if (taken) throw new CodeTakenError(session.code);
      this.#wrote('create');
      this.sessionRows.set(session.id, {
        ...session,
        status: 'open',
        currentActivityId: null,
        resultsVisible: false,
        blank: false,
        presenterNotes: false,
        closedAt: null,
        ownerAccountId: session.ownerAccountId ?? null,
        seriesId: session.seriesId ?? null,
        agencies: session.agencies ?? [],
        namesInReports: session.namesInReports ?? false,
        locale: session.locale ?? 'es-CL',
        participantDataRemovedAt: null,
        archive: null,
      });
      agenda.forEach((activity, position) =>
        this.activityRows.set(activity.id, {
          sessionId: session.id,
          position,
          activity,
          answering: 'idle',
          keepOpen: false,
          deletedAt: null,
        }),
      );
    },
    findById: (id) => this.#record(this.sessionRows.get(id)),
    findOpenByCode: (code) => this.#record([...this.sessionRows.values()].find((s) => s.code === code && s.status === 'open')),
    findLatestByCode: (code) => this.#record(newestFirst([...this.sessionRows.values()].filter((s) => s.code === code))[0]),
    agenda: (sessionId): StoredActivity[] =>
      this.#activitiesOf(sessionId)
        .filter((row) => row.deletedAt === null)
        .sort((a, b) => a.position - b.position)
        .map((row) => ({ activity: structuredClone(row.activity), answering: row.answering, keepOpen: row.keepOpen })),
    saveAgenda: (sessionId, agenda, at) => {
      this.#wrote('saveAgenda');
      const kept = new Set(agenda.map((a) => a.id));
      for (const row of this.#activitiesOf(sessionId)) if (!kept.has(row.activity.id) && row.deletedAt === null) row.deletedAt = at;
      agenda.forEach((activity, position) => {
        const row = this.activityRows.get(activity.id);
        this.activityRows.set(activity.id, {
          sessionId,
          position,
          activity,
          answering: row?.answering ?? 'idle',
          keepOpen: row?.keepOpen ?? false,
          deletedAt: null,
        });
      });
    },
    findDeleted: (sessionId, activityId) => {
      const row = this.activityRows.get(activityId);
      return row && row.sessionId === sessionId && row.deletedAt !== null ? structuredClone(row.activity) : null;
    },
    saveLive: (sessionId, live) => {
      this.#wrote('saveLive');
      const row = this.sessionRows.get(sessionId)!;
      Object.assign(row, {
        currentActivityId: live.currentActivityId,
        resultsVisible: live.resultsVisible,
        blank: live.blank,
        presenterNotes: live.presenterNotes,
      });
    },
    saveAnswering: (sessionId, activityId, answering) => {
      this.#wrote('saveAnswering');
      const row = this.activityRows.get(activityId);
      if (row?.sessionId === sessionId) row.answering = answering;
    },
    saveKeepOpen: (sessionId, activityId, keepOpen) => {
      this.#wrote('saveKeepOpen');
      const row = this.activityRows.get(activityId);
      if (row?.sessionId === sessionId) row.keepOpen = keepOpen;
    },
    close: (sessionId, at) => {
      this.#wrote('close');
      Object.assign(this.sessionRows.get(sessionId)!, { status: 'closed', closedAt: at });
    },
    updateDetails: (sessionId, details) => {
      this.#wrote('updateDetails');
      Object.assign(this.sessionRows.get(sessionId)!, details);
    },
    list: (filter) =>
      newestFirst([...this.sessionRows.values()].filter((s) => !filter || s.ownerAccountId === filter.ownerAccountId)).map((s) =>
        this.#listing(s),
      ),
    listInSeries: (seriesId) =>
      [...this.sessionRows.values()]
        .filter((s) => s.seriesId === seriesId)
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((s) => this.#listing(s)),
    delete: (sessionId) => {
      this.#wrote('delete');
      for (const [id, e] of this.supportRows) if (e.sessionId === sessionId) this.supportRows.delete(id);
      return this.sessionRows.delete(sessionId);
    },
    recordEvent: (sessionId, activityId, event, at) => {
      this.#wrote('recordEvent');
      this.eventRows.push({ sessionId, at, activityId, event });
    },
    events: (sessionId) =>
      this.eventRows.filter((e) => e.sessionId === sessionId).map(({ at, activityId, event }) => ({ at, activityId, event })),
    createdBefore: (cutoff) =>
      [...this.sessionRows.values()].filter((s) => s.createdAt < cutoff && s.participantDataRemovedAt === null).map((s) => s.id),
    removeParticipantData: (sessionId, archive, at) => {
      this.#wrote('removeParticipantData');
      for (const [id, p] of this.participantRows) if (p.sessionId === sessionId) this.participantRows.delete(id);
      for (const e of this.experienceRows.values()) if (e.sessionId === sessionId) e.card.contact = { optIn: false };
      Object.assign(this.sessionRows.get(sessionId)!, { archive, participantDataRemovedAt: at });
    },
    addFacilitatorLink: (sessionId, tokenHash) => {
      this.#wrote('addFacilitatorLink');
      this.linkRows.push({ tokenHash, sessionId });
    },
    hasFacilitatorLink: (sessionId, tokenHash) => this.linkRows.some((l) => l.sessionId === sessionId && l.tokenHash === tokenHash),
    archive: (sessionId) => this.sessionRows.get(sessionId)?.archive ?? null,
  });

  readonly participants: Async<ParticipantRepository> = asyncRepository<ParticipantRepository>({
    createBatch: (entries: NewParticipant[]) => {
      this.#wrote('createBatch');
      return entries.map(({ tokenHash, ...record }) => {
        if (!this.sessionRows.has(record.sessionId)) return null;
        const number = this.#participantsOf(record.sessionId).length + 1;
        this.participantRows.set(record.id, { ...record, number, tokenHash });
        return { ...record, number };
      });
    },
    listForSession: (sessionId) =>
      this.#participantsOf(sessionId)
        .sort((a, b) => a.number - b.number)
        .map(publicParticipant),
    findByTokenHash: (tokenHash) => {
      const row = [...this.participantRows.values()].find((p) => p.tokenHash === tokenHash);
      return row ? publicParticipant(row) : null;
    },
    findById: (participantId) => {
      const row = this.participantRows.get(participantId);
      return row ? publicParticipant(row) : null;
    },
    rename: (participantId, displayName) => {
      this.#wrote('rename');
      this.participantRows.get(participantId)!.displayName = displayName;
    },
    setAgency: (participantId, agency) => {
      this.#wrote('setAgency');
      this.participantRows.get(participantId)!.agency = agency;
    },
    countInSession: (sessionId) => this.#participantsOf(sessionId).length,
  });

  readonly answers: Async<AnswerRepository> = asyncRepository<AnswerRepository>({
    writeBatch: (writes: AnswerWrite[]): WriteOutcome[] => {
      this.#wrote('writeBatch');
      return writes.map((w) => {
        const earlier = this.#submission(w.participantId, w.clientAnswerId);
        if (earlier) return { stored: false, earlierActivityId: earlier.activityId };
        const id = key(w.activityId, w.participantId);
        const clientIds = [...(this.answerRows.get(id)?.clientIds ?? []), w.clientAnswerId];
        this.answerRows.set(id, { activityId: w.activityId, participantId: w.participantId, value: w.value, clientIds });
        return { stored: true };
      });
    },
    findSubmission: (participantId, clientAnswerId) => this.#submission(participantId, clientAnswerId),
    forSession: (sessionId) =>
      [...this.answerRows.values()]
        .filter((a) => this.activityRows.get(a.activityId)?.sessionId === sessionId)
        .map(({ activityId, participantId, value }) => ({ activityId, participantId, value })),
  });

  #submission(participantId: string, clientAnswerId: string): { activityId: string } | null {
    const row = [...this.answerRows.values()].find((a) => a.participantId === participantId && a.clientIds.includes(clientAnswerId));
    return row ? { activityId: row.activityId } : null;
  }

  readonly moderation: Async<ModerationRepository> = asyncRepository<ModerationRepository>({
    setHidden: (activityId, answerId, hidden) => {
      this.#wrote('setHidden');
      if (hidden) this.hiddenRows.add(key(activityId, answerId));
      else this.hiddenRows.delete(key(activityId, answerId));
    },
    hiddenForSession: (sessionId) =>
      [...this.hiddenRows]
        .map((row) => row.split('|') as [string, string])
        .filter(([activityId]) => this.activityRows.get(activityId)?.sessionId === sessionId)
        .map(([activityId, answerId]) => ({ activityId, answerId })),
  });

  readonly breakouts: Async<BreakoutRepository> = asyncRepository<BreakoutRepository>({
    form: (record, salas, members) => {
      this.#wrote('form');
      this.breakoutRows.set(record.activityId, { ...record });
      for (const sala of salas) this.salaRows.set(sala.id, { ...sala });
      for (const m of members) this.memberRows.set(key(record.activityId, m.participantId), m.salaId);
    },
    save: (record) => {
      this.#wrote('save');
      this.breakoutRows.set(record.activityId, { ...record });
    },
    forSession: (sessionId): StoredBreakout[] =>
      [...this.breakoutRows.values()]
        .filter((b) => b.sessionId === sessionId)
        .map((record) => {
          const salas = [...this.salaRows.values()]
            .filter((s) => s.activityId === record.activityId)
            .sort((a, b) => a.position - b.position);
          const members = [...this.memberRows]
            .filter(([k]) => k.startsWith(`${record.activityId}|`))
            .map(([k, salaId]) => ({ participantId: k.split('|')[1]!, salaId }));
          const roles = salas.flatMap((sala) => {
            const held = this.roleRows.get(sala.id) ?? { moderator: null, secretary: null };
            return (['moderator', 'secretary'] as const).flatMap((role) =>
              held[role] === null ? [] : [{ salaId: sala.id, role, participantId: held[role] }],
            );
          });
          return { record: { ...record }, salas: salas.map((s) => ({ ...s })), members, roles };
        }),
    running: () => [...this.breakoutRows.values()].filter((b) => (b.phase === 'discussion' || b.phase === 'return') && b.deadline !== null),
    setMember: (activityId, participantId, salaId) => {
      this.#wrote('setMember');
      this.memberRows.set(key(activityId, participantId), salaId);
    },
    updateSala: (salaId, name, videoUrl) => {
      this.#wrote('updateSala');
      Object.assign(this.salaRows.get(salaId)!, { name, videoUrl });
    },
    saveRoles: (salaId, roles) => {
      this.#wrote('saveRoles');
      this.roleRows.set(salaId, { ...roles });
    },
  });

  readonly syntheses: Async<SynthesisRepository> = asyncRepository<SynthesisRepository>({
    saveState: (state) => {
      this.#wrote('saveState');
      this.synthesisStateRows.set(state.activityId, { ...state });
    },
    statesForSession: (sessionId) => [...this.synthesisStateRows.values()].filter((s) => s.sessionId === sessionId).map((s) => ({ ...s })),
    synthesesFor: (activityId) =>
      [...this.synthesisRows].filter(([k]) => k.startsWith(`${activityId}|`)).map(([, s]) => structuredClone(s)),
    save: (save) => {
      this.#wrote('saveSynthesis');
      const id = key(save.activityId, save.salaId);
      const current = this.synthesisRows.get(id);
      this.synthesisRows.set(id, {
        salaId: save.salaId,
        version: save.version,
        content: save.content,
        submittedAt: current?.submittedAt ?? null,
        hidden: current?.hidden ?? false,
        updatedAt: save.at,
        firstSavedAt: current?.firstSavedAt ?? save.at,
      });
      this.versionRows.push(save);
    },
    versionOfSave: (activityId, salaId, clientSaveId) =>
      this.versionRows.find((v) => v.activityId === activityId && v.salaId === salaId && v.clientSaveId === clientSaveId)?.version ?? null,
    setSubmitted: (activityId, salaId, at) => {
      this.#wrote('setSubmitted');
      const row = this.synthesisRows.get(key(activityId, salaId));
      if (row) row.submittedAt = at;
    },
    setHidden: (activityId, salaId, hidden) => {
      this.#wrote('setSynthesisHidden');
      const row = this.synthesisRows.get(key(activityId, salaId));
      if (row) row.hidden = hidden;
    },
  });

  readonly experiences: Async<ExperienceRepository> = asyncRepository<ExperienceRepository>({
    forSession: (sessionId) => [...this.experienceRows.values()].filter((e) => e.sessionId === sessionId).map((e) => structuredClone(e)),
    save: (record) => {
      this.#wrote('saveExperience');
      const current = this.experienceRows.get(key(record.activityId, record.id));
      this.experienceRows.set(key(record.activityId, record.id), {
        ...structuredClone(record),
        createdAt: current?.createdAt ?? record.createdAt,
      });
    },
    delete: (activityId, id) => {
      this.#wrote('deleteExperience');
      this.experienceRows.delete(key(activityId, id));
    },
    // The catalogue is read over HTTP only: the services' unit tests do not reach it.
    catalogue: () => [],
  });

  readonly comments: Async<CommentRepository> = asyncRepository<CommentRepository>({
    save: (sessionId, activityId, text, at) => {
      this.#wrote('saveComment');
      if (text === null) this.commentRows.delete(key(sessionId, activityId));
      else this.commentRows.set(key(sessionId, activityId), { activityId, text, updatedAt: at });
    },
    forSession: (sessionId) => [...this.commentRows].filter(([k]) => k.startsWith(`${sessionId}|`)).map(([, comment]) => ({ ...comment })),
  });

  readonly turns: Async<TurnRepository> = asyncRepository<TurnRepository>({
    forSession: (sessionId) =>
      [...this.turnRows.values()]
        .filter((t) => this.breakoutRows.get(t.activityId)?.sessionId === sessionId)
        .map((t) => structuredClone(t)),
    save: (record) => {
      this.#wrote('saveTurns');
      this.turnRows.set(record.salaId, structuredClone(record));
    },
  });

  readonly commitments: Async<CommitmentRepository> = asyncRepository<CommitmentRepository>({
    own: (activityId, participantId) => {
      const row = [...this.commitmentRows.values()].find((c) => c.activityId === activityId && c.participantId === participantId);
      return row ? publicCommitment(row) : null;
    },
    insert: (commitment) => {
      this.#wrote('insertCommitment');
      this.commitmentRows.set(commitment.id, { ...commitment });
    },
    updateText: (id, text, at) => {
      this.#wrote('updateCommitment');
      Object.assign(this.commitmentRows.get(id)!, { text, updatedAt: at });
    },
    findInSeries: (seriesId, exceptSessionId, before, lookup) => {
      const matches = [...this.commitmentRows.values()].filter((c) => {
        const session = this.sessionRows.get(c.sessionId);
        const hashMatches = 'keyHash' in lookup ? c.keyHash === lookup.keyHash : c.codeHash === lookup.codeHash;
        return hashMatches && session?.seriesId === seriesId && session.id !== exceptSessionId && session.createdAt < before;
      });
      const newest = newestFirst(matches)[0];
      return newest ? { ...publicCommitment(newest), sessionTitle: this.sessionRows.get(newest.sessionId)!.title } : null;
    },
    countWritten: (activityId) => [...this.commitmentRows.values()].filter((c) => c.activityId === activityId).length,
    saveReview: (activityId, participantId, commitmentId, outcome) => {
      this.#wrote('saveReview');
      this.reviewRows.set(key(activityId, commitmentId), { participantId, outcome });
    },
    reviewOf: (activityId, commitmentId) => this.reviewRows.get(key(activityId, commitmentId))?.outcome ?? null,
    reviewCounts: (activityId) => {
      const counts = { done: 0, started: 0, notYet: 0 };
      for (const [k, review] of this.reviewRows) if (k.startsWith(`${activityId}|`)) counts[review.outcome] += 1;
      return counts;
    },
  });

  /** Q&A activity id → its questions, votes and highlight. */
  readonly qaRows = new Map<string, QaState>();

  readonly qa: Async<QaRepository> = asyncRepository<QaRepository>({
    forSession: (sessionId) =>
      new Map(
        [...this.qaRows]
          .filter(([activityId]) => this.activityRows.get(activityId)?.sessionId === sessionId)
          .map(([activityId, state]) => [activityId, structuredClone(state)]),
      ),
    record: (change) => {
      this.#wrote(`qa:${change.kind}`);
      applyQa(this.#qaStateOf(change), change);
    },
  });

  #qaStateOf(change: QaChange): QaState {
    if (change.kind === 'ask' || change.kind === 'highlight') {
      const activityId = change.kind === 'ask' ? change.question.activityId : change.activityId;
      const state = this.qaRows.get(activityId) ?? emptyQa(activityId);
      this.qaRows.set(activityId, state);
      return state;
    }
    const state = [...this.qaRows.values()].find((s) => s.questions.has(change.questionId));
    if (!state) throw new Error(`no question ${change.questionId}`);
    return state;
  }

  readonly audit: Async<AuditRepository> = asyncRepository<AuditRepository>({
    insert: (entry, at) => {
      this.#wrote('audit');
      this.auditRows.push({ ...structuredClone(entry), id: this.auditRows.length + 1, at });
    },
    list: (filter, offset, limit) =>
      this.#auditMatching(filter)
        .slice(offset, offset + limit)
        .map((entry) => structuredClone(entry)),
    count: (filter) => this.#auditMatching(filter).length,
    deleteBefore: (at) => {
      const kept = this.auditRows.filter((entry) => entry.at >= at);
      const removed = this.auditRows.length - kept.length;
      if (removed > 0) this.#wrote('deleteAudit');
      this.auditRows.splice(0, this.auditRows.length, ...kept);
      return removed;
    },
    forgetSessionLabel: (sessionId) => {
      this.#wrote('forgetSessionLabel');
      for (const entry of this.auditRows) if (entry.target?.kind === 'session' && entry.target.id === sessionId) entry.target.label = '';
    },
  });

  readonly support: Async<SupportRepository> = asyncRepository<SupportRepository>({
    forSala: (activityId, salaId) =>
      [...this.supportRows.values()].filter((e) => e.activityId === activityId && e.salaId === salaId).map((e) => structuredClone(e)),
    forSession: (sessionId) => [...this.supportRows.values()].filter((e) => e.sessionId === sessionId).map((e) => structuredClone(e)),
    find: (id) => {
      const entry = this.supportRows.get(id);
      return entry ? this.#listedSupport(entry) : null;
    },
    list: (filter) =>
      [...this.supportRows.values()]
        .map((e) => this.#listedSupport(e))
        .filter(
          (e) =>
            (filter.ownerAccountId === null || e.ownerAccountId === filter.ownerAccountId) &&
            (filter.seriesId === undefined || e.seriesId === filter.seriesId) &&
            (filter.status === undefined || e.status === filter.status),
        ),
    insert: (entry) => {
      this.#wrote('insertSupport');
      this.supportRows.set(entry.id, structuredClone(entry));
    },
    updateRequest: (id, request, at) => {
      this.#wrote('updateSupportRequest');
      const entry = this.supportRows.get(id);
      if (entry) Object.assign(entry, structuredClone(request), { updatedAt: at });
    },
    setStatus: (id, status, note, at) => {
      this.#wrote('setSupportStatus');
      const entry = this.supportRows.get(id);
      if (entry) Object.assign(entry, { status, note, updatedAt: at });
    },
    remove: (id) => {
      this.#wrote('removeSupport');
      this.supportRows.delete(id);
    },
  });

  readonly accountRows = new Map<string, { account: Account; passwordHash: string; identities: AccountIdentity[] }>();
  readonly authSessionRows = new Map<string, AuthSessionRecord>();

  readonly accounts: Async<AccountRepository> = asyncRepository<AccountRepository>({
    insert: (account, passwordHash) => {
      if (this.#credentials(account.email)) return false;
      this.#wrote('insertAccount');
      this.accountRows.set(account.id, { account: { ...account }, passwordHash, identities: [] });
      return true;
    },
    findById: (id) => structuredClone(this.accountRows.get(id)?.account ?? null),
    findByEmail: (email) => structuredClone(this.#credentials(email)?.account ?? null),
    findCredentials: (email) => structuredClone(this.#credentials(email)),
    list: () => [...this.accountRows.values()].map((row) => ({ ...row.account })).sort((a, b) => a.createdAt - b.createdAt),
    count: () => this.accountRows.size,
    delete: (id) => {
      this.#wrote('deleteAccount');
      for (const [hash, session] of this.authSessionRows) if (session.accountId === id) this.authSessionRows.delete(hash);
      return this.accountRows.delete(id);
    },
    createAuthSession: (session) => {
      this.#wrote('createAuthSession');
      this.authSessionRows.set(session.tokenHash, { ...session });
    },
    accountByTokenHash: (tokenHash, now) => {
      const session = this.authSessionRows.get(tokenHash);
      return session && session.expiresAt > now ? structuredClone(this.accountRows.get(session.accountId)?.account ?? null) : null;
    },
    deleteAuthSession: (tokenHash) => {
      this.#wrote('deleteAuthSession');
      this.authSessionRows.delete(tokenHash);
    },
    deleteExpiredAuthSessions: (now) => {
      const expired = [...this.authSessionRows].filter(([, session]) => session.expiresAt <= now);
      for (const [hash] of expired) this.authSessionRows.delete(hash);
      return expired.length;
    },
    findByIdentity: ({ issuer, subject }) => {
      const row = [...this.accountRows.values()].find((r) => r.identities.some((i) => i.issuer === issuer && i.subject === subject));
      return structuredClone(row?.account ?? null);
    },
    linkIdentity: (accountId, identity) => {
      this.#wrote('linkIdentity');
      this.accountRows.get(accountId)?.identities.push({ ...identity });
    },
    insertWithIdentity: (account, passwordHash, identity) => {
      if (this.#credentials(account.email)) return false;
      this.#wrote('insertAccount');
      this.accountRows.set(account.id, { account: { ...account }, passwordHash, identities: [{ ...identity }] });
      return true;
    },
  });

  #credentials(email: string): { account: Account; passwordHash: string } | null {
    const row = [...this.accountRows.values()].find((r) => r.account.email.toLowerCase() === email.toLowerCase());
    return row ? { account: row.account, passwordHash: row.passwordHash } : null;
  }

  readonly seriesRows = new Map<string, Omit<SeriesRecord, 'sessions'>>();

  readonly series: Async<SeriesRepository> = asyncRepository<SeriesRepository>({
    create: (series) => {
      this.#wrote('createSeries');
      this.seriesRows.set(series.id, { ...series });
      return { ...series, sessions: 0 };
    },
    findById: (id) => {
      const row = this.seriesRows.get(id);
      return row ? this.#seriesRecord(row) : null;
    },
    list: (filter) =>
      newestFirst([...this.seriesRows.values()].filter((row) => !filter || row.ownerAccountId === filter.ownerAccountId)).map((row) =>
        this.#seriesRecord(row),
      ),
  });

  #seriesRecord(row: Omit<SeriesRecord, 'sessions'>): SeriesRecord {
    return { ...row, sessions: [...this.sessionRows.values()].filter((s) => s.seriesId === row.id).length };
  }

  readonly settingRows = new Map<string, string>();

  readonly settings: Async<SettingsRepository> = asyncRepository<SettingsRepository>({
    get: (key) => this.settingRows.get(key) ?? null,
    set: (key, value) => {
      this.#wrote('setSetting');
      this.settingRows.set(key, value);
    },
    setIfAbsent: (key, value) => {
      if (!this.settingRows.has(key)) {
        this.#wrote('setSetting');
        this.settingRows.set(key, value);
      }
      return this.settingRows.get(key)!;
    },
    delete: (key) => {
      this.#wrote('deleteSetting');
      this.settingRows.delete(key);
    },
  });

  readonly templateRows = new Map<string, Template>();

  readonly templates: Async<TemplateRepository> = asyncRepository<TemplateRepository>({
    save: (template) => {
      this.#wrote('saveTemplate');
      this.templateRows.set(template.id, structuredClone(template));
    },
    get: (id) => structuredClone(this.templateRows.get(id) ?? null),
    list: () => [...this.templateRows.values()].map(({ id, title }) => ({ id, title })),
  });

  readonly allowListRows = new Map<string, AllowListEntry>();

  readonly signInAllowList: Async<SignInAllowListRepository> = asyncRepository<SignInAllowListRepository>({
    list: () => [...this.allowListRows.values()].sort((a, b) => a.entry.localeCompare(b.entry)),
    find: (entry) => this.allowListRows.get(entry) ?? null,
    add: (entry, at) => {
      if (this.allowListRows.has(entry)) return false;
      this.#wrote('allowSignIn');
      this.allowListRows.set(entry, { entry, createdAt: at });
      return true;
    },
    remove: (entry) => {
      this.#wrote('disallowSignIn');
      return this.allowListRows.delete(entry);
    },
  });

  #listedSupport(entry: StoredSupportEntry): ListedSupportEntry {
    const session = this.sessionRows.get(entry.sessionId);
    return {
      ...structuredClone(entry),
      sessionTitle: session?.title ?? '',
      ownerAccountId: session?.ownerAccountId ?? null,
      seriesId: session?.seriesId ?? null,
    };
  }

  /** Matching entries, newest first (ties: the later written first), as SQLite orders them. */
  #auditMatching(filter: AuditFilter): AuditEntry[] {
    return this.auditRows
      .filter(
        (e) =>
          (filter.action === undefined || e.action === filter.action) &&
          (filter.accountId === undefined || (e.actor.kind === 'account' && e.actor.accountId === filter.accountId)),
      )
      .sort((a, b) => b.at - a.at || b.id - a.id);
  }

  #record(row: (SessionRecord & { archive: string | null }) | undefined): SessionRecord | null {
    if (!row) return null;
    const { archive: _archive, ...record } = row;
    return structuredClone(record);
  }

  #listing(s: SessionRecord): SessionListing {
    const { id, title, code, status, createdAt, closedAt, ownerAccountId, seriesId, agencies, participantDataRemovedAt } = s;
    return {
      id,
      title,
      code,
      status,
      createdAt,
      closedAt,
      ownerAccountId,
      seriesId,
      agencies,
      participantDataRemovedAt,
      participants: this.#participantsOf(id).length,
    };
  }

  #activitiesOf(sessionId: string): ActivityRow[] {
    return [...this.activityRows.values()].filter((row) => row.sessionId === sessionId);
  }

  #participantsOf(sessionId: string): Array<ParticipantRecord & { tokenHash: string }> {
    return [...this.participantRows.values()].filter((p) => p.sessionId === sessionId);
  }
}

function publicParticipant({ tokenHash: _tokenHash, ...record }: ParticipantRecord & { tokenHash: string }): ParticipantRecord {
  return { ...record };
}

function publicCommitment({ keyHash: _key, codeHash: _code, ...stored }: NewCommitment) {
  return { ...stored };
}
