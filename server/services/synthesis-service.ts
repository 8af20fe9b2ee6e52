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
import type { SalaSynthesisRecord, SynthesisRepository, SynthesisStateRecord } from '../db/synthesis-repository.ts';
import { addTime, pauseClock, resumeClock, startClock, UNTIMED, type PhaseClock } from '../domain/clock.ts';
import type { SessionState } from '../domain/session-state.ts';
import { assertContentFits, assertSaveAccepted, breakoutFor, fieldKeys } from '../domain/synthesis.ts';
import type { BreakoutService } from './breakout-service.ts';
import type { Publisher } from './publisher.ts';

/** Who acts on a synthesis: the facilitator, or a participant (who must be the sala's secretary). */
export type SynthesisActor = { role: 'facilitator' } | { role: 'participant'; participantId: string };

/** Who receives a view: facilitators see every sala's text, a participant only their own sala's. */
export type SynthesisAudience = { role: 'facilitator' } | { role: 'participant'; participantId: string };

interface Runtime {
  state: SynthesisStateRecord;
  salas: Map<string, SalaSynthesisRecord>;
}

export interface SynthesisServiceDeps {
  syntheses: SynthesisRepository;
  breakouts: Pick<BreakoutService, 'view' | 'roleOf' | 'salaOf'>;
  publisher: Publisher;
  stateOf: (sessionId: string) => SessionState;
  /** Notes when a phase begins, for the report's timings. */
  recordEvent?: (sessionId: string, activityId: string, event: string) => void;
  now?: () => number;
}

const DEFAULT_ADD_SECONDS = 60;

/**
 * The salas' syntheses: versioned saves (a stale one is refused, a retried one recognised),
 * submission and reopening, the writing's clock, and what the plenary screen shows.
 * The deadline only warns: writing closes when the facilitator closes it, so nothing being
 * typed is thrown away by a clock.
 */
export class SynthesisService {
  readonly #deps: SynthesisServiceDeps;
  readonly #now: () => number;
  readonly #sessions = new Map<string, Map<string, Runtime>>();

  constructor(deps: SynthesisServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** Every started synthesis activity of the session, as the audience may see it. */
  views(sessionId: string, audience: SynthesisAudience): Record<string, SynthesisView> {
    return Object.fromEntries([...this.#runtimes(sessionId).keys()].map((id) => [id, this.view(sessionId, id, audience)]));
  }

  view(sessionId: string, activityId: string, audience: SynthesisAudience): SynthesisView {
    const { breakout } = this.#activity(sessionId, activityId, { allowClosedSession: true });
    const runtime = this.#runtimes(sessionId).get(activityId);
    const state = runtime?.state ?? this.#newState(sessionId, activityId);
    const readable = audience.role === 'facilitator' ? null : this.#deps.breakouts.salaOf(sessionId, breakout.id, audience.participantId);
    const salas: SalaSynthesis[] = this.#deps.breakouts.view(sessionId, breakout.id).salas.map((sala) => {
      const record = runtime?.salas.get(sala.id);
      const canRead = audience.role === 'facilitator' || readable === sala.id;
      return {
        salaId: sala.id,
        version: record?.version ?? 0,
        submittedAt: record?.submittedAt ?? null,
        hidden: record?.hidden ?? false,
        updatedAt: record?.updatedAt ?? null,
        content: canRead && record ? record.content : null,
      };
    });
    return {
      activityId,
      breakoutActivityId: breakout.id,
      phase: state.phase,
      timer: { deadline: state.deadline, pausedRemainingMs: state.pausedRemainingMs, serverNow: this.#now() },
      focus: { fieldKey: state.focusFieldKey, spotlightSalaId: state.spotlightSalaId },
      salas,
    };
  }

  /** Drops a session from memory (after its data was deleted or removed). */
  forget(sessionId: string): void {
    this.#sessions.delete(sessionId);
  }

  /** Whether the writing of a synthesis activity has started (it can no longer be deleted). */
  isStarted(sessionId: string, activityId: string): boolean {
    return (this.#runtimes(sessionId).get(activityId)?.state.phase ?? 'pending') !== 'pending';
  }

  /** For the publisher: the facilitators' view, and one view per sala for its members. */
  audiences(sessionId: string, activityId: string): { facilitators: SynthesisView; salas: Array<{ participantIds: string[]; view: SynthesisView }> } {
    const { breakout } = this.#activity(sessionId, activityId, { allowClosedSession: true });
    const facilitators = this.view(sessionId, activityId, { role: 'facilitator' });
    const salas = this.#deps.breakouts.view(sessionId, breakout.id).salas.map((sala) => ({
      participantIds: sala.members.map((m) => m.participantId),
      view: { ...facilitators, salas: facilitators.salas.map((s) => (s.salaId === sala.id ? s : { ...s, content: null })) },
    }));
    return { facilitators, salas };
  }

  save(sessionId: string, actor: SynthesisActor, payload: SynthesisSavePayload): SynthesisView {
    const { breakout } = this.#activity(sessionId, payload.activityId);
    this.#assertWriter(sessionId, breakout, actor, payload.salaId);
    const runtime = this.#runtime(sessionId, payload.activityId);
    const current = runtime.salas.get(payload.salaId);
    // A retry of a save that was stored: acknowledge it rather than call it stale.
    if (this.#deps.syntheses.versionOfSave(payload.activityId, payload.salaId, payload.clientSaveId) !== null) {
      return this.view(sessionId, payload.activityId, actor);
    }
    assertSaveAccepted({ phase: runtime.state.phase, submitted: current?.submittedAt != null, currentVersion: current?.version ?? 0, baseVersion: payload.baseVersion });
    assertContentFits(payload.content, breakout);
    const at = this.#now();
    const version = (current?.version ?? 0) + 1;
    this.#deps.syntheses.save({
      activityId: payload.activityId,
      salaId: payload.salaId,
      version,
      content: payload.content,
      clientSaveId: payload.clientSaveId,
      authorId: actor.role === 'participant' ? actor.participantId : null,
      at,
    });
    runtime.salas.set(payload.salaId, { salaId: payload.salaId, version, content: payload.content, submittedAt: null, hidden: current?.hidden ?? false, updatedAt: at });
    return this.#changed(sessionId, payload.activityId, actor);
  }

  /** Submits the version the writer sees; a submitted synthesis is locked until reopened. */
  submit(sessionId: string, actor: SynthesisActor, activityId: string, salaId: string, version: number): SynthesisView {
    const { breakout } = this.#activity(sessionId, activityId);
    this.#assertWriter(sessionId, breakout, actor, salaId);
    const runtime = this.#runtime(sessionId, activityId);
    const current = runtime.salas.get(salaId);
    if (!current) throw new AppError('INVALID_STATE', 'La síntesis está vacía: escribe algo antes de enviarla.');
    if (current.submittedAt !== null) return this.view(sessionId, activityId, actor);
    assertSaveAccepted({ phase: runtime.state.phase, submitted: false, currentVersion: current.version, baseVersion: version });
    current.submittedAt = this.#now();
    this.#deps.syntheses.setSubmitted(activityId, salaId, current.submittedAt);
    return this.#changed(sessionId, activityId, actor);
  }

  reopen(sessionId: string, activityId: string, salaId: string): SynthesisView {
    const current = this.#existing(sessionId, activityId, salaId);
    current.submittedAt = null;
    this.#deps.syntheses.setSubmitted(activityId, salaId, null);
    return this.#changed(sessionId, activityId, { role: 'facilitator' });
  }

  /** Hides a card from the plenary screen (moderation) without deleting it. */
  hide(sessionId: string, activityId: string, salaId: string, hidden: boolean): SynthesisView {
    const current = this.#existing(sessionId, activityId, salaId);
    current.hidden = hidden;
    this.#deps.syntheses.setHidden(activityId, salaId, hidden);
    return this.#changed(sessionId, activityId, { role: 'facilitator' });
  }

  timer(sessionId: string, payload: SynthesisTimerPayload): SynthesisView {
    const { activity, breakout } = this.#activity(sessionId, payload.activityId);
    const runtime = this.#runtime(sessionId, payload.activityId, { create: payload.action === 'start' });
    const { state } = runtime;
    const clock: PhaseClock = { deadline: state.deadline, pausedRemainingMs: state.pausedRemainingMs };
    const now = this.#now();
    let next: { phase: SynthesisStateRecord['phase']; clock: PhaseClock };
    switch (payload.action) {
      case 'start':
        if (state.phase !== 'pending') throw new AppError('INVALID_STATE', 'La escritura ya empezó.');
        if (this.#deps.breakouts.view(sessionId, breakout.id).salas.length === 0) throw new AppError('INVALID_STATE', 'Primero hay que formar las salas.');
        next = { phase: 'writing', clock: startClock(now, activity.seconds * 1000) };
        break;
      case 'end':
        if (state.phase !== 'writing') throw new AppError('INVALID_STATE', 'La escritura no está abierta.');
        next = { phase: 'closed', clock: UNTIMED };
        break;
      case 'pause':
      case 'resume':
      case 'add': {
        if (state.phase !== 'writing') throw new AppError('INVALID_STATE', 'La escritura no está abierta.');
        const moved =
          payload.action === 'pause' ? pauseClock(clock, now) : payload.action === 'resume' ? resumeClock(clock, now) : addTime(clock, (payload.seconds ?? DEFAULT_ADD_SECONDS) * 1000);
        next = { phase: 'writing', clock: moved };
        break;
      }
    }
    runtime.state = { ...state, phase: next.phase, deadline: next.clock.deadline, pausedRemainingMs: next.clock.pausedRemainingMs };
    this.#deps.syntheses.saveState(runtime.state);
    if (next.phase !== state.phase) this.#deps.recordEvent?.(sessionId, payload.activityId, `phase:${next.phase}`);
    return this.#changed(sessionId, payload.activityId, { role: 'facilitator' });
  }

  focus(sessionId: string, payload: PlenaryFocusPayload): SynthesisView {
    const { breakout } = this.#activity(sessionId, payload.activityId);
    if (payload.fieldKey !== null && !fieldKeys(breakout).includes(payload.fieldKey)) throw new AppError('VALIDATION_FAILED', 'La síntesis no tiene ese campo.');
    if (payload.spotlightSalaId !== null && !this.#deps.breakouts.view(sessionId, breakout.id).salas.some((s) => s.id === payload.spotlightSalaId)) {
      throw new AppError('SALA_NOT_FOUND', 'Esa sala no existe en esta actividad.');
    }
    const runtime = this.#runtime(sessionId, payload.activityId);
    runtime.state = { ...runtime.state, focusFieldKey: payload.fieldKey, spotlightSalaId: payload.spotlightSalaId };
    this.#deps.syntheses.saveState(runtime.state);
    return this.#changed(sessionId, payload.activityId, { role: 'facilitator' });
  }

  // ---------- internals ----------

  #activity(sessionId: string, activityId: string, options: { allowClosedSession?: boolean } = {}): { activity: SynthesisActivity; breakout: BreakoutActivity } {
    const state = this.#deps.stateOf(sessionId);
    if (state.status === 'closed' && !options.allowClosedSession) throw new AppError('SESSION_CLOSED', 'Esta sesión ya terminó.');
    const activity = state.activity(activityId);
    if (!activity || activity.kind !== 'synthesis') throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad de síntesis no existe en esta sesión.');
    const breakout = breakoutFor(state.agenda, activityId);
    if (!breakout) throw new AppError('INVALID_STATE', 'Esta síntesis no tiene una actividad de salas antes en la agenda.');
    return { activity, breakout };
  }

  /** Only the sala's secretary or the facilitator writes; the sala must be one of the breakout's. */
  #assertWriter(sessionId: string, breakout: BreakoutActivity, actor: SynthesisActor, salaId: string): void {
    if (!this.#deps.breakouts.view(sessionId, breakout.id).salas.some((s) => s.id === salaId)) throw new AppError('SALA_NOT_FOUND', 'Esa sala no existe en esta actividad.');
    if (actor.role === 'facilitator') return;
    const isSecretary = this.#deps.breakouts.salaOf(sessionId, breakout.id, actor.participantId) === salaId && this.#deps.breakouts.roleOf(sessionId, breakout.id, actor.participantId) === 'secretary';
    if (!isSecretary) throw new AppError('NOT_SECRETARY', 'Solo el secretario(a) de la sala puede escribir su síntesis.');
  }

  #existing(sessionId: string, activityId: string, salaId: string): SalaSynthesisRecord {
    this.#activity(sessionId, activityId);
    const current = this.#runtime(sessionId, activityId).salas.get(salaId);
    if (!current) throw new AppError('INVALID_STATE', 'Esa sala todavía no escribe su síntesis.');
    return current;
  }

  #runtimes(sessionId: string): Map<string, Runtime> {
    let runtimes = this.#sessions.get(sessionId);
    if (!runtimes) {
      runtimes = new Map();
      for (const state of this.#deps.syntheses.statesForSession(sessionId)) {
        runtimes.set(state.activityId, { state, salas: new Map(this.#deps.syntheses.synthesesFor(state.activityId).map((s) => [s.salaId, s])) });
      }
      this.#sessions.set(sessionId, runtimes);
    }
    return runtimes;
  }

  /** The activity's runtime; only starting the writing creates (and stores) it. */
  #runtime(sessionId: string, activityId: string, options: { create?: boolean } = {}): Runtime {
    const runtimes = this.#runtimes(sessionId);
    let runtime = runtimes.get(activityId);
    if (!runtime && !options.create) throw new AppError('INVALID_STATE', 'La escritura de las síntesis todavía no empieza.');
    if (!runtime) {
      runtime = { state: this.#newState(sessionId, activityId), salas: new Map() };
      this.#deps.syntheses.saveState(runtime.state);
      runtimes.set(activityId, runtime);
    }
    return runtime;
  }

  #newState(sessionId: string, activityId: string): SynthesisStateRecord {
    return { activityId, sessionId, phase: 'pending', deadline: null, pausedRemainingMs: null, focusFieldKey: null, spotlightSalaId: null };
  }

  #changed(sessionId: string, activityId: string, audience: SynthesisAudience): SynthesisView {
    this.#deps.publisher.synthesisChanged(sessionId, activityId);
    return this.view(sessionId, activityId, audience);
  }
}
