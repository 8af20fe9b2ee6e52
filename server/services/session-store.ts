import { AppError } from '../../shared/errors.ts';
import type { Storage } from '../db/storage.ts';
import { SessionState, type SessionChange } from '../domain/session-state.ts';

type SessionStorage = Pick<Storage, 'sessions' | 'participants' | 'answers' | 'moderation' | 'transaction'>;

/**
 * The sessions held in memory, one `SessionState` each, shared by every service that reads or
 * changes a session (so none of them needs another to reach it). A session is loaded from
 * storage on its first use and kept: the rules and the answer path then read memory only, and a
 * restart resumes from what was stored. A change a control decides is committed here: stored in
 * one transaction, then applied in memory.
 *
 * Storage is reached in two places only, `#load` and `commit`, so both can become asynchronous
 * (an `open(sessionId)` at a join or a facilitator's connection; an awaited commit) while `get`
 * stays a synchronous read of memory.
 */
export class SessionStore {
  readonly #storage: SessionStorage;
  readonly #states = new Map<string, SessionState>();

  constructor(storage: SessionStorage) {
    this.#storage = storage;
  }

  /** The session in memory, loaded from storage on first use; SESSION_NOT_FOUND if there is none. */
  get(sessionId: string): SessionState {
    return this.#states.get(sessionId) ?? this.#load(sessionId);
  }

  /** Forgets the session in memory: the next use loads it again from storage. */
  forget(sessionId: string): void {
    this.#states.delete(sessionId);
  }

  /**
   * Stores what a control changes in one transaction, then applies it to the session in memory:
   * never the other way round, so a failed commit leaves both as they were.
   */
  commit(state: SessionState, change: SessionChange, at: number): void {
    const { sessions, moderation } = this.#storage;
    this.#storage.transaction(() => {
      if (change.agenda) sessions.saveAgenda(state.id, change.agenda, at);
      for (const { activityId, status } of change.answering ?? []) sessions.saveAnswering(state.id, activityId, status);
      if (change.keepOpen) sessions.saveKeepOpen(state.id, change.keepOpen.activityId, change.keepOpen.keepOpen);
      for (const { activityId, event } of change.events ?? []) sessions.recordEvent(state.id, activityId, event, at);
      if (change.moderation) moderation.setHidden(change.moderation.activityId, change.moderation.answerId, change.moderation.hidden);
      if (change.live) sessions.saveLive(state.id, change.live);
      if (change.closed) sessions.close(state.id, at);
    });
    state.apply(change);
  }

  #load(sessionId: string): SessionState {
    const { sessions, participants, answers, moderation } = this.#storage;
    const record = sessions.findById(sessionId);
    if (!record) throw new AppError('SESSION_NOT_FOUND', 'La sesión no existe.');
    const state = new SessionState({
      ...record,
      agenda: sessions.agenda(sessionId),
      participantCount: participants.countInSession(sessionId),
      answers: answers.forSession(sessionId),
      hiddenAnswers: moderation.hiddenForSession(sessionId),
    });
    this.#states.set(sessionId, state);
    return state;
  }
}
