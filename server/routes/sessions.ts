import { Type } from 'typebox';
import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import { CreateSessionBodySchema, ErrorBodySchema, IdSchema } from '../../shared/schemas.ts';
import { normalizeJoinCode } from '../../shared/join-code.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import type { App } from '../app.ts';

const CreatedSessionSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  facilitatorToken: Type.String(),
  joinUrl: Type.String(),
  presenterUrl: Type.String(),
  facilitatorUrl: Type.String(),
});

// The session view is described in shared/types.ts (SessionSnapshot); it is large and nested,
// so the response is documented as an object rather than re-declared field by field here.
const SnapshotSchema = Type.Object(
  { session: Type.Object({}, { additionalProperties: true }), results: Type.Object({}, { additionalProperties: true }) },
  { additionalProperties: true },
);

const bearer = (header: string | undefined): string | null => {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header ?? '');
  return match?.[1] ?? null;
};

const tooMany = () => new AppError('RATE_LIMITED', 'Demasiadas solicitudes. Espera un momento.');

export default async function sessionRoutes(app: App): Promise<void> {
  const { sessions, templates } = app.services;
  // Limits per client address live in memory only: addresses are never stored.
  const creations = new RateLimiter(30, 60_000);
  const lookups = new RateLimiter(LIMITS.joinsPerMinute * 6, 60_000);

  app.get(
    '/api/templates',
    { schema: { tags: ['sessions'], response: { 200: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })) } } },
    async () => templates.list(),
  );

  app.post(
    '/api/sessions',
    {
      schema: {
        tags: ['sessions'],
        description: 'Creates a session (optionally from a template). The facilitatorToken unlocks the console; keep it secret.',
        body: CreateSessionBodySchema,
        response: { 201: CreatedSessionSchema, 400: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      if (!creations.take(request.ip)) throw tooMany();
      const created = sessions.create({ title: request.body.title, template: request.body.template });
      return reply.status(201).header('Cache-Control', 'no-store').send(created);
    },
  );

  app.get(
    '/api/sessions/:id',
    {
      schema: {
        tags: ['sessions'],
        description: 'The agenda, live state and current results. Authorization: Bearer <facilitatorToken>.',
        params: Type.Object({ id: IdSchema }),
        response: { 200: SnapshotSchema, 401: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const token = bearer(request.headers.authorization);
      if (!token || !sessions.isFacilitator(request.params.id, token)) {
        throw new AppError('UNAUTHORIZED', 'Falta el token de facilitación o no es válido.');
      }
      return reply.header('Cache-Control', 'no-store').send(sessions.facilitatorSnapshot(request.params.id));
    },
  );

  app.get(
    '/api/join/:code',
    {
      schema: {
        tags: ['join'],
        description: 'Checks a join code: the open session behind it, 404 if unknown, 410 if its session has ended.',
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        response: { 200: Type.Object({ sessionId: Type.String(), title: Type.String() }), 404: ErrorBodySchema, 410: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request) => {
      if (!lookups.take(request.ip)) throw tooMany();
      const code = normalizeJoinCode(request.params.code);
      if (!code) throw new AppError('SESSION_NOT_FOUND', 'Un código de sesión tiene seis dígitos.');
      return sessions.findByCode(code);
    },
  );
}
