import { nanoid } from 'nanoid';
import { AppError } from '../../shared/errors.ts';
import type { Activity, ActivityDraft, AgendaChange } from '../../shared/types.ts';
import type { Storage } from '../db/storage.ts';
import { answeredOf } from '../domain/commitment.ts';
import { assertDeleteAllowed, assertUpdateAllowed, duplicateOf, insertAt, moveTo, removeFrom, replaceIn } from '../domain/agenda-edit.ts';
import type { BreakoutService } from './breakout-service.ts';
import type { Publisher } from './publisher.ts';
import type { SessionState } from '../domain/session-state.ts';
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

  insert(sessionId: string, index: number, draft: ActivityDraft): Promise<AgendaChange> {
    return this.#edit(sessionId, async (state) => {
      const activity = { ...draft, id: nanoid() } as Activity;
      return this.#commit(state, insertAt(openAgenda(state), index, activity), activity.id);
    });
  }

  update(sessionId: string, activity: Activity): Promise<AgendaChange> {
    return this.#edit(sessionId, async (state) => {
      const before = state.activity(activity.id);
      if (!before) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
      const started = await this.#started(sessionId, before);
      assertUpdateAllowed(before, activity, state.results(activity.id), started, state.answersTo(activity.id));
      return this.#commit(state, replaceIn(state.agenda, activity), activity.id);
    });
  }

  move(sessionId: string, activityId: string, toIndex: number): Promise<AgendaChange> {
    return this.#edit(sessionId, (state) => this.#commit(state, moveTo(openAgenda(state), activityId, toIndex), activityId));
  }

  duplicate(sessionId: string, activityId: string): Promise<AgendaChange> {
    return this.#edit(sessionId, (state) => {
      const { agenda, copy } = duplicateOf(openAgenda(state), activityId, nanoid());
      return this.#commit(state, agenda, copy.id);
    });
  }

  /** Deletes an activity; its answers are kept, so `restore` can undo it. */
  delete(sessionId: string, activityId: string): Promise<AgendaChange> {
    return this.#edit(sessionId, async (state) => {
      const activity = state.activity(activityId);
      assertDeleteAllowed(activityId, activity !== undefined && (await this.#started(sessionId, activity)), state.currentActivityId);
      return this.#commit(state, removeFrom(state.agenda, activityId).agenda, activityId);
    });
  }

  restore(sessionId: string, activityId: string, index: number): Promise<AgendaChange> {
    return this.#edit(sessionId, async (state) => {
      const deleted = await this.#deps.storage.sessions.findDeleted(sessionId, activityId);
      if (!deleted) throw new AppError('ACTIVITY_NOT_FOUND', 'No hay una actividad borrada con ese id.');
      const change = await this.#commit(state, insertAt(openAgenda(state), index, deleted), activityId);
      // Its answers were set aside with it: load the session again to count them.
      await this.#deps.store.reload(sessionId);
      this.#deps.publisher.liveChanged(sessionId);
      this.#deps.publisher.resultsChanged(sessionId, activityId);
      return change;
    });
  }

  /** An edit of the agenda, alone among the session's commands. */
  #edit(sessionId: string, edit: (state: SessionState) => Promise<AgendaChange>): Promise<AgendaChange> {
    return this.#deps.store.exclusive(sessionId, edit);
  }

  /** Whether a breakout's salas are formed, a synthesis' writing has begun, a commitment was written or taken up, or a Q&A has questions. */
  async #started(sessionId: string, activity: Activity): Promise<boolean> {
    if (activity.kind === 'commitment') {
      const { commitments } = this.#deps.storage;
      return (await commitments.countWritten(activity.id)) > 0 || answeredOf(await commitments.reviewCounts(activity.id)) > 0;
    }
    if (activity.kind === 'breakout') return this.#deps.breakouts.view(sessionId, activity.id).phase !== 'pending';
    if (activity.kind === 'synthesis') return this.#deps.syntheses.isStarted(sessionId, activity.id);
    if (activity.kind === 'qa') return this.#deps.qa.isStarted(sessionId, activity.id);
    return false;
  }

  async #commit(state: SessionState, agenda: Activity[], activityId: string): Promise<AgendaChange> {
    await this.#deps.store.commit(state, state.editAgenda(agenda), this.#now());
    this.#deps.publisher.agendaChanged(state.id);
    this.#deps.publisher.liveChanged(state.id);
    return { agenda: [...state.agenda], activityId };
  }
}

/** The agenda of an open session (a closed one is not edited). */
function openAgenda(state: SessionState): readonly Activity[] {
  state.assertOpen();
  return state.agenda;
}
