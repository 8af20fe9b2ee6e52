import { AppError } from '../../shared/errors.ts';
import type { AnswerReceipt, AnswerSubmitPayload, AnswerValue } from '../../shared/types.ts';
import type { Async } from '../db/async.ts';
import type { AnswerRepository, AnswerWrite, WriteOutcome } from '../db/answer-repository.ts';
import { assertAnswerAccepted } from '../domain/answers.ts';
import type { SessionState } from '../domain/session-state.ts';
import type { Publisher } from './publisher.ts';
import type { CommitObserver } from '../metrics/metrics.ts';
import { GroupCommit } from './group-commit.ts';
import type { SessionStore } from './session-store.ts';

/**
 * Takes answers. Each is checked against the session's rules at once, then written with every
 * other answer of the same event-loop turn (or, under load, of the same commit interval) in one
 * transaction (group commit: one fsync for the batch), and only acknowledged once that
 * transaction has committed.
 */
export class AnswerService {
  readonly #commits: GroupCommit<AnswerWrite, WriteOutcome>;

  constructor(
    private readonly answers: Async<Pick<AnswerRepository, 'writeBatch' | 'findSubmission'>>,
    private readonly store: Pick<SessionStore, 'get'>,
    private readonly publisher: Publisher,
    private readonly now: () => number = Date.now,
    observeCommit?: CommitObserver,
  ) {
    this.#commits = new GroupCommit((writes) => this.answers.writeBatch(writes), undefined, observeCommit);
  }

  /** Resolves once every answer submitted so far is stored (or failed): nothing of them is left to write. */
  written(): Promise<void> {
    return this.#commits.written();
  }

  submit(sessionId: string, participantId: string, payload: AnswerSubmitPayload): Promise<AnswerReceipt> {
    const state = this.store.get(sessionId);
    let activityId: string;
    try {
      state.assertOpen();
      const activity = state.activity(payload.activityId);
      if (!activity) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
      assertAnswerAccepted(activity, state.answeringOf(activity.id), payload.value);
      activityId = activity.id;
    } catch (error) {
      // A retry of a stored answer is acknowledged as such even if answering has closed since.
      // Accepted answers are checked for an earlier copy inside the batch write, so only a
      // refused one is looked up here.
      return this.answers.findSubmission(participantId, payload.clientAnswerId).then((earlier) => {
        if (!earlier) throw error;
        return this.#retried(state, participantId, payload.activityId, earlier.activityId, payload.value);
      });
    }

    const write = { clientAnswerId: payload.clientAnswerId, activityId, participantId, value: payload.value, at: this.now() };
    return this.#commits.add(write).then((outcome) => this.#committed(state, write, outcome));
  }

  /** A submission whose clientAnswerId was stored before: nothing is counted again. */
  #retried(state: SessionState, participantId: string, activityId: string, earlierActivityId: string, value: AnswerValue): AnswerReceipt {
    if (earlierActivityId !== activityId) {
      throw new AppError('VALIDATION_FAILED', 'Ese identificador de respuesta ya se usó para otra pregunta.');
    }
    return { activityId, value: state.answerOf(activityId, participantId) ?? value, duplicate: true };
  }

  /** After the commit: counts a new answer and publishes it, or tells a retry. */
  #committed(state: SessionState, write: AnswerWrite, outcome: WriteOutcome): AnswerReceipt {
    const { activityId, participantId, value } = write;
    if (!outcome.stored) return this.#retried(state, participantId, activityId, outcome.earlierActivityId, value);
    state.recordAnswer(activityId, participantId, value);
    this.publisher.resultsChanged(state.id, activityId);
    return { activityId, value, duplicate: false };
  }
}
