import { AppError } from '../../shared/errors.ts';

/** A phase's clock: running towards a deadline, paused with time left, or untimed (both null). */
export interface PhaseClock {
  deadline: number | null;
  pausedRemainingMs: number | null;
}

export const UNTIMED: PhaseClock = { deadline: null, pausedRemainingMs: null };

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


function invalidState(message: string): AppError {
  return new AppError('INVALID_STATE', message);
}
