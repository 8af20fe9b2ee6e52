/**
 * Typed Socket.IO client (generics reversed from the server) and an ack helper with timeout
 * and retries. Sockets speak to the page's own origin.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, AckCallback, ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.ts';
import type { FacilitatorAuth } from '../../../shared/types.ts';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ClientEvent = keyof ClientToServerEvents;
export type PayloadOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
export type AckDataOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

/**
 * Facilitator sockets (console and presenter) authenticate in the handshake `auth`, which
 * travels in the first WebSocket/polling message body, never in a URL.
 */
export function facilitatorSocket(auth: FacilitatorAuth): AppSocket {
  return io({ auth, autoConnect: false });
}

/** Participant sockets connect without auth and identify themselves with `session:join`. */
export function participantSocket(): AppSocket {
  return io({ autoConnect: false });
}

/** No ack arrived in time on any attempt, or the socket could not send at all. */
export class AckTimeoutError extends Error {
  constructor(readonly event: ClientEvent) {
    super(`No acknowledgement for ${event}`);
    this.name = 'AckTimeoutError';
  }
}

export interface AckOptions {
  timeoutMs: number;
  /** Extra attempts after the first, with the same payload (so the same clientAnswerId). */
  retries: number;
  /** Checked before every attempt; false stops retrying (e.g. a newer answer replaced this one). */
  canSend?: () => boolean;
}

function isAck(value: unknown): value is Ack<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

/**
 * Emits and waits for the ack; on timeout sends the same payload again, up to `retries` times.
 * Never emits while disconnected: Socket.IO would buffer the packet and flush it on reconnect
 * before the participant has joined again, so callers resend after rejoining instead.
 * Throws AckTimeoutError when no attempt was acknowledged.
 */
export async function emitWithAck<E extends ClientEvent>(
  socket: AppSocket,
  event: E,
  payload: PayloadOf<E>,
  options: AckOptions,
): Promise<Ack<AckDataOf<E>>> {
  // The ack-decorated emitter of a timeout() socket is typed loosely by socket.io-client;
  // this signature is the one the contract gives (payload in, Ack out).
  type Emit = (event: E, payload: PayloadOf<E>) => Promise<unknown>;
  for (let attempt = 0; attempt <= options.retries; attempt += 1) {
    if (!socket.connected || (options.canSend && !options.canSend())) break;
    const timed = socket.timeout(options.timeoutMs);
    const emit = timed.emitWithAck.bind(timed) as unknown as Emit;
    try {
      const response = await emit(event, payload);
      if (isAck(response)) return response as Ack<AckDataOf<E>>;
      return { ok: false, error: { code: 'INTERNAL', message: 'Malformed acknowledgement' } };
    } catch {
      // Timed out: try again while attempts remain.
    }
  }
  throw new AckTimeoutError(event);
}
