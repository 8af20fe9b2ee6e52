import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { LIMITS } from '../shared/limits.ts';
import type { Config } from './config.ts';
import { JoinGuesses } from './domain/join-guesses.ts';
import authPlugin from './plugins/auth.ts';
import backupsPlugin from './plugins/backups.ts';
import clientPlugin from './plugins/client.ts';
import compressionPlugin from './plugins/compression.ts';
import dbPlugin from './plugins/db.ts';
import errorsPlugin from './plugins/errors.ts';
import metricsPlugin from './plugins/metrics.ts';
import oidcPlugin from './plugins/oidc.ts';
import realtimePlugin from './plugins/realtime.ts';
import securityHeadersPlugin from './plugins/security-headers.ts';
import servicesPlugin from './plugins/services.ts';
import themePlugin from './plugins/theme.ts';
import { registerConnections } from './realtime/connection.ts';
import { RoutingRefusals } from './realtime/routing.ts';
import accountRoutes from './routes/accounts.ts';
import auditRoutes from './routes/audit.ts';
import supportRoutes from './routes/support.ts';
import experienceRoutes from './routes/experiences.ts';
import authRoutes from './routes/auth.ts';
import commentRoutes from './routes/comments.ts';
import healthRoutes from './routes/health.ts';
import metricsRoutes from './routes/metrics.ts';
import oidcRoutes from './routes/oidc.ts';
import sessionRoutes from './routes/sessions.ts';
import reportRoutes from './routes/reports.ts';
import { SWAGGER_OPTIONS } from './openapi.ts';
import { setReportTimeZone } from './reports/format.ts';
import workspaceRoutes from './routes/workspace.ts';

/**
 * A request's headers must arrive within 15 s and all of it within 30 s, checked every second:
 * a client trickling bytes no longer holds a connection for Node's 60 s (headers) or 300 s.
 * Socket.IO is unaffected: a long-polling GET has fully arrived when the server starts holding
 * its response (up to pingInterval, 20 s), and a WebSocket leaves HTTP at the upgrade.
 */
export const SERVER_TIMEOUTS = { headersMs: 15_000, requestMs: 30_000, checkEveryMs: 1_000 } as const;

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

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
  setReportTimeZone(config.reportTimeZone);
  const app = Fastify({
    bodyLimit: LIMITS.httpBodyBytes,
    requestTimeout: SERVER_TIMEOUTS.requestMs,
    http: { headersTimeout: SERVER_TIMEOUTS.headersMs, connectionsCheckingInterval: SERVER_TIMEOUTS.checkEveryMs },
    // Logs carry no client addresses and no headers (the Authorization header holds a secret).
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            serializers: { req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url, id: req.id }) },
          },
    // Behind reverse proxies the client address comes from X-Forwarded-For (for rate limits only),
    // from the entries the trusted proxies wrote: those further left are the client's to forge.
    // realtime/client-address.ts reads socket handshakes by the same rule.
    trustProxy: (_address: string, hop: number) => hop < config.trustedProxies,
    // Unknown fields are refused, not silently dropped: a typo in a body is the caller's to see.
    // Nor are types coerced: `{"days": 0}` must not pass as null, nor `{"email": 42}` as a string.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorsPlugin);
  // Before the routes: it compresses the responses of routes registered after it.
  await app.register(compressionPlugin);
  await app.register(dbPlugin, { dataDir: config.dataDir, databaseUrl: config.databaseUrl, nodeId: config.nodeId });
  await app.register(backupsPlugin, { backups: config.backups, key: config.backupKey, now: options.now ?? Date.now });
  const secureCookie = config.publicUrl?.startsWith('https://') ?? false;
  await app.register(authPlugin, { secureCookie, allowedOrigins: config.allowedOrigins, now: options.now ?? Date.now });
  // Reads the provider's discovery document: a provider that does not answer stops the start here.
  await app.register(oidcPlugin, { oidc: config.oidc, now: options.now ?? Date.now });
  // Without PUBLIC_URL, sockets from the page's own host are allowed only when that host is an
  // address: a name could be an attacker's, pointed at this server (DNS rebinding).
  await app.register(realtimePlugin, { allowedOrigins: config.allowedOrigins, sameHost: config.publicUrl === null ? 'address' : 'none' });
  await app.register(securityHeadersPlugin);
  await app.register(metricsPlugin, { token: config.metricsToken, now: options.now ?? Date.now });
  await app.register(servicesPlugin, { publicUrl: config.publicUrl, now: options.now ?? Date.now, idleReleaseMs: config.idleReleaseMs });
  // One budget of join-code misses for the socket and HTTP paths alike: both answer whether a code is open.
  const joinGuesses = new JoinGuesses();
  const refusals = new RoutingRefusals();
  registerConnections(app.io, {
    ...app.services,
    joinGuesses,
    clustered: app.ownership !== null,
    refusals,
    metrics: app.metrics,
    trustedProxies: config.trustedProxies,
    log: app.log,
  });

  await app.register(swagger, SWAGGER_OPTIONS);
  await app.register(healthRoutes, { nodeId: config.nodeId, refusals });
  await app.register(metricsRoutes, { token: config.metricsToken });
  await app.register(authRoutes);
  await app.register(oidcRoutes, { secureCookie });
  await app.register(accountRoutes);
  await app.register(sessionRoutes, { joinGuesses });
  await app.register(workspaceRoutes);
  await app.register(reportRoutes);
  await app.register(commentRoutes);
  await app.register(auditRoutes);
  await app.register(supportRoutes);
  await app.register(experienceRoutes);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(themePlugin, { theme: config.theme });
  await app.register(clientPlugin, { clientDir: config.clientDir, theme: config.theme });
  return app;
}
