/**
 * A session report as CSV, in long format: one row per figure or text, so it filters and
 * pivots in a spreadsheet. Eight columns, always in this order (header row in the report's
 * locale; es-CL names first):
 *
 * 1. Sección / Section: Sesión, Participación, Selección, Escala, Respuesta abierta, Sala, Síntesis,
 *    Comentarios y análisis (the facilitator's, one row per activity commented, measure Texto)
 * 2. N.º en la agenda / Agenda no.: the activity's 1-based position (empty for session and participation rows)
 * 3. Actividad / Activity: the question, breakout or synthesis title
 * 4. Sala / Breakout room: the sala's name (sala and synthesis rows)
 * 5. Ítem / Item: the option, rating item (axis), word, guide question or support kind
 * 6. Medida / Measure: what the value is: Cantidad, Porcentaje (%), Valor 1…Valor 5 (how many
 *    gave that value), n, Promedio, Respuesta, Respuestas ocultas por moderación, Menciones,
 *    Integrantes, Moderador(a), Secretario(a), Nombres, Promedio / n en la pregunta {N} (a sala's
 *    own answers to rating question N), Estado, Oculta en el plenario, Enviada el, Texto,
 *    Apoyo marcado, Salas que lo marcaron; and for the session: Título, Fecha, Código, Serie,
 *    Servicio participante, Estado, Datos de participantes eliminados el, Participantes,
 *    Personas que respondieron
 * 7. Valor / Value: the figure or the text
 * 8. Personas que respondieron / People who answered: the question's respondents (or the
 *    sala's, for a sala's own figures); empty where it does not apply
 *
 * Numbers: integers as they are; means with 2 decimals; shares as a percentage with 2 decimals
 * (60,00 for 0.6). The decimal mark is a comma with the ';' separator (what Excel expects in a
 * Spanish locale) and a dot with ','. No thousands separator.
 * A sala's figures below the small-group minimum are never numbers: the value is the text
 * "Menos de 5 respuestas: no se muestra".
 * Encoding: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting. Any text field starting with
 * = + - @ TAB or CR gets a leading apostrophe so no spreadsheet runs it as a formula.
 */
import { commentedEntries } from './comments.ts';
import { DEFAULT_LOCALE, translate, type Locale, type MessageKey, type MessageParams } from '../../shared/i18n/index.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { QuestionReport, SessionReport } from '../../shared/report.ts';
import { neutraliseFormula } from './cells.ts';
import { formatDateTime } from './format.ts';

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
    t('report.sheet.column.section'),
    t('report.sheet.column.position'),
    t('report.sheet.column.activity'),
    t('report.sala'),
    t('report.item'),
    t('report.sheet.column.metric'),
    t('report.sheet.column.value'),
    t('report.respondents'),
  ];
  const rows: Row[] = [];
  const base = { position: null, activity: '', sala: '', item: '', respondents: null };

  // The session and its participation.
  const { session } = report;
  const sessionSection = t('report.session');
  const sessionRow = (metric: string, value: Cell) => rows.push({ ...base, section: sessionSection, metric, value });
  sessionRow(t('report.sheet.sessionTitle'), session.title);
  sessionRow(t('report.date'), formatDateTime(session.createdAt, locale));
  sessionRow(t('report.code'), session.code);
  sessionRow(t('report.series'), session.series?.title ?? t('report.noSeries'));
  for (const agency of session.agencies) sessionRow(t('report.sheet.agency'), agency);
  sessionRow(t('report.sheet.status'), t(session.status === 'open' ? 'report.status.open' : 'report.status.closed'));
  if (session.participantDataRemovedAt !== null)
    sessionRow(t('report.sheet.participantDataRemovedAt'), formatDateTime(session.participantDataRemovedAt, locale));
  const participation = t('report.sheet.participation');
  rows.push({ ...base, section: participation, metric: t('report.participants'), value: int(report.participation.participants) });
  rows.push({ ...base, section: participation, metric: t('report.respondents'), value: int(report.participation.respondents) });

  // Questions.
  for (const question of report.questions) {
    const at = { ...base, position: question.position, activity: question.title, respondents: question.respondents };
    if (question.kind === 'choice') {
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
    } else {
      const section = t('report.kind.open');
      for (const answer of question.answers) rows.push({ ...at, section, metric: t('report.sheet.answer'), value: answer });
      rows.push({ ...at, section, metric: t('report.sheet.hiddenCount'), value: int(question.hiddenCount) });
      for (const word of question.words)
        rows.push({ ...at, section, item: word.word, metric: t('report.sheet.mentions'), value: int(word.count) });
    }
  }

  // Salas: who was there, and each sala's own figures (or the suppressed marker).
  const questions = new Map<string, QuestionReport>(report.questions.map((q) => [q.activityId, q]));
  const suppressed = t('report.suppressed', { min: LIMITS.smallGroupMin });
  const yesNo = (value: boolean) => t(value ? 'report.sheet.yes' : 'report.sheet.no');
  for (const breakout of report.breakouts) {
    const section = t('report.sala');
    for (const sala of breakout.salas) {
      const at = { ...base, section, position: breakout.position, activity: breakout.title, sala: sala.name };
      rows.push({ ...at, metric: t('report.members'), value: int(sala.members) });
      rows.push({ ...at, metric: t('report.moderator'), value: t(sala.roles.moderator ? 'report.roleFilled' : 'report.roleEmpty') });
      rows.push({ ...at, metric: t('report.secretary'), value: t(sala.roles.secretary ? 'report.roleFilled' : 'report.roleEmpty') });
      for (const name of sala.memberNames ?? []) rows.push({ ...at, metric: t('report.memberNames'), value: name });
      for (const rating of sala.ratings) {
        const question = questions.get(rating.activityId);
        const position = question?.position ?? '?';
        const labels = new Map(question?.kind === 'rating' ? question.items.map((item) => [item.id, item.label]) : []);
        const meanMetric = t('report.sheet.salaMean', { position });
        const nMetric = t('report.sheet.salaN', { position });
        if (rating.suppressed || rating.items === null) {
          const ids = question?.kind === 'rating' ? question.items.map((item) => item.id) : [''];
          for (const id of ids) {
            const item = labels.get(id) ?? id;
            rows.push({ ...at, item, metric: meanMetric, value: suppressed });
            rows.push({ ...at, item, metric: nMetric, value: suppressed });
          }
        } else {
          for (const figure of rating.items) {
            const item = labels.get(figure.id) ?? figure.id;
            rows.push({ ...at, item, metric: meanMetric, value: mean2(figure.mean), respondents: rating.respondents });
            rows.push({ ...at, item, metric: nMetric, value: int(figure.n), respondents: rating.respondents });
          }
        }
      }
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
      if (sala.submittedAt !== null)
        rows.push({ ...inSala, metric: t('report.sheet.submittedAt'), value: formatDateTime(sala.submittedAt, locale) });
      for (const text of sala.texts)
        rows.push({ ...inSala, item: fieldLabels.get(text.key) ?? text.key, metric: t('report.sheet.text'), value: text.text });
      for (const kind of sala.support)
        rows.push({ ...inSala, item: kind, metric: t('report.sheet.supportTicked'), value: t('report.sheet.yes') });
    }
    for (const kind of synthesis.supportCounts)
      rows.push({ ...at, item: kind.label, metric: t('report.sheet.salasTicking'), value: int(kind.count) });
  }

  // The facilitator's comments and analysis of each result.
  const commentsSection = t('notes.report.comments');
  for (const entry of commentedEntries(report)) {
    const at = { ...base, section: commentsSection, position: entry.position, activity: entry.title };
    rows.push({ ...at, metric: t('report.sheet.text'), value: entry.comments });
  }

  const decimalMark = separator === ';' ? ',' : '.';
  const text = (value: string) => quote(neutraliseFormula(value), separator);
  const number = (cell: NumberCell) => {
    const written = cell.decimals === 0 ? String(Math.round(cell.number)) : cell.number.toFixed(cell.decimals);
    return decimalMark === '.' ? written : written.replace('.', decimalMark);
  };
  const cell = (value: Cell | number) => {
    if (value === null) return '';
    if (typeof value === 'number') return number(int(value));
    if (typeof value === 'string') return text(value);
    return number(value);
  };
  const lines = [header.map(text).join(separator)];
  for (const row of rows) {
    lines.push(
      [
        text(row.section),
        cell(row.position),
        text(row.activity),
        text(row.sala),
        text(row.item),
        text(row.metric),
        cell(row.value),
        cell(row.respondents),
      ].join(separator),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** RFC 4180: a field with the separator, a quote, CR or LF is quoted, its quotes doubled. */
function quote(field: string, separator: CsvSeparator): string {
  return field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
