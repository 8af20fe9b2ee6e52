import { nanoid } from 'nanoid';
import { AppError } from '../../shared/errors.ts';
import { synthesesOf } from '../../shared/agenda.ts';
import { LIMITS } from '../../shared/limits.ts';
import { salaCountFor } from '../../shared/salas.ts';
import type {
  BreakoutActivity,
  BreakoutView,
  GroupingMode,
  SalaMember,
  SalaNumbersView,
  SalaResults,
  SalaRole,
  SalaView,
  TimerControlPayload,
} from '../../shared/types.ts';
import type { BreakoutRecord, SalaRecord } from '../db/breakout-repository.ts';
import type { ParticipantRecord } from '../db/participant-repository.ts';
import type { Storage } from '../db/storage.ts';
import { dealMixed, mixedSalaFor } from '../domain/agency-mix.ts';
import { controlPhase, dealBalanced, expire, groupFigureAllowed, shuffled, type PhaseState } from '../domain/breakout.ts';
import { undoable } from '../domain/clock.ts';
import { SalaRoster, type RosterChange, type RosterView } from '../domain/sala-roster.ts';
import type { Presence } from './presence.ts';
import type { Publisher } from './publisher.ts';
import type { SessionPart, SessionStore } from './session-store.ts';

/** A formed breakout in memory. */
interface Runtime {
  record: BreakoutRecord;
  salas: SalaRecord[];
  roster: SalaRoster;
}

interface SessionBreakouts {
  directory: Map<string, SalaMember>;
  runtimes: Map<string, Runtime>;
}

export interface BreakoutServiceDeps {
  storage: Pick<Storage, 'breakouts' | 'participants' | 'sessions' | 'transaction'>;
  /** The sessions in memory: agenda and status. */
  store: Pick<SessionStore, 'get' | 'open' | 'exclusive' | 'attach'>;
  presence: Pick<Presence, 'isConnected'>;
  publisher: Publisher;
  now?: () => number;
  random?: () => number;
}

/**
 * Breakout salas: forming them, moving people, roles and the phase clock. Every change is
 * written before it is acknowledged; deadlines live in SQLite and are re-armed at start-up,
 * so a restart mid-discussion resumes the same deadline.
 */
export class BreakoutService implements SessionPart {
  readonly #deps: BreakoutServiceDeps;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #sessions = new Map<string, SessionBreakouts>();
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(deps: BreakoutServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#random = deps.random ?? Math.random;
    deps.store.attach(this);
  }

  /** Loads a session's breakouts with the session (see SessionStore.attach). */
  async load(sessionId: string): Promise<void> {
    if (this.#sessions.has(sessionId)) return;
    const [participants, stored] = await Promise.all([
      this.#deps.storage.participants.listForSession(sessionId),
      this.#deps.storage.breakouts.forSession(sessionId),
    ]);
    if (this.#sessions.has(sessionId)) return;
    const directory = new Map(participants.map((p) => [p.id, { participantId: p.id, number: p.number, displayName: p.displayName }]));
    const runtimes = new Map<string, Runtime>();
    for (const { record, salas, members, roles } of stored) {
      runtimes.set(record.activityId, {
        record,
        salas,
        roster: new SalaRoster(
          salas.map((s) => s.id),
          members,
          roles,
        ),
      });
    }
    this.#sessions.set(sessionId, { directory, runtimes });
    // Deadlines are server-clock times in storage: a session loaded again (a restart, or in a
    // cluster a session another node let go) arms them here, catching up on any that passed.
    for (const runtime of runtimes.values()) this.#arm(sessionId, runtime);
  }

  /** Arms the deadlines of every running breakout (at start-up), catching up on any that passed. */
  async armRunningTimers(): Promise<void> {
    for (const record of await this.#deps.storage.breakouts.running()) {
      await this.#deps.store.open(record.sessionId);
      const runtime = this.#session(record.sessionId).runtimes.get(record.activityId);
      if (runtime) await this.#onDeadline(record.sessionId, runtime);
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
    return Object.fromEntries([...session.runtimes.values()].map((r) => [r.record.activityId, this.#view(sessionId, session, r)]));
  }

  /** A breakout's view; one not formed yet is `pending` with no salas. */
  view(sessionId: string, activityId: string): BreakoutView {
    const session = this.#session(sessionId);
    const runtime = session.runtimes.get(activityId);
    if (runtime) return this.#view(sessionId, session, runtime);
    return {
      activityId,
      phase: 'pending',
      timer: { deadline: null, pausedRemainingMs: null, serverNow: this.#now() },
      salas: [],
      message: null,
      ended: null,
    };
  }

  /** Called by the session service when someone joins or comes back: late joiners get a sala. */
  participantJoined = async (sessionId: string, participant: ParticipantRecord): Promise<void> => {
    const session = this.#session(sessionId);
    const known = session.directory.get(participant.id);
    const renamed = known !== undefined && known.displayName !== participant.displayName;
    session.directory.set(participant.id, {
      participantId: participant.id,
      number: participant.number,
      displayName: participant.displayName,
    });
    // Placing reads the rosters then writes: one of the session's commands (none formed: nothing to place).
    const placed =
      session.runtimes.size === 0
        ? []
        : await this.#deps.store.exclusive(sessionId, () => this.#placeLate(sessionId, session, participant));
    for (const runtime of session.runtimes.values()) {
      const changed = placed.some(([r]) => r === runtime) || (renamed && runtime.roster.salaOf(participant.id) !== null);
      if (changed) this.#deps.publisher.breakoutChanged(sessionId, runtime.record.activityId);
    }
  };

  /** A late joiner (or one who missed the forming) gets a sala in each breakout that deals them out. */
  async #placeLate(sessionId: string, session: SessionBreakouts, participant: ParticipantRecord): Promise<Array<[Runtime, RosterChange]>> {
    const placed: Array<[Runtime, RosterChange]> = [];
    for (const runtime of session.runtimes.values()) {
      const placeable = runtime.record.phase !== 'closed' && runtime.salas.length > 0 && runtime.roster.salaOf(participant.id) === null;
      const mode = placeable ? this.#breakoutActivity(sessionId, runtime.record.activityId).mode : 'self';
      if (mode === 'random') placed.push([runtime, runtime.roster.placeLate(participant.id)]);
      if (mode === 'mixAgencies') placed.push([runtime, this.#placeMixing(runtime.roster, participant, await this.#agencies(sessionId))]);
    }
    if (placed.length > 0) await this.#commitRoster(placed);
    return placed;
  }

  /** The salas' first members: none when people choose. */
  async #deal(sessionId: string, mode: GroupingMode, present: string[], count: number): Promise<string[][]> {
    const shuffle = <T>(items: readonly T[]) => shuffled(items, this.#random);
    if (mode === 'random') return dealBalanced(present, count, shuffle);
    if (mode === 'self') return [];
    const agencies = await this.#agencies(sessionId);
    return dealMixed(present, (id) => agencies.get(id) ?? null, count, shuffle);
  }

  /** A late joiner in a mixing breakout: where their agency has the fewest people. */
  #placeMixing(roster: SalaRoster, participant: ParticipantRecord, agencies: Map<string, string | null>): RosterChange {
    const members = roster.salaIds.map((id) => roster.membersOf(id));
    const same = members.map((ids) =>
      participant.agency === null ? 0 : ids.filter((id) => agencies.get(id) === participant.agency).length,
    );
    return roster.move(
      participant.id,
      roster.salaIds[
        mixedSalaFor(
          members.map((ids) => ids.length),
          same,
        )
      ]!,
    );
  }

  /** Each participant's agency (read when salas mix agencies: never sent to the screens). */
  async #agencies(sessionId: string): Promise<Map<string, string | null>> {
    return new Map((await this.#deps.storage.participants.listForSession(sessionId)).map((p) => [p.id, p.agency]));
  }

  form(sessionId: string, activityId: string): Promise<BreakoutView> {
    return this.#deps.store.exclusive(sessionId, () => this.#form(sessionId, activityId));
  }

  async #form(sessionId: string, activityId: string): Promise<BreakoutView> {
    const activity = this.#breakoutActivity(sessionId, activityId);
    const session = this.#session(sessionId);
    if (session.runtimes.has(activityId)) throw new AppError('INVALID_STATE', 'Las salas de esta actividad ya están formadas.');
    // Only people connected now are dealt out; anyone else gets a sala when they come back.
    const present = [...session.directory.keys()].filter((id) => this.#deps.presence.isConnected(sessionId, id));
    const count = salaCountFor(activity.sizing, present.length);
    const salas: SalaRecord[] = Array.from({ length: count }, (_, i) => ({
      id: nanoid(),
      activityId,
      position: i,
      name: `Sala ${i + 1}`,
      videoUrl: null,
    }));
    const groups = await this.#deal(sessionId, activity.mode, present, count);
    const members = groups.flatMap((group, i) => group.map((participantId) => ({ participantId, salaId: salas[i]!.id })));
    const record: BreakoutRecord = {
      activityId,
      sessionId,
      phase: 'intro',
      deadline: null,
      pausedRemainingMs: null,
      message: null,
      messageAt: null,
      ended: null,
    };
    await this.#deps.storage.transaction(async (tx) => {
      await tx.breakouts.form(record, salas, members);
      await tx.sessions.recordEvent(sessionId, activityId, 'phase:intro', this.#now());
    });
    const runtime: Runtime = {
      record,
      salas,
      roster: new SalaRoster(
        salas.map((s) => s.id),
        members,
      ),
    };
    session.runtimes.set(activityId, runtime);
    // The salas' notes may start now: their syntheses reach the members' phones.
    for (const synthesis of synthesesOf(this.#deps.store.get(sessionId).agenda, activityId))
      this.#deps.publisher.synthesisChanged(sessionId, synthesis.id);
    return this.#changed(sessionId, runtime);
  }

  timer(sessionId: string, payload: TimerControlPayload): Promise<BreakoutView> {
    return this.#command(sessionId, async () => {
      const activity = this.#breakoutActivity(sessionId, payload.activityId);
      const runtime = this.#formed(sessionId, payload.activityId);
      await this.#savePhase(runtime, controlPhase(this.#phaseOf(runtime), activity, payload, this.#now()));
      this.#arm(sessionId, runtime);
      return runtime;
    });
  }

  broadcast(sessionId: string, activityId: string, text: string): Promise<BreakoutView> {
    return this.#command(sessionId, async () => {
      const runtime = this.#formed(sessionId, activityId);
      await this.#saveRecord(runtime, { ...runtime.record, message: text.trim() || text, messageAt: this.#now() });
      return runtime;
    });
  }

  /** Facilitator: moves anyone to any sala (their roles in the sala they leave are dropped). */
  move(sessionId: string, activityId: string, participantId: string, salaId: string): Promise<BreakoutView> {
    return this.#command(sessionId, async () => {
      const runtime = this.#formed(sessionId, activityId);
      const change = runtime.roster.move(participantId, salaId);
      if (!this.#session(sessionId).directory.has(participantId))
        throw new AppError('NOT_FOUND', 'Esa persona no participa en esta sesión.');
      await this.#commitRoster([[runtime, change]]);
      return runtime;
    });
  }

  update(
    sessionId: string,
    activityId: string,
    salaId: string,
    changes: { name?: string | undefined; videoUrl?: string | undefined },
  ): Promise<BreakoutView> {
    return this.#command(sessionId, async () => {
      const runtime = this.#formed(sessionId, activityId);
      const sala = this.#sala(runtime, salaId);
      const name = changes.name === undefined ? sala.name : changes.name.trim() || sala.name;
      const videoUrl = changes.videoUrl === undefined ? sala.videoUrl : changes.videoUrl === '' ? null : changes.videoUrl;
      await this.#deps.storage.transaction((tx) => tx.breakouts.updateSala(sala.id, name, videoUrl));
      sala.name = name;
      sala.videoUrl = videoUrl;
      return runtime;
    });
  }

  /** Facilitator: gives a role to a member of the sala (taking it from whoever had it) or clears it. */
  assignRole(sessionId: string, activityId: string, salaId: string, role: SalaRole, participantId: string | null): Promise<BreakoutView> {
    return this.#command(sessionId, async () => {
      const runtime = this.#formed(sessionId, activityId);
      await this.#commitRoster([[runtime, runtime.roster.assign(salaId, role, participantId)]]);
      return runtime;
    });
  }

  /** Participant, in self-chosen grouping: joins a sala of their choice. */
  choose(sessionId: string, participantId: string, activityId: string, salaId: string): Promise<BreakoutView> {
    return this.#command(sessionId, async () => {
      const activity = this.#breakoutActivity(sessionId, activityId);
      const runtime = this.#formed(sessionId, activityId);
      if (activity.mode !== 'self') throw new AppError('INVALID_STATE', 'En esta actividad las salas las asigna quien facilita.');
      if (runtime.record.phase === 'closed') throw new AppError('INVALID_STATE', 'La actividad de salas ya terminó.');
      if (runtime.roster.salaOf(participantId) !== salaId)
        await this.#commitRoster([[runtime, runtime.roster.move(participantId, salaId)]]);
      return runtime;
    });
  }

  /** Participant: claims a free role in their own sala. Claims are handled one at a time: the first wins. */
  claimRole(sessionId: string, participantId: string, activityId: string, salaId: string, role: SalaRole): Promise<BreakoutView> {
    return this.#command(sessionId, async () => {
      const runtime = this.#formed(sessionId, activityId);
      if (runtime.record.phase === 'closed') throw new AppError('INVALID_STATE', 'La actividad de salas ya terminó.');
      const change = runtime.roster.claim(participantId, salaId, role);
      if (change) await this.#commitRoster([[runtime, change]]);
      return runtime;
    });
  }

  releaseRole(sessionId: string, participantId: string, activityId: string, salaId: string, role: SalaRole): Promise<BreakoutView> {
    return this.#command(sessionId, async () => {
      const runtime = this.#formed(sessionId, activityId);
      await this.#commitRoster([[runtime, runtime.roster.release(participantId, salaId, role)]]);
      return runtime;
    });
  }

  /**
   * Each sala's own results on the questions before the breakout, beside the room's. A
   * participant (viewer) gets only their own sala; figures of fewer than LIMITS.smallGroupMin
   * respondents are suppressed.
   */
  numbers(sessionId: string, activityId: string, viewer: { participantId: string } | null): SalaNumbersView {
    const runtime = this.#formed(sessionId, activityId, { allowClosedSession: true });
    const state = this.#deps.store.get(sessionId);
    const index = state.agenda.findIndex((a) => a.id === activityId);
    // The numbers a group starts its conversation from: choices, ratings, rankings, points; not free texts.
    const questionIds = state.agenda
      .slice(0, index)
      .filter((a) => a.kind === 'choice' || a.kind === 'rating' || a.kind === 'ranking' || a.kind === 'points')
      .map((a) => a.id);
    let salas = runtime.salas;
    if (viewer) {
      const own = runtime.roster.salaOf(viewer.participantId);
      if (!own) throw new AppError('NOT_IN_SALA', 'Todavía no estás en una sala.');
      salas = salas.filter((s) => s.id === own);
    }
    const room = Object.fromEntries(questionIds.map((id) => [id, state.results(id)!]));
    return {
      activityId,
      questionIds,
      room,
      salas: salas.map((sala) => {
        const members = runtime.roster.membersOf(sala.id);
        const results: Record<string, SalaResults> = {};
        for (const id of questionIds) {
          const counted = state.resultsAmong(id, members)!;
          results[id] = groupFigureAllowed(counted.respondents, LIMITS.smallGroupMin)
            ? { suppressed: false, results: counted }
            : { suppressed: true, results: null };
        }
        return { salaId: sala.id, results };
      }),
    };
  }

  /** Who is in which sala of a formed breakout, and their roles; null before the salas are formed. */
  roster(sessionId: string, activityId: string): RosterView | null {
    return this.#session(sessionId).runtimes.get(activityId)?.roster ?? null;
  }

  // ---------- internals ----------

  /** A command on a formed breakout, alone among the session's commands; publishes and returns its view. */
  async #command(sessionId: string, run: () => Promise<Runtime>): Promise<BreakoutView> {
    const runtime = await this.#deps.store.exclusive(sessionId, run);
    return this.#changed(sessionId, runtime);
  }

  /** The session's breakouts in memory, loaded when it was opened. */
  #session(sessionId: string): SessionBreakouts {
    const session = this.#sessions.get(sessionId);
    if (!session) throw new AppError('SESSION_NOT_FOUND', 'La sesión no existe.');
    return session;
  }

  /** The breakout activity; changes need an open session, reads (numbers for a report) do not. */
  #breakoutActivity(sessionId: string, activityId: string, options: { allowClosedSession?: boolean } = {}): BreakoutActivity {
    const state = this.#deps.store.get(sessionId);
    if (!options.allowClosedSession) state.assertOpen();
    const activity = state.activity(activityId);
    if (!activity || activity.kind !== 'breakout')
      throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad de salas no existe en esta sesión.');
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

  /** Stores roster changes (of one or several breakouts) in one transaction, then applies them. */
  async #commitRoster(changes: Array<[Runtime, RosterChange]>): Promise<void> {
    await this.#deps.storage.transaction(async ({ breakouts }) => {
      for (const [runtime, change] of changes) {
        if (change.member) await breakouts.setMember(runtime.record.activityId, change.member.participantId, change.member.salaId);
        for (const { salaId, roles } of change.roles) await breakouts.saveRoles(salaId, roles);
      }
    });
    for (const [runtime, change] of changes) runtime.roster.apply(change);
  }

  #phaseOf(runtime: Runtime): PhaseState {
    return {
      phase: runtime.record.phase,
      clock: { deadline: runtime.record.deadline, pausedRemainingMs: runtime.record.pausedRemainingMs },
      ended: runtime.record.ended ?? undefined,
    };
  }

  #savePhase(runtime: Runtime, state: PhaseState): Promise<void> {
    return this.#saveRecord(runtime, {
      ...runtime.record,
      phase: state.phase,
      deadline: state.clock.deadline,
      pausedRemainingMs: state.clock.pausedRemainingMs,
      ended: state.ended ?? null,
    });
  }

  /** Stores the breakout's record in one transaction, noting a phase entered for the report's timings. */
  async #saveRecord(runtime: Runtime, record: BreakoutRecord): Promise<void> {
    await this.#deps.storage.transaction(async ({ breakouts, sessions }) => {
      if (record.phase !== runtime.record.phase)
        await sessions.recordEvent(record.sessionId, record.activityId, `phase:${record.phase}`, this.#now());
      await breakouts.save(record);
    });
    runtime.record = record;
  }

  /** Schedules the end of the running phase; a paused or untimed phase has none. */
  #arm(sessionId: string, runtime: Runtime): void {
    const id = runtime.record.activityId;
    const existing = this.#timers.get(id);
    if (existing) clearTimeout(existing);
    this.#timers.delete(id);
    const deadline = runtime.record.deadline;
    if (deadline === null) return;
    // A failed store here fails as a throw in a timer did: loudly (an unhandled rejection).
    const timer = setTimeout(() => void this.#onDeadline(sessionId, runtime), Math.max(0, deadline - this.#now()));
    timer.unref();
    this.#timers.set(id, timer);
  }

  #onDeadline(sessionId: string, runtime: Runtime): Promise<void> {
    return this.#deps.store.exclusive(sessionId, async (state) => {
      const activity = state.activity(runtime.record.activityId);
      if (!activity || activity.kind !== 'breakout') return;
      const before = this.#phaseOf(runtime);
      const after = expire(before, activity, this.#now());
      if (after.phase !== before.phase) {
        await this.#savePhase(runtime, after);
        this.#deps.publisher.breakoutChanged(sessionId, runtime.record.activityId);
      }
      this.#arm(sessionId, runtime);
    });
  }

  #changed(sessionId: string, runtime: Runtime): BreakoutView {
    this.#deps.publisher.breakoutChanged(sessionId, runtime.record.activityId);
    return this.#view(sessionId, this.#session(sessionId), runtime);
  }

  #view(sessionId: string, session: SessionBreakouts, runtime: Runtime): BreakoutView {
    const salas: SalaView[] = runtime.salas.map((sala) => ({
      id: sala.id,
      name: sala.name,
      videoUrl: sala.videoUrl,
      members: runtime.roster
        .membersOf(sala.id)
        .map((id) => session.directory.get(id) ?? { participantId: id, number: 0, displayName: null })
        .sort((a, b) => a.number - b.number),
      roles: runtime.roster.rolesOf(sala.id),
    }));
    const { record } = runtime;
    const now = this.#now();
    return {
      activityId: record.activityId,
      phase: record.phase,
      timer: { deadline: record.deadline, pausedRemainingMs: record.pausedRemainingMs, serverNow: now },
      salas,
      message: record.message !== null && record.messageAt !== null ? { text: record.message, at: record.messageAt } : null,
      // A closed session offers no undo: its console shows the reports, not the clocks.
      ended: this.#deps.store.get(sessionId).status === 'closed' ? null : undoable(record.ended, now),
    };
  }
}
