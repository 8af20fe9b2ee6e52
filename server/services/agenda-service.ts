import { nanoid } from 'nanoid';
import { AppError } from '../../shared/errors.ts';
import type { Activity, ActivityDraft, AgendaChange } from '../../shared/types.ts';
import type { Storage } from '../db/storage.ts';
import { answeredOf } from '../domain/commitment.ts';
import { assertDeleteAllowed, assertUpdateAllowed, duplicateOf, insertAt, moveTo, removeFrom, replaceIn } from '../domain/agenda-edit.ts';
import type { BreakoutService } from './breakout-service.ts';
import type { Publisher } from './publisher.ts';
import type { SessionStore } from './session-store.ts';
import type { SynthesisService } from './synthesis-service.ts';
import type { QaService } from './qa-service.ts';

export interface AgendaServiceDeps {
  storage: Pick<Storage, 'sessions' | 'commitments'>;
  store: SessionStore;
  breakouts: Pick<BreakoutService, 'view'>;
  syntheses: Pick<SynthesisService, 'isStarted'>;
  qa: Pick<QaService, 'isStarted'>;
  publisher: Publisher;
  now?: () => number;
}

/**
 * The facilitator's agenda editing, before and during a session: every change is saved at
 * once and sent to everyone, and nothing that would corrupt answers is allowed.
 */
export class AgendaService {
  readonly #deps: AgendaServiceDeps;
  readonly #now: () => number;

  constructor(deps: AgendaServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  insert(sessionId: string, index: number, draft: ActivityDraft): AgendaChange {
    const activity = { ...draft, id: nanoid() } as Activity;
    return this.#commit(sessionId, insertAt(this.#agenda(sessionId), index, activity), activity.id);
  }

  update(sessionId: string, activity: Activity): AgendaChange {
    const state = this.#deps.store.get(sessionId);
    const before = state.activity(activity.id);
    if (!before) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
    assertUpdateAllowed(before, activity, state.results(activity.id), this.#started(sessionId, before), state.answersTo(activity.id));
    return this.#commit(sessionId, replaceIn(state.agenda, activity), activity.id);
  }

  move(sessionId: string, activityId: string, toIndex: number): AgendaChange {
    return this.#commit(sessionId, moveTo(this.#agenda(sessionId), activityId, toIndex), activityId);
  }

  duplicate(sessionId: string, activityId: string): AgendaChange {
    const { agenda, copy } = duplicateOf(this.#agenda(sessionId), activityId, nanoid());
    return this.#commit(sessionId, agenda, copy.id);
  }

  /** Deletes an activity; its answers are kept, so `restore` can undo it. */
  delete(sessionId: string, activityId: string): AgendaChange {
    const state = this.#deps.store.get(sessionId);
    const activity = state.activity(activityId);
    assertDeleteAllowed(activityId, activity !== undefined && this.#started(sessionId, activity), state.currentActivityId);
    return this.#commit(sessionId, removeFrom(state.agenda, activityId).agenda, activityId);
  }

  restore(sessionId: string, activityId: string, index: number): AgendaChange {
    const deleted = this.#deps.storage.sessions.findDeleted(sessionId, activityId);
    if (!deleted) throw new AppError('ACTIVITY_NOT_FOUND', 'No hay una actividad borrada con ese id.');
    const change = this.#commit(sessionId, insertAt(this.#agenda(sessionId), index, deleted), activityId);
    // Its answers were set aside with it: load the session again to count them.
    this.#deps.store.forget(sessionId);
    this.#deps.publisher.liveChanged(sessionId);
    this.#deps.publisher.resultsChanged(sessionId, activityId);
    return change;
  }

  #agenda(sessionId: string): readonly Activity[] {
    const state = this.#deps.store.get(sessionId);
    state.assertOpen();
    return state.agenda;
  }

  /** Whether a breakout's salas are formed, a synthesis' writing has begun, a commitment was written or taken up, or a Q&A has questions. */
  #started(sessionId: string, activity: Activity): boolean {
    if (activity.kind === 'commitment') {
      const { commitments } = this.#deps.storage;
      return commitments.countWritten(activity.id) > 0 || answeredOf(commitments.reviewCounts(activity.id)) > 0;
    }
    if (activity.kind === 'breakout') return this.#deps.breakouts.view(sessionId, activity.id).phase !== 'pending';
    if (activity.kind === 'synthesis') return this.#deps.syntheses.isStarted(sessionId, activity.id);
    if (activity.kind === 'qa') return this.#deps.qa.isStarted(sessionId, activity.id);
    return false;
  }

  #commit(sessionId: string, agenda: Activity[], activityId: string): AgendaChange {
    const state = this.#deps.store.get(sessionId);
    this.#deps.store.commit(state, state.editAgenda(agenda), this.#now());
    this.#deps.publisher.agendaChanged(sessionId);
    this.#deps.publisher.liveChanged(sessionId);
    return { agenda: [...state.agenda], activityId };
  }
}
