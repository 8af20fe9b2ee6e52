/**
 * A participant's answers on their way to the server. An answer is kept in localStorage from
 * the tap until the server acknowledges it, so it survives a dropped signal and a reload; it
 * goes out at once when joined, and again after every join, always with the clientAnswerId it
 * was given, so a repeat is recognised as a duplicate and never counted twice. It leaves the
 * queue when acknowledged, or when the server refuses it for good (answering closed, a value
 * not valid), with the reason kept for the screen. One answer waits per activity: a newer one
 * replaces it, and the older one is not sent again.
 */
import type { AnswerSubmitPayload, AnswerValue } from '../../../shared/types.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import { newId } from './ids.ts';
import { isTransient, type CommandResult } from './live-connection.svelte.ts';
import { readJson, storageKeys, writeJson } from './storage.ts';

/** Where the participant's answer to one activity stands. */
export type AnswerStatus = 'none' | 'sending' | 'queued' | 'confirmed';

export interface PendingAnswer {
  clientAnswerId: string;
  value: AnswerValue;
}

/** An answer the server did not take now (busy, rate-limited, no ack) is sent again this much later. */
export const RETRY_LATER_MS = 4000;

/**
 * Not sent (not joined), the server forgot this socket, or another node owns the session (the
 * connection moves there): it goes with the flush after the next join.
 */
const AWAITS_JOIN: readonly UiErrorCode[] = ['OFFLINE', 'NOT_JOINED', 'SESSION_MOVED'];

/** What the outbox needs from the participant's session. */
export interface OutboxPort {
  /** Sends an answer, and again if no ack comes, while `wanted()` holds (asked before every attempt). */
  send: (payload: AnswerSubmitPayload, wanted: () => boolean) => Promise<CommandResult<'answer:submit'>>;
  /** The connection is up (an answer is being sent rather than queued on the phone). */
  online: () => boolean;
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

export class AnswerOutbox {
  readonly #key: string;
  readonly #port: OutboxPort;
  readonly #retries = new Set<ReturnType<typeof setTimeout>>();
  #disposed = false;

  #pending = $state.raw<Record<string, PendingAnswer>>({});
  #confirmed = $state.raw<Record<string, AnswerValue>>({});
  #errors = $state.raw<Record<string, UiErrorCode>>({});

  /** Picks up what this phone had not sent for the join code (before a reload). */
  constructor(code: string, port: OutboxPort) {
    this.#key = storageKeys.pending(code);
    this.#port = port;
    this.#pending = readJson('local', this.#key, isPendingMap) ?? {};
  }

  /** The answer the server holds for an activity. */
  confirmed = (activityId: string): AnswerValue | null => this.#confirmed[activityId] ?? null;

  /** The answer the participant means to give: the unacknowledged one first. */
  latest = (activityId: string): AnswerValue | null => this.#pending[activityId]?.value ?? this.#confirmed[activityId] ?? null;

  status = (activityId: string): AnswerStatus => {
    if (this.#pending[activityId]) return this.#port.online() ? 'sending' : 'queued';
    return this.#confirmed[activityId] ? 'confirmed' : 'none';
  };

  /** Why the server refused the last answer to an activity, until the next one. */
  error = (activityId: string): UiErrorCode | null => this.#errors[activityId] ?? null;

  /** The answers the server holds, from a join's snapshot: they replace what was known. */
  confirmAll = (answers: Record<string, AnswerValue>): void => {
    this.#confirmed = answers;
  };

  /** Queues the answer (in storage) and sends it; it replaces one still waiting for the activity. */
  submit = (activityId: string, value: AnswerValue): void => {
    const entry: PendingAnswer = { clientAnswerId: newId(), value };
    this.#setPending({ ...this.#pending, [activityId]: entry });
    this.#setError(activityId, null);
    void this.#send(activityId, entry);
  };

  /** Sends every waiting answer, as it was (after a join). */
  flush = (): void => {
    for (const [activityId, entry] of Object.entries(this.#pending)) void this.#send(activityId, entry);
  };

  dispose = (): void => {
    this.#disposed = true;
    for (const timer of this.#retries) clearTimeout(timer);
    this.#retries.clear();
  };

  #isWaiting = (activityId: string, entry: PendingAnswer): boolean => this.#pending[activityId]?.clientAnswerId === entry.clientAnswerId;

  #send = async (activityId: string, entry: PendingAnswer): Promise<void> => {
    const result = await this.#port.send({ activityId, clientAnswerId: entry.clientAnswerId, value: entry.value }, () =>
      this.#isWaiting(activityId, entry),
    );
    if (result.ok) {
      // A duplicate (an earlier attempt got through) is acknowledged with the value the server holds.
      this.#confirmed = { ...this.#confirmed, [activityId]: result.data.value };
      if (this.#isWaiting(activityId, entry)) this.#drop(activityId);
      return;
    }
    const code = result.error.code;
    if (AWAITS_JOIN.includes(code)) return;
    if (isTransient(code)) {
      this.#retryLater(activityId, entry);
      return;
    }
    if (this.#isWaiting(activityId, entry)) {
      this.#drop(activityId);
      this.#setError(activityId, code);
    }
  };

  #retryLater = (activityId: string, entry: PendingAnswer): void => {
    const timer = setTimeout(() => {
      this.#retries.delete(timer);
      if (!this.#disposed && this.#isWaiting(activityId, entry)) void this.#send(activityId, entry);
    }, RETRY_LATER_MS);
    this.#retries.add(timer);
  };

  #setPending = (pending: Record<string, PendingAnswer>): void => {
    this.#pending = pending;
    writeJson('local', this.#key, pending);
  };

  #drop = (activityId: string): void => {
    const { [activityId]: _dropped, ...rest } = this.#pending;
    this.#setPending(rest);
  };

  #setError = (activityId: string, code: UiErrorCode | null): void => {
    const { [activityId]: _previous, ...rest } = this.#errors;
    this.#errors = code === null ? rest : { ...rest, [activityId]: code };
  };
}
