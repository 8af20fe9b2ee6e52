/**
 * A sala's turns to speak, as the moderator runs them: hands raised in order, the floor, an
 * optional countdown per turn, and a call to the facilitator. Pure state and rules, no I/O:
 * each change returns the new state (the same object when nothing changes, so a repeated
 * command stores and publishes nothing), and the service stores it whole.
 */
import { AppError } from '../../shared/errors.ts';
import type { BreakoutPhase, SalaRole } from '../../shared/types.ts';
import type { RosterView } from './sala-roster.ts';

export interface SalaTurns {
  /** Members with a hand raised, first raised first. */
  readonly queue: readonly string[];
  readonly floor: { readonly participantId: string; readonly since: number } | null;
  readonly timer: { readonly deadline: number; readonly seconds: number } | null;
  /** Turns given so far: each time the floor goes to someone new. */
  readonly turns: number;
  readonly call: { readonly at: number; readonly role: SalaRole } | null;
}

export const NO_TURNS: SalaTurns = { queue: [], floor: null, timer: null, turns: 0, call: null };

/** A turn's countdown when the moderator does not say how long: the seed's rooms speak in turns of about two minutes. */
export const DEFAULT_TURN_SECONDS = 120;

/** Who acts on a sala's turns. */
export type TurnActor = { role: 'facilitator' } | { role: 'participant'; participantId: string };

export function raiseHand(state: SalaTurns, participantId: string): SalaTurns {
  return state.queue.includes(participantId) ? state : { ...state, queue: [...state.queue, participantId] };
}

export function lowerHand(state: SalaTurns, participantId: string): SalaTurns {
  return state.queue.includes(participantId) ? { ...state, queue: state.queue.filter((id) => id !== participantId) } : state;
}

/**
 * Gives the floor to a member (their raised hand goes down, the previous turn's countdown
 * stops, and one more turn is counted), or takes it back (null). Giving it to whoever has it
 * changes nothing: a retried command does not count a turn twice.
 */
export function giveFloor(state: SalaTurns, participantId: string | null, now: number): SalaTurns {
  if (participantId === null) return state.floor === null && state.timer === null ? state : { ...state, floor: null, timer: null };
  if (state.floor?.participantId === participantId) return state;
  return {
    ...state,
    queue: state.queue.filter((id) => id !== participantId),
    floor: { participantId, since: now },
    timer: null,
    turns: state.turns + 1,
  };
}

/** Starts the countdown of the turn under way (again: from now). */
export function startTurnTimer(state: SalaTurns, seconds: number, now: number): SalaTurns {
  if (state.floor === null) throw new AppError('INVALID_STATE', 'Nadie tiene la palabra: da la palabra antes de medir el turno.');
  return { ...state, timer: { deadline: now + seconds * 1000, seconds } };
}

export function stopTurnTimer(state: SalaTurns): SalaTurns {
  return state.timer === null ? state : { ...state, timer: null };
}

/** Calls the facilitator; a call still waiting is kept as it was (not repeated, not moved later). */
export function callFacilitator(state: SalaTurns, role: SalaRole, now: number): SalaTurns {
  return state.call !== null ? state : { ...state, call: { at: now, role } };
}

export function acknowledgeCall(state: SalaTurns): SalaTurns {
  return state.call === null ? state : { ...state, call: null };
}

/**
 * The turns as they stand for the sala's members now: someone moved to another sala (or whose
 * data was removed) leaves its queue and its floor.
 */
export function amongMembers(state: SalaTurns, isMember: (participantId: string) => boolean): SalaTurns {
  const queue = state.queue.filter(isMember);
  const floorGone = state.floor !== null && !isMember(state.floor.participantId);
  if (queue.length === state.queue.length && !floorGone) return state;
  return { ...state, queue, ...(floorGone ? { floor: null, timer: null } : {}) };
}

/** Turns are taken from the salas' forming until the breakout is over. */
export function assertTurnsOpen(phase: BreakoutPhase): void {
  if (phase === 'pending') throw new AppError('INVALID_STATE', 'Primero hay que formar las salas.');
  if (phase === 'closed') throw new AppError('INVALID_STATE', 'La conversación en salas ya terminó.');
}

/** Only a sala's own members raise a hand in it. */
export function assertMember(participantId: string, salaId: string, roster: RosterView): void {
  if (roster.salaOf(participantId) !== salaId)
    throw new AppError('NOT_IN_SALA', 'Solo los miembros de la sala pueden pedir la palabra en ella.');
}

/** Only the sala's moderator, or the facilitator, gives the floor, times a turn or lowers someone else's hand. */
export function assertModerates(actor: TurnActor, salaId: string, roster: RosterView): void {
  if (actor.role === 'facilitator') return;
  assertMember(actor.participantId, salaId, roster);
  if (roster.roleOf(actor.participantId) !== 'moderator')
    throw new AppError('ROLE_REQUIRED', 'Solo el moderador(a) de la sala da la palabra.');
}

/** Only the sala's moderator or secretary calls the facilitator; returns the caller's role. */
export function assertCaller(participantId: string, salaId: string, roster: RosterView): SalaRole {
  assertMember(participantId, salaId, roster);
  const role = roster.roleOf(participantId);
  if (role === null)
    throw new AppError('ROLE_REQUIRED', 'Solo el moderador(a) o el secretario(a) de la sala pueden llamar a quien facilita.');
  return role;
}
