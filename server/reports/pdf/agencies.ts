/**
 * The agencies in the PDF reports: each agency's participation and five-axis profile in a session
 * report, and each agency session by session in a series comparison. An agency (or a profile) of
 * fewer than LIMITS.smallGroupMin respondents shows the small-group text and no figure.
 */
import type { Locale, MessageKey, MessageParams } from '../../../shared/i18n/index.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { RatingQuestionReport, SeriesReport, SessionReport } from '../../../shared/report.ts';
import { formatDate, formatMean } from '../format.ts';
import { COLORS, STYLES, type Cell, type Column, type Layout } from './layout.ts';

interface PdfContext {
  layout: Layout;
  t: (key: MessageKey, params?: MessageParams) => string;
  locale: Locale;
}

/** Agencies side by side in one table at most (more go in the next table). */
const AGENCIES_PER_TABLE = 5;

const none: Cell = { text: '—', style: { ...STYLES.label, color: COLORS.faint } };

/** Session report: participation and, per five-axis question, the profile; agencies across, figures down. */
export function agenciesChapter(ctx: PdfContext, report: SessionReport): void {
  const { layout, t, locale } = ctx;
  if (report.agencies.length === 0) return;
  layout.chapter(t('agencyReport.section'));
  layout.paragraph(`${t('report.privacyNote', { min: LIMITS.smallGroupMin })} ${t('agencyReport.notSaid')}`, STYLES.caption, { after: 8 });
  const suppressed: Cell = { text: t('report.suppressed', { min: LIMITS.smallGroupMin }), style: STYLES.smallItalic };
  const questions = report.questions.filter((q): q is RatingQuestionReport => q.kind === 'rating' && q.fiveAxes);
  for (let start = 0; start < report.agencies.length; start += AGENCIES_PER_TABLE) {
    const agencies = report.agencies.slice(start, start + AGENCIES_PER_TABLE);
    // A suppressed agency: the small-group text once, then nothing but dashes.
    const rows: Cell[][] = [
      [
        { text: t('report.participants'), style: STYLES.smallBold },
        ...agencies.map((a) => (a.suppressed ? suppressed : { text: String(a.participants) })),
      ],
      [
        { text: t('report.respondents'), style: STYLES.smallBold },
        ...agencies.map((a) => (a.suppressed ? none : { text: String(a.respondents) })),
      ],
    ];
    for (const question of questions) {
      const ratings = agencies.map((a) => (a.suppressed ? null : (a.ratings.find((r) => r.activityId === question.activityId) ?? null)));
      rows.push([
        { text: t('report.sheet.salaRespondents', { position: question.position }), style: STYLES.smallBold },
        ...ratings.map((r, i): Cell =>
          agencies[i]!.suppressed ? none : r && !r.suppressed ? { text: String(r.respondents) } : suppressed,
        ),
      ]);
      for (const item of question.items) {
        rows.push([
          { text: item.label },
          ...ratings.map((r): Cell => {
            const mean = r?.items?.find((i) => i.id === item.id)?.mean ?? null;
            return mean === null ? none : { text: formatMean(mean, locale) };
          }),
        ]);
      }
    }
    const columns: Column[] = [
      { header: t('agencyReport.agency'), width: 2.4 },
      ...agencies.map((a) => ({ header: a.name, width: 1, align: 'center' as const })),
    ];
    if (start > 0) layout.gap(10);
    layout.table(columns, rows);
  }
}

/** Series comparison: per agency, its sessions across, participation and the five axes' means down. */
export function seriesAgenciesChapter(ctx: PdfContext, report: SeriesReport): void {
  const { layout, t, locale } = ctx;
  if (report.agencies.length === 0) return;
  layout.chapter(t('agencyReport.seriesProfile'));
  layout.paragraph(`${t('report.privacyNote', { min: LIMITS.smallGroupMin })} ${t('agencyReport.notSaid')}`, STYLES.caption, { after: 8 });
  const sessions = new Map(report.sessions.map((s) => [s.id, s]));
  const suppressed: Cell = { text: t('report.suppressed', { min: LIMITS.smallGroupMin }), style: STYLES.smallItalic };
  report.agencies.forEach((agency, index) => {
    const entries = agency.sessions;
    const columns: Column[] = [
      { header: t('report.axis'), width: 2.4 },
      ...entries.map((entry) => {
        const session = sessions.get(entry.sessionId);
        return {
          header: session ? `${session.title} (${formatDate(session.createdAt, locale)})` : entry.sessionId,
          width: 1,
          align: 'center' as const,
        };
      }),
    ];
    // A suppressed session: the small-group text once, then dashes; a profile fewer than the minimum rated: the text on its first axis.
    const rows: Cell[][] = [
      [
        { text: t('report.participants'), style: STYLES.smallBold },
        ...entries.map((e) => (e.suppressed ? suppressed : { text: String(e.participants) })),
      ],
      [
        { text: t('report.respondents'), style: STYLES.smallBold },
        ...entries.map((e) => (e.suppressed ? none : { text: String(e.respondents) })),
      ],
      ...report.axes.map((axis, axisIndex): Cell[] => [
        { text: axis.label },
        ...entries.map((e): Cell => {
          if (!e.suppressed && e.items === null && axisIndex === 0) return suppressed;
          const mean = e.items?.find((i) => i.id === axis.id)?.mean ?? null;
          return mean === null ? none : { text: formatMean(mean, locale) };
        }),
      ]),
    ];
    layout.heading(agency.name, STYLES.h3, layout.tableStartHeight(columns, rows) + 20, index === 0 ? 0 : 14, 4);
    layout.table(columns, rows);
  });
}
