import fp from 'fastify-plugin';
import { Metrics } from '../metrics/metrics.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when METRICS_TOKEN is not set: /metrics is off and nothing is measured. */
    metrics: Metrics | null;
  }
}

/**
 * The server's metrics when METRICS_TOKEN is set (docs/operations.md#metrics): routes/metrics.ts
 * serves them, realtime/connection.ts times acknowledgements, the services time their commits.
 */
export default fp(
  async (app, opts: { token: string | null; now: () => number }) => {
    if (opts.token === null) {
      app.decorate('metrics', null);
      return;
    }
    const metrics = new Metrics({
      connections: function* () {
        for (const socket of app.io.of('/').sockets.values()) {
          const auth = socket.data.auth;
          yield auth.role === 'anonymous' ? { role: 'none', sessionId: null } : { role: auth.role, sessionId: auth.sessionId };
        }
      },
      backupLastAt: () => app.backups.lastAt(),
      now: opts.now,
    });
    app.decorate('metrics', metrics);
  },
  { name: 'metrics', dependencies: ['realtime', 'backups'] },
);
