import { Type } from 'typebox';
import type { App } from '../app.ts';
import { sessionOfRoom } from '../realtime/rooms.ts';

const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  /** NODE_ID: which node answered (HAProxy routes by session; docs/deploy.md#6-several-nodes-haproxy-and-postgresql). */
  nodeId: Type.String(),
  /** The sessions this node serves. */
  sessionsOwned: Type.Array(Type.String()),
});

/**
 * Liveness for HAProxy's checks and monitoring. `sessionsOwned`: on PostgreSQL, the sessions
 * whose advisory lock this node holds; on SQLite, where the one node owns every session, those
 * with live connections here.
 */
export default async function healthRoutes(app: App, opts: { nodeId: string }): Promise<void> {
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: HealthSchema } } }, async () => {
    if (app.ownership) return { status: 'ok' as const, nodeId: opts.nodeId, sessionsOwned: app.ownership.owned() };
    const sessionsOwned: string[] = [];
    for (const room of app.io.of('/').adapter.rooms.keys()) {
      const sessionId = sessionOfRoom(room);
      if (sessionId !== null) sessionsOwned.push(sessionId);
    }
    return { status: 'ok' as const, nodeId: opts.nodeId, sessionsOwned };
  });
}
