import { Type } from 'typebox';
import { ErrorBodySchema, IdSchema } from '../../shared/schemas.ts';
import {
  SupportEntriesSchema,
  SupportEntrySchema,
  SupportQuerySchema,
  SupportSlideSchema,
  SupportUpdateBodySchema,
} from '../../shared/support-register.ts';
import type { App } from '../app.ts';
import { accessRules } from './access.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

/** The support register, for signed-in accounts: the entries of the sessions they may read. */
export default async function supportRoutes(app: App): Promise<void> {
  const { support, workspace } = app.services;
  const access = accessRules(app);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });

  app.get(
    '/api/support',
    {
      schema: {
        tags: ['workspace'],
        description:
          "What the salas asked of Servicio Civil in their submitted syntheses, one entry per kind of support, with its status and public note: the entries of the reader's sessions (every session for administrators), optionally of one of their series or one status.",
        querystring: SupportQuerySchema,
        response: { 200: SupportEntriesSchema, ...errors },
      },
    },
    async (request) => {
      const reader = access.reader(request);
      if (request.query.seriesId !== undefined) await workspace.usableSeries(reader, request.query.seriesId);
      return support.list(reader, request.query);
    },
  );

  app.get(
    '/api/sessions/:id/support-slide',
    {
      schema: {
        tags: ['workspace'],
        description:
          'The "Retomando" slide made from the support register of the previous session of this session\'s series (the latest one before it that its owner, or the signed-in account, may read), for the agenda editor to insert. Sign-in cookie or Authorization: Bearer <facilitatorToken>.',
        params: Type.Object({ id: IdSchema }),
        response: { 200: SupportSlideSchema, ...errors },
      },
    },
    async (request) => {
      const record = await access.session(request, request.params.id);
      return support.slideForNext(record, access.actingFor(request, record));
    },
  );

  app.put(
    '/api/support/:id',
    {
      schema: {
        tags: ['workspace'],
        description:
          'Sets an entry\'s status and public note ("lo que hicimos"), for the owner of its session or an administrator; recorded in the audit trail.',
        params: Type.Object({ id: IdSchema }),
        body: SupportUpdateBodySchema,
        response: { 200: SupportEntrySchema, ...errors },
      },
    },
    async (request) => support.update(access.reader(request), request.params.id, request.body, access.actor(request)),
  );
}
