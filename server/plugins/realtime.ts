import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import { LIMITS } from '../../shared/limits.ts';
import { isOriginAllowed, type SameHost } from '../realtime/origin.ts';
import { SocketPublisher } from '../realtime/publisher.ts';
import type { RealtimeServer } from '../realtime/types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    io: RealtimeServer;
    publisher: SocketPublisher;
  }
}

/**
 * Socket.IO on Fastify's own HTTP server (the fastify-socket.io plugin supports Fastify 4 only).
 * Handlers are registered later, once the services exist (see app.ts).
 */
export default fp(
  async (app, opts: { allowedOrigins: string[]; sameHost: SameHost }) => {
    const io: RealtimeServer = new Server(app.server, {
      maxHttpBufferSize: LIMITS.socketMessageBytes,
      // Cross-site WebSocket hijacking is stopped here, for both transports.
      allowRequest: (req, callback) => callback(null, isOriginAllowed(req, opts.allowedOrigins, opts.sameHost)),
      pingInterval: 20_000,
      pingTimeout: 20_000,
    });
    const publisher = new SocketPublisher(
      io,
      (sessionId) => app.services.store.get(sessionId),
      (sessionId, activityId) => app.services.breakouts.view(sessionId, activityId),
      (sessionId, activityId) => app.services.syntheses.audiences(sessionId, activityId),
      (sessionId, activityId, salaId) => app.services.turns.audience(sessionId, activityId, salaId),
      { board: (...args) => app.services.qa.board(...args), mineOf: (...args) => app.services.qa.mineOf(...args) },
    );
    app.decorate('io', io);
    app.decorate('publisher', publisher);
    app.addHook('preClose', async () => {
      publisher.close();
      io.disconnectSockets(true);
    });
    app.addHook('onClose', async () => {
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    });
  },
  { name: 'realtime' },
);
