import { takesComments } from '../../shared/agenda.ts';
import type { CommentedActivity, FacilitatorComment } from '../../shared/types.ts';
import type { Storage } from '../db/storage.ts';
import { commentToStore } from '../domain/comments.ts';
import type { SessionStore } from './session-store.ts';

export interface CommentServiceDeps {
  storage: Pick<Storage, 'comments' | 'transaction'>;
  store: Pick<SessionStore, 'open'>;
  now?: () => number;
}

/**
 * The facilitator's "Comentarios y análisis" of each result: written from the console during
 * the session, edited later from the workspace, printed beside the results in every report.
 * Only facilitators read them: they are never published to a socket.
 */
export class CommentService {
  readonly #deps: CommentServiceDeps;
  readonly #now: () => number;

  constructor(deps: CommentServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** The session's activities that take comments, in agenda order, each with its comment (or null). */
  async list(sessionId: string): Promise<CommentedActivity[]> {
    const comments = await this.byActivity(sessionId);
    const state = await this.#deps.store.open(sessionId);
    return state.agenda
      .map((activity, index) => ({ activity, position: index + 1 }))
      .filter(({ activity }) => takesComments(activity))
      .map(({ activity, position }) => ({
        activityId: activity.id,
        position,
        kind: activity.kind,
        title: activity.title,
        comment: comments[activity.id] ?? null,
      }));
  }

  /** Every comment of the session, by activity id. */
  async byActivity(sessionId: string): Promise<Record<string, FacilitatorComment>> {
    return Object.fromEntries((await this.#deps.storage.comments.forSession(sessionId)).map((comment) => [comment.activityId, comment]));
  }

  /** Saves the comment on an activity of the agenda (open or closed session); an empty text removes it (null). */
  async save(sessionId: string, activityId: string, text: string): Promise<FacilitatorComment | null> {
    const state = await this.#deps.store.open(sessionId);
    const stored = commentToStore(state.activity(activityId), text);
    const at = this.#now();
    await this.#deps.storage.transaction((tx) => tx.comments.save(sessionId, activityId, stored, at));
    return stored === null ? null : { activityId, text: stored, updatedAt: at };
  }
}
