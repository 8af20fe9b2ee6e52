import { nanoid } from 'nanoid';
import { AppError } from '../../shared/errors.ts';
import {
  QA_LIMITS,
  type QaAnsweredPayload,
  type QaAskPayload,
  type QaBoard,
  type QaHighlightPayload,
  type QaMine,
  type QaStatusPayload,
  type QaVotePayload,
} from '../../shared/qa.ts';
import type { QaActivity } from '../../shared/types.ts';
import type { Storage } from '../db/storage.ts';
import {
  applyQa,
  ask,
  askerOf,
  assertQaOpen,
  boardView,
  emptyQa,
  highlight,
  mineView,
  qaFigures,
  setAnswered,
  setStatus,
  vote,
  type QaChange,
  type QaFigures,
  type QaState,
} from '../domain/qa.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import type { SessionState } from '../domain/session-state.ts';
import type { Publisher } from './publisher.ts';
import type { SessionPart, SessionStore } from './session-store.ts';

export interface QaServiceDeps {
  storage: Pick<Storage, 'qa' | 'participants' | 'transaction'>;
  store: Pick<SessionStore, 'get' | 'exclusive' | 'attach'>;
  publisher: Publisher;
  now?: () => number;
  newId?: () => string;
}

const rateLimited = () => new AppError('RATE_LIMITED', 'Demasiadas seguidas. Espera un momento y vuelve a intentarlo.');

/**
 * Questions from the room. Each command checks the session and the activity, takes a token from
 * the participant's allowance, asks `domain/qa.ts` what changes, stores that in one transaction,
 * applies it in memory, then publishes; a command that changes nothing stores nothing.
 */
export class QaService implements SessionPart {
  readonly #deps: QaServiceDeps;
  readonly #now: () => number;
  readonly #newId: () => string;
  /** Per session: each Q&A activity's state by activity id (loaded with the session). */
  readonly #sessions = new Map<string, Map<string, QaState>>();
  readonly #asks: RateLimiter;
  readonly #votes: RateLimiter;

  constructor(deps: QaServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#newId = deps.newId ?? (() => nanoid());
    this.#asks = new RateLimiter(QA_LIMITS.questionsPerMinute, 60_000, this.#now);
    this.#votes = new RateLimiter(QA_LIMITS.votesPerMinute, 60_000, this.#now);
    deps.store.attach(this);
  }

  /** Loads a session's questions with the session (see SessionStore.attach). */
  async load(sessionId: string): Promise<void> {
    if (this.#sessions.has(sessionId)) return;
    const states = await this.#deps.storage.qa.forSession(sessionId);
    if (!this.#sessions.has(sessionId)) this.#sessions.set(sessionId, states);
  }

  /** Every Q&A activity's board as the audience may see it, by activity id. */
  boards(sessionId: string, audience: 'facilitator' | 'participant'): Record<string, QaBoard> {
    return Object.fromEntries(this.#qaActivities(sessionId).map((a) => [a.id, boardView(this.#state(sessionId, a.id), audience)]));
  }

  /** One board, for the publisher. */
  board(sessionId: string, activityId: string, audience: 'facilitator' | 'participant'): QaBoard {
    return boardView(this.#state(sessionId, activityId), audience);
  }

  /** A participant's own questions and votes in every Q&A activity, by activity id. */
  mine(sessionId: string, participantId: string): Record<string, QaMine> {
    return Object.fromEntries(this.#qaActivities(sessionId).map((a) => [a.id, mineView(this.#state(sessionId, a.id), participantId)]));
  }

  /** One participant's own view of one activity, for the publisher. */
  mineOf(sessionId: string, activityId: string, participantId: string): QaMine {
    return mineView(this.#state(sessionId, activityId), participantId);
  }

  /** What the report keeps of each Q&A activity, by activity id. */
  figures(sessionId: string): Record<string, QaFigures> {
    return Object.fromEntries(this.#qaActivities(sessionId).map((a) => [a.id, qaFigures(this.#state(sessionId, a.id))]));
  }

  /** Whether a Q&A activity has questions (it then keeps its kind and is not deleted). */
  isStarted(sessionId: string, activityId: string): boolean {
    return this.#state(sessionId, activityId).questions.size > 0;
  }

  /** Drops a session from memory (after its data was deleted or removed). */
  forget(sessionId: string): void {
    this.#sessions.delete(sessionId);
  }

  /** A participant asks a question; a retry (same clientQuestionId) is acknowledged without storing twice. */
  ask(sessionId: string, participantId: string, payload: QaAskPayload): Promise<QaMine> {
    return this.#deps.store.exclusive(sessionId, async () => {
      const activity = this.#open(sessionId, payload.activityId);
      const authorName = payload.named ? ((await this.#deps.storage.participants.findById(participantId))?.displayName ?? null) : null;
      const qa = this.#state(sessionId, activity.id);
      const change = ask(qa, activity, {
        id: this.#newId(),
        participantId,
        clientId: payload.clientQuestionId,
        text: payload.text,
        authorName,
        now: this.#now(),
      });
      if (change && !this.#asks.take(participantId)) throw rateLimited();
      await this.#commit(sessionId, qa, change);
      return mineView(qa, participantId);
    });
  }

  /** A participant upvotes someone else's shown question, or withdraws the vote. */
  async vote(sessionId: string, participantId: string, payload: QaVotePayload): Promise<QaMine> {
    if (!this.#votes.take(participantId)) throw rateLimited();
    return this.#deps.store.exclusive(sessionId, async () => {
      const activity = this.#open(sessionId, payload.activityId);
      const qa = this.#state(sessionId, activity.id);
      await this.#commit(sessionId, qa, vote(qa, participantId, payload.questionId, payload.voted));
      return mineView(qa, participantId);
    });
  }

  /** The facilitator approves, shows again or hides a question. */
  setStatus(sessionId: string, payload: QaStatusPayload): Promise<QaBoard> {
    return this.#moderate(sessionId, payload.activityId, (qa) => setStatus(qa, payload.questionId, payload.status));
  }

  /** The facilitator marks a question answered, or not. */
  setAnswered(sessionId: string, payload: QaAnsweredPayload): Promise<QaBoard> {
    return this.#moderate(sessionId, payload.activityId, (qa) => setAnswered(qa, payload.questionId, payload.answered));
  }

  /** The facilitator puts a question on the projector, or takes it off. */
  highlight(sessionId: string, payload: QaHighlightPayload): Promise<QaBoard> {
    return this.#moderate(sessionId, payload.activityId, (qa) => highlight(qa, payload.questionId));
  }

  // ---------- internals ----------

  /** The open session and its Q&A activity, taking questions now. */
  #open(sessionId: string, activityId: string): QaActivity {
    const state = this.#deps.store.get(sessionId);
    state.assertOpen();
    const activity = qaActivity(state, activityId);
    assertQaOpen(activity, state.currentActivityId);
    return activity;
  }

  /** A facilitator's command on a Q&A activity of an open session, alone among the session's commands. */
  #moderate(sessionId: string, activityId: string, decide: (qa: QaState) => QaChange | null): Promise<QaBoard> {
    return this.#deps.store.exclusive(sessionId, async (state) => {
      state.assertOpen();
      const qa = this.#state(sessionId, qaActivity(state, activityId).id);
      await this.#commit(sessionId, qa, decide(qa));
      return boardView(qa, 'facilitator');
    });
  }

  /** Stores a change in one transaction, then applies and publishes it; null changes nothing. */
  async #commit(sessionId: string, qa: QaState, change: QaChange | null): Promise<void> {
    if (!change) return;
    await this.#deps.storage.transaction((tx) => tx.qa.record(change));
    applyQa(qa, change);
    this.#deps.publisher.qaChanged(sessionId, qa.activityId, askerOf(qa, change));
  }

  #qaActivities(sessionId: string): QaActivity[] {
    return this.#deps.store.get(sessionId).agenda.filter((a): a is QaActivity => a.kind === 'qa');
  }

  #state(sessionId: string, activityId: string): QaState {
    const states = this.#sessions.get(sessionId);
    if (!states) throw new AppError('SESSION_NOT_FOUND', 'La sesión no existe.');
    let state = states.get(activityId);
    if (!state) states.set(activityId, (state = emptyQa(activityId)));
    return state;
  }
}

function qaActivity(state: SessionState, activityId: string): QaActivity {
  const activity = state.activity(activityId);
  if (activity?.kind !== 'qa') throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad de preguntas no existe en esta sesión.');
  return activity;
}
