/**
 * A load generator: one process driving many simulated participants, each a real
 * socket.io-client connection (websocket transport, forceNew). Run by run.ts with an IPC channel;
 * it does what the orchestrator asks (join, answer for a while, report counters, close) and
 * reports times as µs since the orchestrator's hrtime epoch.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../shared/events.ts';
import type { AnswerReceipt } from '../../shared/types.ts';
import {
  CLIENT_BUCKET,
  ratingsFor,
  sinceUs,
  type AnswerCommand,
  type AnswerReport,
  type FromWorker,
  type JoinReport,
  type ToWorker,
  type WorkerInit,
} from './protocol.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Participant {
  index: number;
  socket: ClientSocket | null;
  /** Fresh answers sent so far (the next answer is number `answers`). */
  answers: number;
  inFlight: boolean;
  tokens: number;
  tokensAt: number;
  previous: { clientAnswerId: string; ratings: Record<string, number> } | null;
}

/** How long a phase waits for acknowledgements still in flight once it stops sending. */
const DRAIN_MS = 15_000;

let init: WorkerInit | null = null;
let participants: Participant[] = [];
const counters = { live: 0, results: 0, disconnects: 0 };
let closing = false;

function send(message: FromWorker): void {
  process.send?.(message);
}

const now = () => sinceUs(init!.t0);
const bump = (errors: Record<string, number>, code: string) => (errors[code] = (errors[code] ?? 0) + 1);

/** Connects and joins every participant, `joinConcurrency` at a time. */
async function joinAll(): Promise<JoinReport> {
  const config = init!;
  const errors: Record<string, number> = {};
  let joined = 0;
  let next = 0;
  let firstStartUs = Number.POSITIVE_INFINITY;
  let lastJoinUs = 0;
  const deadline = Date.now() + config.joinTimeoutMs;

  const joinOne = (p: Participant) =>
    new Promise<void>((resolve) => {
      firstStartUs = Math.min(firstStartUs, now());
      const socket: ClientSocket = io(config.url, {
        query: config.query,
        forceNew: true,
        reconnection: false,
        transports: ['websocket'],
        timeout: config.joinTimeoutMs,
      });
      p.socket = socket;
      socket.on('session:live', () => counters.live++);
      socket.on('results:updated', () => counters.results++);
      socket.on('disconnect', () => {
        if (!closing) counters.disconnects++;
      });
      const timer = setTimeout(
        () => {
          bump(errors, 'JOIN_TIMEOUT');
          resolve();
        },
        Math.max(0, deadline - Date.now()),
      );
      socket.once('connect_error', (error) => {
        clearTimeout(timer);
        bump(errors, `CONNECT_ERROR ${error.message}`);
        resolve();
      });
      socket.once('connect', () => {
        socket.emit('session:join', { code: config.code }, (ack) => {
          clearTimeout(timer);
          if (ack.ok) {
            joined++;
            lastJoinUs = Math.max(lastJoinUs, now());
          } else {
            bump(errors, ack.error.code);
          }
          resolve();
        });
      });
    });

  const lane = async () => {
    while (next < participants.length && Date.now() < deadline) {
      const p = participants[next++]!;
      await joinOne(p);
    }
  };
  await Promise.all(Array.from({ length: Math.min(config.joinConcurrency, participants.length) }, lane));
  // Participants never tried before the deadline failed to join too.
  if (next < participants.length) errors.JOIN_TIMEOUT = (errors.JOIN_TIMEOUT ?? 0) + participants.length - next;
  return { type: 'joined', joined, errors, firstStartUs: Number.isFinite(firstStartUs) ? firstStartUs : 0, lastJoinUs };
}

/**
 * Sends answers for one phase: at `rate` per second spread over the participants (open loop),
 * or, without a rate, each participant again as soon as its previous answer is acknowledged.
 * Either way a participant has one answer in flight at most and stays within its bucket.
 */
async function answerPhase(command: AnswerCommand): Promise<AnswerReport> {
  const config = init!;
  const freshEmitUs: number[] = [];
  const ackLatencyUs: number[] = [];
  const ackAtUs: number[] = [];
  const errors: Record<string, number> = {};
  let sent = 0;
  let fresh = 0;
  let duplicates = 0;
  let inFlight = 0;
  let firstEmitUs = Number.POSITIVE_INFINITY;
  let lastAckUs = 0;
  let stopped = false;

  const startDelay = Math.max(0, (command.startUs - now()) / 1_000);
  await new Promise((r) => setTimeout(r, startDelay));
  const startedAt = Date.now();
  const stopAt = startedAt + command.durationMs;
  const ready = participants.filter((p) => p.socket?.connected);

  const hasToken = (p: Participant, at: number): boolean => {
    p.tokens = Math.min(CLIENT_BUCKET.capacity, p.tokens + ((at - p.tokensAt) / 1_000) * CLIENT_BUCKET.perSecond);
    p.tokensAt = at;
    return p.tokens >= 1;
  };
  const eligible = (p: Participant) => !p.inFlight && p.answers < command.maxAnswers && p.socket?.connected === true;

  const emit = (p: Participant): void => {
    const retry = p.previous !== null && Math.random() < command.retryFraction;
    const clientAnswerId = retry ? p.previous!.clientAnswerId : `bench-${p.index}-${p.answers}`;
    const ratings = retry ? p.previous!.ratings : ratingsFor(config.itemIds, p.index, p.answers);
    if (!retry) {
      p.answers++;
      p.previous = { clientAnswerId, ratings };
    }
    p.tokens -= 1;
    p.inFlight = true;
    inFlight++;
    sent++;
    const emittedUs = now();
    firstEmitUs = Math.min(firstEmitUs, emittedUs);
    p.socket!.emit(
      'answer:submit',
      { activityId: config.activityId, clientAnswerId, value: { kind: 'rating', ratings } },
      (ack: Ack<AnswerReceipt>) => {
        const ackedUs = now();
        p.inFlight = false;
        inFlight--;
        lastAckUs = Math.max(lastAckUs, ackedUs);
        if (ack.ok) {
          ackLatencyUs.push(ackedUs - emittedUs);
          ackAtUs.push(ackedUs);
          if (ack.data.duplicate) duplicates++;
          else {
            fresh++;
            freshEmitUs.push(emittedUs);
          }
        } else {
          bump(errors, ack.error.code);
        }
        if (command.rate === null) closedLoop(p);
      },
    );
  };

  // Closed loop: the next answer as soon as the previous is acknowledged, within the bucket.
  // The phase ends early once every participant has given all its answers.
  let finished = 0;
  let finishEarly: (() => void) | null = null;
  const closedLoop = (p: Participant): void => {
    if (p.answers >= command.maxAnswers || !p.socket?.connected) {
      finished++;
      if (finished === ready.length && inFlight === 0) finishEarly?.();
      return;
    }
    if (stopped || Date.now() >= stopAt || p.inFlight) return;
    const at = Date.now();
    if (hasToken(p, at)) return emit(p);
    const waitMs = ((1 - p.tokens) / CLIENT_BUCKET.perSecond) * 1_000;
    setTimeout(() => closedLoop(p), Math.ceil(waitMs));
  };

  await new Promise<void>((resolve) => {
    let stopTimer: NodeJS.Timeout | undefined;
    finishEarly = () => {
      clearTimeout(stopTimer);
      stopped = true;
      resolve();
    };
    if (command.rate === null) {
      for (const p of ready) closedLoop(p);
    } else {
      // Open loop: every millisecond or so, send what the rate says is due by now, taking
      // participants round robin; one that is busy or out of tokens is skipped this time.
      const rate = command.rate;
      let cursor = 0;
      let issued = 0;
      const tick = () => {
        const at = Date.now();
        if (at >= stopAt) return;
        // Answers scheduled at startedAt + offsetMs + k / rate that are due by now.
        const since = at - startedAt - command.offsetMs;
        let due = (since < 0 ? 0 : Math.floor((since / 1_000) * rate) + 1) - issued;
        // Never catch up on more than a quarter of a second: a stalled generator is reported, not hidden.
        const cap = Math.max(1, Math.ceil(rate / 4));
        if (due > cap) {
          issued += due - cap;
          due = cap;
        }
        // The scan is bounded too: when everyone is waiting for an ack the server is behind, and
        // walking ten thousand busy participants every millisecond would only load the generator.
        const scanLimit = Math.min(ready.length, due * 4 + 64);
        for (let scanned = 0; due > 0 && scanned < scanLimit; scanned++) {
          const p = ready[cursor]!;
          cursor = (cursor + 1) % ready.length;
          if (eligible(p) && hasToken(p, at)) {
            emit(p);
            issued++;
            due--;
          }
        }
        setTimeout(tick, 1);
      };
      tick();
    }
    // Stop sending at the end of the phase, then wait (bounded) for what is still in flight.
    stopTimer = setTimeout(() => {
      stopped = true;
      const drainUntil = Date.now() + DRAIN_MS;
      const wait = () => {
        if (inFlight === 0 || Date.now() >= drainUntil) return resolve();
        setTimeout(wait, 5);
      };
      wait();
    }, command.durationMs + 1);
  });
  if (inFlight > 0) errors.ACK_TIMEOUT = (errors.ACK_TIMEOUT ?? 0) + inFlight;
  // Late acks of a timed-out phase must not confuse the next one.
  for (const p of participants) p.inFlight = false;

  return {
    type: 'answered',
    freshEmitUs: Float64Array.from(freshEmitUs),
    ackLatencyUs: Float64Array.from(ackLatencyUs),
    ackAtUs: Float64Array.from(ackAtUs),
    sent,
    fresh,
    duplicates,
    errors,
    firstEmitUs: Number.isFinite(firstEmitUs) ? firstEmitUs : 0,
    lastAckUs,
  };
}

function closeAll(): void {
  closing = true;
  for (const p of participants) p.socket?.disconnect();
}

process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'init':
      init = message;
      participants = Array.from({ length: message.count }, (_, i) => ({
        index: message.first + i,
        socket: null,
        answers: 0,
        inFlight: false,
        tokens: CLIENT_BUCKET.capacity,
        tokensAt: Date.now(),
        previous: null,
      }));
      send({ type: 'ready' });
      break;
    case 'join':
      void joinAll().then(send);
      break;
    case 'answer':
      void answerPhase(message).then(send);
      break;
    case 'counters':
      send({ type: 'counters', ...counters });
      break;
    case 'close':
      closeAll();
      send({ type: 'closed' });
      setTimeout(() => process.exit(0), 100);
      break;
  }
});

// Never outlive the orchestrator.
process.on('disconnect', () => {
  closeAll();
  process.exit(0);
});
