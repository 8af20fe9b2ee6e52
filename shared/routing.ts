/**
 * The query parameter every Socket.IO connection names its session with, so that HAProxy sends
 * all of a session's traffic to the node that owns it (issue 18, docs/protocol.md#connection).
 * Not `sid`: engine.io already uses `sid` for its own connection id, and a handshake carrying
 * one is taken for a connection the server does not know.
 */
export const ROUTING_PARAM = 'session';

/** The handshake query that routes a connection to its session's node; empty while the session is not known. */
export function routingQuery(sessionId: string | null | undefined): Record<string, string> {
  return sessionId ? { [ROUTING_PARAM]: sessionId } : {};
}
