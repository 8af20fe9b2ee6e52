import { AppError } from '../../shared/errors.ts';
import type { AnswerReceipt, AnswerSubmitPayload } from '../../shared/types.ts';
import type { AnswerRepository, AnswerWrite } from '../db/answer-repository.ts';
import { assertAnswerAccepted } from '../domain/answers.ts';
import type { Publisher } from './publisher.ts';
import type { SessionService } from './session-service.ts';

interface Pending {
  sessionId: string;
  write: AnswerWrite;
  resolve: (receipt: AnswerReceipt) => void;
  reject: (error: unknown) => void;
}

/**
 * Takes answers. Each is checked against the session's rules at once, then written with every
 * other answer of the same event-loop turn in one transaction (group commit: one fsync for the
 * batch), and only acknowledged once that transaction has committed.
 */
export class AnswerService {
  #queue: Pending[] = [];
  #flushScheduled = false;

  constructor(
    private readonly answers: AnswerRepository,
    private readonly sessions: SessionService,
    private readonly publisher: Publisher,
    private readonly now: () => number = Date.now,
  ) {}

  submit(sessionId: string, participantId: string, payload: AnswerSubmitPayload): Promise<AnswerReceipt> {
    const state = this.sessions.state(sessionId);
    // A retry of a stored answer is acknowledged as such even if answering has closed since.
    const earlier = this.answers.findSubmission(participantId, payload.clientAnswerId);
    if (earlier) {
      if (earlier.activityId !== payload.activityId) {
        throw new AppError('VALIDATION_FAILED', 'Ese identificador de respuesta ya se usó para otra pregunta.');
      }
      const value = state.answerOf(payload.activityId, participantId) ?? payload.value;
      return Promise.resolve({ activityId: payload.activityId, value, duplicate: true });
    }
    if (state.status === 'closed') throw new AppError('SESSION_CLOSED', 'Esta sesión ya terminó.');
    const activity = state.activity(payload.activityId);
    if (!activity) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
    assertAnswerAccepted(activity, state.answering.get(activity.id) ?? 'idle', payload.value);

    return new Promise((resolve, reject) => {
      const write = { clientAnswerId: payload.clientAnswerId, activityId: activity.id, participantId, value: payload.value, at: this.now() };
      this.#queue.push({ sessionId, write, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(this.#flush);
      }
    });
  }

  /** Writes everything queued in one transaction, then counts, acknowledges and publishes. */
  readonly #flush = (): void => {
    const batch = this.#queue;
    this.#queue = [];
    this.#flushScheduled = false;
    let stored: boolean[];
    try {
      stored = this.answers.writeBatch(batch.map((p) => p.write));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const { activityId, participantId, value } = p.write;
      const state = this.sessions.state(p.sessionId);
      const fresh = stored[i] === true;
      if (fresh) {
        state.recordAnswer(activityId, participantId, value);
        this.publisher.resultsChanged(p.sessionId, activityId);
      }
      p.resolve({ activityId, value: state.answerOf(activityId, participantId) ?? value, duplicate: !fresh });
    });
  };
}
