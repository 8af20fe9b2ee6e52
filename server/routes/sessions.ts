import { Type } from 'typebox';
import { AppError } from '../../shared/errors.ts';
import {
  CreateSessionBodySchema,
  CreatedSessionSchema,
  ErrorBodySchema,
  IdSchema,
  JoinCheckSchema,
  JoinKeySchema,
  SaveTemplateBodySchema,
  TemplateSummarySchema,
  TokenSchema,
} from '../../shared/schemas.ts';
import { nanoid } from 'nanoid';
import { normalizeJoinCode } from '../../shared/join-code.ts';
import { parseAgendaDocument } from '../domain/agenda-document.ts';
import { withRetomandoSlide } from '../domain/retomando-slide.ts';
import { DEFAULT_LOCALE } from '../../shared/i18n/index.ts';
import { sessionTarget } from '../domain/audit.ts';
import type { JoinGuesses } from '../domain/join-guesses.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import type { App } from '../app.ts';
import { accessRules, asReader, bearer } from './access.ts';
import { SessionSnapshotSchema } from './snapshot-schema.ts';
import { lookUpJoin } from '../services/join-lookup.ts';

const tooMany = () => new AppError('RATE_LIMITED', 'Demasiadas solicitudes. Espera un momento.');

export default async function sessionRoutes(app: App, opts: { joinGuesses: JoinGuesses }): Promise<void> {
  const { sessions, templates, workspace } = app.services;
  const access = accessRules(app);
  // Limits per client address live in memory only: addresses are never stored.
  const creations = new RateLimiter(30, 60_000);
  /** The facilitator's secret as a Bearer token, or 401; the session is then opened for the route. */
  const requireFacilitator = async (authorization: string | undefined, sessionId: string): Promise<void> => {
    const token = bearer(authorization);
    if (!token || !(await sessions.isFacilitator(sessionId, token)))
      throw new AppError('UNAUTHORIZED', 'Falta el token de facilitación o no es válido.');
    await app.services.store.open(sessionId);
  };

  app.get('/api/templates', { schema: { tags: ['sessions'], response: { 200: Type.Array(TemplateSummarySchema) } } }, async () =>
    templates.list(),
  );

  app.post(
    '/api/sessions',
    {
      schema: {
        tags: ['sessions'],
        description:
          'Creates a session from a template, an imported agenda or an earlier session (fromSessionId), or empty. ' +
          'Once any account exists, only a signed-in facilitator may create one (it becomes theirs), in a series of their own (any, for administrators). The facilitatorToken unlocks the console; keep it secret.',
        body: CreateSessionBodySchema,
        response: {
          201: CreatedSessionSchema,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      if (!creations.take(request.ip)) throw tooMany();
      const account = app.currentAccount(request);
      if (!account && (await app.accounts.hasAnyAccount())) throw new AppError('UNAUTHORIZED', 'Inicia sesión para crear una sesión.');
      const { title, template, agenda, fromSessionId, seriesId, agencies, namesInReports, locale } = request.body;
      const sources = [template, agenda, fromSessionId].filter((source) => source !== undefined).length;
      if (sources > 1) throw new AppError('VALIDATION_FAILED', 'Indica una sola fuente: plantilla, agenda o sesión anterior.');
      if (seriesId !== undefined) await workspace.usableSeries(account && asReader(account), seriesId);
      let document = agenda;
      if (fromSessionId !== undefined) {
        await access.session(request, fromSessionId);
        document = await sessions.agendaDocument(fromSessionId);
      }
      let activities;
      if (document !== undefined) {
        const parsed = parseAgendaDocument(document, () => nanoid(), '/agenda');
        if (!parsed.ok) throw new AppError('VALIDATION_FAILED', `La agenda tiene ${parsed.problems.length} problema(s).`, parsed.problems);
        activities = parsed.activities;
      }
      if (request.body.retomandoFromRegister === true) {
        if (fromSessionId === undefined || !activities)
          throw new AppError('VALIDATION_FAILED', 'El registro de apoyos se retoma desde una sesión anterior.');
        const slide = await app.services.support.retomandoSlide(fromSessionId, locale ?? DEFAULT_LOCALE);
        activities = withRetomandoSlide(activities, slide, () => nanoid());
      }
      const created = await sessions.create({
        title,
        template,
        agenda: activities,
        ownerAccountId: account?.id ?? null,
        seriesId: seriesId ?? null,
        agencies: agencies ?? [],
        namesInReports: namesInReports ?? false,
        locale,
      });
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
        response: { 200: SessionSnapshotSchema, 401: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await requireFacilitator(request.headers.authorization, request.params.id);
      return reply.header('Cache-Control', 'no-store').send(sessions.facilitatorSnapshot(request.params.id));
    },
  );

  app.get(
    '/api/sessions/:id/agenda',
    {
      schema: {
        tags: ['sessions'],
        description:
          'The agenda as versioned JSON (docs/agenda-format.md), to import into a new session. Authorization: Bearer <facilitatorToken>.',
        params: Type.Object({ id: IdSchema }),
        response: { 200: Type.Object({}, { additionalProperties: true }), 401: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await requireFacilitator(request.headers.authorization, request.params.id);
      return reply.header('Cache-Control', 'no-store').send(await sessions.agendaDocument(request.params.id));
    },
  );

  app.post(
    '/api/sessions/:id/templates',
    {
      schema: {
        tags: ['sessions'],
        description: "Saves the session's agenda as a template, listed by GET /api/templates. Authorization: Bearer <facilitatorToken>.",
        params: Type.Object({ id: IdSchema }),
        body: SaveTemplateBodySchema,
        response: { 201: TemplateSummarySchema, 400: ErrorBodySchema, 401: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await requireFacilitator(request.headers.authorization, request.params.id);
      return reply.status(201).send(await sessions.saveAsTemplate(request.params.id, request.body.title.trim() || request.body.title));
    },
  );

  app.post(
    '/api/sessions/:id/facilitator-links',
    {
      schema: {
        tags: ['sessions'],
        description:
          "A new console link (facilitator secret) for the session's signed-in owner or an administrator, to open it from the workspace. Earlier links keep working.",
        params: Type.Object({ id: IdSchema }),
        response: { 201: CreatedSessionSchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      // Only a signed-in account: whoever holds a secret already has a link.
      const account = access.reader(request);
      const record = await access.session(request, request.params.id);
      const entry = {
        action: 'facilitator-link.created' as const,
        actor: access.actor(request),
        target: sessionTarget(record),
        detail: {},
      };
      const link = await app.services.audit.within(entry, (tx) => sessions.newFacilitatorLink(request.params.id, account.accountId, tx));
      return reply.status(201).header('Cache-Control', 'no-store').send(link);
    },
  );

  app.get(
    '/api/join/:code',
    {
      schema: {
        tags: ['join'],
        description:
          'Checks a join code: the open session behind it, 404 if unknown, 410 if its session has ended. ' +
          'Unknown codes count against the same limits on guessing as session:join (429 once spent; see docs/protocol.md). ' +
          'With the key of the join link (Plenario-Join-Key) or the participant token of someone in the session ' +
          '(Plenario-Participant-Token), the check is no guess: it spends and meets no limit; a wrong key is a miss.',
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        // Headers, not the query: request lines are logged, and these are secrets.
        headers: Type.Object({
          'plenario-join-key': Type.Optional(JoinKeySchema),
          'plenario-participant-token': Type.Optional(TokenSchema),
        }),
        response: { 200: JoinCheckSchema, 400: ErrorBodySchema, 404: ErrorBodySchema, 410: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request) => {
      const code = normalizeJoinCode(request.params.code);
      if (!code) throw new AppError('SESSION_NOT_FOUND', 'Un código de sesión tiene seis dígitos.');
      const shown = { joinKey: request.headers['plenario-join-key'], participantToken: request.headers['plenario-participant-token'] };
      const lookup = await lookUpJoin(
        () => sessions.findByCode(code),
        (found) => sessions.joinProof(found.sessionId, shown),
      );
      const { sessionId, title, createdAt, locale, agencies } = opts.joinGuesses.check(request.ip, lookup.find, { proof: lookup.proof });
      return { sessionId, title, createdAt, locale, agencies };
    },
  );
}
