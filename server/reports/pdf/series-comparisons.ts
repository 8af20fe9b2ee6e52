/**
 * The series comparison's ranking and points chapter: per activity two or more sessions shared,
 * its items down and the sessions across (mean position and share put first, or mean points).
 * A session of fewer than LIMITS.smallGroupMin respondents shows the small-group text, no figure.
 */
import type { Locale, MessageKey, MessageParams } from '../../../shared/i18n/index.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { SeriesComparison, SeriesReport } from '../../../shared/report.ts';
import { formatDate, formatMean, formatShare } from '../format.ts';
import { COLORS, STYLES, type Cell, type Column, type Layout } from './layout.ts';

interface PdfContext {
  layout: Layout;
  t: (key: MessageKey, params?: MessageParams) => string;
  locale: Locale;
}

const none: Cell = { text: '—', style: { ...STYLES.label, color: COLORS.faint } };

function itemCell(ctx: PdfContext, entry: SeriesComparison['sessions'][number], index: number): Cell {
  const item = entry.items?.[index];
  if (!item) return none;
  if ('meanPosition' in item) {
    if (item.meanPosition === null) return none;
    const mean = formatMean(item.meanPosition, ctx.locale);
    return { text: ctx.t('seriesCompare.rankingCell', { mean, share: formatShare(item.firstShare, ctx.locale) }) };
  }
  return item.meanPoints === null ? none : { text: formatMean(item.meanPoints, ctx.locale) };
}

export function seriesComparisonsChapter(ctx: PdfContext, report: SeriesReport): void {
  const { layout, t, locale } = ctx;
  if (report.comparisons.length === 0) return;
  layout.chapter(t('seriesCompare.section'));
  layout.paragraph(`${t('seriesCompare.lead')} ${t('report.privacyNote', { min: LIMITS.smallGroupMin })}`, STYLES.caption, { after: 8 });
  const sessions = new Map(report.sessions.map((s) => [s.id, s]));
  const suppressed: Cell = { text: t('report.suppressed', { min: LIMITS.smallGroupMin }), style: STYLES.smallItalic };
  report.comparisons.forEach((comparison, index) => {
    const columns: Column[] = [
      { header: t('report.item'), width: 2.4 },
      ...comparison.sessions.map((entry) => {
        const session = sessions.get(entry.sessionId);
        return {
          header: session ? `${session.title} (${formatDate(session.createdAt, locale)})` : entry.sessionId,
          width: 1.2,
          align: 'center' as const,
        };
      }),
    ];
    const rows: Cell[][] = [
      [
        { text: t('report.n'), style: STYLES.smallBold },
        ...comparison.sessions.map((e) => (e.suppressed ? suppressed : { text: String(e.n) })),
      ],
      ...comparison.items.map((label, itemIndex): Cell[] => [
        { text: label },
        ...comparison.sessions.map((e) => itemCell(ctx, e, itemIndex)),
      ]),
    ];
    const measure =
      comparison.kind === 'ranking'
        ? `${t('report.kind.ranking')}: ${t('ranking.meanPosition').toLowerCase()} · ${t('ranking.firstShare').toLowerCase()}`
        : `${t('report.kind.points')}: ${t('points.meanPoints').toLowerCase()} (${t('points.budgetLabel', { n: comparison.budget })})`;
    layout.heading(comparison.title, STYLES.h3, layout.tableStartHeight(columns, rows) + 34, index === 0 ? 0 : 14, 2);
    layout.paragraph(measure, STYLES.caption, { after: 4 });
    layout.table(columns, rows);
  });
}
