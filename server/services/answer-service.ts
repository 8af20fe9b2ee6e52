import { AppError } from '../../shared/errors.ts';
import type { AnswerReceipt, AnswerSubmitPayload, AnswerValue } from '../../shared/types.ts';
import type { AnswerRepository, AnswerWrite, WriteOutcome } from '../db/answer-repository.ts';
import { assertAnswerAccepted } from '../domain/answers.ts';
import type { SessionState } from '../domain/session-state.ts';
import type { Publisher } from './publisher.ts';
import type { SessionService } from './session-service.ts';

interface Pending {
  sessionId: string;
  write: AnswerWrite;
  resolve: (receipt: AnswerReceipt) => void;
  reject: (error: unknown) => void;
}

/**
 * Under load, a transaction starts at most this often: answers arriving sooner wait for it, so
 * more of them share one commit (one fsync, and fewer pages written per answer; see
 * docs/performance.md). After a quiet spell an answer is committed at the end of its turn.
 */
export const COMMIT_INTERVAL_MS = 10;

/**
 * Takes answers. Each is checked against the session's rules at once, then written with every
 * other answer of the same event-loop turn (or, under load, of the same COMMIT_INTERVAL_MS) in one
 * transaction (group commit: one fsync for the batch), and only acknowledged once that
 * transaction has committed.
 */
export class AnswerService {
  #queue: Pending[] = [];
  #flushScheduled = false;
  #lastCommitAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly answers: AnswerRepository,
    private readonly sessions: SessionService,
    private readonly publisher: Publisher,
    private readonly now: () => number = Date.now,
    private readonly commitIntervalMs: number = COMMIT_INTERVAL_MS,
  ) {}

  submit(sessionId: string, participantId: string, payload: AnswerSubmitPayload): Promise<AnswerReceipt> {
    const state = this.sessions.state(sessionId);
    let activityId: string;
    try {
      if (state.status === 'closed') throw new AppError('SESSION_CLOSED', 'Esta sesión ya terminó.');
      const activity = state.activity(payload.activityId);
      if (!activity) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
      assertAnswerAccepted(activity, state.answering.get(activity.id) ?? 'idle', payload.value);
      activityId = activity.id;
    } catch (error) {
      // A retry of a stored answer is acknowledged as such even if answering has closed since.
      // Accepted answers meet their earlier copy at write time (the submission's unique key), so
      // only a refused one is looked up here: no read on the path of every answer.
      const earlier = this.answers.findSubmission(participantId, payload.clientAnswerId);
      if (!earlier) throw error;
      return Promise.resolve(this.#retried(state, participantId, payload.activityId, earlier.activityId, payload.value));
    }

    return new Promise((resolve, reject) => {
      const write = { clientAnswerId: payload.clientAnswerId, activityId, participantId, value: payload.value, at: this.now() };
      this.#queue.push({ sessionId, write, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        const wait = this.#lastCommitAt + this.commitIntervalMs - performance.now();
        if (wait <= 0) setImmediate(this.#flush);
        else setTimeout(this.#flush, Math.ceil(wait));
      }
    });
  }

  /** A submission whose clientAnswerId was stored before: nothing is counted again. */
  #retried(state: SessionState, participantId: string, activityId: string, earlierActivityId: string, value: AnswerValue): AnswerReceipt {
    if (earlierActivityId !== activityId) {
      throw new AppError('VALIDATION_FAILED', 'Ese identificador de respuesta ya se usó para otra pregunta.');
    }
    return { activityId, value: state.answerOf(activityId, participantId) ?? value, duplicate: true };
  }

  /** Writes everything queued in one transaction, then counts, acknowledges and publishes. */
  readonly #flush = (): void => {
    const batch = this.#queue;
    this.#queue = [];
    this.#flushScheduled = false;
    this.#lastCommitAt = performance.now();
    let outcomes: WriteOutcome[];
    try {
      outcomes = this.answers.writeBatch(batch.map((p) => p.write));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const { activityId, participantId, value } = p.write;
      const state = this.sessions.state(p.sessionId);
      const outcome = outcomes[i];
      if (outcome && !outcome.stored) {
        try {
          p.resolve(this.#retried(state, participantId, activityId, outcome.earlierActivityId, value));
        } catch (error) {
          p.reject(error);
        }
        return;
      }
      state.recordAnswer(activityId, participantId, value);
      this.publisher.resultsChanged(p.sessionId, activityId);
      p.resolve({ activityId, value, duplicate: false });
    });
  };
}
