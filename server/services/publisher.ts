import type { LiveState } from '../../shared/types.ts';

/**
 * The port services publish through; the realtime layer implements it (services never import
 * socket.io). Calls only say what changed: the publisher reads the state when it sends, so a
 * burst of changes becomes one message per session per interval.
 */
export interface Publisher {
  liveChanged(sessionId: string): void;
  agendaChanged(sessionId: string): void;
  resultsChanged(sessionId: string, activityId: string): void;
  breakoutChanged(sessionId: string, activityId: string): void;
  synthesisChanged(sessionId: string, activityId: string): void;
  /** A sala's turns to speak changed (`activityId` is its breakout's). */
  turnsChanged(sessionId: string, activityId: string, salaId: string): void;
  /** A Q&A activity's questions changed; `askerId`: the participant whose own question it was, to tell them. */
  qaChanged(sessionId: string, activityId: string, askerId: string | null): void;
  /** The session was deleted: tell everyone in it now (it has ended) and let them go. */
  sessionRemoved(sessionId: string, finalLive: LiveState): void;
}
