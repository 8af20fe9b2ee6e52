/**
 * Rules of the agenda that server and client both apply: which activities take answers and
 * comments, and which breakout's salas write a synthesis.
 */
import type { Activity, BreakoutActivity, QuestionActivity, SynthesisActivity } from './types.ts';

/** Activities that take answers from the phones (choice, rating, ranking, points, open); slides, breakouts and syntheses do not. */
export function isQuestion(activity: Activity | null | undefined): activity is QuestionActivity {
  const kind = activity?.kind;
  return kind === 'choice' || kind === 'rating' || kind === 'ranking' || kind === 'points' || kind === 'open';
}

/**
 * Activities whose results the facilitator comments on ("Comentarios y análisis"): questions,
 * breakouts, syntheses and questions from the room, the entries of a report. A slide has its notes instead.
 */
export function takesComments(activity: Activity | null | undefined): boolean {
  return isQuestion(activity) || activity?.kind === 'breakout' || activity?.kind === 'synthesis' || activity?.kind === 'qa';
}

/** The breakout whose salas write a synthesis: the nearest one before it in the agenda. */
export function breakoutFor(agenda: readonly Activity[], synthesisId: string): BreakoutActivity | null {
  const index = agenda.findIndex((a) => a.id === synthesisId);
  for (let i = index - 1; i >= 0; i--) {
    const activity = agenda[i]!;
    if (activity.kind === 'breakout') return activity;
  }
  return null;
}

/** The synthesis activities a breakout's salas write (their notes start when its salas are formed). */
export function synthesesOf(agenda: readonly Activity[], breakoutId: string): SynthesisActivity[] {
  return agenda.filter((a): a is SynthesisActivity => a.kind === 'synthesis' && breakoutFor(agenda, a.id)?.id === breakoutId);
}
