import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../shared/errors.ts';
import { ErrorBodySchema } from '../../shared/schemas.ts';
import type { App } from '../app.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

const METRICS_ROUTE_SCHEMA = {
  tags: ['operations'],
  summary: "The server's metrics in Prometheus' text format (docs/operations.md#metrics).",
  response: {
    200: { description: 'Prometheus text exposition format.', content: { 'text/plain': { schema: { type: 'string' } } } },
    404: {
      description: 'Metrics are off: METRICS_TOKEN is not set (NOT_FOUND).',
      content: { 'application/json': { schema: ErrorBodySchema } },
    },
  },
};

/** GET /metrics in Prometheus' text format, for a bearer of METRICS_TOKEN only; 404 when metrics are off. */
export default async function metricsRoutes(app: App, opts: { token: string | null }): Promise<void> {
  const expected = opts.token === null ? null : digest(`Bearer ${opts.token}`);
  app.get('/metrics', { schema: METRICS_ROUTE_SCHEMA }, async (request, reply) => {
    const metrics = app.metrics;
    if (!metrics || !expected) throw new AppError('NOT_FOUND', 'Las métricas están desactivadas (falta METRICS_TOKEN).');
    // Compared as digests: equal lengths, in constant time.
    if (!timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
      throw new AppError('UNAUTHORIZED', 'Falta el token de métricas o no es el correcto.');
    }
    return reply
      .type(metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(await metrics.text());
  });
}
