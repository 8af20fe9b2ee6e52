import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import {
  CatalogueCardParamsSchema,
  CatalogueCardSchema,
  CatalogueExportQuerySchema,
  CatalogueListSchema,
  CatalogueQuerySchema,
} from '../../shared/experience-catalogue.ts';
import { DEFAULT_LOCALE } from '../../shared/i18n/index.ts';
import { ErrorBodySchema } from '../../shared/schemas.ts';
import { renderCatalogueCsv } from '../reports/catalogue-csv.ts';
import type { App } from '../app.ts';
import { accessRules } from './access.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
// exceljs is loaded on the first XLSX export, as for the reports.
const xlsx = () => import('../reports/xlsx.ts');

const EXPORTS = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The experience catalogue, for signed-in accounts: the cards of the sessions they may read. */
export default async function experienceRoutes(app: App): Promise<void> {
  const { catalogue } = app.services;
  const access = accessRules(app);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });

  app.get(
    '/api/experiences',
    {
      schema: {
        tags: ['workspace'],
        description:
          "The experience cards of the reader's sessions (every session's for administrators), newest session first, that meet the filters; with the agencies and series the readable cards come from. The contact only where the writer opted in.",
        querystring: CatalogueQuerySchema,
        response: { 200: CatalogueListSchema, ...errors },
      },
    },
    async (request) => catalogue.list(access.reader(request), request.query),
  );

  app.get(
    '/api/experiences/:sessionId/:activityId/:cardId',
    {
      schema: {
        tags: ['workspace'],
        description: "One card of the catalogue, for the owner of its session or an administrator (403 for someone else's).",
        params: CatalogueCardParamsSchema,
        response: { 200: CatalogueCardSchema, ...errors },
      },
    },
    async (request) => {
      const { sessionId, activityId, cardId } = request.params;
      return catalogue.card(access.reader(request), sessionId, activityId, cardId);
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    const [mediaType] = EXPORTS[format].split(';');
    app.get(
      `/api/experiences.${format}`,
      {
        schema: {
          tags: ['workspace'],
          description: `The cards the same filters select, as ${format.toUpperCase()} (docs/report-format.md), as an attachment; recorded in the audit trail with its format and filters.`,
          querystring: CatalogueExportQuerySchema,
          response: {
            200: {
              description: `The catalogue as ${format.toUpperCase()}.`,
              content: { [mediaType!]: { schema: Type.String({ format: 'binary' }) } },
            },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const { locale = DEFAULT_LOCALE, separator, ...query } = request.query;
        const { cards } = await catalogue.list(access.reader(request), query);
        const file =
          format === 'csv'
            ? renderCatalogueCsv(cards, { separator: separator === 'comma' ? ',' : ';', locale })
            : await (await xlsx()).renderCatalogueXlsx(cards, catalogue.generatedAt(), locale);
        await catalogue.recordExport(query, format, access.actor(request));
        // The file is sent as made (a string or a Buffer): the 200 schema documents it, it does not serialise it.
        return (reply as FastifyReply)
          .header('Content-Type', EXPORTS[format])
          .header('Content-Disposition', `attachment; filename="catalogo-de-experiencias.${format}"`)
          .send(file);
      },
    );
  }
}
