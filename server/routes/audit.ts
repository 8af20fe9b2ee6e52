import { Type } from 'typebox';
import { AuditPageSchema, AuditQuerySchema } from '../../shared/audit.ts';
import { ErrorBodySchema } from '../../shared/schemas.ts';
import { AUDIT_KEEP_DAYS } from '../domain/audit.ts';
import type { App } from '../app.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema };
const CsvQuerySchema = Type.Omit(AuditQuerySchema, ['page'], { additionalProperties: false });

/** The audit trail, for administrators only: one page at a time, or all of it as CSV. */
export default async function auditRoutes(app: App): Promise<void> {
  const { audit } = app.services;

  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['accounts'],
        description: `Who did what to whose data, newest first, 50 a page, optionally only one action or one account's (administrators only). Entries are kept ${AUDIT_KEEP_DAYS} days.`,
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errors },
      },
    },
    async (request) => {
      app.requireAccount(request, 'admin');
      const { page = '1', ...filter } = request.query;
      return audit.list(filter, Number(page));
    },
  );

  app.get(
    '/api/audit.csv',
    {
      schema: {
        tags: ['accounts'],
        description:
          'The entries the same filters select, newest first, as CSV (UTF-8 with BOM, comma-separated, times in UTC) for administrators.',
        querystring: CsvQuerySchema,
        response: {
          200: { description: 'The audit trail as CSV, as an attachment.', content: { 'text/csv': { schema: Type.String() } } },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      app.requireAccount(request, 'admin');
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="registro-de-auditoria.csv"')
        .send(await audit.csv(request.query));
    },
  );
}
