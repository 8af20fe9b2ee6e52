/**
 * Rules of questions from the room (the `qa` activity): when questions and votes are taken, what
 * a question may say, one vote per person per question (never on one's own), approval, hiding,
 * answered, the projector's highlighted question; and what each screen and the report receive.
 * Each rule returns the change it decides (or null: nothing changes); the service stores it in
 * one transaction and then applies it here.
 */
import { AppError } from '../../shared/errors.ts';
import { byVotes, takesQuestions, type QaBoard, type QaMine, type QaQuestion, type QaStatus } from '../../shared/qa.ts';
import type { QaActivity } from '../../shared/types.ts';

export interface QaQuestionRecord {
  id: string;
  activityId: string;
  participantId: string;
  clientId: string;
  text: string;
  /** The asker's display name when they chose to show it. */
  authorName: string | null;
  status: QaStatus;
  answered: boolean;
  askedAt: number;
}

/** One Q&A activity in memory: its questions in order asked, the voters of each, the highlighted one. */
export interface QaState {
  activityId: string;
  questions: Map<string, QaQuestionRecord>;
  /** Question id → the participants who upvoted it. */
  votes: Map<string, Set<string>>;
  highlightedId: string | null;
}

export type QaChange =
  | { kind: 'ask'; question: QaQuestionRecord }
  | { kind: 'vote'; questionId: string; participantId: string; voted: boolean }
  | { kind: 'status'; questionId: string; status: QaStatus }
  | { kind: 'answered'; questionId: string; answered: boolean }
  | { kind: 'highlight'; activityId: string; questionId: string | null };

export function emptyQa(activityId: string): QaState {
  return { activityId, questions: new Map(), votes: new Map(), highlightedId: null };
}

/** Refuses questions and votes outside their window (shared/qa.ts's `takesQuestions`). */
export function assertQaOpen(activity: QaActivity, currentActivityId: string | null): void {
  if (!takesQuestions(activity, currentActivityId))
    throw new AppError('ANSWERING_CLOSED', 'Las preguntas de esta actividad no están abiertas ahora.');
}

/** The question's text as stored: trimmed, not empty, within the activity's length. */
export function questionText(text: string, activity: QaActivity): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw invalidText('La pregunta está vacía.');
  if (trimmed.length > activity.maxLength) throw invalidText(`La pregunta tiene como máximo ${activity.maxLength} caracteres.`);
  return trimmed;
}

/** A new question: shown at once, or waiting for approval when the activity is moderated. */
export function ask(
  state: QaState,
  activity: QaActivity,
  input: { id: string; participantId: string; clientId: string; text: string; authorName: string | null; now: number },
): QaChange | null {
  const retried = [...state.questions.values()].some((q) => q.participantId === input.participantId && q.clientId === input.clientId);
  if (retried) return null;
  return {
    kind: 'ask',
    question: {
      id: input.id,
      activityId: state.activityId,
      participantId: input.participantId,
      clientId: input.clientId,
      text: questionText(input.text, activity),
      authorName: input.authorName,
      status: activity.moderated ? 'pending' : 'shown',
      answered: false,
      askedAt: input.now,
    },
  };
}

/** An upvote (or its withdrawal) on a shown question of someone else's; a repeat changes nothing. */
export function vote(state: QaState, participantId: string, questionId: string, voted: boolean): QaChange | null {
  const question = state.questions.get(questionId);
  if (!question || question.status !== 'shown') throw new AppError('NOT_FOUND', 'Esa pregunta no existe o no está a la vista.');
  if (question.participantId === participantId) throw new AppError('FORBIDDEN', 'No puedes votar por tu propia pregunta.');
  const has = state.votes.get(questionId)?.has(participantId) ?? false;
  return has === voted ? null : { kind: 'vote', questionId, participantId, voted };
}

/** The facilitator shows (approves) or hides a question; hiding the highlighted one takes it off the projector. */
export function setStatus(state: QaState, questionId: string, status: 'shown' | 'hidden'): QaChange | null {
  const question = found(state, questionId);
  return question.status === status ? null : { kind: 'status', questionId, status };
}

/** The facilitator marks a question answered (or not). */
export function setAnswered(state: QaState, questionId: string, answered: boolean): QaChange | null {
  const question = found(state, questionId);
  return question.answered === answered ? null : { kind: 'answered', questionId, answered };
}

/** The facilitator puts a shown question on the projector, or takes it off (null). */
export function highlight(state: QaState, questionId: string | null): QaChange | null {
  if (questionId !== null && found(state, questionId).status !== 'shown')
    throw new AppError('INVALID_STATE', 'Solo una pregunta a la vista puede ir a la pantalla.');
  return state.highlightedId === questionId ? null : { kind: 'highlight', activityId: state.activityId, questionId };
}

/** Applies a stored change to the state in memory. */
export function applyQa(state: QaState, change: QaChange): void {
  switch (change.kind) {
    case 'ask':
      state.questions.set(change.question.id, change.question);
      return;
    case 'vote': {
      const voters = state.votes.get(change.questionId) ?? new Set<string>();
      if (change.voted) voters.add(change.participantId);
      else voters.delete(change.participantId);
      state.votes.set(change.questionId, voters);
      return;
    }
    case 'status':
      state.questions.set(change.questionId, { ...found(state, change.questionId), status: change.status });
      if (change.status !== 'shown' && state.highlightedId === change.questionId) state.highlightedId = null;
      return;
    case 'answered':
      state.questions.set(change.questionId, { ...found(state, change.questionId), answered: change.answered });
      return;
    case 'highlight':
      state.highlightedId = change.questionId;
      return;
  }
}

/** Whose question a change concerns, when its asker should hear of it (approved, hidden, answered). */
export function askerOf(state: QaState, change: QaChange): string | null {
  if (change.kind !== 'status' && change.kind !== 'answered') return null;
  return state.questions.get(change.questionId)?.participantId ?? null;
}

/** Facilitators see every question with its status; participants the shown ones. */
export function boardView(state: QaState, audience: 'facilitator' | 'participant'): QaBoard {
  const questions = [...state.questions.values()]
    .filter((q) => audience === 'facilitator' || q.status === 'shown')
    .map((q) => questionView(state, q));
  return { activityId: state.activityId, questions, highlightedId: state.highlightedId };
}

/** One participant's own questions (whatever their status) and the questions they upvoted. */
export function mineView(state: QaState, participantId: string): QaMine {
  const questions = [...state.questions.values()].filter((q) => q.participantId === participantId).map((q) => questionView(state, q));
  const votedIds = [...state.votes].filter(([, voters]) => voters.has(participantId)).map(([id]) => id);
  return { activityId: state.activityId, questions, votedIds };
}

/** What a report keeps: shown questions by votes with their texts; hidden and pending ones counted only. */
export interface QaFigures {
  questions: Array<{ text: string; votes: number; answered: boolean }>;
  hiddenCount: number;
  pendingCount: number;
  /** People who asked at least one question. */
  askers: number;
}

export function qaFigures(state: QaState): QaFigures {
  const all = [...state.questions.values()];
  const shown = all
    .filter((q) => q.status === 'shown')
    .map((q) => questionView(state, q))
    .sort(byVotes);
  return {
    questions: shown.map((q) => ({ text: q.text, votes: q.votes, answered: q.answered })),
    hiddenCount: all.filter((q) => q.status === 'hidden').length,
    pendingCount: all.filter((q) => q.status === 'pending').length,
    askers: new Set(all.map((q) => q.participantId)).size,
  };
}

function questionView(state: QaState, q: QaQuestionRecord): QaQuestion {
  return {
    id: q.id,
    text: q.text,
    author: q.authorName,
    votes: state.votes.get(q.id)?.size ?? 0,
    answered: q.answered,
    status: q.status,
    askedAt: q.askedAt,
  };
}

function found(state: QaState, questionId: string): QaQuestionRecord {
  const question = state.questions.get(questionId);
  if (!question) throw new AppError('NOT_FOUND', 'Esa pregunta no existe.');
  return question;
}

function invalidText(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path: '/text', message }]);
}
