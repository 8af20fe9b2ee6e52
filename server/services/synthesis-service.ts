import { breakoutFor, synthesesOf } from '../../shared/agenda.ts';
import { AppError } from '../../shared/errors.ts';
import type {
  BreakoutActivity,
  PlenaryFocusPayload,
  SalaSynthesis,
  SynthesisActivity,
  SynthesisSavePayload,
  SynthesisTimerPayload,
  SynthesisView,
} from '../../shared/types.ts';
import type { Storage } from '../db/storage.ts';
import type { SalaSynthesisRecord, SynthesisStateRecord } from '../db/synthesis-repository.ts';
import {
  assertContentFits,
  assertSaveAccepted,
  assertSubmitAccepted,
  assertWriter,
  controlWriting,
  fieldKeys,
  type SynthesisActor,
} from '../domain/synthesis.ts';
import { undoable } from '../domain/clock.ts';
import type { BreakoutService } from './breakout-service.ts';
import type { Publisher } from './publisher.ts';
import type { SupportService } from './support-service.ts';
import type { SessionPart, SessionStore } from './session-store.ts';

/** Who receives a view: facilitators see every sala's text, a participant only their own sala's. */
export type SynthesisAudience = { role: 'facilitator' } | { role: 'participant'; participantId: string };

interface Runtime {
  state: SynthesisStateRecord;
  salas: Map<string, SalaSynthesisRecord>;
}

export interface SynthesisServiceDeps {
  storage: Pick<Storage, 'syntheses' | 'sessions' | 'transaction'>;
  /** The sessions in memory: agenda and status. */
  store: Pick<SessionStore, 'get' | 'exclusive' | 'attach'>;
  breakouts: Pick<BreakoutService, 'view' | 'roster'>;
  /** A submitted synthesis' support requests go to the register, in the submission's transaction. */
  register: Pick<SupportService, 'recordSubmission'>;
  publisher: Publisher;
  now?: () => number;
}

/**
 * The salas' syntheses: versioned saves (a stale one is refused, a retried one recognised),
 * submission and reopening, the writing's clock, and what the plenary screen shows. Who may
 * write and how the clock moves are `domain/synthesis.ts`'s rules.
 */
export class SynthesisService implements SessionPart {
  readonly #deps: SynthesisServiceDeps;
  readonly #now: () => number;
  readonly #sessions = new Map<string, Map<string, Runtime>>();

  constructor(deps: SynthesisServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    deps.store.attach(this);
  }

  /** Loads a session's syntheses with the session (see SessionStore.attach). */
  async load(sessionId: string): Promise<void> {
    if (this.#sessions.has(sessionId)) return;
    const { syntheses } = this.#deps.storage;
    const runtimes = new Map<string, Runtime>();
    for (const state of await syntheses.statesForSession(sessionId)) {
      const salas = await syntheses.synthesesFor(state.activityId);
      runtimes.set(state.activityId, { state, salas: new Map(salas.map((s) => [s.salaId, s])) });
    }
    if (!this.#sessions.has(sessionId)) this.#sessions.set(sessionId, runtimes);
  }

  /**
   * Every synthesis activity of the session that may be written (its breakout's salas are
   * formed) or already has a state, as the audience may see it.
   */
  views(sessionId: string, audience: SynthesisAudience): Record<string, SynthesisView> {
    const runtimes = this.#runtimes(sessionId);
    const { agenda } = this.#deps.store.get(sessionId);
    const writable = agenda
      .filter((a) => a.kind === 'breakout' && this.#deps.breakouts.roster(sessionId, a.id) !== null)
      .flatMap((breakout) => synthesesOf(agenda, breakout.id))
      .filter((synthesis) => !runtimes.has(synthesis.id));
    const ids = [...runtimes.keys(), ...writable.map((a) => a.id)];
    return Object.fromEntries(ids.map((id) => [id, this.view(sessionId, id, audience)]));
  }

  view(sessionId: string, activityId: string, audience: SynthesisAudience): SynthesisView {
    const { breakout } = this.#activity(sessionId, activityId, { allowClosedSession: true });
    const runtime = this.#runtimes(sessionId).get(activityId);
    const state = runtime?.state ?? this.#newState(sessionId, activityId);
    const readable =
      audience.role === 'facilitator'
        ? null
        : (this.#deps.breakouts.roster(sessionId, breakout.id)?.salaOf(audience.participantId) ?? null);
    const salas: SalaSynthesis[] = this.#deps.breakouts.view(sessionId, breakout.id).salas.map((sala) => {
      const record = runtime?.salas.get(sala.id);
      const canRead = audience.role === 'facilitator' || readable === sala.id;
      return {
        salaId: sala.id,
        version: record?.version ?? 0,
        submittedAt: record?.submittedAt ?? null,
        hidden: record?.hidden ?? false,
        updatedAt: record?.updatedAt ?? null,
        firstSavedAt: record?.firstSavedAt ?? null,
        content: canRead && record ? record.content : null,
      };
    });
    const now = this.#now();
    return {
      activityId,
      breakoutActivityId: breakout.id,
      phase: state.phase,
      timer: { deadline: state.deadline, pausedRemainingMs: state.pausedRemainingMs, serverNow: now },
      focus: { fieldKey: state.focusFieldKey, spotlightSalaId: state.spotlightSalaId },
      salas,
      // A closed session offers no undo (as a breakout's view).
      ended: this.#deps.store.get(sessionId).status === 'closed' ? null : undoable(state.ended, now),
    };
  }

  /** Drops a session from memory (after its data was deleted or removed). */
  forget(sessionId: string): void {
    this.#sessions.delete(sessionId);
  }

  /** Whether a synthesis activity has notes or its writing has started (it can no longer be deleted). */
  isStarted(sessionId: string, activityId: string): boolean {
    return this.#runtimes(sessionId).has(activityId);
  }

  /** For the publisher: the facilitators' view, and one view per sala for its members. */
  audiences(
    sessionId: string,
    activityId: string,
  ): { facilitators: SynthesisView; salas: Array<{ participantIds: string[]; view: SynthesisView }> } {
    const { breakout } = this.#activity(sessionId, activityId, { allowClosedSession: true });
    const facilitators = this.view(sessionId, activityId, { role: 'facilitator' });
    const salas = this.#deps.breakouts.view(sessionId, breakout.id).salas.map((sala) => ({
      participantIds: sala.members.map((m) => m.participantId),
      view: { ...facilitators, salas: facilitators.salas.map((s) => (s.salaId === sala.id ? s : { ...s, content: null })) },
    }));
    return { facilitators, salas };
  }

  save(sessionId: string, actor: SynthesisActor, payload: SynthesisSavePayload): Promise<SynthesisView> {
    return this.#deps.store.exclusive(sessionId, () => this.#save(sessionId, actor, payload));
  }

  async #save(sessionId: string, actor: SynthesisActor, payload: SynthesisSavePayload): Promise<SynthesisView> {
    const { breakout } = this.#activity(sessionId, payload.activityId);
    assertWriter(actor, payload.salaId, this.#deps.breakouts.roster(sessionId, breakout.id));
    // Notes start as soon as the salas are formed (assertWriter checked it), before the writing step.
    const runtime = this.#runtimes(sessionId).get(payload.activityId);
    const state = runtime?.state ?? this.#newState(sessionId, payload.activityId);
    const current = runtime?.salas.get(payload.salaId);
    const { syntheses } = this.#deps.storage;
    // A retry of a save that was stored: acknowledge it rather than call it stale.
    if ((await syntheses.versionOfSave(payload.activityId, payload.salaId, payload.clientSaveId)) !== null) {
      return this.view(sessionId, payload.activityId, actor);
    }
    assertSaveAccepted({
      phase: state.phase,
      submitted: current?.submittedAt != null,
      currentVersion: current?.version ?? 0,
      baseVersion: payload.baseVersion,
    });
    assertContentFits(payload.content, breakout);
    const at = this.#now();
    const version = (current?.version ?? 0) + 1;
    const save = {
      activityId: payload.activityId,
      salaId: payload.salaId,
      version,
      content: payload.content,
      clientSaveId: payload.clientSaveId,
      authorId: actor.role === 'participant' ? actor.participantId : null,
      at,
    };
    await this.#deps.storage.transaction(async (tx) => {
      if (!runtime) await tx.syntheses.saveState(state);
      await tx.syntheses.save(save);
    });
    const salas = runtime?.salas ?? new Map<string, SalaSynthesisRecord>();
    if (!runtime) this.#runtimes(sessionId).set(payload.activityId, { state, salas });
    salas.set(payload.salaId, {
      salaId: payload.salaId,
      version,
      content: payload.content,
      submittedAt: null,
      hidden: current?.hidden ?? false,
      updatedAt: at,
      firstSavedAt: current?.firstSavedAt ?? at,
    });
    return this.#changed(sessionId, payload.activityId, actor);
  }

  /** Submits the version the writer sees; a submitted synthesis is locked until reopened. */
  submit(sessionId: string, actor: SynthesisActor, activityId: string, salaId: string, version: number): Promise<SynthesisView> {
    return this.#deps.store.exclusive(sessionId, () => this.#submit(sessionId, actor, activityId, salaId, version));
  }

  async #submit(sessionId: string, actor: SynthesisActor, activityId: string, salaId: string, version: number): Promise<SynthesisView> {
    const { breakout } = this.#activity(sessionId, activityId);
    assertWriter(actor, salaId, this.#deps.breakouts.roster(sessionId, breakout.id));
    const runtime = this.#runtime(sessionId, activityId);
    const current = runtime.salas.get(salaId);
    if (!current) throw new AppError('INVALID_STATE', 'La síntesis está vacía: escribe algo antes de enviarla.');
    if (current.submittedAt !== null) return this.view(sessionId, activityId, actor);
    assertSubmitAccepted({ phase: runtime.state.phase, submitted: false, currentVersion: current.version, baseVersion: version });
    const at = this.#now();
    const sala = this.#deps.breakouts.view(sessionId, breakout.id).salas.find((s) => s.id === salaId);
    await this.#deps.storage.transaction(async (tx) => {
      await tx.syntheses.setSubmitted(activityId, salaId, at);
      await this.#deps.register.recordSubmission(tx, {
        sessionId,
        activityId,
        breakout,
        sala: { id: salaId, name: sala?.name ?? salaId, memberIds: sala?.members.map((m) => m.participantId) ?? [] },
        content: current.content,
      });
    });
    current.submittedAt = at;
    return this.#changed(sessionId, activityId, actor);
  }

  reopen(sessionId: string, activityId: string, salaId: string): Promise<SynthesisView> {
    return this.#deps.store.exclusive(sessionId, async () => {
      const current = this.#existing(sessionId, activityId, salaId);
      await this.#deps.storage.transaction((tx) => tx.syntheses.setSubmitted(activityId, salaId, null));
      current.submittedAt = null;
      return this.#changed(sessionId, activityId, { role: 'facilitator' });
    });
  }

  /** Hides a card from the plenary screen (moderation) without deleting it. */
  hide(sessionId: string, activityId: string, salaId: string, hidden: boolean): Promise<SynthesisView> {
    return this.#deps.store.exclusive(sessionId, async () => {
      const current = this.#existing(sessionId, activityId, salaId);
      await this.#deps.storage.transaction((tx) => tx.syntheses.setHidden(activityId, salaId, hidden));
      current.hidden = hidden;
      return this.#changed(sessionId, activityId, { role: 'facilitator' });
    });
  }

  timer(sessionId: string, payload: SynthesisTimerPayload): Promise<SynthesisView> {
    return this.#deps.store.exclusive(sessionId, () => this.#timer(sessionId, payload));
  }

  async #timer(sessionId: string, payload: SynthesisTimerPayload): Promise<SynthesisView> {
    const { activity, breakout } = this.#activity(sessionId, payload.activityId);
    const runtimes = this.#runtimes(sessionId);
    const runtime = runtimes.get(payload.activityId);
    // Only starting the writing makes (and stores) its state; before that there is none.
    if (!runtime && payload.action !== 'start') throw notStarted();
    const state = runtime?.state ?? this.#newState(sessionId, payload.activityId);
    const writing = { seconds: activity.seconds, salasFormed: this.#deps.breakouts.roster(sessionId, breakout.id) !== null };
    const next = controlWriting(
      {
        phase: state.phase,
        clock: { deadline: state.deadline, pausedRemainingMs: state.pausedRemainingMs },
        ended: state.ended ?? undefined,
      },
      payload,
      writing,
      this.#now(),
    );
    const saved: SynthesisStateRecord = {
      ...state,
      phase: next.phase,
      deadline: next.clock.deadline,
      pausedRemainingMs: next.clock.pausedRemainingMs,
      ended: next.ended ?? null,
    };
    await this.#saveState(saved, next.phase !== state.phase);
    if (runtime) runtime.state = saved;
    else runtimes.set(payload.activityId, { state: saved, salas: new Map() });
    return this.#changed(sessionId, payload.activityId, { role: 'facilitator' });
  }

  focus(sessionId: string, payload: PlenaryFocusPayload): Promise<SynthesisView> {
    return this.#deps.store.exclusive(sessionId, () => this.#focus(sessionId, payload));
  }

  async #focus(sessionId: string, payload: PlenaryFocusPayload): Promise<SynthesisView> {
    const { breakout } = this.#activity(sessionId, payload.activityId);
    if (payload.fieldKey !== null && !fieldKeys(breakout).includes(payload.fieldKey))
      throw new AppError('VALIDATION_FAILED', 'La síntesis no tiene ese campo.');
    if (
      payload.spotlightSalaId !== null &&
      !this.#deps.breakouts.view(sessionId, breakout.id).salas.some((s) => s.id === payload.spotlightSalaId)
    ) {
      throw new AppError('SALA_NOT_FOUND', 'Esa sala no existe en esta actividad.');
    }
    const runtime = this.#runtime(sessionId, payload.activityId);
    const saved = { ...runtime.state, focusFieldKey: payload.fieldKey, spotlightSalaId: payload.spotlightSalaId };
    await this.#saveState(saved, false);
    runtime.state = saved;
    return this.#changed(sessionId, payload.activityId, { role: 'facilitator' });
  }

  // ---------- internals ----------

  #activity(
    sessionId: string,
    activityId: string,
    options: { allowClosedSession?: boolean } = {},
  ): { activity: SynthesisActivity; breakout: BreakoutActivity } {
    const state = this.#deps.store.get(sessionId);
    if (!options.allowClosedSession) state.assertOpen();
    const activity = state.activity(activityId);
    if (!activity || activity.kind !== 'synthesis')
      throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad de síntesis no existe en esta sesión.');
    const breakout = breakoutFor(state.agenda, activityId);
    if (!breakout) throw new AppError('INVALID_STATE', 'Esta síntesis no tiene una actividad de salas antes en la agenda.');
    return { activity, breakout };
  }

  #existing(sessionId: string, activityId: string, salaId: string): SalaSynthesisRecord {
    this.#activity(sessionId, activityId);
    const current = this.#runtime(sessionId, activityId).salas.get(salaId);
    if (!current) throw new AppError('INVALID_STATE', 'Esa sala todavía no escribe su síntesis.');
    return current;
  }

  /** The session's syntheses in memory, loaded when it was opened. */
  #runtimes(sessionId: string): Map<string, Runtime> {
    const runtimes = this.#sessions.get(sessionId);
    if (!runtimes) throw new AppError('SESSION_NOT_FOUND', 'La sesión no existe.');
    return runtimes;
  }

  /** The activity's runtime, once its writing has started. */
  #runtime(sessionId: string, activityId: string): Runtime {
    const runtime = this.#runtimes(sessionId).get(activityId);
    if (!runtime) throw notStarted();
    return runtime;
  }

  /** Stores the writing's state in one transaction, noting a phase entered for the report's timings. */
  #saveState(state: SynthesisStateRecord, phaseEntered: boolean): Promise<void> {
    return this.#deps.storage.transaction(async (tx) => {
      await tx.syntheses.saveState(state);
      if (phaseEntered) await tx.sessions.recordEvent(state.sessionId, state.activityId, `phase:${state.phase}`, this.#now());
    });
  }

  #newState(sessionId: string, activityId: string): SynthesisStateRecord {
    return {
      activityId,
      sessionId,
      phase: 'pending',
      deadline: null,
      pausedRemainingMs: null,
      focusFieldKey: null,
      spotlightSalaId: null,
      ended: null,
    };
  }

  #changed(sessionId: string, activityId: string, audience: SynthesisAudience): SynthesisView {
    this.#deps.publisher.synthesisChanged(sessionId, activityId);
    return this.view(sessionId, activityId, audience);
  }
}

const notStarted = () => new AppError('INVALID_STATE', 'La escritura de las síntesis todavía no empieza.');
