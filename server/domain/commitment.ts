/**
 * Rules of commitments (docs/protocol.md, "Commitments"): when one may be written or answered,
 * the short code, and what the room may see of them. Pure: the service passes the session's
 * state and the randomness in.
 */
import {
  COMMITMENT_CODE_ALPHABET,
  COMMITMENT_LIMITS,
  type CommitmentOutcomeCounts,
  type CommitmentReport,
  type CommitmentTally,
} from '../../shared/commitment.ts';
import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { Activity, CommitmentActivity, SessionStatus } from '../../shared/types.ts';

/** What the rules need to know of the session. */
export interface CommitmentSessionView {
  status: SessionStatus;
  currentActivityId: string | null;
  agenda: readonly Activity[];
}

/**
 * The commitment activity a phone acts on, in the mode the command needs. Writing and answering
 * are open while the activity is on screen in an open session: so a text can be edited until the
 * facilitator moves on, and a late phone cannot change the counts afterwards.
 */
export function activeCommitment(session: CommitmentSessionView, activityId: string, mode: CommitmentActivity['mode']): CommitmentActivity {
  if (session.status !== 'open') throw new AppError('SESSION_CLOSED', 'Esta sesión ya terminó.');
  const activity = session.agenda.find((a) => a.id === activityId);
  if (!activity) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
  if (activity.kind !== 'commitment' || activity.mode !== mode)
    throw new AppError(
      'NOT_ANSWERABLE',
      mode === 'write' ? 'Esta actividad no recibe compromisos.' : 'Esta actividad no retoma compromisos.',
    );
  if (session.currentActivityId !== activityId)
    throw new AppError('ANSWERING_CLOSED', 'Los compromisos se escriben y se retoman mientras la actividad está en pantalla.');
  return activity;
}

/** The commitment activity a tally is asked of. */
export function commitmentActivity(agenda: readonly Activity[], activityId: string): CommitmentActivity {
  const activity = agenda.find((a) => a.id === activityId);
  if (!activity) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
  if (activity.kind !== 'commitment') throw new AppError('NOT_ANSWERABLE', 'Esta actividad no es de compromisos.');
  return activity;
}

/**
 * A new short code from random bytes (one per character). The alphabet has 32 letters, so a
 * byte modulo 32 is uniform; 8 characters are 40 bits, and look-ups are rate limited.
 */
export function commitmentCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < COMMITMENT_LIMITS.codeLength) throw new Error('not enough random bytes for a commitment code');
  return [...randomBytes.subarray(0, COMMITMENT_LIMITS.codeLength)].map((b) => COMMITMENT_CODE_ALPHABET[b % 32]!).join('');
}

/** The text as stored: trimmed; an empty one is refused. */
export function commitmentText(typed: string): string {
  const text = typed.trim();
  if (text.length === 0) throw new AppError('VALIDATION_FAILED', 'Escribe tu compromiso antes de guardarlo.');
  return text;
}

/** Counts by answer, or null when so few answered that the counts would show a person's answer. */
export function shownOutcomes(counts: CommitmentOutcomeCounts): CommitmentOutcomeCounts | null {
  return answeredOf(counts) < LIMITS.smallGroupMin ? null : counts;
}

export function answeredOf(counts: CommitmentOutcomeCounts): number {
  return counts.done + counts.started + counts.notYet;
}

/** What the room sees of a commitment activity. */
export function commitmentTally(activity: CommitmentActivity, written: number, counts: CommitmentOutcomeCounts): CommitmentTally {
  return activity.mode === 'write'
    ? { activityId: activity.id, mode: 'write', written }
    : { activityId: activity.id, mode: 'review', answered: answeredOf(counts), outcomes: shownOutcomes(counts) };
}

/** The session report's entries for its commitment activities, from their tallies. */
export function commitmentReports(
  agenda: readonly Activity[],
  tallyOf: (activity: CommitmentActivity) => CommitmentTally,
): CommitmentReport[] {
  return agenda.flatMap((activity, index): CommitmentReport[] => {
    if (activity.kind !== 'commitment') return [];
    const base = { activityId: activity.id, position: index + 1, section: activity.section ?? null, title: activity.title };
    const tally = tallyOf(activity);
    return tally.mode === 'write'
      ? [{ ...base, mode: 'write', written: tally.written }]
      : [{ ...base, mode: 'review', answered: tally.answered, suppressed: tally.outcomes === null, outcomes: tally.outcomes }];
  });
}
