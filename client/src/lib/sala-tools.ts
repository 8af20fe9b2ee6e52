/**
 * Small rules of the sala's tools on screens: which synthesis a breakout's notes go into, how
 * long ago a save was, and a member's place in the queue. Pure: no timers, no DOM.
 */
import { synthesesOf } from '../../../shared/agenda.ts';
import type { Activity, SynthesisActivity } from '../../../shared/types.ts';

/** The synthesis a breakout's notes go into: the first its salas write; null if none. */
export function synthesisFor(agenda: readonly Activity[], breakoutId: string): SynthesisActivity | null {
  return synthesesOf(agenda, breakoutId)[0] ?? null;
}

/** How long ago a save was, for "Guardado hace 3 s": just now, in seconds, then in minutes. */
export type SavedAgo = { unit: 'now' } | { unit: 'seconds'; n: number } | { unit: 'minutes'; n: number };

/** `savedAt` is a server-clock time; `nowMs + offsetMs` is this device's estimate of the server's now. */
export function savedAgo(savedAt: number, nowMs: number, offsetMs: number): SavedAgo {
  const seconds = Math.floor(Math.max(0, nowMs + offsetMs - savedAt) / 1000);
  if (seconds < 2) return { unit: 'now' };
  if (seconds < 60) return { unit: 'seconds', n: seconds };
  return { unit: 'minutes', n: Math.floor(seconds / 60) };
}

/** A participant's place in the queue of raised hands (1 = next), or null when their hand is down. */
export function placeInQueue(queue: readonly string[], participantId: string | null): number | null {
  const index = participantId === null ? -1 : queue.indexOf(participantId);
  return index === -1 ? null : index + 1;
}

/** A call's time as the locale writes hours and minutes ("15:42"). */
export function clockTime(epochMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochMs);
}
