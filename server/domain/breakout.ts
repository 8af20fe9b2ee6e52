import { AppError } from '../../shared/errors.ts';
import type { BreakoutActivity, BreakoutPhase, EndedPhase, SalaRole } from '../../shared/types.ts';
import { adjustClock, endPhase, startClock, undoEnd, UNTIMED, type ClockControl, type PhaseClock } from './clock.ts';

/**
 * Deals items into `salaCount` groups whose sizes differ by at most one, in the order
 * `shuffle` returns them (random in production, identity in tests).
 */
export function dealBalanced<T>(items: readonly T[], salaCount: number, shuffle: (items: readonly T[]) => T[]): T[][] {
  const groups: T[][] = Array.from({ length: salaCount }, () => []);
  shuffle(items).forEach((item, i) => groups[i % salaCount]!.push(item));
  return groups;
}

/** Fisher–Yates with an injected random source in [0, 1). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Where a late joiner goes: the smallest sala, the first one on ties. */
export function smallestSala(sizes: readonly number[]): number {
  let best = 0;
  sizes.forEach((size, i) => {
    if (size < sizes[best]!) best = i;
  });
  return best;
}

export interface PhaseState {
  phase: BreakoutPhase;
  clock: PhaseClock;
  /** Set by an early end only: the phase an undo brings back. Any later control or phase change drops it. */
  ended?: EndedPhase<BreakoutPhase> | undefined;
}

/**
 * The next phase, entered at `at`: part one → discussion (timed) → return countdown (timed)
 * → closed. Salas must be formed first (pending → intro happens when they are).
 */
export function nextPhase(state: PhaseState, activity: BreakoutActivity, at: number): PhaseState {
  switch (state.phase) {
    case 'intro':
      return { phase: 'discussion', clock: startClock(at, activity.discussionSeconds * 1000) };
    case 'discussion':
      return { phase: 'return', clock: startClock(at, activity.returnSeconds * 1000) };
    case 'return':
      return { phase: 'closed', clock: UNTIMED };
    default:
      throw invalidState(state.phase === 'pending' ? 'Primero hay que formar las salas.' : 'La actividad de salas ya terminó.');
  }
}

/**
 * A facilitator's control of a breakout's clock at `now`: start the conversation (only from part
 * one), end the current phase early, undo that end (within END_UNDO_MS: the phase comes back with
 * the time it had left), pause, resume or add time.
 */
export function controlPhase(state: PhaseState, activity: BreakoutActivity, control: ClockControl, now: number): PhaseState {
  switch (control.action) {
    case 'start':
      if (state.phase !== 'intro') throw invalidState('La conversación ya empezó.');
      return nextPhase(state, activity, now);
    case 'end':
      return { ...nextPhase(state, activity, now), ended: endPhase(state.phase, state.clock, now) };
    case 'undo':
      return undoEnd(state.ended, now);
    default:
      return { phase: state.phase, clock: adjustClock(state.clock, control.action, control.seconds, now) };
  }
}

/**
 * Moves past every deadline that has passed by `now`. Each next phase starts at the deadline
 * that ended the one before, not at `now`: after a restart the countdown is where it would be.
 */
export function expire(state: PhaseState, activity: BreakoutActivity, now: number): PhaseState {
  let current = state;
  while (
    current.clock.deadline !== null &&
    current.clock.deadline <= now &&
    (current.phase === 'discussion' || current.phase === 'return')
  ) {
    current = nextPhase(current, activity, current.clock.deadline);
  }
  return current;
}

export interface SalaRoles {
  moderator: string | null;
  secretary: string | null;
}

/** Checks a member's claim of a role; throws the error the claimant sees. */
export function assertClaim(roles: SalaRoles, participantId: string, role: SalaRole): void {
  const holder = roles[role];
  if (holder === participantId) return;
  if (holder !== null)
    throw new AppError(
      'ROLE_TAKEN',
      role === 'secretary' ? 'Otra persona ya es secretario(a) de tu sala.' : 'Otra persona ya es moderador(a) de tu sala.',
    );
  const other: SalaRole = role === 'secretary' ? 'moderator' : 'secretary';
  if (roles[other] === participantId) throw new AppError('INVALID_STATE', 'Ya tienes el otro rol de la sala: déjalo primero.');
}

function invalidState(message: string): AppError {
  return new AppError('INVALID_STATE', message);
}

/** Whether a group's figure may be shown: enough of its members answered. */
export function groupFigureAllowed(respondents: number, minimum: number): boolean {
  return respondents >= minimum;
}
