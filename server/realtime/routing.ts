import { AppError } from '../../shared/errors.ts';
import { ROUTING_PARAM } from '../../shared/routing.ts';
import type { RealtimeSocket } from './types.ts';

/**
 * In a cluster a connection must name the session it works on (`?session=`): HAProxy sent it,
 * by that name, to the node that owns the session. One that names none, or another session, was
 * sent anywhere; taking the session here would pull it away from the node HAProxy sends its
 * other connections to. Refused with SESSION_MOVED: the client reconnects naming it.
 */
export function assertRoutedTo(socket: RealtimeSocket, sessionId: string): void {
  if (socket.handshake.query[ROUTING_PARAM] !== sessionId) throw sessionMoved();
}

export const sessionMoved = () =>
  new AppError('SESSION_MOVED', 'La sesión se está atendiendo desde otro servidor. Te reconectamos en un momento.');

/**
 * The joins and facilitator handshakes this node refused with SESSION_MOVED since it started:
 * connections that reached a node not owning their session (or not naming it). /healthz reports
 * it as `refusedNotOwner`; in a steady cluster it stays 0 (docs/deploy.md, "What to monitor").
 */
export class RoutingRefusals {
  #notOwner = 0;

  get notOwner(): number {
    return this.#notOwner;
  }

  /** Runs an entry point that takes a session on this node, counting its refusal if SESSION_MOVED. */
  async counted<T>(enter: () => T | Promise<T>): Promise<T> {
    try {
      return await enter();
    } catch (error) {
      if (error instanceof AppError && error.code === 'SESSION_MOVED') this.#notOwner += 1;
      throw error;
    }
  }
}
