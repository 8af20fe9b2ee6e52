import { isQuestion } from '../../shared/agenda.ts';
import type { Activity, AnsweringStatus } from '../../shared/types.ts';

/**
 * The activity shown after a step. Before the first activity is the join screen (null):
 * "previous" from the first activity returns to it, "next" from it starts the agenda.
 * Steps past either end stay where they are.
 */
export function stepFrom(agenda: readonly Activity[], currentId: string | null, direction: 'next' | 'previous'): string | null {
  const index = currentId === null ? -1 : agenda.findIndex((a) => a.id === currentId);
  const target = direction === 'next' ? Math.min(index + 1, agenda.length - 1) : Math.max(index - 1, -1);
  return target < 0 ? null : (agenda[target]?.id ?? null);
}

/**
 * Answering status of an activity when the facilitator arrives at it: a question (or the writing
 * of experience cards) never opened opens by itself (one click less in the room); a closed one
 * stays closed until reopened.
 */
export function answeringOnArrival(activity: Activity, status: AnsweringStatus): AnsweringStatus {
  return (isQuestion(activity) || activity.kind === 'experience') && status === 'idle' ? 'open' : status;
}

/**
 * The agenda without its presenter notes: what phones receive, and the presenter screen
 * unless the facilitator asked for the notes there.
 */
export function withoutNotes(agenda: readonly Activity[]): Activity[] {
  return agenda.map((activity) => {
    if (activity.notes === undefined) return activity;
    const { notes: _notes, ...shown } = activity;
    return shown as Activity;
  });
}
