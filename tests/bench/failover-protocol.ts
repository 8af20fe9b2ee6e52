/**
 * What the failover run (failover.ts) and its phone workers (failover-worker.ts) say to each
 * other over IPC. Times are µs since the run's `t0`, as in protocol.ts.
 */
import type { JoinReport } from './protocol.ts';

/** As LiveConnection: a connection the server dropped on purpose (its node lost the session) is opened again this much later. */
export const KNOCK_AGAIN_MS = 1_000;

/** One session as a phone sees it: the code to join, the rating to answer, the query its sockets carry. */
export interface PhoneSession {
  code: string;
  activityId: string;
  itemIds: string[];
  query: Record<string, string>;
}

export interface PhoneInit {
  type: 'init';
  url: string;
  /** Participant with global index i joins session i % sessions.length. */
  sessions: PhoneSession[];
  first: number;
  count: number;
  t0: bigint;
  joinConcurrency: number;
  joinTimeoutMs: number;
}

export interface PhoneAnswerCommand {
  type: 'answer';
  /** New answers per second from this worker (resends come on top, as a phone's would). */
  rate: number;
  offsetMs: number;
  startUs: number;
  durationMs: number;
  /** Fresh answers a participant gives at most. */
  maxAnswers: number;
  /** After the phase, how long to wait (at most) for every phone to be joined with nothing unacknowledged. */
  settleMs: number;
}

export type PhoneToWorker = PhoneInit | { type: 'join' } | PhoneAnswerCommand | { type: 'close' };

/** One acknowledged submission, as the phone logged it. */
export interface AckedAnswer {
  session: number;
  participantId: string;
  activityId: string;
  clientAnswerId: string;
  ratings: Record<string, number>;
  duplicate: boolean;
  /** When the ack came, and emit → ack (first emit of that attempt). */
  atUs: number;
  latencyUs: number;
}

/** A phone's connection history: when it lost the connection, connected again, had a join acknowledged. */
export interface ConnectionLog {
  session: number;
  disconnectsUs: number[];
  connectsUs: number[];
  joinsUs: number[];
}

export interface PhoneAnswerReport {
  type: 'answered';
  acked: AckedAnswer[];
  /** Submissions emitted, resends included. */
  sent: number;
  errors: Record<string, number>;
  firstEmitUs: number;
  lastAckUs: number;
  connections: ConnectionLog[];
  /** Phones not joined, or still holding an unacknowledged answer, when the settling ended. */
  unsettled: number;
  /** Rejoins with the stored token that came back as another participant (a bug if ever > 0). */
  identityChanges: number;
}

export type PhoneFromWorker = { type: 'ready' } | JoinReport | PhoneAnswerReport | { type: 'closed' };
