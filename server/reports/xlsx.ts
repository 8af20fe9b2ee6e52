/**
 * A session report and a series comparison as Excel workbooks. Figures are real numbers with a
 * number format (counts "0", means "0.00", shares "0%", changes "+0.00"), so they add up and
 * chart in Excel; texts are string cells exactly as written (a string cell is never evaluated,
 * so no apostrophe is added; nothing here is ever written as a formula).
 *
 * Session workbook, sheets in this order (names in the report's locale; es-CL shown):
 * - Resumen: title, date, code, series, agencies, status, participation, when the file was made,
 *   the privacy note, and the note on removed participant data when that happened.
 * - One sheet per question, "P{N} {title}": the question, its respondents, then a table.
 *   Selección: Opción, Cantidad, Porcentaje. Escala: Ítem, Valor 1…Valor 5, n, Promedio.
 *   Respuesta abierta: Respuesta (visible answers), Palabra, Menciones; hidden answers counted above.
 * - Los cinco ejes (when a rating question is on the five axes): Pregunta, Eje, Valor 1…5, n, Promedio.
 * - Salas (when there was a breakout): one row per sala: N.º en la agenda, Actividad, Sala,
 *   Integrantes, Moderador(a), Secretario(a), Turnos dados, Nombres (only when names are in reports), then per
 *   rating question asked before: Respondieron la pregunta N and each item's mean; for a sala
 *   below the small-group minimum that cell says "Menos de 5 respuestas: no se muestra" and the
 *   means are empty.
 * - Síntesis de las salas (when there was a synthesis): one row per sala and guide question,
 *   plus one per sala for the support kinds it ticked; each row says when the sala's first note
 *   was saved and when it was submitted.
 * - Tipos de apoyo requeridos: how many salas (not hidden) ticked each kind.
 * - Comentarios y análisis (when the facilitator wrote any): N.º en la agenda, Actividad, and
 *   the facilitator's comments on its results.
 *
 * Series workbook: Resumen (the series and a row per session: date, agencies, participation),
 * Los cinco ejes (axis × session: Valor 1…5, n, Promedio, Cambio against the previous session),
 * Promedios por sesión (axis × session means side by side), Los servicios en cada sesión,
 * Prioridades y puntos en cada sesión (when sessions share a ranking or points activity: activity ×
 * item × session, n, mean position and share first, or mean points; small-group text below 5),
 * Tipos de apoyo requeridos (per session) and Síntesis de las salas (every session's).
 *
 * - Tiempos: every timing (shown, answering opened/closed, phase starts as dates; planned lengths).
 *
 * Every table has a bold, filled header row that stays in view (frozen) and an auto-filter over
 * its data; dates are date cells; rows fit their wrapped text; pages print as xlsx-layout.ts sets.
 */
import ExcelJS from 'exceljs';
import { DEFAULT_LOCALE, formatJoinCode, translate, type Locale, type MessageKey, type MessageParams } from '../../shared/i18n/index.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { RatingQuestionReport, SeriesReport, SessionReport, SynthesisReport } from '../../shared/report.ts';
import type { CatalogueCard } from '../../shared/experience-catalogue.ts';
import { SheetNames, xlsxText } from './cells.ts';
import { commentedEntries } from './comments.ts';
import { catalogueCells, catalogueColumns, experienceCells, experienceColumns } from './experience-table.ts';
import { commitmentCells, commitmentColumns, registerCells, registerColumns } from './followup-table.ts';
import { formatDate, wallClock } from './format.ts';
import { figureTable } from './figure-table.ts';
import { salaFigureTables } from './sala-figures.ts';
import { timingEntries } from './timings.ts';
import {
  DATE_FORMATS,
  DATE_TIME_FORMATS,
  columnLetters,
  footerText,
  reportWorkbook,
  rowHeight,
  setUpPage,
  wrappedLines,
} from './xlsx-layout.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** How a column's cells are written: its number format, and whether long text wraps. */
type ColumnKind = 'text' | 'longText' | 'int' | 'mean' | 'share' | 'change' | 'date' | 'dateTime';
interface TableColumn {
  header: string;
  kind: ColumnKind;
}
/** A Date is a wall-clock time in the report's time zone (format.ts wallClock). */
type CellValue = string | number | Date | null;
/** A text cell written in grey italics (a placeholder such as "(sin texto)"). */
interface Placeholder {
  placeholder: string;
}
type TableCell = CellValue | Placeholder;

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  longText: undefined,
  int: '0',
  mean: '0.00',
  share: '0%',
  change: '+0.00;-0.00;0.00',
  date: undefined,
  dateTime: undefined,
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const WIDTH_MIN = 8;
/** Added to the longest content's length (it also keeps exceljs from taking a width of 9 as the default and leaving it out). */
const WIDTH_PADDING = 3;
const WIDTH_MAX = { text: 40, longText: 80 } as const;
/** A header longer than this wraps instead of widening its column. */
const HEADER_WIDTH_MAX = 24;

/** A sheet's page footer and how its dates are written. */
interface SheetPage {
  footer: string;
  locale: Locale;
}

/** A date cell: a wall-clock Date in the report's time zone, or null. */
const dateCell = (iso: string | null): Date | null => (iso === null ? null : wallClock(iso));

/**
 * Writes one worksheet top to bottom: notes, label/value pairs, and tables; at the end sets
 * widths, the heights of rows with wrapped text, and the page setup.
 */
class SheetWriter {
  readonly sheet: ExcelJS.Worksheet;
  private row = 1;
  private readonly widths: number[] = [];
  private readonly caps: number[] = [];
  private frozen = false;
  /** The first table's header row, printed on every page. */
  private headerRow: number | null = null;
  /** Cells whose text wraps, to size their rows once the widths are known. */
  private readonly wrapped: { row: number; column: number; text: string }[] = [];
  private readonly tallRows = new Map<number, number>();

  constructor(
    workbook: ExcelJS.Workbook,
    name: string,
    private readonly page: SheetPage,
  ) {
    this.sheet = workbook.addWorksheet(name);
  }

  /** A line of text in the first column (a title when big), left out of the column widths. */
  note(text: string, style: 'title' | 'subtitle' | 'plain' | 'italic' = 'plain'): void {
    const cell = this.sheet.getCell(this.row, 1);
    cell.value = xlsxText(text);
    if (style === 'title') cell.font = { bold: true, size: 14 };
    if (style === 'subtitle') cell.font = { bold: true, size: 12 };
    if (style === 'title' || style === 'subtitle') this.tallRows.set(this.row, rowHeight(1, style === 'title' ? 14 : 12));
    if (style === 'italic') cell.font = { italic: true };
    this.row++;
  }

  /** A bold label in the first column and its value in the second. */
  pair(label: string, value: CellValue, kind: ColumnKind = 'text'): void {
    if (label !== '') {
      const labelCell = this.sheet.getCell(this.row, 1);
      labelCell.value = xlsxText(label);
      labelCell.font = { bold: true };
      labelCell.alignment = { vertical: 'top' };
      this.measure(1, label, 'text');
    }
    this.writeValue(this.row, 2, value, kind);
    this.row++;
  }

  blank(): void {
    this.row++;
  }

  /** A header row (bold, filled, frozen and filtered when it is the sheet's first table) and its rows. */
  table(columns: TableColumn[], rows: TableCell[][]): void {
    const headerRow = this.row;
    columns.forEach((column, index) => {
      const cell = this.sheet.getCell(headerRow, index + 1);
      cell.value = xlsxText(column.header);
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = { bottom: { style: 'thin' } };
      cell.alignment = { vertical: 'top', wrapText: true };
      this.measure(index + 1, column.header.slice(0, HEADER_WIDTH_MAX), column.kind);
      this.wrapped.push({ row: headerRow, column: index + 1, text: column.header });
    });
    this.row++;
    for (const values of rows) {
      columns.forEach((column, index) => this.writeValue(this.row, index + 1, values[index] ?? null, column.kind));
      this.row++;
    }
    if (!this.frozen && columns.length > 0) {
      this.frozen = true;
      this.headerRow = headerRow;
      this.sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }];
      // The filter covers the data rows too: LibreOffice (and Excel on re-opening) filter only inside the range.
      this.sheet.autoFilter = `A${headerRow}:${columnLetters(columns.length)}${Math.max(headerRow, this.row - 1)}`;
    }
  }

  /** Column widths from the longest content (capped), wrapping text that is longer than the cap. */
  finish(): void {
    const widths = this.widths.map((width, index) =>
      width === undefined ? undefined : Math.max(WIDTH_MIN, Math.min(width, this.caps[index] ?? WIDTH_MAX.text) + WIDTH_PADDING),
    );
    widths.forEach((width, index) => {
      if (width !== undefined) this.sheet.getColumn(index + 1).width = width;
    });
    const lines = new Map<number, number>();
    for (const cell of this.wrapped) {
      const count = wrappedLines(cell.text, widths[cell.column - 1] ?? WIDTH_MIN);
      if (count > 1) lines.set(cell.row, Math.max(lines.get(cell.row) ?? 1, count));
    }
    for (const [row, count] of lines) this.tallRows.set(row, Math.max(this.tallRows.get(row) ?? 0, rowHeight(count)));
    for (const [row, height] of this.tallRows) this.sheet.getRow(row).height = height;
    const totalWidth = widths.reduce<number>((sum, width) => sum + (width ?? WIDTH_MIN), 0);
    setUpPage(this.sheet, totalWidth, this.headerRow, this.page.footer);
  }

  private writeValue(row: number, column: number, value: TableCell, kind: ColumnKind): void {
    const cell = this.sheet.getCell(row, column);
    const long = kind === 'longText';
    if (value instanceof Date) {
      cell.value = value;
      cell.numFmt = kind === 'date' ? DATE_FORMATS[this.page.locale] : DATE_TIME_FORMATS[this.page.locale];
      this.measure(column, DATE_TIME_FORMATS[this.page.locale], kind);
    } else if (value !== null && typeof value === 'object') {
      cell.value = xlsxText(value.placeholder);
      cell.font = { italic: true, color: { argb: 'FF7F7F7F' } };
      this.measure(column, value.placeholder, kind);
    } else if (typeof value === 'number') {
      cell.value = value;
      const format = NUMBER_FORMATS[kind];
      if (format) cell.numFmt = format;
      this.measure(
        column,
        kind === 'mean' || kind === 'change' ? value.toFixed(2) : kind === 'share' ? `${Math.round(value * 100)}%` : String(value),
        kind,
      );
    } else if (typeof value === 'string' && value !== '') {
      cell.value = xlsxText(value);
      this.measure(column, value, kind);
    }
    const cap = long ? WIDTH_MAX.longText : WIDTH_MAX.text;
    const wraps = typeof value === 'string' && value !== '' && (long || longestLine(value) > cap || value.includes('\n'));
    cell.alignment = { vertical: 'top', ...(wraps ? { wrapText: true } : {}) };
    if (wraps) this.wrapped.push({ row, column, text: value });
  }

  private measure(column: number, text: string, kind: ColumnKind): void {
    const index = column - 1;
    this.widths[index] = Math.max(this.widths[index] ?? 0, longestLine(text));
    this.caps[index] = Math.max(this.caps[index] ?? 0, kind === 'longText' ? WIDTH_MAX.longText : WIDTH_MAX.text);
  }
}

function longestLine(text: string): number {
  return Math.max(0, ...text.split('\n').map((line) => line.length));
}

function newWorkbook(title: string, generatedAt: string): ExcelJS.Workbook {
  const workbook = reportWorkbook();
  workbook.creator = 'Plenario';
  workbook.title = xlsxText(title);
  workbook.created = new Date(generatedAt);
  workbook.modified = new Date(generatedAt);
  return workbook;
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

const ratingColumns = (t: Translate): TableColumn[] => [
  ...[1, 2, 3, 4, 5].map((value) => ({ header: t('report.ratingValue', { value }), kind: 'int' as const })),
  { header: t('report.n'), kind: 'int' },
  { header: t('report.mean'), kind: 'mean' },
];

/** The synthesis rows (one per sala and guide question, then the sala's support kinds), after the given leading cells. */
function synthesisRows(t: Translate, locale: Locale, synthesis: SynthesisReport, lead: TableCell[]): TableCell[][] {
  const rows: TableCell[][] = [];
  const labels = new Map(synthesis.fields.map((field) => [field.key, field.label]));
  for (const sala of synthesis.salas) {
    const salaCells: TableCell[] = [
      ...lead,
      synthesis.position,
      synthesis.title,
      sala.salaName,
      t(`report.synthesisStatus.${sala.status}`),
      t(sala.hidden ? 'report.sheet.yes' : 'report.sheet.no'),
      dateCell(sala.firstSavedAt),
      dateCell(sala.submittedAt),
    ];
    for (const text of sala.texts)
      rows.push([...salaCells, labels.get(text.key) ?? text.key, text.text === '' ? { placeholder: t('report.notWritten') } : text.text]);
    rows.push([...salaCells, t('report.supportKinds'), sala.support.length === 0 ? null : sala.support.join('; ')]);
  }
  return rows;
}

const synthesisColumns = (t: Translate): TableColumn[] => [
  { header: t('report.sheet.column.position'), kind: 'int' },
  { header: t('report.sheet.column.activity'), kind: 'text' },
  { header: t('report.sala'), kind: 'text' },
  { header: t('report.sheet.status'), kind: 'text' },
  { header: t('report.hiddenFromPlenary'), kind: 'text' },
  { header: t('salaReport.firstSavedAt'), kind: 'dateTime' },
  { header: t('report.sheet.submittedAt'), kind: 'dateTime' },
  { header: t('report.sheet.field'), kind: 'text' },
  { header: t('report.sheet.text'), kind: 'longText' },
];

export async function renderSessionXlsx(report: SessionReport, locale: Locale = DEFAULT_LOCALE): Promise<Buffer> {
  const t: Translate = (key, params) => translate(locale, key, params);
  const { session } = report;
  const workbook = newWorkbook(session.title, report.generatedAt);
  const names = new SheetNames();
  const page: SheetPage = {
    locale,
    footer: footerText(
      (title) => t('exports.footer', { title, code: formatJoinCode(session.code), page: '&P', pages: '&N' }),
      session.title,
    ),
  };
  const sheet = (name: string, fallback: string) => new SheetWriter(workbook, names.name(name, fallback), page);

  // Summary.
  const summary = sheet(t('report.summary'), 'Resumen');
  summary.note(t('report.title'), 'title');
  summary.pair(t('report.session'), session.title);
  summary.pair(t('report.date'), dateCell(session.createdAt), 'dateTime');
  if (session.closedAt !== null) summary.pair(t('exports.closedAt'), dateCell(session.closedAt), 'dateTime');
  summary.pair(t('report.code'), formatJoinCode(session.code));
  summary.pair(t('exports.column.sessionId'), session.id);
  summary.pair(t('report.series'), session.series?.title ?? t('report.noSeries'));
  if (session.agencies.length === 0) summary.pair(t('report.agencies'), t('report.noAgencies'));
  session.agencies.forEach((agency, index) => summary.pair(index === 0 ? t('report.agencies') : '', agency));
  summary.pair(t('report.sheet.status'), t(session.status === 'open' ? 'report.status.open' : 'report.status.closed'));
  summary.pair(t('report.participants'), report.participation.participants, 'int');
  summary.pair(t('report.respondents'), report.participation.respondents, 'int');
  summary.pair(t('exports.generatedAt'), dateCell(report.generatedAt), 'dateTime');
  if (session.participantDataRemovedAt !== null)
    summary.pair(t('report.sheet.participantDataRemovedAt'), dateCell(session.participantDataRemovedAt), 'dateTime');
  summary.blank();
  summary.note(t('report.privacyNote', { min: LIMITS.smallGroupMin }), 'italic');
  if (session.participantDataRemovedAt !== null) {
    summary.note(t('report.participantDataRemoved', { date: formatDate(session.participantDataRemovedAt, locale) }), 'italic');
  }
  if (report.questions.length === 0 && report.breakouts.length === 0 && report.syntheses.length === 0)
    summary.note(t('report.empty'), 'italic');
  summary.finish();

  // One sheet per question.
  for (const question of report.questions) {
    const writer = sheet(t('report.sheet.questionSheet', { position: question.position, title: question.title }), `${question.position}`);
    writer.note(`${question.position}. ${question.title}`, 'subtitle');
    if (question.premise) writer.note(question.premise, 'italic');
    if (question.body) writer.note(question.body, 'italic');
    writer.pair(t('report.respondents'), question.respondents, 'int');
    if (question.kind === 'choice') {
      if (question.multiple) writer.note(t('report.sheet.multipleChoice'), 'italic');
      writer.blank();
      writer.table(
        [
          { header: t('report.option'), kind: 'text' },
          { header: t('report.count'), kind: 'int' },
          { header: t('report.share'), kind: 'share' },
        ],
        question.options.map((option) => [option.label, option.count, option.share]),
      );
    } else if (question.kind === 'rating') {
      if (question.minLabel !== null || question.maxLabel !== null)
        writer.note(t('report.sheet.scale', { min: question.minLabel ?? '', max: question.maxLabel ?? '' }), 'italic');
      writer.blank();
      writer.table(
        [{ header: t('report.item'), kind: 'text' }, ...ratingColumns(t)],
        question.items.map((item) => [item.label, ...item.counts, item.n, item.mean]),
      );
    } else if (question.kind === 'ranking' || question.kind === 'points') {
      if (question.kind === 'points') writer.pair(t('points.budget'), question.budget, 'int');
      const table = figureTable(question, t)!;
      writer.blank();
      writer.table(
        [{ header: t('report.item'), kind: 'text' }, ...table.columns],
        table.rows.map((row) => [row.label, ...row.values]),
      );
    } else if (question.kind === 'qa') {
      writer.pair(t('qa.report.hiddenCount'), question.hiddenCount, 'int');
      writer.pair(t('qa.report.pendingCount'), question.pendingCount, 'int');
      if (question.questions.length === 0) writer.note(t('qa.report.none'), 'italic');
      writer.blank();
      writer.table(
        [
          { header: t('qa.report.question'), kind: 'longText' },
          { header: t('qa.report.votes'), kind: 'int' },
          { header: t('qa.report.answered'), kind: 'text' },
        ],
        question.questions.map((q) => [q.text, q.votes, t(q.answered ? 'report.sheet.yes' : 'report.sheet.no')]),
      );
    } else {
      writer.pair(t('report.sheet.hiddenCount'), question.hiddenCount, 'int');
      if (question.answers.length === 0) writer.note(t('report.noAnswers'), 'italic');
      writer.blank();
      const length = Math.max(question.answers.length, question.words.length);
      writer.table(
        [
          { header: t('report.sheet.answer'), kind: 'longText' },
          { header: t('report.word'), kind: 'text' },
          { header: t('report.sheet.mentions'), kind: 'int' },
        ],
        Array.from({ length }, (_, i) => [question.answers[i] ?? null, question.words[i]?.word ?? null, question.words[i]?.count ?? null]),
      );
    }
    writer.finish();
  }

  // The five axes.
  const axisQuestions = report.questions.filter((q): q is RatingQuestionReport => q.kind === 'rating' && q.fiveAxes);
  if (axisQuestions.length > 0) {
    const axes = sheet(t('report.axes'), 'Ejes');
    axes.table(
      [{ header: t('report.question'), kind: 'text' }, { header: t('report.axis'), kind: 'text' }, ...ratingColumns(t)],
      axisQuestions.flatMap((q) => q.items.map((item) => [`${q.position}. ${q.title}`, item.label, ...item.counts, item.n, item.mean])),
    );
    axes.finish();
  }

  // Each agency's participation and five-axis profile; no figure for one below the minimum.
  if (report.agencies.length > 0) {
    const agencies = sheet(t('agencyReport.section'), 'Servicios');
    const suppressed = t('report.suppressed', { min: LIMITS.smallGroupMin });
    agencies.note(t('agencyReport.notSaid'), 'italic');
    agencies.table(
      [
        { header: t('agencyReport.agency'), kind: 'text' },
        { header: t('report.participants'), kind: 'int' },
        { header: t('report.respondents'), kind: 'int' },
        ...axisQuestions.flatMap((q) => [
          { header: t('report.sheet.salaRespondents', { position: q.position }), kind: 'int' as const },
          ...q.items.map((item) => ({
            header: t('report.sheet.salaMeanColumn', { label: item.label, position: q.position }),
            kind: 'mean' as const,
          })),
        ]),
      ],
      report.agencies.map((agency): TableCell[] => {
        if (agency.suppressed) return [agency.name, suppressed, null, ...axisQuestions.flatMap((q) => [null, ...q.items.map(() => null)])];
        return [
          agency.name,
          agency.participants,
          agency.respondents,
          ...axisQuestions.flatMap((q): TableCell[] => {
            const rating = agency.ratings.find((r) => r.activityId === q.activityId);
            if (!rating || rating.items === null) return [suppressed, ...q.items.map(() => null)];
            return [rating.respondents, ...q.items.map((item) => rating.items?.find((x) => x.id === item.id)?.mean ?? null)];
          }),
        ];
      }),
    );
    agencies.finish();
  }

  // Salas.
  if (report.breakouts.length > 0) {
    const salas = sheet(t('report.salas'), 'Salas');
    const withNames = report.breakouts.some((b) => b.salas.some((s) => s.memberNames !== null));
    // The rating questions salas have figures for, with their items, in order of first appearance.
    const ratings: { activityId: string; position: number | string; items: { id: string; label: string }[] }[] = [];
    for (const breakout of report.breakouts) {
      for (const sala of breakout.salas) {
        for (const rating of sala.ratings) {
          if (ratings.some((r) => r.activityId === rating.activityId)) continue;
          const question = report.questions.find((q) => q.activityId === rating.activityId);
          const items =
            question?.kind === 'rating'
              ? question.items.map((item) => ({ id: item.id, label: item.label }))
              : (
                  breakout.salas.flatMap((s) => s.ratings).find((r) => r.activityId === rating.activityId && r.items !== null)?.items ?? []
                ).map((item) => ({ id: item.id, label: item.id }));
          ratings.push({ activityId: rating.activityId, position: question?.position ?? '?', items });
        }
      }
    }
    const suppressed = t('report.suppressed', { min: LIMITS.smallGroupMin });
    const role = (filled: boolean) => t(filled ? 'report.roleFilled' : 'report.roleEmpty');
    salas.table(
      [
        { header: t('report.sheet.column.position'), kind: 'int' },
        { header: t('report.sheet.column.activity'), kind: 'text' },
        { header: t('report.sala'), kind: 'text' },
        { header: t('report.members'), kind: 'int' },
        { header: t('report.moderator'), kind: 'text' },
        { header: t('report.secretary'), kind: 'text' },
        { header: t('salaReport.turns'), kind: 'int' },
        ...(withNames ? [{ header: t('report.memberNames'), kind: 'longText' as const }] : []),
        ...ratings.flatMap((r) => [
          { header: t('report.sheet.salaRespondents', { position: r.position }), kind: 'int' as const },
          ...r.items.map((item) => ({
            header: t('report.sheet.salaMeanColumn', { label: item.label, position: r.position }),
            kind: 'mean' as const,
          })),
        ]),
      ],
      report.breakouts.flatMap((breakout) =>
        breakout.salas.map((sala): TableCell[] => [
          breakout.position,
          breakout.title,
          sala.name,
          sala.members,
          role(sala.roles.moderator),
          role(sala.roles.secretary),
          sala.turns,
          ...(withNames ? [sala.memberNames === null ? null : sala.memberNames.join(', ')] : []),
          ...ratings.flatMap((r): TableCell[] => {
            const figure = sala.ratings.find((x) => x.activityId === r.activityId);
            if (!figure) return [null, ...r.items.map(() => null)];
            if (figure.suppressed || figure.items === null) return [suppressed, ...r.items.map(() => null)];
            return [figure.respondents, ...r.items.map((item) => figure.items?.find((x) => x.id === item.id)?.mean ?? null)];
          }),
        ]),
      ),
    );
    salas.finish();
  }

  // Each sala's own ranking and points figures beside the room's.
  const salaTables = salaFigureTables(report, t);
  if (salaTables.length > 0) {
    const figures = sheet(t('seriesCompare.salaFigures'), 'Salas prioridades');
    const suppressed = t('report.suppressed', { min: LIMITS.smallGroupMin });
    figures.note(t('report.pdf.salaMeansNote', { min: LIMITS.smallGroupMin }), 'italic');
    figures.table(
      [
        { header: t('report.sheet.column.activity'), kind: 'text' },
        { header: t('seriesCompare.questionPosition'), kind: 'int' },
        { header: t('seriesCompare.question'), kind: 'text' },
        { header: t('report.item'), kind: 'text' },
        { header: t('seriesCompare.group'), kind: 'text' },
        { header: t('report.n'), kind: 'int' },
        { header: t('ranking.meanPosition'), kind: 'mean' },
        { header: t('ranking.firstShare'), kind: 'share' },
        { header: t('points.meanPoints'), kind: 'mean' },
      ],
      salaTables.flatMap(({ breakout, question, groups }) =>
        question.items.flatMap((item, index) =>
          groups.map((group): TableCell[] => {
            const lead = [breakout.title, question.position, question.title, item.label, group.sala ?? t('seriesCompare.room')];
            const values = group.values?.[index];
            if (!values) return [...lead, suppressed, null, null, null];
            const measures = question.kind === 'ranking' ? [values[0] ?? null, values[1] ?? null, null] : [null, null, values[0] ?? null];
            return [...lead, group.respondents, ...measures];
          }),
        ),
      ),
    );
    figures.finish();
  }

  // Syntheses and the support they ask for.
  if (report.syntheses.length > 0) {
    const syntheses = sheet(t('report.syntheses'), 'Síntesis');
    syntheses.table(
      synthesisColumns(t),
      report.syntheses.flatMap((s) => synthesisRows(t, locale, s, [])),
    );
    syntheses.finish();
    const support = sheet(t('report.supportKinds'), 'Apoyo');
    support.table(
      [
        { header: t('report.sheet.column.position'), kind: 'int' },
        { header: t('report.sheet.column.activity'), kind: 'text' },
        { header: t('report.sheet.supportKind'), kind: 'text' },
        { header: t('report.sheet.salasTicking'), kind: 'int' },
      ],
      report.syntheses.flatMap((s) => s.supportCounts.map((kind) => [s.position, s.title, kind.label, kind.count])),
    );
    support.finish();
  }

  if (report.experiences.length > 0) {
    const experiences = sheet(t('kind.experience'), 'Experiencias');
    experiences.table(
      [{ header: t('report.sheet.column.position'), kind: 'int' }, ...experienceColumns(t)],
      report.experiences.map((card) => [card.position, ...experienceCells(t, card)]),
    );
    experiences.finish();
  }

  if (report.commitments.length > 0) {
    const commitments = sheet(t('reportsall.commitments'), 'Compromisos');
    commitments.note(t('reportsall.commitments.lead'), 'italic');
    commitments.table(
      commitmentColumns(t),
      report.commitments.map((entry) => commitmentCells(t, entry)),
    );
    commitments.finish();
  }

  if (report.supportRegister.length > 0) {
    const register = sheet(t('support.title'), 'Registro de apoyos');
    // The last-updated date is a date cell, like every other date of the workbook.
    const columns = registerColumns(t);
    const asDate = (cell: TableCell, i: number) => (columns[i]!.kind === 'dateTime' && typeof cell === 'string' ? dateCell(cell) : cell);
    register.table(
      columns,
      report.supportRegister.map((entry) => registerCells(t, entry).map(asDate)),
    );
    register.finish();
  }

  const commented = commentedEntries(report);
  if (commented.length > 0) {
    const comments = sheet(t('notes.report.comments'), 'Comentarios');
    comments.table(
      [
        { header: t('report.sheet.column.position'), kind: 'int' },
        { header: t('report.sheet.column.activity'), kind: 'text' },
        { header: t('notes.report.comments'), kind: 'longText' },
      ],
      commented.map((entry) => [entry.position, entry.title, entry.comments]),
    );
    comments.finish();
  }

  // Timings: when each activity was shown and answered, each phase's start, planned lengths.
  const timings = timingEntries(report, t);
  if (timings.length > 0) {
    const writer = sheet(t('exports.timings'), 'Tiempos');
    writer.table(
      [
        { header: t('report.sheet.column.position'), kind: 'int' },
        { header: t('report.sheet.column.activity'), kind: 'text' },
        { header: t('exports.column.kind'), kind: 'text' },
        { header: t('exports.column.moment'), kind: 'text' },
        { header: t('exports.column.dateTime'), kind: 'dateTime' },
        { header: t('exports.column.seconds'), kind: 'int' },
      ],
      timings.map((entry) => [entry.position, entry.activity, entry.kind, entry.moment, dateCell(entry.at), entry.seconds]),
    );
    writer.finish();
  }

  return toBuffer(workbook);
}

export async function renderSeriesXlsx(report: SeriesReport, locale: Locale = DEFAULT_LOCALE): Promise<Buffer> {
  const t: Translate = (key, params) => translate(locale, key, params);
  const workbook = newWorkbook(report.series.title, report.generatedAt);
  const names = new SheetNames();
  const page: SheetPage = {
    locale,
    footer: footerText((title) => t('exports.seriesFooter', { title, page: '&P', pages: '&N' }), report.series.title),
  };
  const sheet = (name: string, fallback: string) => new SheetWriter(workbook, names.name(name, fallback), page);
  const sessions = new Map(report.sessions.map((s) => [s.id, s]));
  const sessionCells = (id: string): TableCell[] => {
    const session = sessions.get(id);
    return [session?.title ?? id, session ? dateCell(session.createdAt) : null];
  };
  const sessionColumns: TableColumn[] = [
    { header: t('report.session'), kind: 'text' },
    { header: t('report.date'), kind: 'date' },
  ];

  const summary = sheet(t('report.summary'), 'Resumen');
  summary.note(t('report.seriesTitle'), 'title');
  summary.pair(t('report.series'), report.series.title);
  summary.pair(t('exports.generatedAt'), dateCell(report.generatedAt), 'dateTime');
  summary.note(t('report.privacyNote', { min: LIMITS.smallGroupMin }), 'italic');
  summary.blank();
  summary.table(
    [
      ...sessionColumns,
      { header: t('report.agencies'), kind: 'longText' },
      { header: t('report.participants'), kind: 'int' },
      { header: t('report.respondents'), kind: 'int' },
    ],
    report.sessions.map((s) => [
      s.title,
      dateCell(s.createdAt),
      s.agencies.join('; '),
      s.participation.participants,
      s.participation.respondents,
    ]),
  );
  summary.finish();

  const axes = sheet(t('report.axes'), 'Ejes');
  axes.table(
    [{ header: t('report.axis'), kind: 'text' }, ...sessionColumns, ...ratingColumns(t), { header: t('report.change'), kind: 'change' }],
    report.axes.flatMap((axis) =>
      axis.sessions.map((entry) => [axis.label, ...sessionCells(entry.sessionId), ...entry.counts, entry.n, entry.mean, entry.change]),
    ),
  );
  axes.finish();

  const means = sheet(t('report.sheet.axisMeans'), 'Promedios');
  means.table(
    [
      { header: t('report.axis'), kind: 'text' },
      ...report.sessions.map((s) => ({ header: `${s.title} (${formatDate(s.createdAt, locale)})`, kind: 'mean' as const })),
    ],
    report.axes.map((axis) => [
      axis.label,
      ...report.sessions.map((s) => axis.sessions.find((entry) => entry.sessionId === s.id)?.mean ?? null),
    ]),
  );
  means.finish();

  if (report.agencies.length > 0) {
    const agencies = sheet(t('agencyReport.seriesProfile'), 'Servicios');
    const suppressed = t('report.suppressed', { min: LIMITS.smallGroupMin });
    agencies.note(t('agencyReport.notSaid'), 'italic');
    agencies.table(
      [
        { header: t('agencyReport.agency'), kind: 'text' },
        ...sessionColumns,
        { header: t('report.participants'), kind: 'int' },
        { header: t('report.respondents'), kind: 'int' },
        ...report.axes.map((axis) => ({ header: `${axis.label}: ${t('report.mean').toLowerCase()}`, kind: 'mean' as const })),
      ],
      report.agencies.flatMap((agency) =>
        agency.sessions.map((entry): TableCell[] => [
          agency.name,
          ...sessionCells(entry.sessionId),
          entry.participants ?? suppressed,
          entry.respondents,
          ...report.axes.map((axis, index) =>
            entry.suppressed ? null : (entry.items?.find((x) => x.id === axis.id)?.mean ?? (index === 0 ? suppressed : null)),
          ),
        ]),
      ),
    );
    agencies.finish();
  }

  if (report.comparisons.length > 0) {
    const compared = sheet(t('seriesCompare.section'), 'Prioridades');
    const suppressed = t('report.suppressed', { min: LIMITS.smallGroupMin });
    compared.note(t('seriesCompare.lead'), 'italic');
    compared.table(
      [
        { header: t('seriesCompare.activity'), kind: 'text' },
        { header: t('seriesCompare.kind'), kind: 'text' },
        { header: t('report.item'), kind: 'text' },
        ...sessionColumns,
        { header: t('report.n'), kind: 'int' },
        { header: t('ranking.meanPosition'), kind: 'mean' },
        { header: t('ranking.firstShare'), kind: 'share' },
        { header: t('points.meanPoints'), kind: 'mean' },
      ],
      report.comparisons.flatMap((comparison) =>
        comparison.items.flatMap((label, index) =>
          comparison.sessions.map((entry): TableCell[] => {
            const lead = [comparison.title, t(`report.kind.${comparison.kind}`), label, ...sessionCells(entry.sessionId)];
            if (entry.suppressed) return [...lead, suppressed, null, null, null];
            const item = entry.items?.[index];
            const figures =
              item && 'meanPosition' in item ? [item.meanPosition, item.firstShare, null] : [null, null, item?.meanPoints ?? null];
            return [...lead, entry.n, ...figures];
          }),
        ),
      ),
    );
    compared.finish();
  }

  const support = sheet(t('report.supportKinds'), 'Apoyo');
  support.table(
    [...sessionColumns, { header: t('report.sheet.supportKind'), kind: 'text' }, { header: t('report.sheet.salasTicking'), kind: 'int' }],
    report.support.flatMap((entry) => entry.counts.map((kind) => [...sessionCells(entry.sessionId), kind.label, kind.count])),
  );
  support.finish();

  const syntheses = sheet(t('report.syntheses'), 'Síntesis');
  syntheses.table(
    [...sessionColumns, ...synthesisColumns(t)],
    report.syntheses.flatMap((entry) => entry.syntheses.flatMap((s) => synthesisRows(t, locale, s, sessionCells(entry.sessionId)))),
  );
  syntheses.finish();

  return toBuffer(workbook);
}

/** The experience catalogue as one sheet: a card a row, after its session, date and series. */
export async function renderCatalogueXlsx(
  cards: readonly CatalogueCard[],
  generatedAt: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Buffer> {
  const t: Translate = (key, params) => translate(locale, key, params);
  const title = t('catalogue.title');
  const workbook = newWorkbook(title, generatedAt);
  const writer = new SheetWriter(workbook, new SheetNames().name(title, 'Experiencias'), {
    locale,
    footer: footerText((text) => t('catalogue.exportFooter', { title: text, page: '&P', pages: '&N' }), title),
  });
  writer.table(
    catalogueColumns(t),
    cards.map((card) => catalogueCells(t, card, wallClock)),
  );
  writer.finish();
  return toBuffer(workbook);
}
