/**
 * The PDF chapters of what a session leaves for later: the experience cards (each card's fields,
 * the contact only when its writer opted in), the commitments (counts only, the follow-up's
 * answers suppressed below LIMITS.smallGroupMin) and the support register grouped by kind
 * (what the salas asked, its status and Servicio Civil's public note).
 */
import type { Locale, MessageKey, MessageParams } from '../../../shared/i18n/index.ts';
import type { SessionReport } from '../../../shared/report.ts';
import { experienceCells, experienceColumns } from '../experience-table.ts';
import { commitmentCells, commitmentColumns, registerByKind, type FollowUpCell } from '../followup-table.ts';
import { formatDateTime } from '../format.ts';
import { COLORS, STYLES, type Cell, type Column, type Layout } from './layout.ts';

interface PdfContext {
  layout: Layout;
  t: (key: MessageKey, params?: MessageParams) => string;
  locale: Locale;
}

const none: Cell = { text: '—', style: { ...STYLES.label, color: COLORS.faint } };

function cell(value: FollowUpCell): Cell {
  if (value === null) return none;
  if (typeof value === 'object') return { text: value.placeholder, style: STYLES.smallItalic };
  return { text: String(value) };
}

/** Each card under its initiative's name: where it came from, then one row per field it says. */
export function experiencesChapter(ctx: PdfContext, report: SessionReport): void {
  const { layout, t } = ctx;
  if (report.experiences.length === 0) return;
  layout.chapter(t('kind.experience'));
  const columns = experienceColumns(t);
  const fieldColumns: Column[] = [
    { header: t('report.item'), width: 1 },
    { header: t('exports.column.text'), width: 2.6 },
  ];
  for (const card of report.experiences) {
    const [sala, agency, , ...fields] = experienceCells(t, card);
    const rows: Cell[][] = fields.flatMap((value, i) =>
      value === null ? [] : [[{ text: columns[i + 3]!.header, style: STYLES.smallBold }, { text: String(value) }]],
    );
    layout.heading(card.name, STYLES.h3, layout.tableStartHeight(fieldColumns, rows) + 30, 14, 2);
    const from = [t('report.pdf.agendaPosition', { position: card.position }), sala, agency].filter((part) => part !== null);
    layout.paragraph(from.join('  ·  '), STYLES.caption, { after: 6 });
    layout.table(fieldColumns, rows);
  }
}

/** The commitment activities as counts; never a text, nor who wrote or answered what. */
export function commitmentsChapter(ctx: PdfContext, report: SessionReport): void {
  const { layout, t } = ctx;
  if (report.commitments.length === 0) return;
  layout.chapter(t('reportsall.commitments'));
  layout.paragraph(t('reportsall.commitments.lead'), STYLES.caption, { after: 8 });
  // The activity, its place and mode in one cell, so the five counts have room for their headers.
  const [, activity, , ...counts] = commitmentColumns(t);
  const columns: Column[] = [
    { header: activity!.header, width: 1.6 },
    ...counts.map((column) => ({ header: column.header, width: 1, align: 'center' as const })),
  ];
  const rows = report.commitments.map((entry): Cell[] => {
    const [position, title, mode, ...figures] = commitmentCells(t, entry);
    const first: Cell = { text: `${title}\n${t('report.pdf.agendaPosition', { position: Number(position) })} · ${mode}` };
    // A suppressed follow-up: the small-group text once, across the three answers.
    const suppressed = figures.find((figure) => figure !== null && typeof figure === 'object');
    if (suppressed) return [first, ...figures.slice(0, 2).map(cell), { ...cell(suppressed), span: 3 }];
    return [first, ...figures.map(cell)];
  });
  layout.table(columns, rows);
}

/** The register grouped by kind: each sala's request, its status and what was done. */
export function registerChapter(ctx: PdfContext, report: SessionReport): void {
  const { layout, t, locale } = ctx;
  if (report.supportRegister.length === 0) return;
  layout.chapter(t('support.title'));
  layout.paragraph(t('reportsall.register.lead'), STYLES.caption, { after: 8 });
  const columns: Column[] = [
    { header: t('report.sala'), width: 1 },
    { header: t('support.asked'), width: 2.2 },
    { header: t('support.status'), width: 1 },
    { header: t('reportsall.register.note'), width: 2.2 },
  ];
  for (const group of registerByKind(t, report.supportRegister)) {
    const rows: Cell[][] = group.entries.map((entry) => [
      { text: entry.agencies.length > 0 ? `${entry.salaName}\n${entry.agencies.join(', ')}` : entry.salaName },
      entry.text === '' ? { text: t('support.noText'), style: STYLES.smallItalic } : { text: entry.text },
      { text: `${t(`support.status.${entry.status}`)}\n${formatDateTime(entry.updatedAt, locale)}` },
      entry.note === '' ? { text: t('reportsall.register.noNote'), style: STYLES.smallItalic } : { text: entry.note },
    ]);
    layout.heading(`${group.kind} (${group.entries.length})`, STYLES.h3, layout.tableStartHeight(columns, rows) + 20, 14, 4);
    layout.table(columns, rows);
  }
}
