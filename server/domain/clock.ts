import { AppError } from '../../shared/errors.ts';
import type { EndedPhase } from '../../shared/types.ts';

/** A phase's clock: running towards a deadline, paused with time left, or untimed (both null). */
export interface PhaseClock {
  deadline: number | null;
  pausedRemainingMs: number | null;
}

export const UNTIMED: PhaseClock = { deadline: null, pausedRemainingMs: null };

/** Time the facilitator's "add time" gives when it does not say how much. */
export const DEFAULT_ADD_SECONDS = 60;

/** How long, on the server's clock, an early end of a phase can be taken back. */
export const END_UNDO_MS = 15_000;

/** A facilitator's control of a clock, as both breakouts and syntheses take it. */
export interface ClockControl {
  action: 'start' | 'end' | 'undo' | 'pause' | 'resume' | 'add';
  seconds?: number | undefined;
}

export function startClock(now: number, ms: number): PhaseClock {
  return { deadline: now + ms, pausedRemainingMs: null };
}

export function remainingMs(clock: PhaseClock, now: number): number | null {
  if (clock.pausedRemainingMs !== null) return clock.pausedRemainingMs;
  return clock.deadline === null ? null : Math.max(0, clock.deadline - now);
}

export function pauseClock(clock: PhaseClock, now: number): PhaseClock {
  if (clock.deadline === null) throw invalidState('El temporizador no está corriendo.');
  return { deadline: null, pausedRemainingMs: Math.max(0, clock.deadline - now) };
}

export function resumeClock(clock: PhaseClock, now: number): PhaseClock {
  if (clock.pausedRemainingMs === null) throw invalidState('El temporizador no está en pausa.');
  return { deadline: now + clock.pausedRemainingMs, pausedRemainingMs: null };
}

/** More time, whether the clock runs or is paused. */
export function addTime(clock: PhaseClock, ms: number): PhaseClock {
  if (clock.pausedRemainingMs !== null) return { deadline: null, pausedRemainingMs: clock.pausedRemainingMs + ms };
  if (clock.deadline === null) throw invalidState('Esta fase no tiene temporizador.');
  return { deadline: clock.deadline + ms, pausedRemainingMs: null };
}

/** The clock after a pause, resume or add control (start and end change the phase: their callers decide). */
export function adjustClock(clock: PhaseClock, action: 'pause' | 'resume' | 'add', seconds: number | undefined, now: number): PhaseClock {
  if (action === 'pause') return pauseClock(clock, now);
  if (action === 'resume') return resumeClock(clock, now);
  return addTime(clock, (seconds ?? DEFAULT_ADD_SECONDS) * 1000);
}

/**
 * A phase ended early at `now`, kept for the undo: a running clock is kept as the time it had
 * left (the seconds between the end and the undo are not counted against the phase).
 */
export function endPhase<P extends string>(phase: P, clock: PhaseClock, now: number): EndedPhase<P> {
  const paused = clock.pausedRemainingMs !== null;
  return { phase, remainingMs: remainingMs(clock, now), paused, until: now + END_UNDO_MS };
}

/** An early end as screens are told of it: only while it can still be undone. */
export function undoable<P extends string>(ended: EndedPhase<P> | null, now: number): EndedPhase<P> | null {
  return ended !== null && now <= ended.until ? ended : null;
}

/** The phase an early end took away, back at `now` with the time it had left; refused once the undo's time is over. */
export function undoEnd<P extends string>(ended: EndedPhase<P> | null | undefined, now: number): { phase: P; clock: PhaseClock } {
  if (!ended) throw invalidState('No hay un término de fase que deshacer.');
  if (now > ended.until) throw invalidState('Ya pasó el momento de deshacer: el término de la fase quedó firme.');
  const { phase, remainingMs: left, paused } = ended;
  if (left === null) return { phase, clock: UNTIMED };
  return { phase, clock: paused ? { deadline: null, pausedRemainingMs: left } : startClock(now, left) };
}

function invalidState(message: string): AppError {
  return new AppError('INVALID_STATE', message);
}
