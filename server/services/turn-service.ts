import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import type {
  FloorGivePayload,
  HandLowerPayload,
  HandRaisePayload,
  SalaCallPayload,
  SalaTurnsView,
  TurnTimerPayload,
} from '../../shared/types.ts';
import type { Storage } from '../db/storage.ts';
import type { SalaTurnsRecord } from '../db/turn-repository.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import type { RosterView } from '../domain/sala-roster.ts';
import {
  acknowledgeCall,
  amongMembers,
  assertCaller,
  assertMember,
  assertModerates,
  assertTurnsOpen,
  callFacilitator,
  DEFAULT_TURN_SECONDS,
  giveFloor,
  lowerHand,
  NO_TURNS,
  raiseHand,
  startTurnTimer,
  stopTurnTimer,
  type SalaTurns,
  type TurnActor,
} from '../domain/sala-turns.ts';
import type { BreakoutService } from './breakout-service.ts';
import type { Publisher } from './publisher.ts';
import type { SessionPart, SessionStore } from './session-store.ts';

/** Who receives turns: facilitators see every sala's, a participant their own salas'. */
export type TurnAudience = { role: 'facilitator' } | { role: 'participant'; participantId: string };

export interface TurnServiceDeps {
  storage: Pick<Storage, 'turns' | 'transaction'>;
  /** The sessions in memory: agenda and status. */
  store: Pick<SessionStore, 'get' | 'exclusive' | 'attach'>;
  breakouts: Pick<BreakoutService, 'roster' | 'view' | 'views'>;
  publisher: Publisher;
  now?: () => number;
}

/** A sala's place: its breakout, its roster and the breakout's phase. */
interface SalaPlace {
  activityId: string;
  salaId: string;
  roster: RosterView;
  phase: ReturnType<BreakoutService['view']>['phase'];
}

const rateLimited = () => new AppError('RATE_LIMITED', 'Demasiados cambios seguidos. Espera un momento y vuelve a intentarlo.');

/**
 * Turns to speak in the salas: hands, the floor, the turn's countdown and calls to the
 * facilitator. Each command checks the place and the actor's role, takes a token from the
 * actor's allowance (participants only), applies `domain/sala-turns.ts`'s rule, stores the
 * sala's turns in one transaction, then publishes; a command that changes nothing stores nothing.
 */
export class TurnService implements SessionPart {
  readonly #deps: TurnServiceDeps;
  readonly #now: () => number;
  /** Per session: each sala's turns by sala id (salas without any are absent). */
  readonly #sessions = new Map<string, Map<string, SalaTurnsRecord>>();
  readonly #hands: RateLimiter;
  readonly #floor: RateLimiter;
  readonly #calls: RateLimiter;

  constructor(deps: TurnServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#hands = new RateLimiter(LIMITS.handTogglesPerMinute, 60_000, this.#now);
    this.#floor = new RateLimiter(LIMITS.floorChangesPerMinute, 60_000, this.#now);
    this.#calls = new RateLimiter(LIMITS.facilitatorCallsPer10Minutes, 10 * 60_000, this.#now);
    deps.store.attach(this);
  }

  /** Loads a session's turns with the session (see SessionStore.attach). */
  async load(sessionId: string): Promise<void> {
    if (this.#sessions.has(sessionId)) return;
    const records = await this.#deps.storage.turns.forSession(sessionId);
    if (!this.#sessions.has(sessionId)) this.#sessions.set(sessionId, new Map(records.map((record) => [record.salaId, record])));
  }

  /** The turns of every formed sala the audience may see, by sala id. */
  views(sessionId: string, audience: TurnAudience): Record<string, SalaTurnsView> {
    const views: Record<string, SalaTurnsView> = {};
    for (const breakout of Object.values(this.#deps.breakouts.views(sessionId))) {
      const roster = this.#deps.breakouts.roster(sessionId, breakout.activityId);
      if (!roster) continue;
      const salaIds = audience.role === 'facilitator' ? roster.salaIds : [roster.salaOf(audience.participantId)];
      for (const salaId of salaIds) if (salaId !== null) views[salaId] = this.#view(sessionId, breakout.activityId, salaId, roster);
    }
    return views;
  }

  /** For the publisher: a sala's turns, and who in it receives them. */
  audience(sessionId: string, activityId: string, salaId: string): { view: SalaTurnsView; participantIds: string[] } | null {
    const roster = this.#deps.breakouts.roster(sessionId, activityId);
    if (!roster?.hasSala(salaId)) return null;
    return { view: this.#view(sessionId, activityId, salaId, roster), participantIds: roster.membersOf(salaId) };
  }

  /** Turns given in each sala of the session, by sala id (for the report). */
  turnCounts(sessionId: string): Record<string, number> {
    return Object.fromEntries([...this.#salas(sessionId).values()].map((record) => [record.salaId, record.turns]));
  }

  /** Drops a session from memory (after its data was deleted or removed). */
  forget(sessionId: string): void {
    this.#sessions.delete(sessionId);
  }

  /** A member raises their hand in their own sala. */
  async raise(sessionId: string, participantId: string, payload: HandRaisePayload): Promise<SalaTurnsView> {
    if (!this.#hands.take(participantId)) throw rateLimited();
    return this.#command(sessionId, payload, (place) => {
      assertMember(participantId, place.salaId, place.roster);
      assertTurnsOpen(place.phase);
      return (state) => raiseHand(state, participantId);
    });
  }

  /** A member lowers their own hand; the moderator or the facilitator, someone else's. */
  async lower(sessionId: string, actor: TurnActor, payload: HandLowerPayload): Promise<SalaTurnsView> {
    if (actor.role === 'participant' && !this.#hands.take(actor.participantId)) throw rateLimited();
    return this.#command(sessionId, payload, (place) => {
      const own = actor.role === 'participant' && (payload.participantId === undefined || payload.participantId === actor.participantId);
      if (own) assertMember(actor.participantId, place.salaId, place.roster);
      else assertModerates(actor, place.salaId, place.roster);
      const whose = own ? actor.participantId : payload.participantId;
      if (whose === undefined)
        throw new AppError('VALIDATION_FAILED', 'Indica de quién es la mano que se baja.', [
          { path: '/participantId', message: 'required' },
        ]);
      return (state) => lowerHand(state, whose);
    });
  }

  /** The moderator (or the facilitator) gives the floor to a member, or takes it back. */
  async giveFloor(sessionId: string, actor: TurnActor, payload: FloorGivePayload): Promise<SalaTurnsView> {
    this.#takeFloorToken(actor);
    return this.#command(sessionId, payload, (place) => {
      assertModerates(actor, place.salaId, place.roster);
      if (payload.participantId !== null && place.roster.salaOf(payload.participantId) !== place.salaId)
        throw new AppError('NOT_IN_SALA', 'Solo se da la palabra a un miembro de la sala.');
      assertTurnsOpen(place.phase);
      return (state) => giveFloor(state, payload.participantId, this.#now());
    });
  }

  /** The moderator (or the facilitator) starts or stops the countdown of the turn under way. */
  async timer(sessionId: string, actor: TurnActor, payload: TurnTimerPayload): Promise<SalaTurnsView> {
    this.#takeFloorToken(actor);
    return this.#command(sessionId, payload, (place) => {
      assertModerates(actor, place.salaId, place.roster);
      assertTurnsOpen(place.phase);
      return (state) =>
        payload.action === 'start' ? startTurnTimer(state, payload.seconds ?? DEFAULT_TURN_SECONDS, this.#now()) : stopTurnTimer(state);
    });
  }

  /** The moderator or the secretary calls the facilitator; a call still waiting is not repeated. */
  async call(sessionId: string, participantId: string, payload: SalaCallPayload): Promise<SalaTurnsView> {
    if (!this.#calls.take(participantId)) throw rateLimited();
    return this.#command(sessionId, payload, (place) => {
      const role = assertCaller(participantId, place.salaId, place.roster);
      return (state) => callFacilitator(state, role, this.#now());
    });
  }

  /** The facilitator has seen a sala's call. */
  acknowledge(sessionId: string, payload: SalaCallPayload): Promise<SalaTurnsView> {
    return this.#command(sessionId, payload, () => acknowledgeCall);
  }

  // ---------- internals ----------

  #takeFloorToken(actor: TurnActor): void {
    if (actor.role === 'participant' && !this.#floor.take(actor.participantId)) throw rateLimited();
  }

  /** Checks the place, then applies the rule it returns, as one exclusive command of the session. */
  #command(
    sessionId: string,
    ref: { activityId: string; salaId: string },
    check: (place: SalaPlace) => (state: SalaTurns) => SalaTurns,
  ): Promise<SalaTurnsView> {
    return this.#deps.store.exclusive(sessionId, async () => {
      const place = this.#place(sessionId, ref);
      return this.#change(sessionId, place, check(place));
    });
  }

  /** The sala named, in a formed breakout of this open session. */
  #place(sessionId: string, ref: { activityId: string; salaId: string }): SalaPlace {
    const state = this.#deps.store.get(sessionId);
    state.assertOpen();
    if (state.activity(ref.activityId)?.kind !== 'breakout')
      throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad de salas no existe en esta sesión.');
    const roster = this.#deps.breakouts.roster(sessionId, ref.activityId);
    if (!roster) throw new AppError('INVALID_STATE', 'Primero hay que formar las salas.');
    if (!roster.hasSala(ref.salaId)) throw new AppError('SALA_NOT_FOUND', 'Esa sala no existe en esta actividad.');
    return { activityId: ref.activityId, salaId: ref.salaId, roster, phase: this.#deps.breakouts.view(sessionId, ref.activityId).phase };
  }

  /** Applies a rule to the sala's turns as its members stand now; stores and publishes only a change. */
  async #change(sessionId: string, place: SalaPlace, rule: (state: SalaTurns) => SalaTurns): Promise<SalaTurnsView> {
    const salas = this.#salas(sessionId);
    const stored = salas.get(place.salaId) ?? { ...NO_TURNS, salaId: place.salaId, activityId: place.activityId };
    const next = rule(amongMembers(stored, (id) => place.roster.salaOf(id) === place.salaId));
    if (next !== stored) {
      const record: SalaTurnsRecord = { ...next, salaId: place.salaId, activityId: place.activityId };
      await this.#deps.storage.transaction((tx) => tx.turns.save(record));
      salas.set(place.salaId, record);
      this.#deps.publisher.turnsChanged(sessionId, place.activityId, place.salaId);
    }
    return this.#view(sessionId, place.activityId, place.salaId, place.roster);
  }

  /** The session's turns in memory, loaded when it was opened. */
  #salas(sessionId: string): Map<string, SalaTurnsRecord> {
    const salas = this.#sessions.get(sessionId);
    if (!salas) throw new AppError('SESSION_NOT_FOUND', 'La sesión no existe.');
    return salas;
  }

  #view(sessionId: string, activityId: string, salaId: string, roster: RosterView): SalaTurnsView {
    const stored = this.#salas(sessionId).get(salaId) ?? NO_TURNS;
    const state = amongMembers(stored, (id) => roster.salaOf(id) === salaId);
    return {
      activityId,
      salaId,
      queue: [...state.queue],
      floor: state.floor && { ...state.floor },
      timer: state.timer && { ...state.timer },
      turns: state.turns,
      call: state.call && { ...state.call },
      serverNow: this.#now(),
    };
  }
}
