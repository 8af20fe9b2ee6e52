/**
 * Each sala's own ranking and points figures in the PDF, beside the whole room's: per question,
 * items down, the room then the salas across (at most `perTable` salas a table). A sala of fewer
 * than LIMITS.smallGroupMin respondents shows the small-group text and no figure.
 */
import type { Locale, MessageKey, MessageParams } from '../../../shared/i18n/index.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { formatMean, formatShare } from '../format.ts';
import type { SalaFigureGroup, SalaFigureTable } from '../sala-figures.ts';
import { COLORS, STYLES, type Cell, type Column, type Layout } from './layout.ts';

interface PdfContext {
  layout: Layout;
  t: (key: MessageKey, params?: MessageParams) => string;
  locale: Locale;
}

const none: Cell = { text: '—', style: { ...STYLES.label, color: COLORS.faint } };

function valueCell(ctx: PdfContext, table: SalaFigureTable, values: ReadonlyArray<number | null> | undefined): Cell {
  const mean = values?.[0] ?? null;
  if (mean === null) return none;
  if (table.question.kind === 'points') return { text: formatMean(mean, ctx.locale) };
  const share = formatShare(values?.[1] ?? 0, ctx.locale);
  return { text: ctx.t('seriesCompare.rankingCell', { mean: formatMean(mean, ctx.locale), share }) };
}

export function salaFigureBlocks(ctx: PdfContext, tables: readonly SalaFigureTable[], perTable: number): void {
  const { layout, t } = ctx;
  const suppressed: Cell = { text: t('report.suppressed', { min: LIMITS.smallGroupMin }), style: STYLES.smallItalic };
  for (const table of tables) {
    const [room, ...salas] = table.groups;
    const parts: Array<{ columns: Column[]; rows: Cell[][] }> = [];
    for (let start = 0; start < Math.max(1, salas.length); start += perTable) {
      const groups = [room, ...salas.slice(start, start + perTable)].filter((g): g is SalaFigureGroup => g !== undefined);
      parts.push({
        columns: [
          { header: t('report.item'), width: 2.2 },
          ...groups.map((g) => ({ header: g.sala ?? t('seriesCompare.room'), width: 1.2, align: 'center' as const })),
        ],
        rows: [
          [
            { text: t('report.n'), style: STYLES.smallBold },
            ...groups.map((g): Cell => (g.values === null ? suppressed : { text: String(g.respondents ?? 0) })),
          ],
          ...table.question.items.map((item, index): Cell[] => [
            { text: item.label },
            ...groups.map((g) => (g.values === null ? none : valueCell(ctx, table, g.values[index]))),
          ]),
        ],
      });
    }
    const measure = table.columns.map((c) => c.header.toLowerCase()).join(' · ');
    const first = parts[0] ? layout.tableStartHeight(parts[0].columns, parts[0].rows) : 0;
    layout.heading(t('seriesCompare.salaTitle', { title: table.question.title }), STYLES.h3, first + 30, 16, 2);
    layout.paragraph(measure, STYLES.caption, { after: 6 });
    for (const part of parts) {
      layout.table(part.columns, part.rows);
      layout.gap(8);
    }
  }
}
