import { nanoid } from 'nanoid';
import { AppError } from '../../shared/errors.ts';
import type { Activity, ActivityDraft, AgendaChange } from '../../shared/types.ts';
import type { SessionRepository } from '../db/session-repository.ts';
import { assertAgendaConsistent, assertEditKeepsAnswers, duplicateOf, insertAt, moveTo, removeFrom, replaceIn } from '../domain/agenda-edit.ts';
import type { BreakoutService } from './breakout-service.ts';
import type { Publisher } from './publisher.ts';
import type { SessionService } from './session-service.ts';
import type { SynthesisService } from './synthesis-service.ts';

export interface AgendaServiceDeps {
  sessionsRepo: SessionRepository;
  sessions: Pick<SessionService, 'state' | 'reload'>;
  breakouts: Pick<BreakoutService, 'view'>;
  syntheses: Pick<SynthesisService, 'isStarted'>;
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
    const state = this.#deps.sessions.state(sessionId);
    const before = state.activity(activity.id);
    if (!before) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
    assertEditKeepsAnswers(before, activity, state.results(activity.id));
    if (before.kind === 'breakout' && activity.kind === 'breakout' && this.#started(sessionId, before)) {
      const regrouped = JSON.stringify(before.sizing) !== JSON.stringify(activity.sizing) || before.mode !== activity.mode;
      if (regrouped) throw new AppError('INVALID_STATE', 'Las salas ya están formadas: ya no se puede cambiar cómo se agrupa.');
    }
    if (before.kind !== activity.kind && this.#started(sessionId, before)) throw new AppError('INVALID_STATE', 'Esta actividad ya empezó: no puede cambiar de tipo.');
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
    const state = this.#deps.sessions.state(sessionId);
    const activity = state.activity(activityId);
    if (activity && this.#started(sessionId, activity)) {
      throw new AppError('INVALID_STATE', 'Esta actividad de salas o síntesis ya empezó: no se puede borrar.');
    }
    if (state.currentActivityId === activityId) throw new AppError('INVALID_STATE', 'Esa actividad está en pantalla: pasa a otra antes de borrarla.');
    return this.#commit(sessionId, removeFrom(state.agenda, activityId).agenda, activityId);
  }

  restore(sessionId: string, activityId: string, index: number): AgendaChange {
    const deleted = this.#deps.sessionsRepo.findDeleted(sessionId, activityId);
    if (!deleted) throw new AppError('ACTIVITY_NOT_FOUND', 'No hay una actividad borrada con ese id.');
    const change = this.#commit(sessionId, insertAt(this.#agenda(sessionId), index, deleted), activityId);
    // Its answers were set aside with it: load the session again to count them.
    this.#deps.sessions.reload(sessionId);
    this.#deps.publisher.liveChanged(sessionId);
    this.#deps.publisher.resultsChanged(sessionId, activityId);
    return change;
  }

  #agenda(sessionId: string): readonly Activity[] {
    const state = this.#deps.sessions.state(sessionId);
    if (state.status === 'closed') throw new AppError('SESSION_CLOSED', 'Esta sesión ya terminó.');
    return state.agenda;
  }

  #started(sessionId: string, activity: Activity): boolean {
    if (activity.kind === 'breakout') return this.#deps.breakouts.view(sessionId, activity.id).phase !== 'pending';
    if (activity.kind === 'synthesis') return this.#deps.syntheses.isStarted(sessionId, activity.id);
    return false;
  }

  #commit(sessionId: string, agenda: Activity[], activityId: string): AgendaChange {
    this.#agenda(sessionId);
    assertAgendaConsistent(agenda);
    this.#deps.sessionsRepo.saveAgenda(sessionId, agenda, this.#now());
    const state = this.#deps.sessions.state(sessionId);
    const wasCurrent = state.currentActivityId;
    state.setAgenda(agenda);
    if (wasCurrent !== state.currentActivityId) this.#deps.sessionsRepo.saveLive(sessionId, state);
    this.#deps.publisher.agendaChanged(sessionId);
    this.#deps.publisher.liveChanged(sessionId);
    return { agenda: [...state.agenda], activityId };
  }
}
