/**
 * Pure helpers of the breakout screens: whose sala is whose, which view is newer, and which
 * alert a phone owes its member. No DOM, no sockets.
 */
import type { BreakoutPhase, BreakoutView, SalaRole, SalaView } from '../../../shared/types.ts';

export const SALA_ROLES: readonly SalaRole[] = ['moderator', 'secretary'];

/** The sala a participant is in, or null (not formed yet, self mode before choosing). */
export function salaOf(view: BreakoutView | null | undefined, participantId: string | null): SalaView | null {
  if (!view || participantId === null) return null;
  return view.salas.find((sala) => sala.members.some((member) => member.participantId === participantId)) ?? null;
}

/** The role a participant holds in a sala, if any. */
export function roleOf(sala: SalaView | null, participantId: string | null): SalaRole | null {
  if (!sala || participantId === null) return null;
  return SALA_ROLES.find((role) => sala.roles[role] === participantId) ?? null;
}

/**
 * Whether `next` may replace `current`: an ack and the coalesced broadcast of the same change
 * can arrive in either order, and the view stamped later by the server wins.
 */
export function isNewerView(current: BreakoutView | undefined, next: BreakoutView): boolean {
  return current === undefined || next.timer.serverNow >= current.timer.serverNow;
}

/**
 * The facilitator's latest broadcast, while it still applies. A message sent during the
 * discussion ("Quedan 5 minutos") is stale once the return countdown starts, so during the
 * return only a message sent after it started is shown, and none once the breakout is closed.
 */
export function currentMessage(view: BreakoutView | null, returnSeconds: number): BreakoutView['message'] {
  const message = view?.message ?? null;
  if (!view || !message) return null;
  if (view.phase === 'closed' || view.phase === 'pending') return null;
  if (view.phase !== 'return') return message;
  // The return started no later than its deadline minus its length (added time only moves it later).
  const deadline =
    view.timer.deadline ?? (view.timer.pausedRemainingMs === null ? null : view.timer.serverNow + view.timer.pausedRemainingMs);
  if (deadline === null) return null;
  return message.at >= deadline - returnSeconds * 1000 ? message : null;
}

// ---------- Alerts on the phone ----------

/** Five minutes left in the discussion; the return countdown started. */
export type BreakoutAlert = 'fiveMinutes' | 'return';

export const FIVE_MINUTES_MS = 5 * 60 * 1000;

/** The alert a phone owes at this moment of a breakout, whether or not it already gave it. */
export function dueAlert(phase: BreakoutPhase, remainingMs: number | null): BreakoutAlert | null {
  if (phase === 'return') return 'return';
  if (phase === 'discussion' && remainingMs !== null && remainingMs > 0 && remainingMs <= FIVE_MINUTES_MS) return 'fiveMinutes';
  return null;
}

const alertKey = (activityId: string, alert: BreakoutAlert) => `${activityId}:${alert}`;

/**
 * Decides whether to alert now, given the alerts already given (kept across reloads). Each
 * alert fires once per activity; the five-minute one is re-armed when time is added back
 * above five minutes, so it fires again on the next crossing, but a pause or a reload never
 * repeats it.
 */
export function nextAlert(
  given: readonly string[],
  activityId: string,
  phase: BreakoutPhase,
  remainingMs: number | null,
): { fire: BreakoutAlert | null; given: readonly string[] } {
  const fiveKey = alertKey(activityId, 'fiveMinutes');
  let next = given;
  if (phase === 'discussion' && remainingMs !== null && remainingMs > FIVE_MINUTES_MS && next.includes(fiveKey)) {
    next = next.filter((key) => key !== fiveKey);
  }
  const due = dueAlert(phase, remainingMs);
  if (due === null || next.includes(alertKey(activityId, due))) return { fire: null, given: next };
  return { fire: due, given: [...next, alertKey(activityId, due)] };
}
