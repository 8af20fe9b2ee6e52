/**
 * A join link's socket, opened by the page's early script (client/src/early-check.ts) beside the
 * code check, before the app's code is in (issue 20): on a slow link Socket.IO's two round trips
 * to connect then overlap the app's download, and accepting the notice waits only for the join.
 * The participant's session adopts it (nobody joins before the notice is accepted).
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.ts';
import { routingQuery } from '../../../shared/routing.ts';
import { storedParticipant } from './stored-participant.ts';

type ParticipantSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * How long a phone waits for an ack before sending again: long enough for a busy server's
 * join, since a join sent again without a token makes a second participant.
 */
export const PARTICIPANT_ACK_TIMEOUT_MS = 8000;

let early: { code: string; socket: ParticipantSocket } | null = null;

export function startEarlySocket(code: string): void {
  // ackTimeout, as LiveConnection's own sockets have it (see there); a phone back in a session
  // names it, so that its socket reaches the session's node at once (see LiveConnection.route).
  early = { code, socket: io({ ackTimeout: PARTICIPANT_ACK_TIMEOUT_MS, query: routingQuery(storedParticipant(code)?.sessionId) }) };
}

/** The socket opened early for this code, once. */
export function takeEarlySocket(code: string): ParticipantSocket | null {
  const socket = early?.code === code ? early.socket : null;
  early = null;
  return socket;
}
