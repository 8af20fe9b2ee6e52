import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/index.ts';
import {
  ReportQuerySchema,
  SERIES_REPORT_FORMATS,
  SESSION_REPORT_FORMATS,
  SeriesReportQuerySchema,
  SeriesReportSchema,
  SessionReportSchema,
  type ReportQuery,
} from '../../shared/report.ts';
import { ErrorBodySchema, IdSchema } from '../../shared/schemas.ts';
import { slugify } from '../../shared/slug.ts';
import { seriesTarget, sessionTarget } from '../domain/audit.ts';
import { renderSessionCsv } from '../reports/csv.ts';
import type { App } from '../app.ts';
import { reportBrand } from '../theme/page.ts';
import { accessRules } from './access.ts';

// exceljs, pdfkit and pptxgenjs take ~50 MiB once loaded: a server that never exports does not pay for them.
const xlsx = () => import('../reports/xlsx.ts');
const pdf = () => import('../reports/pdf.ts');
const pptx = () => import('../reports/pptx.ts');

const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
} as const;
type Format = keyof typeof CONTENT_TYPES;

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

/**
 * The documented 200 of a report route: its media type, and the report schema for JSON. The
 * bodies are sent already written (string or Buffer), so these schemas document, never serialise.
 */
function fileResponse(format: Format, jsonSchema: typeof SessionReportSchema | typeof SeriesReportSchema) {
  const [mediaType] = CONTENT_TYPES[format].split(';');
  const schema = format === 'json' ? jsonSchema : Type.String({ format: 'binary' });
  return {
    200: {
      description: `The report as ${format.toUpperCase()}, as an attachment (Content-Disposition) that is never cached.`,
      content: { [mediaType!]: { schema } },
    },
  };
}

/** "informe-bienestar-psicologico-sesion-2-2026-11-20.pdf": ASCII, so every browser keeps it. */
export function reportFileName(title: string, createdAt: string, format: Format): string {
  return `informe-${slugify(title) || 'sesion'}-${createdAt.slice(0, 10)}.${format}`;
}

function send(reply: FastifyReply, format: Format, fileName: string, body: string | Buffer) {
  return reply
    .header('Content-Type', CONTENT_TYPES[format])
    .header('Content-Disposition', `attachment; filename="${fileName}"`)
    .header('Cache-Control', 'no-store')
    .send(body);
}

/** Session reports and series comparisons (docs/report-format.md). */
export default async function reportRoutes(app: App): Promise<void> {
  const access = accessRules(app);
  const { reports, workspace, audit } = app.services;

  for (const format of SESSION_REPORT_FORMATS) {
    app.get(
      `/api/sessions/:id/report.${format}`,
      {
        schema: {
          tags: ['reports'],
          description: `The session's report as ${format.toUpperCase()}. Authorization: the signed-in owner or an administrator (cookie), or Bearer <facilitatorToken>.`,
          params: Type.Object({ id: IdSchema }),
          // The separator is a CSV matter: the other formats take the query without it (as a series does).
          querystring: format === 'csv' ? ReportQuerySchema : SeriesReportQuerySchema,
          response: { ...fileResponse(format, SessionReportSchema), ...errors },
        },
      },
      async (request, reply) => {
        const record = await access.session(request, request.params.id);
        const locale: Locale = request.query.locale ?? DEFAULT_LOCALE;
        const report = await reports.sessionReport(request.params.id);
        const fileName = reportFileName(report.session.title, report.session.createdAt, format);
        const body = async () => {
          if (format === 'json') return JSON.stringify(report, null, 2);
          if (format === 'csv')
            return renderSessionCsv(report, { separator: (request.query as ReportQuery).separator === 'comma' ? ',' : ';', locale });
          if (format === 'xlsx') return (await xlsx()).renderSessionXlsx(report, locale);
          if (format === 'pptx') return (await pptx()).renderSessionPptx(report, locale, reportBrand(app.theme));
          return (await pdf()).renderSessionPdf(report, locale, reportBrand(app.theme));
        };
        const file = await body();
        // Recorded once the file is made: a report that failed to render was not downloaded.
        await audit.record({
          action: 'report.downloaded',
          actor: access.actor(request),
          target: sessionTarget(record),
          detail: { format },
        });
        return send(reply, format, fileName, file);
      },
    );
  }

  for (const format of SERIES_REPORT_FORMATS) {
    app.get(
      `/api/series/:id/report.${format}`,
      {
        schema: {
          tags: ['reports'],
          description: `The series compared session by session, as ${format.toUpperCase()}: one of the signed-in account's series (any, for administrators; 403 for someone else's), with the sessions in it the account may read.`,
          params: Type.Object({ id: IdSchema }),
          querystring: SeriesReportQuerySchema,
          response: { ...fileResponse(format, SeriesReportSchema), ...errors },
        },
      },
      async (request, reply) => {
        const reader = access.reader(request);
        const locale: Locale = request.query.locale ?? DEFAULT_LOCALE;
        const { series, sessions } = await workspace.seriesWithSessions(reader, request.params.id);
        const report = await reports.seriesReport(
          series,
          sessions.map((s) => s.id),
        );
        const fileName = reportFileName(series.title, report.generatedAt, format).replace(/^informe-/, 'serie-');
        const body = async () => {
          if (format === 'json') return JSON.stringify(report, null, 2);
          if (format === 'xlsx') return (await xlsx()).renderSeriesXlsx(report, locale);
          return (await pdf()).renderSeriesPdf(report, locale, reportBrand(app.theme));
        };
        const file = await body();
        await audit.record({ action: 'report.downloaded', actor: access.actor(request), target: seriesTarget(series), detail: { format } });
        return send(reply, format, fileName, file);
      },
    );
  }
}
