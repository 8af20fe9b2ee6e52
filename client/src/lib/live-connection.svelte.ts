/**
 * A screen's one live connection: the typed Socket.IO socket (to the page's own origin), its
 * state for the connection banner, knocking again when the server dropped it on purpose, a
 * handshake refused for good, and commands: emit, wait for the ack, send again what is safe
 * to repeat, and turn every failure into a UiErrorCode that the views put into words with
 * `i18n.error(code)`. The console, presenter and agenda editor each open one with the
 * facilitator's secret; a participant's phone opens one without and joins by event. Every
 * handshake names the session (`?session=`) once it is known, so that several nodes behind
 * HAProxy route it to the session's owner; a node that does not own it answers SESSION_MOVED,
 * which is a lost connection: reconnect, after Socket.IO's backoff, and join again.
 */
import { io, type Socket } from 'socket.io-client';
import type { AckOf, ClientEvent, ClientToServerEvents, EmitArgs, ServerToClientEvents } from '../../../shared/events.ts';
import { routingQuery } from '../../../shared/routing.ts';
import type { FacilitatorAuth } from '../../../shared/types.ts';
import { isErrorCode, type UiErrorCode } from './i18n.svelte.ts';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'refused';

/** Why a command failed: OFFLINE (not sent), TIMEOUT (never acknowledged) or the server's refusal, in its own words. */
export interface CommandError {
  code: UiErrorCode;
  message?: string;
  details?: Array<{ path: string; message: string }>;
}

export interface CommandFailure {
  ok: false;
  error: CommandError;
}

/** The server's ack of a command (`ok` with the event's result, or its refusal), or a failure on this side. */
export type CommandResult<E extends ClientEvent> = AckOf<E> | CommandFailure;

/**
 * Commands sent again, with the same payload, when no ack came in time; how many times. Only
 * those a repeat does no harm to: the server recognises an answer or a save by its client id,
 * a submitted synthesis is acknowledged as it is, a claim, a choice or a reading repeated is
 * the same, and an agenda update carries the whole activity. A join without a token repeated
 * at worst leaves a participant nobody uses. A release repeated is refused, and facilitator
 * commands ("next", insert) are never repeated: twice would move twice.
 */
const RETRIES: Partial<Record<ClientEvent, number>> = {
  'session:join': 2,
  'answer:submit': 2,
  'synthesis:save': 2,
  'synthesis:submit': 1,
  'session:sync': 1,
  'sala:numbers': 1,
  'role:claim': 1,
  'sala:choose': 1,
  'answer:hide': 1,
  'agenda:update': 1,
  // A question is recognised by its client id; a vote says its state, not a toggle.
  'qa:ask': 2,
  'qa:vote': 1,
};

/** After the server dropped the socket on purpose, knock again this much later. */
const KNOCK_AGAIN_MS = 1000;

/** Failures worth sending the same command again later: no ack, not sent, the server busy or failing inside. */
const TRANSIENT = ['TIMEOUT', 'OFFLINE', 'RATE_LIMITED', 'INTERNAL'] as const satisfies readonly UiErrorCode[];

export const isTransient = (code: UiErrorCode): code is (typeof TRANSIENT)[number] => TRANSIENT.some((transient) => transient === code);

const OFFLINE: CommandFailure = { ok: false, error: { code: 'OFFLINE' } };
const TIMED_OUT: CommandFailure = { ok: false, error: { code: 'TIMEOUT' } };

export interface ConnectionOptions {
  /** A facilitator's secret, presented in the handshake (never in a URL). Participants send none. */
  auth?: FacilitatorAuth;
  /** A socket already made, perhaps connected (a phone's, opened by the page's early script), with its own ackTimeout. */
  socket?: AppSocket | null;
  /** How long a command waits for its ack before it is sent again or given up. */
  ackTimeoutMs: number;
  /** Whether to knock again after the server dropped the socket on purpose (the handshake decides). Default: always. */
  knockAgain?: () => boolean;
  /** The server refused the handshake for good (wrong or missing secret, unknown session). */
  onRefused?: (code: UiErrorCode) => void;
  /** The session's id, if known: it routes the connection to the session's node (see `route`). */
  sessionId?: string | null;
}

/** Another node owns the session: this connection reconnects (and its screen joins again) by itself. */
export const isMoved = (code: UiErrorCode): boolean => code === 'SESSION_MOVED';

/** Socket.IO middleware errors carry the code as the message, or in `data.code`. */
function codeOfConnectError(error: Error & { data?: unknown }): UiErrorCode {
  if (isErrorCode(error.message)) return error.message;
  const data = error.data;
  if (typeof data === 'object' && data !== null && 'code' in data && isErrorCode(data.code)) return data.code;
  return 'UNAUTHORIZED';
}

export class LiveConnection {
  readonly #socket: AppSocket;
  readonly #knockAgain: () => boolean;
  #everOnline = false;
  #disposed = false;

  #state = $state<ConnectionState>('connecting');
  #refusal = $state<UiErrorCode | null>(null);

  /** Listens to a server event, or to `connect` and `disconnect`, typed by the contract. */
  readonly on: AppSocket['on'];

  constructor(options: ConnectionOptions) {
    // ackTimeout, not socket.timeout(ms): the same behaviour (an ack not in time or lost with the
    // connection rejects, and the packet leaves the send buffer) with the ack's type kept.
    this.#socket =
      options.socket ??
      io({
        autoConnect: false,
        ackTimeout: options.ackTimeoutMs,
        query: routingQuery(options.sessionId),
        ...(options.auth ? { auth: options.auth } : {}),
      });
    if (options.socket && options.sessionId) this.route(options.sessionId);
    this.#knockAgain = options.knockAgain ?? (() => true);
    this.on = this.#socket.on.bind(this.#socket);
    this.#socket.on('connect', () => {
      this.#everOnline = true;
      this.#state = 'online';
      this.#refusal = null;
    });
    this.#socket.on('disconnect', (reason) => {
      this.#state = 'reconnecting';
      // Other reasons reconnect by themselves; a deliberate drop (a room restarted) does not.
      if (reason === 'io server disconnect' && this.#knockAgain()) {
        setTimeout(() => {
          if (!this.#disposed) this.#socket.connect();
        }, KNOCK_AGAIN_MS);
      }
    });
    this.#socket.on('connect_error', (error) => {
      if (this.#socket.active) {
        this.#state = this.#everOnline ? 'reconnecting' : 'connecting';
        return;
      }
      const code = codeOfConnectError(error);
      // A node that failed inside (its database restarting) refuses for now, not for good: knock again.
      if (isMoved(code) || code === 'INTERNAL') {
        this.#moved();
        return;
      }
      this.#state = 'refused';
      this.#refusal = code;
      options.onRefused?.(code);
    });
    if (this.#socket.connected) {
      this.#everOnline = true;
      this.#state = 'online';
    }
  }

  get state(): ConnectionState {
    return this.#state;
  }
  /** Why the server refused the handshake, when state is 'refused'. */
  get refusal(): UiErrorCode | null {
    return this.#refusal;
  }
  get online(): boolean {
    return this.#state === 'online';
  }

  /**
   * Names the session in the handshakes from now on (a phone learns its id from the code check).
   * The connection open now stays: one server alone ignores the name, and a node that does not
   * own the session answers SESSION_MOVED, which reconnects with it.
   */
  route = (sessionId: string): void => {
    this.#socket.io.opts.query = { ...(this.#socket.io.opts.query as Record<string, string> | undefined), ...routingQuery(sessionId) };
  };

  /** Connects, once the screen listens to what it needs. */
  open = (): void => {
    // An adopted socket already on its way: connecting again would send a second CONNECT packet,
    // after which Chromium saw the connection drop ("transport close") and start over.
    if (!this.#socket.active) this.#socket.connect();
  };

  /** Sends a command and waits for its ack; see RETRIES for what is sent again. */
  command = <E extends ClientEvent>(event: E, ...payload: EmitArgs<E>): Promise<CommandResult<E>> =>
    this.commandWhile(() => true, event, ...payload);

  /**
   * As `command`, while `wanted()` holds: it is asked before every attempt (the participant
   * joined; no newer answer replaced this one). Never emits while disconnected: Socket.IO would
   * flush the packet on reconnecting, before a participant has joined again.
   */
  commandWhile = async <E extends ClientEvent>(wanted: () => boolean, event: E, ...payload: EmitArgs<E>): Promise<CommandResult<E>> => {
    const attempts = 1 + (RETRIES[event] ?? 0);
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      if (!this.#socket.connected || !wanted()) return attempt === 0 ? OFFLINE : TIMED_OUT;
      let ack: AckOf<E>;
      try {
        ack = await this.#socket.emitWithAck(event, ...payload);
      } catch {
        // No ack in time, or the connection dropped: again while attempts remain.
        continue;
      }
      if (!ack.ok && isMoved(ack.error.code)) this.#moved();
      // A code this client does not know (a newer server) reads as an internal error.
      return ack.ok || isErrorCode(ack.error.code) ? ack : { ok: false, error: { code: 'INTERNAL', message: ack.error.message } };
    }
    return TIMED_OUT;
  };

  /**
   * Another node owns the session (HAProxy sent this connection elsewhere, e.g. during a health
   * check's flap): as after a lost connection, reconnect through HAProxy after Socket.IO's
   * backoff. A connected socket's transport is closed, so Socket.IO's own reconnection does it;
   * a refused handshake left the socket inactive, so it is knocked again after the first delay
   * of that same backoff.
   */
  #moved = (): void => {
    this.#state = this.#everOnline ? 'reconnecting' : 'connecting';
    if (this.#socket.connected) {
      this.#socket.io.engine.close();
      return;
    }
    const manager = this.#socket.io;
    const jitter = 1 + manager.randomizationFactor() * (Math.random() * 2 - 1);
    setTimeout(() => {
      if (!this.#disposed && !this.#socket.active) this.#socket.connect();
    }, manager.reconnectionDelay() * jitter);
  };

  /** Closes for good (leaving the screen; a join refused); `afterMs` lets a last save finish first. */
  dispose = (afterMs = 0): void => {
    this.#disposed = true;
    const close = () => {
      // Disconnect first: the screen hears of it (a participant stops sending) before it stops listening.
      this.#socket.disconnect();
      this.#socket.removeAllListeners();
    };
    if (afterMs > 0) setTimeout(close, afterMs);
    else close();
  };
}
