import { Type } from 'typebox';
import type { App } from '../app.ts';
import { sessionOfRoom } from '../realtime/rooms.ts';
import type { RoutingRefusals } from '../realtime/routing.ts';

const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  /** NODE_ID: which node answered (HAProxy routes by session; docs/deploy.md#6-several-nodes-haproxy-and-postgresql). */
  nodeId: Type.String(),
  /** The sessions this node serves. */
  sessionsOwned: Type.Array(Type.String()),
  /** Joins and facilitator handshakes refused with SESSION_MOVED since the node started: 0 in a steady cluster. */
  refusedNotOwner: Type.Integer({ minimum: 0 }),
  /** Sessions this node gave up since it started because HAProxy sent their connections to another node: 0 in a steady cluster. */
  handedOver: Type.Integer({ minimum: 0 }),
});

/**
 * Liveness for HAProxy's checks and monitoring. `sessionsOwned`: on PostgreSQL, the sessions
 * whose advisory lock this node holds; on SQLite, where the one node owns every session, those
 * with live connections here.
 */
export default async function healthRoutes(app: App, opts: { nodeId: string; refusals: RoutingRefusals }): Promise<void> {
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: HealthSchema } } }, async () => {
    const health = {
      status: 'ok' as const,
      nodeId: opts.nodeId,
      refusedNotOwner: opts.refusals.notOwner,
      handedOver: app.services.handover?.count ?? 0,
    };
    if (app.ownership) return { ...health, sessionsOwned: app.ownership.owned() };
    const sessionsOwned: string[] = [];
    for (const room of app.io.of('/').adapter.rooms.keys()) {
      const sessionId = sessionOfRoom(room);
      if (sessionId !== null) sessionsOwned.push(sessionId);
    }
    return { ...health, sessionsOwned };
  });
}
