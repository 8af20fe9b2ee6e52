/**
 * A session report as CSV, in long format: one row per figure or text, so it filters and
 * pivots in a spreadsheet, and CSVs of many sessions append into one table. Eleven columns,
 * always in this order (header row in the report's locale; es-CL names first):
 *
 * 1. ID de la sesión / Session id, on every row
 * 2. Código de la sesión / Session code, on every row, grouped as on screen ("088 312"): no
 *    spreadsheet reads it as a number, so a leading 0 stays
 * 3. Sección / Section: Sesión, Participación, Selección, Escala, Respuesta abierta, Sala,
 *    Síntesis, Experiencias (one row per field a card says), Compromisos (counts; the mode as
 *    the item), Registro de apoyos (one row per field an entry says; the kind as the item), Comentarios y análisis (the facilitator's, one row per activity commented, a
 *    text), Tiempos
 * 4. N.º en la agenda / Agenda no.: the activity's 1-based position (empty for session and participation rows)
 * 5. Actividad / Activity: the question, breakout or synthesis title
 * 6. Sala / Breakout room: the sala's name (sala and synthesis rows; a sala's rows include the
 *    turns to speak its moderator gave, a synthesis's the time of its first note)
 * 7. Ítem / Item: the option, rating item (axis), word, guide question, support kind, or the
 *    activity type on timing rows
 * 8. Medida / Measure: what the figure or text is (docs/report-format.md lists them)
 * 9. Cifra / Figure: the number, when the row holds one; nothing else is ever in this column
 * 10. Texto / Text: the text, when the row holds one (answers, names, statuses, dates)
 * 11. Personas que respondieron / People who answered: the question's respondents (or the
 *    sala's, for a sala's own figures); empty where it does not apply
 *
 * Figures and texts never share a column, so the figure columns stay numeric when a
 * spreadsheet guesses types and the text column can be imported as text, keeping answers such
 * as "12-10" or "0012345" as typed (only XLSX keeps every text exactly on a double-click).
 * Numbers: integers as they are; means with 2 decimals; shares as a percentage with 2 decimals
 * (60,00 for 0.6). The decimal mark is a comma with the ';' separator (what Excel expects in a
 * Spanish locale) and a dot with ','. No thousands separator.
 * Dates and times: ISO 8601 with the offset of the report's time zone ("2026-11-20T11:40:00-03:00").
 * A sala's figures below the small-group minimum are never numbers: the text says
 * "Menos de 5 respuestas: no se muestra".
 * Encoding: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting. Any text field starting with
 * = + - @ TAB or CR gets a leading apostrophe so no spreadsheet runs it as a formula.
 */
import { commentedEntries } from './comments.ts';
import { DEFAULT_LOCALE, formatJoinCode, translate, type Locale, type MessageKey, type MessageParams } from '../../shared/i18n/index.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { QuestionReport, SalaRating, SessionReport } from '../../shared/report.ts';
import { neutraliseFormula } from './cells.ts';
import { figureTable } from './figure-table.ts';
import { salaFigureTables } from './sala-figures.ts';
import { isoWithOffset } from './format.ts';
import { timingEntries } from './timings.ts';
import { experienceCells, experienceColumns } from './experience-table.ts';
import { commitmentCells, commitmentColumns, registerCells, registerColumns, type FollowUpCell } from './followup-table.ts';

export type CsvSeparator = ',' | ';';

export interface CsvOptions {
  separator: CsvSeparator;
  locale?: Locale;
}

/** A number with the decimals it is written with. */
interface NumberCell {
  number: number;
  decimals: number;
}
type Cell = string | NumberCell | null;

interface Row {
  section: string;
  position: number | null;
  activity: string;
  sala: string;
  item: string;
  metric: string;
  value: Cell;
  respondents: number | null;
}

const int = (number: number): NumberCell => ({ number, decimals: 0 });
const mean2 = (mean: number | null): Cell => (mean === null ? null : { number: mean, decimals: 2 });
const percent2 = (share: number): NumberCell => ({ number: share * 100, decimals: 2 });

export function renderSessionCsv(report: SessionReport, options: CsvOptions): string {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const separator = options.separator;
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);

  const header = [
    t('exports.column.sessionId'),
    t('exports.column.sessionCode'),
    t('report.sheet.column.section'),
    t('report.sheet.column.position'),
    t('report.sheet.column.activity'),
    t('report.sala'),
    t('report.item'),
    t('report.sheet.column.metric'),
    t('exports.column.figure'),
    t('exports.column.text'),
    t('report.respondents'),
  ];
  const rows: Row[] = [];
  const base = { position: null, activity: '', sala: '', item: '', respondents: null };

  // The session and its participation.
  const { session } = report;
  const sessionSection = t('report.session');
  const sessionRow = (metric: string, value: Cell) => rows.push({ ...base, section: sessionSection, metric, value });
  sessionRow(t('report.sheet.sessionTitle'), session.title);
  sessionRow(t('report.date'), isoWithOffset(session.createdAt));
  if (session.closedAt !== null) sessionRow(t('exports.closedAt'), isoWithOffset(session.closedAt));
  sessionRow(t('exports.generatedAt'), isoWithOffset(report.generatedAt));
  sessionRow(t('report.code'), formatJoinCode(session.code));
  sessionRow(t('report.series'), session.series?.title ?? t('report.noSeries'));
  for (const agency of session.agencies) sessionRow(t('report.sheet.agency'), agency);
  sessionRow(t('report.sheet.status'), t(session.status === 'open' ? 'report.status.open' : 'report.status.closed'));
  if (session.participantDataRemovedAt !== null)
    sessionRow(t('report.sheet.participantDataRemovedAt'), isoWithOffset(session.participantDataRemovedAt));
  const participation = t('report.sheet.participation');
  rows.push({ ...base, section: participation, metric: t('report.participants'), value: int(report.participation.participants) });
  rows.push({ ...base, section: participation, metric: t('report.respondents'), value: int(report.participation.respondents) });

  // A group's own figures on a rating question, one mean and one n row per item, or only the
  // suppressed marker where the group is below the minimum.
  const questions = new Map<string, QuestionReport>(report.questions.map((q) => [q.activityId, q]));
  const suppressed = t('report.suppressed', { min: LIMITS.smallGroupMin });
  const ratingRows = (rating: SalaRating, row: (item: string, measure: 'mean' | 'n') => Omit<Row, 'value'>) => {
    const question = questions.get(rating.activityId);
    const labels = new Map(question?.kind === 'rating' ? question.items.map((item) => [item.id, item.label]) : []);
    if (rating.suppressed || rating.items === null) {
      for (const id of question?.kind === 'rating' ? question.items.map((item) => item.id) : ['']) {
        const item = labels.get(id) ?? id;
        rows.push({ ...row(item, 'mean'), value: suppressed }, { ...row(item, 'n'), value: suppressed });
      }
      return;
    }
    for (const figure of rating.items) {
      const item = labels.get(figure.id) ?? figure.id;
      rows.push({ ...row(item, 'mean'), value: mean2(figure.mean), respondents: rating.respondents });
      rows.push({ ...row(item, 'n'), value: int(figure.n), respondents: rating.respondents });
    }
  };

  // Each agency's participation and five-axis profile; an agency below the minimum has no figure.
  for (const agency of report.agencies) {
    const at = { ...base, section: t('agencyReport.section'), item: agency.name };
    const figure = (value: number | null) => (value === null ? suppressed : int(value));
    rows.push({ ...at, metric: t('report.participants'), value: figure(agency.participants) });
    rows.push({ ...at, metric: t('report.respondents'), value: figure(agency.respondents) });
    for (const rating of agency.ratings) {
      const question = questions.get(rating.activityId);
      const inQuestion = { ...at, position: question?.position ?? null, activity: question?.title ?? '' };
      ratingRows(rating, (axis, measure) => ({
        ...inQuestion,
        metric: t(measure === 'mean' ? 'agencyReport.axisMean' : 'agencyReport.axisN', { axis }),
      }));
    }
  }

  // Questions.
  for (const question of report.questions) {
    const at = { ...base, position: question.position, activity: question.title, respondents: question.respondents };
    const table = figureTable(question, t);
    if (table) {
      const section = t(`report.kind.${question.kind as 'ranking' | 'points'}`);
      for (const row of table.rows) {
        table.columns.forEach((column, index) => {
          const value = row.values[index] ?? null;
          const cell = column.kind === 'share' ? percent2(value ?? 0) : column.kind === 'mean' ? mean2(value) : int(value ?? 0);
          rows.push({ ...at, section, item: row.label, metric: column.header, value: cell });
        });
      }
    } else if (question.kind === 'choice') {
      const section = t('report.kind.choice');
      for (const option of question.options) {
        rows.push({ ...at, section, item: option.label, metric: t('report.count'), value: int(option.count) });
        rows.push({ ...at, section, item: option.label, metric: t('report.sheet.sharePercent'), value: percent2(option.share) });
      }
    } else if (question.kind === 'rating') {
      const section = t('report.kind.rating');
      for (const item of question.items) {
        item.counts.forEach((count, index) =>
          rows.push({ ...at, section, item: item.label, metric: t('report.ratingValue', { value: index + 1 }), value: int(count) }),
        );
        rows.push({ ...at, section, item: item.label, metric: t('report.n'), value: int(item.n) });
        rows.push({ ...at, section, item: item.label, metric: t('report.mean'), value: mean2(item.mean) });
      }
    } else if (question.kind === 'qa') {
      const section = t('kind.qa');
      for (const asked of question.questions) {
        rows.push({ ...at, section, item: asked.text, metric: t('qa.report.votes'), value: int(asked.votes) });
        const answered = t(asked.answered ? 'report.sheet.yes' : 'report.sheet.no');
        rows.push({ ...at, section, item: asked.text, metric: t('qa.report.answered'), value: answered });
      }
      rows.push({ ...at, section, metric: t('qa.report.hiddenCount'), value: int(question.hiddenCount) });
      rows.push({ ...at, section, metric: t('qa.report.pendingCount'), value: int(question.pendingCount) });
    } else if (question.kind === 'open') {
      const section = t('report.kind.open');
      for (const answer of question.answers) rows.push({ ...at, section, metric: t('report.sheet.answer'), value: answer });
      rows.push({ ...at, section, metric: t('report.sheet.hiddenCount'), value: int(question.hiddenCount) });
      for (const word of question.words)
        rows.push({ ...at, section, item: word.word, metric: t('report.sheet.mentions'), value: int(word.count) });
    }
  }

  // Salas: who was there, and each sala's own figures (or the suppressed marker).
  const yesNo = (value: boolean) => t(value ? 'report.sheet.yes' : 'report.sheet.no');
  for (const breakout of report.breakouts) {
    const section = t('report.sala');
    for (const sala of breakout.salas) {
      const at = { ...base, section, position: breakout.position, activity: breakout.title, sala: sala.name };
      rows.push({ ...at, metric: t('report.members'), value: int(sala.members) });
      rows.push({ ...at, metric: t('report.moderator'), value: t(sala.roles.moderator ? 'report.roleFilled' : 'report.roleEmpty') });
      rows.push({ ...at, metric: t('report.secretary'), value: t(sala.roles.secretary ? 'report.roleFilled' : 'report.roleEmpty') });
      rows.push({ ...at, metric: t('salaReport.turns'), value: int(sala.turns) });
      for (const name of sala.memberNames ?? []) rows.push({ ...at, metric: t('report.memberNames'), value: name });
      for (const rating of sala.ratings) {
        const position = questions.get(rating.activityId)?.position ?? '?';
        ratingRows(rating, (axis, measure) => ({
          ...at,
          item: axis,
          metric: t(measure === 'mean' ? 'report.sheet.salaMean' : 'report.sheet.salaN', { position }),
        }));
      }
    }
  }

  // Each sala's own ranking and points figures (the room's are the question's rows above).
  for (const table of salaFigureTables(report, t)) {
    const { breakout, question } = table;
    const at = { ...base, section: t('report.sala'), position: breakout.position, activity: breakout.title };
    for (const group of table.groups) {
      const sala = group.sala;
      if (sala === null) continue;
      question.items.forEach((item, index) => {
        table.columns.forEach((column, c) => {
          const metric = t('seriesCompare.salaMetric', { measure: column.header, position: question.position });
          const value = group.values?.[index]?.[c] ?? null;
          const cell = group.values === null ? suppressed : column.kind === 'share' ? percent2(value ?? 0) : mean2(value);
          rows.push({ ...at, sala, item: item.label, metric, value: cell, respondents: group.respondents });
        });
      });
    }
  }

  // Syntheses: each sala's texts and ticked support kinds, then the counts over the salas shown.
  for (const synthesis of report.syntheses) {
    const section = t('report.synthesis');
    const at = { ...base, section, position: synthesis.position, activity: synthesis.title };
    const fieldLabels = new Map(synthesis.fields.map((field) => [field.key, field.label]));
    for (const sala of synthesis.salas) {
      const inSala = { ...at, sala: sala.salaName };
      rows.push({ ...inSala, metric: t('report.sheet.status'), value: t(`report.synthesisStatus.${sala.status}`) });
      rows.push({ ...inSala, metric: t('report.hiddenFromPlenary'), value: yesNo(sala.hidden) });
      if (sala.firstSavedAt !== null)
        rows.push({ ...inSala, metric: t('salaReport.firstSavedAt'), value: isoWithOffset(sala.firstSavedAt) });
      if (sala.submittedAt !== null)
        rows.push({ ...inSala, metric: t('report.sheet.submittedAt'), value: isoWithOffset(sala.submittedAt) });
      for (const text of sala.texts)
        rows.push({ ...inSala, item: fieldLabels.get(text.key) ?? text.key, metric: t('report.sheet.text'), value: text.text });
      for (const kind of sala.support)
        rows.push({ ...inSala, item: kind, metric: t('report.sheet.supportTicked'), value: t('report.sheet.yes') });
    }
    for (const kind of synthesis.supportCounts)
      rows.push({ ...at, item: kind.label, metric: t('report.sheet.salasTicking'), value: int(kind.count) });
  }

  // Experience cards: one row per field said, the card's name as the item.
  const columns = experienceColumns(t);
  for (const card of report.experiences) {
    const at = { ...base, section: t('kind.experience'), position: card.position, sala: card.salaName ?? '', item: card.name };
    experienceCells(t, card).forEach((cell, i) => {
      if (cell !== null && i > 0) rows.push({ ...at, metric: columns[i]!.header, value: typeof cell === 'number' ? int(cell) : cell });
    });
  }

  // Commitments (counts only) and the support register (one row per field an entry says).
  const followUpValue = (cell: FollowUpCell, dateTime: boolean): Cell =>
    typeof cell === 'number'
      ? int(cell)
      : cell !== null && typeof cell === 'object'
        ? cell.placeholder
        : dateTime && cell
          ? isoWithOffset(cell)
          : cell;
  const commitmentHeaders = commitmentColumns(t);
  for (const entry of report.commitments) {
    const at = {
      ...base,
      section: t('reportsall.commitments'),
      position: entry.position,
      activity: entry.title,
      item: t(`commitment.kind.${entry.mode}`),
    };
    commitmentCells(t, entry).forEach((cell, i) => {
      if (cell !== null && i > 2) rows.push({ ...at, metric: commitmentHeaders[i]!.header, value: followUpValue(cell, false) });
    });
  }
  const registerHeaders = registerColumns(t);
  for (const entry of report.supportRegister) {
    const [kind, sala, ...cells] = registerCells(t, entry);
    const at = { ...base, section: t('support.title'), sala: String(sala), item: String(kind) };
    cells.forEach((cell, i) => {
      const column = registerHeaders[i + 2]!;
      if (cell !== null) rows.push({ ...at, metric: column.header, value: followUpValue(cell, column.kind === 'dateTime') });
    });
  }

  // The facilitator's comments and analysis of each result.
  const commentsSection = t('notes.report.comments');
  for (const entry of commentedEntries(report)) {
    const at = { ...base, section: commentsSection, position: entry.position, activity: entry.title };
    rows.push({ ...at, metric: t('report.sheet.text'), value: entry.comments });
  }

  // Timings: when each activity was shown and answered, each phase's start, planned lengths.
  const timings = t('exports.timings');
  for (const entry of timingEntries(report, t)) {
    const value = entry.at === null ? (entry.seconds === null ? null : int(entry.seconds)) : isoWithOffset(entry.at);
    rows.push({
      ...base,
      section: timings,
      position: entry.position,
      activity: entry.activity,
      item: entry.kind,
      metric: entry.moment,
      value,
    });
  }

  const decimalMark = separator === ';' ? ',' : '.';
  const text = (value: string) => quote(neutraliseFormula(value), separator);
  const number = (cell: NumberCell) => {
    const written = cell.decimals === 0 ? String(Math.round(cell.number)) : cell.number.toFixed(cell.decimals);
    return decimalMark === '.' ? written : written.replace('.', decimalMark);
  };
  const count = (value: number | null) => (value === null ? '' : number(int(value)));
  const sessionCells = [text(session.id), text(formatJoinCode(session.code))];
  const lines = [header.map(text).join(separator)];
  for (const row of rows) {
    const { value } = row;
    lines.push(
      [
        ...sessionCells,
        text(row.section),
        count(row.position),
        text(row.activity),
        text(row.sala),
        text(row.item),
        text(row.metric),
        value !== null && typeof value === 'object' ? number(value) : '',
        typeof value === 'string' ? text(value) : '',
        count(row.respondents),
      ].join(separator),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** RFC 4180: a field with the separator, a quote, CR or LF is quoted, its quotes doubled. */
export function quote(field: string, separator: CsvSeparator): string {
  return field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
