import { nanoid } from 'nanoid';
import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { BreakoutActivity, BreakoutView, SalaMember, SalaNumbersView, SalaResults, SalaRole, SalaView, TimerControlPayload } from '../../shared/types.ts';
import type { BreakoutRecord, BreakoutRepository, SalaRecord } from '../db/breakout-repository.ts';
import type { ParticipantRecord, ParticipantRepository } from '../db/participant-repository.ts';
import { addTime, pauseClock, resumeClock } from '../domain/clock.ts';
import {
  assertClaim,
  dealBalanced,
  expire,
  groupFigureAllowed,
  nextPhase,
  salaCountFor,
  shuffled,
  smallestSala,
  type PhaseState,
  type SalaRoles,
} from '../domain/breakout.ts';
import type { SessionState } from '../domain/session-state.ts';
import type { Presence } from './presence.ts';
import type { Publisher } from './publisher.ts';

/** A formed breakout in memory. */
interface Runtime {
  record: BreakoutRecord;
  salas: SalaRecord[];
  memberOf: Map<string, string>;
  roles: Map<string, SalaRoles>;
}

interface SessionBreakouts {
  directory: Map<string, SalaMember>;
  runtimes: Map<string, Runtime>;
}

export interface BreakoutServiceDeps {
  breakouts: BreakoutRepository;
  participants: ParticipantRepository;
  presence: Presence;
  publisher: Publisher;
  /** The session in memory (agenda and status), from the session service. */
  stateOf: (sessionId: string) => SessionState;
  /** Notes when a phase begins, for the report's timings. */
  recordEvent?: (sessionId: string, activityId: string, event: string) => void;
  now?: () => number;
  random?: () => number;
}

const DEFAULT_ADD_SECONDS = 60;

/**
 * Breakout salas: forming them, moving people, roles and the phase clock. Every change is
 * written before it is acknowledged; deadlines live in SQLite and are re-armed at start-up,
 * so a restart mid-discussion resumes the same deadline.
 */
export class BreakoutService {
  readonly #deps: BreakoutServiceDeps;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #sessions = new Map<string, SessionBreakouts>();
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(deps: BreakoutServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#random = deps.random ?? Math.random;
  }

  /** Arms the deadlines of every running breakout (at start-up), catching up on any that passed. */
  armRunningTimers(): void {
    for (const record of this.#deps.breakouts.running()) {
      const runtime = this.#session(record.sessionId).runtimes.get(record.activityId);
      if (runtime) this.#onDeadline(record.sessionId, runtime);
    }
  }

  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Drops a session from memory and disarms its deadlines (after its data was deleted or removed). */
  forget(sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    for (const activityId of session?.runtimes.keys() ?? []) {
      const timer = this.#timers.get(activityId);
      if (timer) clearTimeout(timer);
      this.#timers.delete(activityId);
    }
    this.#sessions.delete(sessionId);
  }

  views(sessionId: string): Record<string, BreakoutView> {
    const session = this.#session(sessionId);
    return Object.fromEntries([...session.runtimes.values()].map((r) => [r.record.activityId, this.#view(session, r)]));
  }

  /** A breakout's view; one not formed yet is `pending` with no salas. */
  view(sessionId: string, activityId: string): BreakoutView {
    const session = this.#session(sessionId);
    const runtime = session.runtimes.get(activityId);
    if (runtime) return this.#view(session, runtime);
    return { activityId, phase: 'pending', timer: { deadline: null, pausedRemainingMs: null, serverNow: this.#now() }, salas: [], message: null };
  }

  /** Called by the session service when someone joins or comes back: late joiners get a sala. */
  participantJoined = (sessionId: string, participant: ParticipantRecord): void => {
    const session = this.#session(sessionId);
    const known = session.directory.get(participant.id);
    const renamed = known !== undefined && known.displayName !== participant.displayName;
    session.directory.set(participant.id, { participantId: participant.id, number: participant.number, displayName: participant.displayName });
    for (const runtime of session.runtimes.values()) {
      let changed = renamed && runtime.memberOf.has(participant.id);
      const placeable = runtime.record.phase !== 'closed' && runtime.salas.length > 0 && !runtime.memberOf.has(participant.id);
      if (placeable && this.#breakoutActivity(sessionId, runtime.record.activityId).mode === 'random') {
        const sizes = runtime.salas.map((s) => this.#membersOf(runtime, s.id).length);
        this.#setMember(runtime, participant.id, runtime.salas[smallestSala(sizes)]!.id);
        changed = true;
      }
      if (changed) this.#deps.publisher.breakoutChanged(sessionId, runtime.record.activityId);
    }
  };

  form(sessionId: string, activityId: string): BreakoutView {
    const activity = this.#breakoutActivity(sessionId, activityId);
    const session = this.#session(sessionId);
    if (session.runtimes.has(activityId)) throw new AppError('INVALID_STATE', 'Las salas de esta actividad ya están formadas.');
    // Only people connected now are dealt out; anyone else gets a sala when they come back.
    const present = [...session.directory.keys()].filter((id) => this.#deps.presence.isConnected(sessionId, id));
    const count = salaCountFor(activity.sizing, present.length);
    const salas: SalaRecord[] = Array.from({ length: count }, (_, i) => ({ id: nanoid(), activityId, position: i, name: `Sala ${i + 1}`, videoUrl: null }));
    const groups = activity.mode === 'random' ? dealBalanced(present, count, (items) => shuffled(items, this.#random)) : [];
    const members = groups.flatMap((group, i) => group.map((participantId) => ({ participantId, salaId: salas[i]!.id })));
    const record: BreakoutRecord = { activityId, sessionId, phase: 'intro', deadline: null, pausedRemainingMs: null, message: null, messageAt: null };
    this.#deps.breakouts.form(record, salas, members);
    this.#deps.recordEvent?.(sessionId, activityId, 'phase:intro');
    const runtime: Runtime = {
      record,
      salas,
      memberOf: new Map(members.map((m) => [m.participantId, m.salaId])),
      roles: new Map(salas.map((s) => [s.id, { moderator: null, secretary: null }])),
    };
    session.runtimes.set(activityId, runtime);
    return this.#changed(sessionId, runtime);
  }

  timer(sessionId: string, payload: TimerControlPayload): BreakoutView {
    const activity = this.#breakoutActivity(sessionId, payload.activityId);
    const runtime = this.#formed(sessionId, payload.activityId);
    const now = this.#now();
    const state: PhaseState = { phase: runtime.record.phase, clock: { deadline: runtime.record.deadline, pausedRemainingMs: runtime.record.pausedRemainingMs } };
    let next: PhaseState;
    switch (payload.action) {
      case 'start':
        if (state.phase !== 'intro') throw new AppError('INVALID_STATE', 'La conversación ya empezó.');
        next = nextPhase(state, activity, now);
        break;
      case 'end':
        next = nextPhase(state, activity, now);
        break;
      case 'pause':
        next = { phase: state.phase, clock: pauseClock(state.clock, now) };
        break;
      case 'resume':
        next = { phase: state.phase, clock: resumeClock(state.clock, now) };
        break;
      case 'add':
        next = { phase: state.phase, clock: addTime(state.clock, (payload.seconds ?? DEFAULT_ADD_SECONDS) * 1000) };
        break;
    }
    this.#savePhase(runtime, next);
    this.#arm(sessionId, runtime);
    return this.#changed(sessionId, runtime);
  }

  broadcast(sessionId: string, activityId: string, text: string): BreakoutView {
    const runtime = this.#formed(sessionId, activityId);
    runtime.record = { ...runtime.record, message: text.trim() || text, messageAt: this.#now() };
    this.#deps.breakouts.save(runtime.record);
    return this.#changed(sessionId, runtime);
  }

  /** Facilitator: moves anyone to any sala (their roles in the sala they leave are dropped). */
  move(sessionId: string, activityId: string, participantId: string, salaId: string): BreakoutView {
    const runtime = this.#formed(sessionId, activityId);
    this.#sala(runtime, salaId);
    if (!this.#session(sessionId).directory.has(participantId)) throw new AppError('NOT_FOUND', 'Esa persona no participa en esta sesión.');
    this.#setMember(runtime, participantId, salaId);
    return this.#changed(sessionId, runtime);
  }

  update(sessionId: string, activityId: string, salaId: string, changes: { name?: string | undefined; videoUrl?: string | undefined }): BreakoutView {
    const runtime = this.#formed(sessionId, activityId);
    const sala = this.#sala(runtime, salaId);
    if (changes.name !== undefined) sala.name = changes.name.trim() || sala.name;
    if (changes.videoUrl !== undefined) sala.videoUrl = changes.videoUrl === '' ? null : changes.videoUrl;
    this.#deps.breakouts.updateSala(sala.id, sala.name, sala.videoUrl);
    return this.#changed(sessionId, runtime);
  }

  /** Facilitator: gives a role to a member of the sala (taking it from whoever had it) or clears it. */
  assignRole(sessionId: string, activityId: string, salaId: string, role: SalaRole, participantId: string | null): BreakoutView {
    const runtime = this.#formed(sessionId, activityId);
    this.#sala(runtime, salaId);
    if (participantId !== null && runtime.memberOf.get(participantId) !== salaId) {
      throw new AppError('NOT_IN_SALA', 'Solo un miembro de la sala puede tener uno de sus roles.');
    }
    this.#setRole(runtime, salaId, role, participantId);
    return this.#changed(sessionId, runtime);
  }

  /** Participant, in self-chosen grouping: joins a sala of their choice. */
  choose(sessionId: string, participantId: string, activityId: string, salaId: string): BreakoutView {
    const activity = this.#breakoutActivity(sessionId, activityId);
    const runtime = this.#formed(sessionId, activityId);
    if (activity.mode !== 'self') throw new AppError('INVALID_STATE', 'En esta actividad las salas las asigna quien facilita.');
    if (runtime.record.phase === 'closed') throw new AppError('INVALID_STATE', 'La actividad de salas ya terminó.');
    this.#sala(runtime, salaId);
    if (runtime.memberOf.get(participantId) !== salaId) this.#setMember(runtime, participantId, salaId);
    return this.#changed(sessionId, runtime);
  }

  /** Participant: claims a free role in their own sala. Claims are handled one at a time: the first wins. */
  claimRole(sessionId: string, participantId: string, activityId: string, salaId: string, role: SalaRole): BreakoutView {
    const runtime = this.#formed(sessionId, activityId);
    if (runtime.record.phase === 'closed') throw new AppError('INVALID_STATE', 'La actividad de salas ya terminó.');
    this.#sala(runtime, salaId);
    if (runtime.memberOf.get(participantId) !== salaId) throw new AppError('NOT_IN_SALA', 'No estás en esa sala.');
    const roles = runtime.roles.get(salaId)!;
    assertClaim(roles, participantId, role);
    if (roles[role] !== participantId) this.#setRole(runtime, salaId, role, participantId);
    return this.#changed(sessionId, runtime);
  }

  releaseRole(sessionId: string, participantId: string, activityId: string, salaId: string, role: SalaRole): BreakoutView {
    const runtime = this.#formed(sessionId, activityId);
    this.#sala(runtime, salaId);
    if (runtime.memberOf.get(participantId) !== salaId) throw new AppError('NOT_IN_SALA', 'No estás en esa sala.');
    if (runtime.roles.get(salaId)?.[role] !== participantId) throw new AppError('INVALID_STATE', 'No tienes ese rol.');
    this.#setRole(runtime, salaId, role, null);
    return this.#changed(sessionId, runtime);
  }

  /**
   * Each sala's own results on the questions before the breakout, beside the room's. A
   * participant (viewer) gets only their own sala; figures of fewer than LIMITS.smallGroupMin
   * respondents are suppressed.
   */
  numbers(sessionId: string, activityId: string, viewer: { participantId: string } | null): SalaNumbersView {
    const runtime = this.#formed(sessionId, activityId, { allowClosedSession: true });
    const state = this.#deps.stateOf(sessionId);
    const index = state.agenda.findIndex((a) => a.id === activityId);
    // The numbers a group starts its conversation from: choices and ratings, not free texts.
    const questionIds = state.agenda
      .slice(0, index)
      .filter((a) => a.kind === 'choice' || a.kind === 'rating')
      .map((a) => a.id);
    let salas = runtime.salas;
    if (viewer) {
      const own = runtime.memberOf.get(viewer.participantId);
      if (!own) throw new AppError('NOT_IN_SALA', 'Todavía no estás en una sala.');
      salas = salas.filter((s) => s.id === own);
    }
    const room = Object.fromEntries(questionIds.map((id) => [id, state.results(id)!]));
    return {
      activityId,
      questionIds,
      room,
      salas: salas.map((sala) => {
        const members = this.#membersOf(runtime, sala.id);
        const results: Record<string, SalaResults> = {};
        for (const id of questionIds) {
          const counted = state.resultsAmong(id, members)!;
          results[id] = groupFigureAllowed(counted.respondents, LIMITS.smallGroupMin) ? { suppressed: false, results: counted } : { suppressed: true, results: null };
        }
        return { salaId: sala.id, results };
      }),
    };
  }

  /** The sala a participant is in, if any. */
  salaOf(sessionId: string, activityId: string, participantId: string): string | null {
    return this.#session(sessionId).runtimes.get(activityId)?.memberOf.get(participantId) ?? null;
  }

  /** Who holds a role in a participant's sala (later issues let only the secretary write the synthesis). */
  roleOf(sessionId: string, activityId: string, participantId: string): SalaRole | null {
    const runtime = this.#session(sessionId).runtimes.get(activityId);
    const salaId = runtime?.memberOf.get(participantId);
    const roles = salaId ? runtime?.roles.get(salaId) : undefined;
    if (!roles) return null;
    return roles.secretary === participantId ? 'secretary' : roles.moderator === participantId ? 'moderator' : null;
  }

  // ---------- internals ----------

  #session(sessionId: string): SessionBreakouts {
    const cached = this.#sessions.get(sessionId);
    if (cached) return cached;
    const directory = new Map(
      this.#deps.participants.listForSession(sessionId).map((p) => [p.id, { participantId: p.id, number: p.number, displayName: p.displayName }]),
    );
    const runtimes = new Map<string, Runtime>();
    for (const stored of this.#deps.breakouts.forSession(sessionId)) {
      const roles = new Map<string, SalaRoles>(stored.salas.map((s) => [s.id, { moderator: null, secretary: null }]));
      for (const r of stored.roles) roles.get(r.salaId)![r.role] = r.participantId;
      runtimes.set(stored.record.activityId, {
        record: stored.record,
        salas: stored.salas,
        memberOf: new Map(stored.members.map((m) => [m.participantId, m.salaId])),
        roles,
      });
    }
    const session = { directory, runtimes };
    this.#sessions.set(sessionId, session);
    return session;
  }

  /** The breakout activity; changes need an open session, reads (numbers for a report) do not. */
  #breakoutActivity(sessionId: string, activityId: string, options: { allowClosedSession?: boolean } = {}): BreakoutActivity {
    const state = this.#deps.stateOf(sessionId);
    if (state.status === 'closed' && !options.allowClosedSession) throw new AppError('SESSION_CLOSED', 'Esta sesión ya terminó.');
    const activity = state.activity(activityId);
    if (!activity || activity.kind !== 'breakout') throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad de salas no existe en esta sesión.');
    return activity;
  }

  #formed(sessionId: string, activityId: string, options: { allowClosedSession?: boolean } = {}): Runtime {
    this.#breakoutActivity(sessionId, activityId, options);
    const runtime = this.#session(sessionId).runtimes.get(activityId);
    if (!runtime) throw new AppError('INVALID_STATE', 'Primero hay que formar las salas.');
    return runtime;
  }

  #sala(runtime: Runtime, salaId: string): SalaRecord {
    const sala = runtime.salas.find((s) => s.id === salaId);
    if (!sala) throw new AppError('SALA_NOT_FOUND', 'Esa sala no existe en esta actividad.');
    return sala;
  }

  #membersOf(runtime: Runtime, salaId: string): string[] {
    return [...runtime.memberOf].filter(([, s]) => s === salaId).map(([p]) => p);
  }

  #setMember(runtime: Runtime, participantId: string, salaId: string): void {
    this.#deps.breakouts.setMember(runtime.record.activityId, participantId, salaId);
    const previous = runtime.memberOf.get(participantId);
    const roles = previous ? runtime.roles.get(previous) : undefined;
    if (roles) {
      if (roles.moderator === participantId) roles.moderator = null;
      if (roles.secretary === participantId) roles.secretary = null;
    }
    runtime.memberOf.set(participantId, salaId);
  }

  #setRole(runtime: Runtime, salaId: string, role: SalaRole, participantId: string | null): void {
    this.#deps.breakouts.setRole(salaId, role, participantId);
    const roles = runtime.roles.get(salaId)!;
    if (participantId !== null) {
      if (roles.moderator === participantId) roles.moderator = null;
      if (roles.secretary === participantId) roles.secretary = null;
    }
    roles[role] = participantId;
  }

  #savePhase(runtime: Runtime, state: PhaseState): void {
    if (state.phase !== runtime.record.phase) this.#deps.recordEvent?.(runtime.record.sessionId, runtime.record.activityId, `phase:${state.phase}`);
    runtime.record = { ...runtime.record, phase: state.phase, deadline: state.clock.deadline, pausedRemainingMs: state.clock.pausedRemainingMs };
    this.#deps.breakouts.save(runtime.record);
  }

  /** Schedules the end of the running phase; a paused or untimed phase has none. */
  #arm(sessionId: string, runtime: Runtime): void {
    const id = runtime.record.activityId;
    const existing = this.#timers.get(id);
    if (existing) clearTimeout(existing);
    this.#timers.delete(id);
    const deadline = runtime.record.deadline;
    if (deadline === null) return;
    const timer = setTimeout(() => this.#onDeadline(sessionId, runtime), Math.max(0, deadline - this.#now()));
    timer.unref();
    this.#timers.set(id, timer);
  }

  #onDeadline(sessionId: string, runtime: Runtime): void {
    const state = this.#deps.stateOf(sessionId);
    const activity = state.activity(runtime.record.activityId);
    if (!activity || activity.kind !== 'breakout') return;
    const before: PhaseState = { phase: runtime.record.phase, clock: { deadline: runtime.record.deadline, pausedRemainingMs: runtime.record.pausedRemainingMs } };
    const after = expire(before, activity, this.#now());
    if (after.phase !== before.phase) {
      this.#savePhase(runtime, after);
      this.#deps.publisher.breakoutChanged(sessionId, runtime.record.activityId);
    }
    this.#arm(sessionId, runtime);
  }

  #changed(sessionId: string, runtime: Runtime): BreakoutView {
    this.#deps.publisher.breakoutChanged(sessionId, runtime.record.activityId);
    return this.#view(this.#session(sessionId), runtime);
  }

  #view(session: SessionBreakouts, runtime: Runtime): BreakoutView {
    const salas: SalaView[] = runtime.salas.map((sala) => ({
      id: sala.id,
      name: sala.name,
      videoUrl: sala.videoUrl,
      members: this.#membersOf(runtime, sala.id)
        .map((id) => session.directory.get(id) ?? { participantId: id, number: 0, displayName: null })
        .sort((a, b) => a.number - b.number),
      roles: { ...(runtime.roles.get(sala.id) ?? { moderator: null, secretary: null }) },
    }));
    const { record } = runtime;
    return {
      activityId: record.activityId,
      phase: record.phase,
      timer: { deadline: record.deadline, pausedRemainingMs: record.pausedRemainingMs, serverNow: this.#now() },
      salas,
      message: record.message !== null && record.messageAt !== null ? { text: record.message, at: record.messageAt } : null,
    };
  }
}
