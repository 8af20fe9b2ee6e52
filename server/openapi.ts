/**
 * The OpenAPI document at /api/openapi.json: @fastify/swagger builds it from the routes'
 * schemas; this file adds what every route shares, so no route file has to repeat it: who may
 * call each operation (security), the 400 a malformed id gets, the 413 of a body over
 * LIMITS.httpBodyBytes, the 403 of a POST/PUT/DELETE from a foreign Origin. tests/integration/openapi-contract.test.ts validates the document and
 * checks every response the integration tests receive against it.
 */
import type { SwaggerOptions } from '@fastify/swagger';
import { ErrorBodySchema } from '../shared/schemas.ts';
import { AUTH_COOKIE } from './plugins/auth.ts';

/** The ways to authorise a call: the console's secret, or a signed-in browser's cookie. */
export const SECURITY_SCHEMES = {
  facilitatorToken: {
    type: 'http',
    scheme: 'bearer',
    description: "A session's facilitatorToken (from POST /api/sessions or a console link): that session only.",
  },
  signInCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: AUTH_COOKIE,
    description: 'Set by POST /api/auth/sign-in: the signed-in account (facilitator or administrator).',
  },
  metricsToken: {
    type: 'http',
    scheme: 'bearer',
    description: "The deployment's METRICS_TOKEN: GET /metrics only.",
  },
} as const;

type Requirement = 'none' | 'token' | 'cookie' | 'metrics';
const REQUIREMENTS: Record<Requirement, Record<string, string[]>> = {
  none: {},
  token: { facilitatorToken: [] },
  cookie: { signInCookie: [] },
  metrics: { metricsToken: [] },
};

/**
 * What each operation accepts, any one of the list ("none": callable without credentials). A
 * route missing here fails the contract test: a new route must say who may call it.
 */
export const ROUTE_SECURITY: Record<string, Requirement[]> = {
  'GET /healthz': ['none'],
  'POST /api/auth/sign-in': ['none'],
  'POST /api/auth/sign-out': ['none', 'cookie'],
  'GET /api/auth/me': ['none', 'cookie'],
  'GET /api/auth/oidc/start': ['none'],
  'GET /api/auth/oidc/callback': ['none'],
  'GET /api/auth/oidc/allowed': ['cookie'],
  'POST /api/auth/oidc/allowed': ['cookie'],
  'DELETE /api/auth/oidc/allowed/:entry': ['cookie'],
  'GET /api/accounts': ['cookie'],
  'POST /api/accounts': ['cookie'],
  'DELETE /api/accounts/:id': ['cookie'],
  'GET /api/templates': ['none'],
  'GET /theme.css': ['none'],
  // Open to anyone until the first account exists; then a signed-in account only.
  'POST /api/sessions': ['none', 'cookie'],
  'GET /api/sessions/:id': ['token'],
  'GET /api/sessions/:id/agenda': ['token'],
  'GET /api/sessions/:id/comments': ['cookie', 'token'],
  'PUT /api/sessions/:id/comments/:activityId': ['cookie', 'token'],
  'POST /api/sessions/:id/templates': ['token'],
  'POST /api/sessions/:id/facilitator-links': ['cookie'],
  'GET /api/join/:code': ['none'],
  'GET /api/workspace/sessions': ['cookie'],
  'GET /api/series': ['cookie'],
  'POST /api/series': ['cookie'],
  'GET /api/series/:id': ['cookie'],
  'GET /api/sessions/:id/details': ['cookie', 'token'],
  'PUT /api/sessions/:id/details': ['cookie', 'token'],
  'DELETE /api/sessions/:id': ['cookie', 'token'],
  'GET /api/settings/retention': ['cookie'],
  'PUT /api/settings/retention': ['cookie'],
  'GET /api/sessions/:id/report.pdf': ['cookie', 'token'],
  'GET /api/sessions/:id/report.xlsx': ['cookie', 'token'],
  'GET /api/sessions/:id/report.pptx': ['cookie', 'token'],
  'GET /api/sessions/:id/report.csv': ['cookie', 'token'],
  'GET /api/sessions/:id/report.json': ['cookie', 'token'],
  'GET /api/series/:id/report.pdf': ['cookie'],
  'GET /api/series/:id/report.xlsx': ['cookie'],
  'GET /api/series/:id/report.json': ['cookie'],
  'GET /api/audit': ['cookie'],
  'GET /api/audit.csv': ['cookie'],
  'GET /api/support': ['cookie'],
  'PUT /api/support/:id': ['cookie'],
  'GET /api/sessions/:id/support-slide': ['cookie', 'token'],
  'GET /api/experiences': ['cookie'],
  'GET /api/experiences/:sessionId/:activityId/:cardId': ['cookie'],
  'GET /api/experiences.csv': ['cookie'],
  'GET /api/experiences.xlsx': ['cookie'],
  'GET /metrics': ['metrics'],
};

const jsonError = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });

type RouteSchema = Record<string, unknown> & {
  params?: { properties?: Record<string, unknown> };
  body?: unknown;
  response?: Record<string, unknown>;
};

/** Adds the shared parts to one route's documented schema. */
function documentRoute({ schema, url, route }: { schema: unknown; url: string; route: { method: string | string[] } }) {
  const own = (schema ?? {}) as RouteSchema;
  const method = Array.isArray(route.method) ? route.method[0]! : route.method;
  const requirements = ROUTE_SECURITY[`${method} ${url}`];
  const response: Record<string, unknown> = { ...own.response };
  if (own.params?.properties?.id && !response[400]) response[400] = jsonError('The id is malformed (VALIDATION_FAILED).');
  if (own.body && !response[413]) response[413] = jsonError('The body is larger than 256 KiB (PAYLOAD_TOO_LARGE).');
  // server/plugins/auth.ts refuses a state-changing request from another site's page.
  if (method !== 'GET' && !response[403]) response[403] = jsonError("The request's Origin is not Plenario's own (FORBIDDEN).");
  if (requirements?.every((r) => r !== 'none') && !response[401]) response[401] = jsonError('Missing or wrong credentials.');
  return {
    schema: {
      ...own,
      ...(Object.keys(response).length > 0 ? { response } : {}),
      ...(requirements ? { security: requirements.map((r) => REQUIREMENTS[r]) } : {}),
    },
    url,
  };
}

export const SWAGGER_OPTIONS: SwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'Plenario API',
      version: '1',
      description: 'HTTP API of Plenario. The live protocol (Socket.IO) is in docs/protocol.md.',
    },
    components: { securitySchemes: SECURITY_SCHEMES },
  },
  transform: documentRoute,
};
