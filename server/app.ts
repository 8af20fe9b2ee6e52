import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import { LIMITS } from '../shared/limits.ts';
import type { Config } from './config.ts';
import authPlugin from './plugins/auth.ts';
import clientPlugin from './plugins/client.ts';
import dbPlugin from './plugins/db.ts';
import errorsPlugin from './plugins/errors.ts';
import realtimePlugin from './plugins/realtime.ts';
import servicesPlugin from './plugins/services.ts';
import { registerConnections } from './realtime/connection.ts';
import accountRoutes from './routes/accounts.ts';
import authRoutes from './routes/auth.ts';
import healthRoutes from './routes/health.ts';
import sessionRoutes from './routes/sessions.ts';
import reportRoutes from './routes/reports.ts';
import workspaceRoutes from './routes/workspace.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface BuildOptions {
  logger?: boolean;
  /** The services' clock (deadlines, pauses, timestamps): tests pass one they move by hand. */
  now?: () => number;
}

/**
 * Builds the whole app — database, services, HTTP routes, Socket.IO — without listening,
 * so tests and main.ts start it the same way.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    bodyLimit: LIMITS.httpBodyBytes,
    // Logs carry no client addresses and no headers (the Authorization header holds a secret).
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            serializers: { req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url, id: req.id }) },
          },
    // Behind a reverse proxy the client address comes from X-Forwarded-For (for rate limits only);
    // exposed directly, that header could be forged, so it is trusted only when configured.
    trustProxy: config.trustProxy,
    // Unknown fields are refused, not silently dropped: a typo in a body is the caller's to see.
    // Nor are types coerced: `{"days": 0}` must not pass as null, nor `{"email": 42}` as a string.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorsPlugin);
  await app.register(dbPlugin, { dataDir: config.dataDir });
  await app.register(authPlugin, { secureCookie: config.publicUrl?.startsWith('https://') ?? false, allowedOrigins: config.allowedOrigins });
  await app.register(realtimePlugin, { allowedOrigins: config.allowedOrigins });
  await app.register(servicesPlugin, { publicUrl: config.publicUrl, now: options.now ?? Date.now });
  registerConnections(app.io, { ...app.services, log: app.log });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Plenario API', version: '1', description: 'HTTP API of Plenario. The live protocol (Socket.IO) is in docs/protocol.md.' },
      components: { securitySchemes: { facilitator: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(accountRoutes);
  await app.register(sessionRoutes);
  await app.register(workspaceRoutes);
  await app.register(reportRoutes);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(clientPlugin, { clientDir: config.clientDir });
  return app;
}
