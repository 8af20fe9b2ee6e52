/**
 * A participant's live session. The socket joins on every connect (first load, reconnects,
 * server restarts) with the token kept per join code, and the join ack's snapshot replaces
 * whatever the page knew. Answers are kept in localStorage until acknowledged, and re-sent
 * after rejoining with the same clientAnswerId, so a retry never counts twice.
 */
import type { Activity, ActivityResults, AnswerValue, LiveState, ParticipantSnapshot, SessionView } from '../../../shared/types.ts';
import { isErrorCode, type UiErrorCode } from './i18n.svelte.ts';
import { newId } from './ids.ts';
import { readJson, storageKeys, writeJson } from './storage.ts';
import { AckTimeoutError, emitWithAck, participantSocket, type AppSocket } from './socket.ts';

const JOIN_TIMEOUT_MS = 8000;
const ANSWER_TIMEOUT_MS = 5000;
const ANSWER_RETRIES = 2;
const RETRY_LATER_MS = 4000;

export type ParticipantPhase = 'connecting' | 'joined' | 'closed' | 'failed';
/** Where the participant's answer to one activity stands. */
export type AnswerStatus = 'none' | 'sending' | 'queued' | 'confirmed';

interface StoredParticipant {
  token: string;
  sessionId: string | null;
  displayName: string | null;
}

export interface PendingAnswer {
  clientAnswerId: string;
  value: AnswerValue;
}

function isStoredParticipant(value: unknown): value is StoredParticipant {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.token === 'string' &&
    (record.sessionId === null || typeof record.sessionId === 'string') &&
    (record.displayName === null || typeof record.displayName === 'string')
  );
}

function isPendingMap(value: unknown): value is Record<string, PendingAnswer> {
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every(
    (entry: unknown) =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as PendingAnswer).clientAnswerId === 'string' &&
      typeof (entry as PendingAnswer).value === 'object',
  );
}

/** What this browser remembers of a join code: the participant token, if it joined before. */
export function storedParticipant(code: string): StoredParticipant | null {
  return readJson('local', storageKeys.participant(code), isStoredParticipant);
}

export class ParticipantSession {
  readonly code: string;
  #socket: AppSocket;
  #displayName: string | null;
  /** True between a successful join ack and the next disconnect: only then may answers be sent. */
  #joinedNow = false;
  #disposed = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;

  #phase = $state<ParticipantPhase>('connecting');
  #failure = $state<UiErrorCode | null>(null);
  #connected = $state(false);
  #session = $state.raw<SessionView | null>(null);
  #live = $state.raw<LiveState | null>(null);
  #results = $state.raw<Record<string, ActivityResults>>({});
  #myAnswers = $state.raw<Record<string, AnswerValue>>({});
  #pending = $state.raw<Record<string, PendingAnswer>>({});
  #answerErrors = $state.raw<Record<string, UiErrorCode>>({});

  #currentActivity = $derived.by((): Activity | null => {
    const id = this.#live?.currentActivityId ?? null;
    if (id === null) return null;
    return this.#session?.agenda.find((activity) => activity.id === id) ?? null;
  });

  /** Results of the current activity, only while the facilitator shows them. */
  #visibleResults = $derived.by((): ActivityResults | null => {
    const live = this.#live;
    if (!live?.resultsVisible || live.currentActivityId === null) return null;
    return this.#results[live.currentActivityId] ?? null;
  });

  constructor(code: string, displayName: string | null) {
    this.code = code;
    const stored = storedParticipant(code);
    this.#displayName = displayName ?? stored?.displayName ?? null;
    this.#pending = readJson('local', storageKeys.pending(code), isPendingMap) ?? {};
    this.#socket = participantSocket();
    this.#socket.on('connect', () => {
      this.#connected = true;
      void this.#join();
    });
    this.#socket.on('disconnect', (reason) => {
      this.#connected = false;
      this.#joinedNow = false;
      if (reason === 'io server disconnect' && this.#phase === 'joined') {
        setTimeout(() => {
          if (!this.#disposed) this.#socket.connect();
        }, 1000);
      }
    });
    this.#socket.on('session:live', (live) => {
      this.#live = live;
      if (live.status === 'closed') this.#phase = 'closed';
    });
    this.#socket.on('results:updated', ({ activityId, results }) => {
      this.#results = { ...this.#results, [activityId]: results };
    });
    this.#socket.connect();
  }

  get phase(): ParticipantPhase {
    return this.#phase;
  }
  /** Why joining failed (unknown code, closed session…), when phase is 'failed'. */
  get failure(): UiErrorCode | null {
    return this.#failure;
  }
  /** False while the connection is down (after having joined): answers wait in storage. */
  get connected(): boolean {
    return this.#connected;
  }
  get session(): SessionView | null {
    return this.#session;
  }
  get live(): LiveState | null {
    return this.#live;
  }
  get displayName(): string | null {
    return this.#displayName;
  }
  get currentActivity(): Activity | null {
    return this.#currentActivity;
  }
  get visibleResults(): ActivityResults | null {
    return this.#visibleResults;
  }

  /** The answer the server holds for an activity. */
  confirmedAnswer = (activityId: string): AnswerValue | null => this.#myAnswers[activityId] ?? null;

  /** The answer the participant means to give: the unacknowledged one first. */
  latestAnswer = (activityId: string): AnswerValue | null => this.#pending[activityId]?.value ?? this.#myAnswers[activityId] ?? null;

  answerStatus = (activityId: string): AnswerStatus => {
    if (this.#pending[activityId]) return this.#connected ? 'sending' : 'queued';
    return this.#myAnswers[activityId] ? 'confirmed' : 'none';
  };

  answerError = (activityId: string): UiErrorCode | null => this.#answerErrors[activityId] ?? null;

  isAnsweringOpen = (activityId: string): boolean => this.#live?.answering[activityId] === 'open';

  /** Records the answer and sends it; it stays pending (and stored) until the server acknowledges it. */
  submit = (activityId: string, value: AnswerValue): void => {
    const entry: PendingAnswer = { clientAnswerId: newId(), value };
    this.#setPending({ ...this.#pending, [activityId]: entry });
    this.#setAnswerError(activityId, null);
    void this.#send(activityId, entry);
  };

  dispose = (): void => {
    this.#disposed = true;
    this.#joinedNow = false;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
  };

  #join = async (): Promise<void> => {
    const stored = storedParticipant(this.code);
    const payload = {
      code: this.code,
      ...(stored ? { participantToken: stored.token } : {}),
      ...(this.#displayName ? { displayName: this.#displayName } : {}),
    };
    let ack;
    try {
      ack = await emitWithAck(this.#socket, 'session:join', payload, { timeoutMs: JOIN_TIMEOUT_MS, retries: 2 });
    } catch {
      // No answer from the server: the socket stays up, so knock again shortly.
      this.#scheduleRejoin();
      return;
    }
    if (!ack.ok) {
      const code = isErrorCode(ack.error.code) ? ack.error.code : 'INTERNAL';
      if (code === 'RATE_LIMITED' || code === 'INTERNAL') {
        this.#scheduleRejoin();
        return;
      }
      if (code === 'SESSION_CLOSED') {
        this.#phase = 'closed';
      } else {
        this.#phase = 'failed';
        this.#failure = code;
      }
      this.#socket.disconnect();
      return;
    }
    const { participantToken, snapshot } = ack.data;
    writeJson('local', storageKeys.participant(this.code), {
      token: participantToken,
      sessionId: snapshot.session.id,
      displayName: snapshot.displayName ?? this.#displayName,
    } satisfies StoredParticipant);
    this.#applySnapshot(snapshot);
    this.#joinedNow = true;
    this.#flushPending();
  };

  #scheduleRejoin = (): void => {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#socket.connected && !this.#joinedNow) void this.#join();
    }, RETRY_LATER_MS);
  };

  #applySnapshot = (snapshot: ParticipantSnapshot): void => {
    this.#session = snapshot.session;
    this.#live = snapshot.session.live;
    this.#results = snapshot.results;
    this.#myAnswers = snapshot.myAnswers;
    this.#displayName = snapshot.displayName ?? this.#displayName;
    this.#phase = snapshot.session.live.status === 'closed' ? 'closed' : 'joined';
  };

  #flushPending = (): void => {
    for (const [activityId, entry] of Object.entries(this.#pending)) void this.#send(activityId, entry);
  };

  #isCurrentPending = (activityId: string, entry: PendingAnswer): boolean =>
    this.#pending[activityId]?.clientAnswerId === entry.clientAnswerId;

  #send = async (activityId: string, entry: PendingAnswer): Promise<void> => {
    // Not joined (yet, or any more): the answer waits and goes out after the next join ack.
    if (!this.#joinedNow) return;
    let ack;
    try {
      ack = await emitWithAck(
        this.#socket,
        'answer:submit',
        { activityId, clientAnswerId: entry.clientAnswerId, value: entry.value },
        { timeoutMs: ANSWER_TIMEOUT_MS, retries: ANSWER_RETRIES, canSend: () => this.#joinedNow && this.#isCurrentPending(activityId, entry) },
      );
    } catch (error) {
      if (error instanceof AckTimeoutError) this.#retryLater(activityId, entry);
      return;
    }
    if (ack.ok) {
      this.#myAnswers = { ...this.#myAnswers, [activityId]: ack.data.value };
      if (this.#isCurrentPending(activityId, entry)) this.#dropPending(activityId);
      return;
    }
    const code = isErrorCode(ack.error.code) ? ack.error.code : 'INTERNAL';
    if (code === 'NOT_JOINED') {
      // The server forgot this socket (e.g. it restarted between our join and this answer).
      this.#joinedNow = false;
      void this.#join();
      return;
    }
    if (code === 'RATE_LIMITED' || code === 'INTERNAL') {
      this.#retryLater(activityId, entry);
      return;
    }
    if (this.#isCurrentPending(activityId, entry)) {
      this.#dropPending(activityId);
      this.#setAnswerError(activityId, code);
    }
  };

  #retryLater = (activityId: string, entry: PendingAnswer): void => {
    setTimeout(() => {
      if (!this.#disposed && this.#isCurrentPending(activityId, entry)) void this.#send(activityId, entry);
    }, RETRY_LATER_MS);
  };

  #setPending = (pending: Record<string, PendingAnswer>): void => {
    this.#pending = pending;
    writeJson('local', storageKeys.pending(this.code), pending);
  };

  #dropPending = (activityId: string): void => {
    const { [activityId]: _dropped, ...rest } = this.#pending;
    this.#setPending(rest);
  };

  #setAnswerError = (activityId: string, code: UiErrorCode | null): void => {
    const { [activityId]: _previous, ...rest } = this.#answerErrors;
    this.#answerErrors = code === null ? rest : { ...rest, [activityId]: code };
  };
}
