/**
 * Time left on a breakout's clock, as this device should show it. Deadlines are server-clock
 * epoch milliseconds; every view carries the server's `serverNow`, so each device estimates
 * how far its own clock is from the server's and corrects for it. Pure: no timers, no DOM.
 */
import type { TimerView } from '../../../shared/types.ts';

/** How many recent samples the offset estimate keeps. */
export const OFFSET_SAMPLES = 8;

/**
 * One observation of the offset (server clock minus this device's clock). A message stamped
 * `serverNow` and received at `receivedAt` gives `serverNow − receivedAt = offset − latency`:
 * it underestimates the offset by the message's transit time.
 */
export function offsetSample(serverNow: number, receivedAt: number): number {
  return serverNow - receivedAt;
}

/** Keeps the newest `keep` samples (a device's clock may be set mid-session: old ones expire). */
export function addOffsetSample(samples: readonly number[], sample: number, keep = OFFSET_SAMPLES): number[] {
  return [...samples, sample].slice(-Math.max(1, keep));
}

/**
 * The offset to use: the largest recent sample, i.e. the one that travelled fastest, since
 * every sample falls short of the true offset by its own latency. 0 before any sample.
 */
export function estimateOffset(samples: readonly number[]): number {
  return samples.length === 0 ? 0 : Math.max(...samples);
}

/**
 * Milliseconds left on a timer at this device's `nowMs`, given the estimated `offsetMs`:
 * the paused remainder while paused, never below zero, and null for an untimed phase.
 */
export function timeLeftMs(timer: Pick<TimerView, 'deadline' | 'pausedRemainingMs'>, offsetMs: number, nowMs: number): number | null {
  if (timer.pausedRemainingMs !== null) return Math.max(0, timer.pausedRemainingMs);
  if (timer.deadline === null) return null;
  return Math.max(0, timer.deadline - (nowMs + offsetMs));
}

/**
 * "mm:ss", minutes unbounded ("90:00"), rounded up to the second so that a countdown shows
 * 00:00 only once time is really up and a fresh 40-minute timer reads 40:00.
 */
export function formatClock(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/**
 * The whole minutes left (rounded up) once a running countdown is within `warnBelowMs`, for a
 * screen reader to hear once a minute; null before that, when paused, or at zero.
 */
export function lastMinutes(leftMs: number | null, warnBelowMs: number, paused: boolean): number | null {
  if (leftMs === null || paused || leftMs <= 0 || leftMs > warnBelowMs) return null;
  return Math.ceil(leftMs / 60_000);
}
