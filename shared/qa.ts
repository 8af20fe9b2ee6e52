/**
 * Questions from the room (Q&A): what screens receive of a `qa` activity, its limits, and the
 * orderings every screen applies (the projector's top questions, the phone's top/recent).
 */
import type { Static } from 'typebox';
import type * as S from './schemas.ts';
import type { QaActivity } from './types.ts';

export type QaAskPayload = Static<typeof S.QaAskPayloadSchema>;
export type QaVotePayload = Static<typeof S.QaVotePayloadSchema>;
export type QaStatusPayload = Static<typeof S.QaStatusPayloadSchema>;
export type QaAnsweredPayload = Static<typeof S.QaAnsweredPayloadSchema>;
export type QaHighlightPayload = Static<typeof S.QaHighlightPayloadSchema>;

export const QA_LIMITS = {
  /** Questions per participant per minute (a burst of this many, refilled over the minute). */
  questionsPerMinute: 3,
  /** Votes given or withdrawn per participant per minute. */
  votesPerMinute: 60,
  /** Questions the projector lists, most voted first. */
  projectorTop: 6,
} as const;

/** pending: waiting for the facilitator's approval; shown: everyone sees it; hidden: kept, never shown or printed. */
export type QaStatus = 'pending' | 'shown' | 'hidden';

export interface QaQuestion {
  id: string;
  text: string;
  /** The asker's display name when they chose to show it; null: anonymous. */
  author: string | null;
  votes: number;
  answered: boolean;
  status: QaStatus;
  /** When it was asked (server clock). */
  askedAt: number;
}

/**
 * A Q&A activity's questions as the receiver may see them: facilitators every question with its
 * status; participants only the shown ones.
 */
export interface QaBoard {
  activityId: string;
  questions: QaQuestion[];
  /** The question on the projector in large type, or null. */
  highlightedId: string | null;
}

/** What one participant has of a Q&A activity: their own questions (pending and hidden ones too) and their votes. */
export interface QaMine {
  activityId: string;
  questions: QaQuestion[];
  votedIds: string[];
}

export type QaOrder = 'top' | 'recent';

/**
 * Questions and votes are taken while the activity is on screen, or at any time in the session
 * when the activity says so (`openAllSession`); the session being open is checked apart.
 */
export function takesQuestions(activity: QaActivity, currentActivityId: string | null): boolean {
  return activity.openAllSession || currentActivityId === activity.id;
}

/** Most voted first; a tie goes to the question asked first. */
export function byVotes(a: QaQuestion, b: QaQuestion): number {
  return b.votes - a.votes || a.askedAt - b.askedAt || a.id.localeCompare(b.id);
}

/** Newest first. */
export function byRecent(a: QaQuestion, b: QaQuestion): number {
  return b.askedAt - a.askedAt || a.id.localeCompare(b.id);
}

/** The shown questions in the order asked for. */
export function orderedQuestions(questions: readonly QaQuestion[], order: QaOrder): QaQuestion[] {
  return questions.filter((q) => q.status === 'shown').sort(order === 'top' ? byVotes : byRecent);
}

/** What the projector lists: the top shown questions by votes (ties by time). */
export function projectorQuestions(board: QaBoard, limit: number = QA_LIMITS.projectorTop): QaQuestion[] {
  return orderedQuestions(board.questions, 'top').slice(0, limit);
}

/**
 * What the projector shows of a board: the question the facilitator put up (if still shown), and
 * the top questions besides it, fewer when one is up (it takes the room's eye and the space).
 */
export function projectorView(board: QaBoard): { highlighted: QaQuestion | null; top: QaQuestion[] } {
  const highlighted = board.questions.find((q) => q.id === board.highlightedId && q.status === 'shown') ?? null;
  const top = projectorQuestions(board)
    .filter((q) => q.id !== highlighted?.id)
    .slice(0, highlighted ? 3 : undefined);
  return { highlighted, top };
}
