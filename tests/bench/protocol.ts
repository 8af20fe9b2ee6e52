/**
 * What the benchmark's orchestrator (run.ts) and its participant workers
 * (participant-worker.ts) say to each other over IPC, and the answers the simulated
 * participants give.
 *
 * Times cross process boundaries as microseconds since the orchestrator's epoch `t0`, a
 * `process.hrtime.bigint()` value: the monotonic clock is the same for every process on one host.
 */
import { LIMITS } from '../../shared/limits.ts';
import type { RatingResults } from '../../shared/types.ts';

/** Microseconds since `t0` (an hrtime value in nanoseconds). */
export function sinceUs(t0: bigint, now: bigint = process.hrtime.bigint()): number {
  return Number(now - t0) / 1_000;
}

/**
 * Every participant's answer rates all five items, and each new answer raises the sum of its
 * ratings by exactly one (the first sums 5, the 21st sums 25). So from any rating aggregate,
 * `sum of all ratings − 4 × respondents` is the number of answers stored so far: the presenter
 * can tell how many answers an aggregate includes although it only sees totals.
 */
export const MAX_ANSWERS_PER_PARTICIPANT = 21;

/** The j-th answer (0-based) of participant p: every item 1, plus j one-point raises spread over the items. */
export function ratingsFor(itemIds: readonly string[], participant: number, j: number): Record<string, number> {
  const ratings: Record<string, number> = {};
  const n = itemIds.length;
  itemIds.forEach((id, k) => {
    // Item k's position in this participant's rotation, so the aggregate is not the same for every item.
    const slot = (k - (participant % n) + n) % n;
    ratings[id] = 1 + Math.floor(j / n) + (slot < j % n ? 1 : 0);
  });
  return ratings;
}

/** Answers stored in a rating aggregate built from `ratingsFor` answers (see above). */
export function answersIn(results: RatingResults): number {
  let sum = 0;
  for (const item of Object.values(results.items)) item.counts.forEach((count, i) => (sum += count * (i + 1)));
  return sum - 4 * results.respondents;
}

/**
 * The generators pace each participant below the server's answer limit (a token bucket of
 * LIMITS.answersPer10Seconds per 10 s) with a smaller bucket of their own, so a run never meets
 * RATE_LIMITED: a participant has at most one answer in flight, so the server sees at most one
 * more than the client sent in any window, and 25 + 2.5/s stays under 30 + 3/s.
 */
export const CLIENT_BUCKET = {
  capacity: Math.floor((LIMITS.answersPer10Seconds * 5) / 6),
  perSecond: (LIMITS.answersPer10Seconds / 10) * (5 / 6),
};

export interface WorkerInit {
  type: 'init';
  url: string;
  /** The handshake query naming the session (`routingQuery`): a node on PostgreSQL refuses a connection without it. */
  query: Record<string, string>;
  code: string;
  activityId: string;
  itemIds: string[];
  /** Global index of this worker's first participant, and how many it drives. */
  first: number;
  count: number;
  t0: bigint;
  /** Connections being opened and joined at once by this worker. */
  joinConcurrency: number;
  /** The join phase gives up after this long (what is left counts as JOIN_TIMEOUT errors). */
  joinTimeoutMs: number;
}

export interface AnswerCommand {
  type: 'answer';
  /** Answers per second from this worker; null: each participant answers again as soon as acknowledged. */
  rate: number | null;
  /** This worker's schedule starts this much later, so that workers interleave rather than send together. */
  offsetMs: number;
  startUs: number;
  durationMs: number;
  /** A participant gives at most this many (fresh) answers in total, over every phase. */
  maxAnswers: number;
  /** Share of submissions that resend the previous answer with the same clientAnswerId. */
  retryFraction: number;
}

export type ToWorker = WorkerInit | { type: 'join' } | AnswerCommand | { type: 'counters' } | { type: 'close' };

export interface JoinReport {
  type: 'joined';
  joined: number;
  errors: Record<string, number>;
  firstStartUs: number;
  lastJoinUs: number;
}

export interface AnswerReport {
  type: 'answered';
  /** Emit times of answers acknowledged as new (duplicate: false), in µs since t0. */
  freshEmitUs: Float64Array;
  /** Acknowledgement latency of every acknowledged submission, in µs, and when each ack arrived (µs since t0). */
  ackLatencyUs: Float64Array;
  ackAtUs: Float64Array;
  sent: number;
  fresh: number;
  duplicates: number;
  errors: Record<string, number>;
  firstEmitUs: number;
  lastAckUs: number;
}

export interface Counters {
  type: 'counters';
  /** `session:live` and `results:updated` messages received by this worker's participants. */
  live: number;
  results: number;
  disconnects: number;
}

export type FromWorker = { type: 'ready' } | JoinReport | AnswerReport | Counters | { type: 'closed' };
