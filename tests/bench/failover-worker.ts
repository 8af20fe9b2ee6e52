/**
 * A failover run's participants, as phones behave on a lost connection
 * (client/src/lib/participant.svelte.ts, answer-outbox.svelte.ts, live-connection.svelte.ts):
 * Socket.IO reconnects by itself with its default backoff and jitter (1 s doubling to 5 s,
 * ±50 %); on every connect the phone joins with its stored token; after the join's ack it sends
 * again its unacknowledged answer with the same clientAnswerId. Every acknowledged answer and
 * every disconnect and join is logged for the orchestrator to check against the store.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.ts';
import {
  KNOCK_AGAIN_MS,
  type AckedAnswer,
  type PhoneAnswerCommand,
  type PhoneFromWorker,
  type PhoneInit,
  type PhoneToWorker,
} from './failover-protocol.ts';
import { CLIENT_BUCKET, ratingsFor, sinceUs, type JoinReport } from './protocol.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** As the phone: an ack not in time is waited for this long (PARTICIPANT_ACK_TIMEOUT_MS), then sent again. */
const ACK_TIMEOUT_MS = 8_000;
/** As the phone: sends of a command in all (first and repeats while connected), for a join and an answer. */
const ATTEMPTS = 3;
/** As the phone: a join or an answer the server could not take now is tried again this much later. */
const LATER_MS = 4_000;
/** Refusals a phone tries again later, on the same connection. */
const TRANSIENT = new Set(['TIMEOUT', 'INTERNAL', 'RATE_LIMITED']);
/**
 * A cluster's "this node does not own the session" (issue 18): as LiveConnection does, the phone
 * drops this connection and reconnects through HAProxy after Socket.IO's backoff, to land on the owner.
 */
const MOVED = 'SESSION_MOVED';

interface Pending {
  clientAnswerId: string;
  ratings: Record<string, number>;
}

interface Phone {
  index: number;
  session: number;
  socket: ClientSocket | null;
  token: string | null;
  participantId: string | null;
  /** Between a join's ack and the next disconnect: only then does it send answers. */
  joinedNow: boolean;
  /** The answer not yet acknowledged (one at a time: a newer one is only made once this one is). */
  pending: Pending | null;
  sending: boolean;
  answers: number;
  tokens: number;
  tokensAt: number;
  disconnectsUs: number[];
  connectsUs: number[];
  joinsUs: number[];
  /** Join refused for good: this phone stops, as the page does. */
  failed: boolean;
}

type Failure = { ok: false; error: { code: string } };

let init: PhoneInit | null = null;
let phones: Phone[] = [];
let closing = false;
let identityChanges = 0;
const errors: Record<string, number> = {};
const acked: AckedAnswer[] = [];
let sent = 0;
let firstEmitUs = Number.POSITIVE_INFINITY;
let lastAckUs = 0;
/** Called once per phone at its first join (the join phase waits for them). */
let onFirstJoin: ((phone: Phone) => void) | null = null;

const now = () => sinceUs(init!.t0);
const bump = (code: string) => (errors[code] = (errors[code] ?? 0) + 1);
const send = (message: PhoneFromWorker) => process.send?.(message);

/** Emits and waits for the ack, again while attempts remain and `wanted()` holds (LiveConnection.commandWhile). */
async function command<A>(phone: Phone, wanted: () => boolean, emit: (socket: ClientSocket) => Promise<A>): Promise<A | Failure> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const socket = phone.socket;
    if (!socket?.connected || !wanted()) return { ok: false, error: { code: attempt === 0 ? 'OFFLINE' : 'TIMEOUT' } };
    try {
      return await emit(socket);
    } catch {
      // no ack in time, or the connection dropped
    }
  }
  return { ok: false, error: { code: 'TIMEOUT' } };
}

async function join(phone: Phone): Promise<void> {
  const session = init!.sessions[phone.session]!;
  const payload = { code: session.code, ...(phone.token ? { participantToken: phone.token } : {}) };
  const result = await command(
    phone,
    () => !phone.joinedNow,
    (s) => s.emitWithAck('session:join', payload),
  );
  if (!result.ok) {
    const code = result.error.code;
    if (code === 'OFFLINE') return; // the next connect joins
    if (code === MOVED) return moved(phone);
    if (TRANSIENT.has(code)) {
      setTimeout(() => {
        if (!closing && phone.socket?.connected && !phone.joinedNow) void join(phone);
      }, LATER_MS);
      return;
    }
    bump(`JOIN_${code}`);
    phone.failed = true;
    return;
  }
  const { participantToken, snapshot } = result.data;
  if (phone.participantId !== null && phone.participantId !== snapshot.participantId) identityChanges++;
  phone.token = participantToken;
  phone.participantId = snapshot.participantId;
  phone.joinedNow = true;
  phone.joinsUs.push(now());
  if (phone.joinsUs.length === 1) onFirstJoin?.(phone);
  void submit(phone);
}

/** Sends the phone's pending answer, as the outbox does; after a join, the same one again. */
async function submit(phone: Phone): Promise<void> {
  const entry = phone.pending;
  if (!entry || phone.sending || !phone.joinedNow) return;
  const session = init!.sessions[phone.session]!;
  phone.sending = true;
  sent++;
  const emittedUs = now();
  firstEmitUs = Math.min(firstEmitUs, emittedUs);
  const result = await command(
    phone,
    () => phone.pending === entry && phone.joinedNow,
    (s) =>
      s.emitWithAck('answer:submit', {
        activityId: session.activityId,
        clientAnswerId: entry.clientAnswerId,
        value: { kind: 'rating', ratings: entry.ratings },
      }),
  );
  phone.sending = false;
  if (result.ok) {
    const atUs = now();
    lastAckUs = Math.max(lastAckUs, atUs);
    // A duplicate is acknowledged with the value the server holds.
    const value = result.data.value;
    acked.push({
      session: phone.session,
      participantId: phone.participantId!,
      activityId: result.data.activityId,
      clientAnswerId: entry.clientAnswerId,
      ratings: value.kind === 'rating' ? value.ratings : {},
      duplicate: result.data.duplicate,
      atUs,
      latencyUs: atUs - emittedUs,
    });
    if (phone.pending === entry) phone.pending = null;
    return;
  }
  const code = result.error.code;
  // Not joined now: it goes with the flush after the next join.
  if (code === 'OFFLINE' || code === 'NOT_JOINED' || !phone.joinedNow) return;
  // Sent again after the join on the owner.
  if (code === MOVED) return moved(phone);
  if (TRANSIENT.has(code)) {
    setTimeout(() => {
      if (!closing && phone.pending === entry) void submit(phone);
    }, LATER_MS);
    return;
  }
  bump(code);
  if (phone.pending === entry) phone.pending = null;
}

/** LiveConnection's #moved: close the transport (Socket.IO reconnects), or knock again after a refused handshake. */
function moved(phone: Phone): void {
  const socket = phone.socket;
  if (!socket || closing) return;
  if (socket.connected) {
    socket.io.engine.close();
    return;
  }
  const jitter = 1 + socket.io.randomizationFactor() * (Math.random() * 2 - 1);
  setTimeout(() => {
    if (!closing && !socket.active) socket.connect();
  }, socket.io.reconnectionDelay() * jitter);
}

function open(phone: Phone): void {
  const config = init!;
  // Socket.IO's reconnection with its defaults, as the phone's socket has them.
  const socket: ClientSocket = io(config.url, {
    forceNew: true,
    transports: ['websocket'],
    ackTimeout: ACK_TIMEOUT_MS,
    query: config.sessions[phone.session]!.query,
  });
  phone.socket = socket;
  socket.on('connect', () => {
    phone.connectsUs.push(now());
    if (!phone.failed) void join(phone);
  });
  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    if (error.message === MOVED || error.data?.code === MOVED) moved(phone);
  });
  socket.on('disconnect', (reason) => {
    phone.joinedNow = false;
    if (closing) return;
    phone.disconnectsUs.push(now());
    // A node that lost its sessions (its owner connection to PostgreSQL) drops their sockets: as LiveConnection, knock again.
    if (reason === 'io server disconnect') setTimeout(() => closing || socket.active || socket.connect(), KNOCK_AGAIN_MS);
  });
}

/** Opens every phone, `joinConcurrency` at a time (each waits for its first join before the next opens). */
async function joinAll(): Promise<JoinReport> {
  const config = init!;
  let joined = 0;
  let next = 0;
  const firstStartUs = now();
  let lastJoinUs = 0;
  const waiting = new Map<Phone, () => void>();
  onFirstJoin = (phone) => {
    joined++;
    lastJoinUs = Math.max(lastJoinUs, now());
    waiting.get(phone)?.();
  };
  const deadline = Date.now() + config.joinTimeoutMs;
  const lane = async () => {
    while (next < phones.length && Date.now() < deadline) {
      const phone = phones[next++]!;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        waiting.set(phone, () => {
          clearTimeout(timer);
          resolve();
        });
        open(phone);
      });
      waiting.delete(phone);
    }
  };
  await Promise.all(Array.from({ length: Math.min(config.joinConcurrency, phones.length) }, lane));
  const notJoined = phones.length - joined;
  const joinErrors = Object.fromEntries(Object.entries(errors).filter(([code]) => code.startsWith('JOIN_')));
  if (notJoined > 0) joinErrors.JOIN_TIMEOUT = notJoined - Object.values(joinErrors).reduce((a, b) => a + b, 0);
  return { type: 'joined', joined, errors: joinErrors, firstStartUs, lastJoinUs };
}

/** New answers at `rate` (open loop, round robin over the phones that can answer now), then settling. */
async function answerPhase(command: PhoneAnswerCommand): Promise<void> {
  const config = init!;
  await new Promise((r) => setTimeout(r, Math.max(0, (command.startUs - now()) / 1_000)));
  const startedAt = Date.now();
  const stopAt = startedAt + command.durationMs;
  const canAnswer = (p: Phone, at: number): boolean => {
    if (!p.joinedNow || p.pending || p.answers >= command.maxAnswers) return false;
    p.tokens = Math.min(CLIENT_BUCKET.capacity, p.tokens + ((at - p.tokensAt) / 1_000) * CLIENT_BUCKET.perSecond);
    p.tokensAt = at;
    return p.tokens >= 1;
  };
  await new Promise<void>((resolve) => {
    let cursor = 0;
    let issued = 0;
    const tick = () => {
      const at = Date.now();
      if (at >= stopAt) return resolve();
      const since = at - startedAt - command.offsetMs;
      const scheduled = since < 0 ? 0 : Math.floor((since / 1_000) * command.rate) + 1;
      // A backlog (phones offline) is kept for a quarter of a second at most: dropped, not burst.
      issued = Math.max(issued, scheduled - Math.ceil(command.rate / 4));
      let left = scheduled - issued;
      for (let scanned = 0; left > 0 && scanned < phones.length; scanned++) {
        const p = phones[cursor]!;
        cursor = (cursor + 1) % phones.length;
        if (!canAnswer(p, at)) continue;
        p.tokens -= 1;
        p.pending = {
          clientAnswerId: `failover-${p.index}-${p.answers}`,
          ratings: ratingsFor(config.sessions[p.session]!.itemIds, p.index, p.answers),
        };
        p.answers++;
        issued++;
        left--;
        void submit(p);
      }
      setTimeout(tick, 2);
    };
    tick();
  });
  // Settling: every phone back, joined, with nothing unacknowledged (or the deadline).
  const settled = (p: Phone) => p.failed || (p.joinedNow && !p.pending && !p.sending);
  const settleUntil = Date.now() + command.settleMs;
  while (Date.now() < settleUntil && !phones.every(settled)) await new Promise((r) => setTimeout(r, 50));
  send({
    type: 'answered',
    acked,
    sent,
    errors,
    firstEmitUs: Number.isFinite(firstEmitUs) ? firstEmitUs : 0,
    lastAckUs,
    connections: phones.map((p) => ({ session: p.session, disconnectsUs: p.disconnectsUs, connectsUs: p.connectsUs, joinsUs: p.joinsUs })),
    unsettled: phones.filter((p) => !settled(p)).length,
    identityChanges,
  });
}

function closeAll(): void {
  closing = true;
  for (const p of phones) p.socket?.disconnect();
}

process.on('message', (message: PhoneToWorker) => {
  switch (message.type) {
    case 'init':
      init = message;
      phones = Array.from({ length: message.count }, (_, i) => ({
        index: message.first + i,
        session: (message.first + i) % message.sessions.length,
        socket: null,
        token: null,
        participantId: null,
        joinedNow: false,
        pending: null,
        sending: false,
        answers: 0,
        tokens: CLIENT_BUCKET.capacity,
        tokensAt: Date.now(),
        disconnectsUs: [],
        connectsUs: [],
        joinsUs: [],
        failed: false,
      }));
      send({ type: 'ready' });
      break;
    case 'join':
      void joinAll().then(send);
      break;
    case 'answer':
      void answerPhase(message);
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
