/**
 * Session reports and series comparisons as PDF (pdfkit): A4 portrait, a report that can be
 * sent as it is. Charts are vectors drawn from the report model's numbers (pdf/charts.ts); all
 * text is real text, so it can be selected, searched and read aloud.
 *
 * Session report:
 * 1. Title page: title, series, date, status, participating agencies, join code, participants
 *    and people who answered, the privacy note, the participant-data-removed note when set
 *    (and the "no results yet" message for a session without any).
 * 2. Results by question, in agenda order: choice questions as horizontal bars (count and
 *    percentage), rating questions as a stacked 1…5 distribution per item with its mean and n,
 *    open questions as the visible answers, the count hidden by moderation and the most
 *    frequent words as bars.
 * 3. The five axes (each rating question whose items are the five axes): the means as bars on
 *    the 1…5 scale and a radar.
 * 3b. Participation by agency: each agency's participants, respondents and five-axis means
 *    (pdf/agencies.ts), or the small-group text.
 * 4. Salas of each breakout: members, roles filled and turns given; each sala's own means on the rating
 *    questions asked before, or the small-group text where fewer than LIMITS.smallGroupMin answered.
 * 5. Syntheses: support kinds counted (bars), then every sala's synthesis field by field
 *    (status, when its first note was saved, hidden-from-plenary mark, "(sin texto)" for empty
 *    fields, support ticked).
 * 6. Experience cards, commitments (counts only) and the support register by kind (pdf/followup.ts).
 *
 * Series comparison: title page with the sessions (date, agencies, participation); the five
 * axes per session (grouped bars, a radar with one polygon per session, and a table of mean, n,
 * distribution and change); each agency session by session; the ranking and points activities
 * sessions shared (pdf/series-comparisons.ts); support kinds per session; the syntheses of every session.
 *
 * Every title page is headed by the deployment's name (and PNG logo, THEME_*); every page has a
 * footer with the title and "Página n de N". The document info holds Title, Author (the
 * deployment's name) and CreationDate = the report's generatedAt, so the same report
 * renders to the same bytes.
 */
import { DEFAULT_LOCALE, formatJoinCode, translate, type Locale, type MessageKey, type MessageParams } from '../../shared/i18n/index.ts';
import { LIMITS } from '../../shared/limits.ts';
import type {
  BreakoutReport,
  ChoiceQuestionReport,
  OpenQuestionReport,
  PointsQuestionReport,
  QaQuestionReport,
  QuestionReport,
  RankingQuestionReport,
  RatingQuestionReport,
  SeriesReport,
  SessionReport,
  SynthesisReport,
} from '../../shared/report.ts';
import { formatDate, formatDateTime, formatMean, formatShare } from './format.ts';
import { agenciesChapter, seriesAgenciesChapter } from './pdf/agencies.ts';
import { commitmentsChapter, experiencesChapter, registerChapter } from './pdf/followup.ts';
import { seriesComparisonsChapter } from './pdf/series-comparisons.ts';
import { salaFigureBlocks } from './pdf/sala-figures.ts';
import { salaFigureTables } from './sala-figures.ts';
import { barList, distribution, legend, radar, scaleBars } from './pdf/charts.ts';
import { COLORS, Layout, STYLES, type Cell, type Column } from './pdf/layout.ts';
import { pointsChart, rankingChart } from './pdf/ranking-points.ts';

/** Open questions list at most this many words as bars. */
const TOP_WORDS = 15;
/** Sala means tables hold at most this many salas side by side. */
const SALAS_PER_TABLE = 6;

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The deployment a report comes from (its THEME_*), named atop the title page. */
export interface ReportBrand {
  name: string;
  /** The title page's name and band; the report's own palette when absent. */
  color?: string;
  /** A PNG (pdfkit draws no SVG), beside the name. */
  logo?: Buffer;
}

const PLENARIO: ReportBrand = { name: 'Plenario' };

interface Context {
  layout: Layout;
  t: Translate;
  locale: Locale;
  brand: ReportBrand;
}

function context(locale: Locale, title: string, generatedAt: string, brand: ReportBrand): Context {
  const t: Translate = (key, params) => translate(locale, key, params);
  const layout = new Layout({
    title,
    author: brand.name,
    createdAt: new Date(generatedAt),
    footer: title,
    pageLabel: (page, pages) => t('report.pdf.page', { page, pages }),
    lang: locale,
  });
  return { layout, t, locale, brand };
}

/** "N.º 2 en la agenda · Selección múltiple · Personas que respondieron: 20": the parts given, joined with middle dots. */
const joined = (parts: (string | null | false | undefined)[]) => parts.filter(Boolean).join('  ·  ');

// Title pages

/** The deployment's logo and name at the top of a title page. */
function brandLine(ctx: Context): void {
  const { layout, brand } = ctx;
  const height = 24;
  let x = layout.left;
  if (brand.logo) {
    // A PNG's width and height are the IHDR chunk's first two numbers.
    const width = Math.min(140, (height * brand.logo.readUInt32BE(16)) / brand.logo.readUInt32BE(20));
    layout.doc.image(brand.logo, x, layout.top, { fit: [width, height] });
    x += width + 10;
  }
  layout.textAt(brand.name, x, layout.top + 6, { ...STYLES.h3, size: 12, color: brand.color ?? COLORS.heading }, { lineBreak: false });
}

function kicker(ctx: Context, text: string): void {
  const { layout } = ctx;
  brandLine(ctx);
  layout.y = layout.top + 70;
  layout.doc.rect(layout.left, layout.y, 36, 3).fill(ctx.brand.color ?? COLORS.accent);
  layout.gap(14);
  layout.paragraph(text.toLocaleUpperCase(ctx.locale), STYLES.kicker, { after: 10 });
}

/** Label / value rows without a header, for the title pages. */
function facts(ctx: Context, rows: [string, string][]): void {
  const { layout } = ctx;
  const labelWidth = 150;
  for (const [label, value] of rows) {
    const height =
      Math.max(layout.measure(label, STYLES.small, labelWidth - 10), layout.measure(value, STYLES.body, layout.width - labelWidth)) + 10;
    layout.ensure(height);
    const y = layout.y;
    layout.textAt(label, layout.left, y + 5.5, STYLES.small, { width: labelWidth - 10 });
    layout.textAt(value, layout.left + labelWidth, y + 5, STYLES.body, { width: layout.width - labelWidth });
    layout.y = y + height;
    layout.rule();
  }
}

/** Large figures side by side (participation). */
function tiles(ctx: Context, items: { value: string; label: string }[]): void {
  const { layout } = ctx;
  const gap = 12;
  const width = (layout.width - gap * (items.length - 1)) / items.length;
  const height = 62;
  layout.ensure(height);
  const y = layout.y;
  items.forEach((item, i) => {
    const x = layout.left + i * (width + gap);
    layout.doc.rect(x, y, width, height).fill(COLORS.panel);
    layout.textAt(item.value, x + 14, y + 11, { ...STYLES.h1, size: 22, color: COLORS.accent }, { lineBreak: false });
    layout.textAt(item.label, x + 14, y + 40, STYLES.small, { width: width - 28 });
  });
  layout.y = y + height;
}

function sessionTitlePage(ctx: Context, report: SessionReport, empty: boolean): void {
  const { layout, t, locale } = ctx;
  const { session, participation } = report;
  kicker(ctx, t('report.title'));
  layout.paragraph(session.title, STYLES.title, { after: 6 });
  if (session.series) layout.paragraph(session.series.title, STYLES.subtitle);
  layout.gap(26);
  const status =
    session.status === 'closed' && session.closedAt
      ? t('report.pdf.closedAt', { date: formatDateTime(session.closedAt, locale) })
      : t(`report.status.${session.status}`);
  layout.rule();
  facts(ctx, [
    [t('report.date'), formatDateTime(session.createdAt, locale)],
    [t('report.series'), session.series?.title ?? t('report.noSeries')],
    [t('report.agencies'), session.agencies.length > 0 ? session.agencies.join('\n') : t('report.noAgencies')],
    [t('report.pdf.status'), status],
    [t('report.code'), formatJoinCode(session.code)],
  ]);
  layout.gap(22);
  tiles(ctx, [
    { value: String(participation.participants), label: t('report.participants') },
    { value: String(participation.respondents), label: t('report.respondents') },
  ]);
  if (empty) {
    layout.gap(22);
    layout.note(t('report.empty'), { style: STYLES.body });
  }
  layout.gap(22);
  layout.note(t('report.privacyNote', { min: LIMITS.smallGroupMin }));
  if (session.participantDataRemovedAt) {
    layout.gap(8);
    layout.note(t('report.participantDataRemoved', { date: formatDate(session.participantDataRemovedAt, locale) }), {
      fill: COLORS.warnPanel,
      bar: COLORS.warn,
    });
  }
  layout.gap(14);
  layout.paragraph(t('report.generatedAt', { date: formatDateTime(report.generatedAt, locale) }), STYLES.small);
}

// Questions

function questionHeading(ctx: Context, question: QuestionReport, kind: string, keep: number): void {
  const { layout, t } = ctx;
  layout.gap(18);
  const caption = joined([
    question.section,
    t('report.pdf.agendaPosition', { position: question.position }),
    kind,
    `${t('report.respondents')}: ${question.respondents}`,
  ]);
  // Keep the title, caption and the chart's first rows together.
  layout.ensure(
    layout.measure(question.title, STYLES.h2, layout.width) +
      layout.measure(caption, STYLES.caption, layout.width) +
      10 +
      Math.min(keep, 220),
  );
  if (question.premise) layout.paragraph(question.premise, STYLES.italic, { keep: 1000, after: 4 });
  layout.paragraph(question.title, STYLES.h2, { keep: 1000, after: 2 });
  layout.paragraph(caption, STYLES.caption, { after: 10 });
}

function choiceQuestion(ctx: Context, question: ChoiceQuestionReport): void {
  const { layout, t, locale } = ctx;
  const rows = question.options.map((o) => ({
    label: o.label,
    value: o.share,
    valueLabel: `${o.count} (${formatShare(o.share, locale)})`,
  }));
  questionHeading(ctx, question, question.multiple ? t('report.pdf.multipleChoice') : t('report.kind.choice'), rows.length * 24);
  barList(layout, rows, { max: 1 });
  layout.gap(2);
  layout.paragraph(question.multiple ? t('report.pdf.multipleNote') : t('report.pdf.shareNote'), STYLES.smallItalic);
}

function scaleLegend(ctx: Context, question: RatingQuestionReport): string[] {
  return [1, 2, 3, 4, 5].map((value) => {
    const end = value === 1 ? question.minLabel : value === 5 ? question.maxLabel : null;
    return end ? `${value} ${end}` : String(value);
  });
}

function scaleCaption(ctx: Context, question: RatingQuestionReport): string {
  return question.minLabel && question.maxLabel
    ? ctx.t('report.pdf.scale', { min: question.minLabel, max: question.maxLabel })
    : ctx.t('report.pdf.scalePlain');
}

function ratingQuestion(ctx: Context, question: RatingQuestionReport): void {
  const { layout, t, locale } = ctx;
  questionHeading(ctx, question, scaleCaption(ctx, question), question.items.length * 32 + 40);
  distribution(
    layout,
    question.items.map((item) => ({
      label: item.label,
      counts: item.counts,
      meanLabel: item.mean === null ? '—' : formatMean(item.mean, locale),
      nLabel: `n = ${item.n}`,
    })),
    { legend: scaleLegend(ctx, question), meanHeader: t('report.mean'), noAnswers: t('report.noAnswers') },
  );
}

function rankingQuestion(ctx: Context, question: RankingQuestionReport): void {
  questionHeading(ctx, question, ctx.t('report.kind.ranking'), question.items.length * 24);
  rankingChart(ctx.layout, question, ctx.t, ctx.locale);
}

function pointsQuestion(ctx: Context, question: PointsQuestionReport): void {
  questionHeading(ctx, question, ctx.t('points.budgetLabel', { n: question.budget }), question.items.length * 32 + 40);
  pointsChart(ctx.layout, question, ctx.t, ctx.locale);
}

function bulletList(ctx: Context, items: string[]): void {
  const { layout } = ctx;
  const indent = 14;
  for (const item of items) {
    const width = layout.width - indent;
    const height = layout.measure(item, STYLES.body, width);
    layout.ensure(Math.min(height, 40));
    layout.doc.circle(layout.left + 4, layout.y + 4.6, 1.6).fill(COLORS.accent);
    layout.paragraph(item, STYLES.body, { x: layout.left + indent, width, keep: 0, after: 3 });
  }
}

function openQuestion(ctx: Context, question: OpenQuestionReport, removed: boolean): void {
  const { layout, t } = ctx;
  questionHeading(ctx, question, t('report.kind.open'), 60);
  if (question.answers.length > 0) {
    layout.heading(t('report.pdf.visibleAnswers', { n: question.answers.length }), STYLES.h3, 30, 0, 5);
    bulletList(ctx, question.answers);
  } else {
    layout.paragraph(removed ? t('report.pdf.answersRemoved') : t('report.noAnswers'), STYLES.italic);
  }
  layout.gap(4);
  layout.paragraph(t('report.hiddenAnswers', { n: question.hiddenCount }), STYLES.small);
  if (question.words.length > 0) {
    const words = question.words.slice(0, TOP_WORDS);
    layout.heading(t('report.words'), STYLES.h3, words.length * 19, 10, 5);
    const max = Math.max(...words.map((w) => w.count));
    barList(
      layout,
      words.map((w) => ({ label: w.word, value: w.count, valueLabel: String(w.count) })),
      { max, labelWidth: 120, barHeight: 9, color: COLORS.series[5] },
    );
    if (question.words.length > words.length)
      layout.paragraph(t('report.pdf.topWords', { n: words.length, total: question.words.length }), STYLES.smallItalic);
  }
}

const QA_ROWS_PER_BLOCK = 10;

/** Shown questions, most voted first, with their votes and whether they were answered; hidden ones only counted. */
function qaQuestion(ctx: Context, question: QaQuestionReport, removed: boolean): void {
  const { layout, t } = ctx;
  questionHeading(ctx, question, t('kind.qa'), 60);
  if (question.questions.length > 0) {
    const max = Math.max(1, ...question.questions.map((q) => q.votes));
    const rows = question.questions.map((q) => ({
      label: q.answered ? `${q.text} (${t('qa.report.answered')})` : q.text,
      value: q.votes,
      valueLabel: String(q.votes),
    }));
    // In blocks, so a long list runs on to the next page instead of overflowing one.
    for (let i = 0; i < rows.length; i += QA_ROWS_PER_BLOCK)
      barList(layout, rows.slice(i, i + QA_ROWS_PER_BLOCK), { max, labelWidth: 300, barHeight: 9, color: COLORS.series[3] });
  } else {
    layout.paragraph(removed ? t('qa.report.removed') : t('qa.report.none'), STYLES.italic);
  }
  layout.gap(4);
  layout.paragraph(t('qa.report.hidden', { n: question.hiddenCount, pending: question.pendingCount }), STYLES.small);
}

/** The facilitator's comments and analysis, under the results they discuss. */
function facilitatorComments(ctx: Context, comments: string | null): void {
  if (comments === null) return;
  const { layout, t } = ctx;
  layout.gap(8);
  layout.paragraph(t('notes.report.comments'), STYLES.fieldLabel, { keep: 1000, after: 2 });
  layout.paragraph(comments, STYLES.body, { after: 4 });
}

function questionsChapter(ctx: Context, report: SessionReport): void {
  if (report.questions.length === 0) return;
  ctx.layout.chapter(ctx.t('report.pdf.questions'), { newPage: true });
  for (const question of report.questions) {
    ctx.layout.context(question.title);
    if (question.kind === 'choice') choiceQuestion(ctx, question);
    else if (question.kind === 'rating') ratingQuestion(ctx, question);
    else if (question.kind === 'ranking') rankingQuestion(ctx, question);
    else if (question.kind === 'points') pointsQuestion(ctx, question);
    else if (question.kind === 'qa') qaQuestion(ctx, question, report.session.participantDataRemovedAt !== null);
    else openQuestion(ctx, question, report.session.participantDataRemovedAt !== null);
    facilitatorComments(ctx, question.facilitatorComments);
  }
}

// The five axes

function axesChapter(ctx: Context, report: SessionReport): void {
  const { layout, t, locale } = ctx;
  const questions = report.questions.filter((q): q is RatingQuestionReport => q.kind === 'rating' && q.fiveAxes);
  if (questions.length === 0) return;
  layout.chapter(t('report.axes'));
  for (const question of questions) {
    layout.paragraph(question.title, STYLES.h2, { after: 2 });
    layout.paragraph(
      joined([
        t('report.pdf.agendaPosition', { position: question.position }),
        `${t('report.respondents')}: ${question.respondents}`,
        scaleCaption(ctx, question),
      ]),
      STYLES.caption,
      { after: 6 },
    );
    layout.heading(t('report.pdf.axisMeans'), STYLES.h3, question.items.length * 30 + 20, 8);
    scaleBars(
      layout,
      question.items.map((item) => ({
        label: item.label,
        bars: [{ value: item.mean, color: COLORS.accent, valueLabel: `${formatMean(item.mean, locale)}  (n = ${item.n})` }],
      })),
      { noValue: t('report.pdf.noValue') },
    );
    layout.heading(t('report.pdf.radar'), STYLES.h3, 280, 16);
    radar(
      layout,
      question.items.map((item) => item.label),
      [{ color: COLORS.accent, values: question.items.map((item) => item.mean) }],
    );
  }
}

// Salas

function salaMeans(ctx: Context, report: SessionReport, breakout: BreakoutReport): void {
  const { layout, t, locale } = ctx;
  const activityIds = [...new Set(breakout.salas.flatMap((s) => s.ratings.map((r) => r.activityId)))];
  for (const activityId of activityIds) {
    const question = report.questions.find((q): q is RatingQuestionReport => q.kind === 'rating' && q.activityId === activityId);
    if (!question) continue;
    // Items down, salas across (at most SALAS_PER_TABLE per table); a sala below the minimum gets the text, no figure.
    const tables: { columns: Column[]; rows: Cell[][] }[] = [];
    for (let start = 0; start < breakout.salas.length; start += SALAS_PER_TABLE) {
      const salas = breakout.salas.slice(start, start + SALAS_PER_TABLE);
      const ratings = salas.map((sala) => sala.ratings.find((r) => r.activityId === activityId) ?? null);
      const rows: Cell[][] = [
        [
          { text: t('report.respondents'), style: STYLES.smallBold },
          ...ratings.map((r): Cell =>
            r === null || r.suppressed
              ? { text: t('report.suppressed', { min: LIMITS.smallGroupMin }), style: STYLES.smallItalic }
              : { text: String(r.respondents ?? '') },
          ),
        ],
        ...question.items.map((item): Cell[] => [
          { text: item.label },
          ...ratings.map((r): Cell => {
            const figure = r && !r.suppressed ? r.items?.find((i) => i.id === item.id) : undefined;
            return figure && figure.mean !== null
              ? { text: formatMean(figure.mean, locale) }
              : { text: '—', style: { ...STYLES.label, color: COLORS.faint } };
          }),
        ]),
      ];
      tables.push({
        columns: [
          { header: t('report.item'), width: 2.4 },
          ...salas.map((sala) => ({ header: sala.name, width: 1, align: 'center' as const })),
        ],
        rows,
      });
    }
    const note = t('report.pdf.salaMeansNote', { min: LIMITS.smallGroupMin });
    const first = tables[0] ? layout.tableStartHeight(tables[0].columns, tables[0].rows) : 0;
    layout.heading(
      t('report.pdf.salaMeans', { title: question.title }),
      STYLES.h3,
      layout.measure(note, STYLES.caption, layout.width) + 8 + first,
      16,
      2,
    );
    layout.paragraph(note, STYLES.caption, { after: 6 });
    for (const table of tables) {
      layout.table(table.columns, table.rows);
      layout.gap(8);
    }
  }
}

function salasChapter(ctx: Context, report: SessionReport): void {
  const { layout, t } = ctx;
  if (report.breakouts.length === 0) return;
  const salaTables = salaFigureTables(report, t);
  layout.chapter(t('report.salas'));
  report.breakouts.forEach((breakout, index) => {
    if (index > 0) layout.gap(14);
    layout.heading(breakout.title, STYLES.h2, 80, 0, 2);
    layout.paragraph(
      joined([
        t('report.pdf.agendaPosition', { position: breakout.position }),
        `${t('report.salas')}: ${breakout.salas.length}`,
        breakout.discussionSeconds > 0 && t('report.pdf.discussion', { minutes: Math.round(breakout.discussionSeconds / 60) }),
      ]),
      STYLES.caption,
      { after: 8 },
    );
    const withNames = breakout.salas.some((s) => s.memberNames !== null);
    const role = (filled: boolean): Cell =>
      filled ? { text: t('report.roleFilled') } : { text: t('report.roleEmpty'), style: { ...STYLES.label, color: COLORS.muted } };
    layout.table(
      [
        { header: t('report.sala'), width: 2.2 },
        { header: t('report.members'), width: 1, align: 'center' },
        { header: t('report.moderator'), width: 1.1, align: 'center' },
        { header: t('report.secretary'), width: 1.1, align: 'center' },
        { header: t('salaReport.turns'), width: 1, align: 'center' },
        ...(withNames ? [{ header: t('report.memberNames'), width: 2.6 }] : []),
      ],
      breakout.salas.map((sala) => [
        { text: sala.name, style: { ...STYLES.label, font: 'Helvetica-Bold' } },
        { text: String(sala.members) },
        role(sala.roles.moderator),
        role(sala.roles.secretary),
        { text: String(sala.turns) },
        ...(withNames ? [{ text: sala.memberNames?.join(', ') ?? '' }] : []),
      ]),
    );
    salaMeans(ctx, report, breakout);
    salaFigureBlocks(
      ctx,
      salaTables.filter((table) => table.breakout === breakout),
      SALAS_PER_TABLE,
    );
    facilitatorComments(ctx, breakout.facilitatorComments);
  });
}

// Syntheses

function synthesisBlock(ctx: Context, synthesis: SynthesisReport, level: 'h2' | 'h3', context: string | null = null): void {
  const { layout, t, locale } = ctx;
  layout.context(context);
  layout.heading(synthesis.title, level === 'h2' ? STYLES.h2 : STYLES.h3, 120, 16, 2);
  layout.paragraph(t('report.pdf.agendaPosition', { position: synthesis.position }), STYLES.caption, { after: 8 });

  const counts = synthesis.supportCounts;
  layout.heading(t('report.supportKinds'), STYLES.h3, Math.max(counts.length, 1) * 22 + 20, 4, 2);
  layout.paragraph(t('report.pdf.supportNote'), STYLES.caption, { after: 6 });
  if (counts.length === 0 || counts.every((c) => c.count === 0)) layout.paragraph(t('report.pdf.noSupport'), STYLES.italic);
  else
    barList(
      layout,
      counts.map((c) => ({ label: c.label, value: c.count, valueLabel: String(c.count) })),
      { max: Math.max(...counts.map((c) => c.count)) },
    );

  for (const sala of synthesis.salas) {
    layout.gap(14);
    // The sala's band, kept with its first fields.
    const bandHeight = 24;
    const firstLabel = synthesis.fields[0]?.label ?? '';
    layout.ensure(bandHeight + layout.measure(firstLabel, STYLES.fieldLabel, layout.width) + 80);
    layout.context(joined([context, sala.salaName]));
    const y = layout.y;
    layout.doc.rect(layout.left, y, layout.width, bandHeight).fill(COLORS.panel);
    layout.doc.rect(layout.left, y, 3, bandHeight).fill(sala.hidden ? COLORS.warn : COLORS.accent);
    const status = sala.submittedAt
      ? t('report.pdf.submittedAt', { date: formatDateTime(sala.submittedAt, locale) })
      : t(`report.synthesisStatus.${sala.status}`);
    const statusWidth = layout.widthOf(status, STYLES.small);
    const hiddenTag = sala.hidden ? t('report.hiddenFromPlenary') : '';
    const hiddenWidth = hiddenTag ? layout.widthOf(hiddenTag, { ...STYLES.smallBold, color: COLORS.warn }) + 16 : 0;
    const nameWidth = layout.width - statusWidth - hiddenWidth - 36;
    const name = layout.fit(sala.salaName, { ...STYLES.h3, size: 11 }, nameWidth);
    layout.textAt(name, layout.left + 12, y + 7, { ...STYLES.h3, size: 11, color: COLORS.heading }, { lineBreak: false });
    if (hiddenTag) {
      const x = layout.left + 12 + layout.widthOf(name, { ...STYLES.h3, size: 11 }) + 12;
      layout.textAt(hiddenTag, x, y + 8.5, { ...STYLES.smallBold, color: COLORS.warn }, { lineBreak: false });
    }
    layout.textAt(status, layout.right - statusWidth - 10, y + 8.5, STYLES.small, { lineBreak: false });
    layout.y = y + bandHeight + 8;
    if (sala.firstSavedAt !== null)
      layout.paragraph(t('salaReport.pdf.firstSavedAt', { date: formatDateTime(sala.firstSavedAt, locale) }), STYLES.caption, {
        after: 6,
      });

    for (const field of synthesis.fields) {
      const text = sala.texts.find((entry) => entry.key === field.key)?.text.trim() ?? '';
      const labelHeight = layout.measure(field.label, STYLES.fieldLabel, layout.width);
      layout.ensure(labelHeight + 30);
      layout.paragraph(field.label, STYLES.fieldLabel, { keep: 1000, after: 2 });
      if (text) layout.paragraph(text, STYLES.body, { after: 7 });
      else layout.paragraph(t('report.notWritten'), STYLES.italic, { after: 7 });
    }
    layout.paragraph(
      sala.support.length > 0 ? t('report.pdf.supportTicked', { kinds: sala.support.join(', ') }) : t('report.pdf.noSupportTicked'),
      STYLES.smallBold,
    );
  }
}

function synthesesChapter(ctx: Context, report: SessionReport): void {
  if (report.syntheses.length === 0) return;
  ctx.layout.chapter(ctx.t('report.syntheses'));
  report.syntheses.forEach((synthesis, index) => {
    if (index > 0) ctx.layout.gap(10);
    synthesisBlock(ctx, synthesis, 'h2');
    facilitatorComments(ctx, synthesis.facilitatorComments);
  });
}

/** The session report as a PDF file. */
export async function renderSessionPdf(report: SessionReport, locale: Locale = DEFAULT_LOCALE, brand = PLENARIO): Promise<Buffer> {
  const ctx = context(locale, report.session.title, report.generatedAt, brand);
  const empty = report.questions.length === 0 && report.breakouts.length === 0 && report.syntheses.length === 0;
  sessionTitlePage(ctx, report, empty);
  questionsChapter(ctx, report);
  axesChapter(ctx, report);
  agenciesChapter(ctx, report);
  salasChapter(ctx, report);
  synthesesChapter(ctx, report);
  experiencesChapter(ctx, report);
  commitmentsChapter(ctx, report);
  registerChapter(ctx, report);
  return ctx.layout.finish();
}

// Series

function seriesTitlePage(ctx: Context, report: SeriesReport): void {
  const { layout, t, locale } = ctx;
  kicker(ctx, t('report.seriesTitle'));
  layout.paragraph(report.series.title, STYLES.title, { after: 6 });
  layout.paragraph(t('report.generatedAt', { date: formatDateTime(report.generatedAt, locale) }), STYLES.subtitle);
  layout.gap(26);
  if (report.sessions.length === 0) {
    layout.note(t('report.pdf.seriesEmpty'), { style: STYLES.body });
    return;
  }
  layout.heading(t('report.pdf.seriesSessions'), STYLES.h3, 60, 0, 6);
  layout.table(
    [
      { header: t('report.session'), width: 2.2 },
      { header: t('report.date'), width: 1.1 },
      { header: t('report.agencies'), width: 2.4 },
      { header: t('report.participants'), width: 1.3, align: 'right' },
      { header: t('report.respondents'), width: 1.3, align: 'right' },
    ],
    report.sessions.map((s, i) => [
      { text: `${i + 1}. ${s.title}`, style: { ...STYLES.label, font: 'Helvetica-Bold' } },
      { text: formatDate(s.createdAt, locale) },
      { text: s.agencies.length > 0 ? s.agencies.join('\n') : t('report.noAgencies') },
      { text: String(s.participation.participants) },
      { text: String(s.participation.respondents) },
    ]),
  );
  layout.gap(22);
  layout.note(t('report.privacyNote', { min: LIMITS.smallGroupMin }));
}

const sessionColor = (index: number) => COLORS.series[index % COLORS.series.length]!;

function signed(value: number | null, locale: Locale): string {
  if (value === null) return '—';
  const text = formatMean(Math.abs(value), locale);
  return Math.abs(value) < 0.005 ? formatMean(0, locale) : `${value > 0 ? '+' : '-'}${text}`;
}

function seriesAxesChapter(ctx: Context, report: SeriesReport): void {
  const { layout, t, locale } = ctx;
  layout.chapter(t('report.axes'), { newPage: true });
  const hasAxes = report.axes.some((axis) => axis.sessions.some((s) => s.n > 0));
  if (!hasAxes) {
    layout.paragraph(t('report.pdf.noAxes'), STYLES.italic);
    return;
  }
  const sessions = report.sessions;
  const legendItems = sessions.map((s, i) => ({ color: sessionColor(i), label: `${s.title} (${formatDate(s.createdAt, locale)})` }));
  const entry = (axis: SeriesReport['axes'][number], sessionId: string) => axis.sessions.find((s) => s.sessionId === sessionId) ?? null;

  layout.heading(t('report.pdf.axesBySession'), STYLES.h3, 260, 0, 6);
  legend(layout, legendItems);
  layout.gap(6);
  scaleBars(
    layout,
    report.axes.map((axis) => ({
      label: axis.label,
      bars: sessions.map((s, i) => {
        const e = entry(axis, s.id);
        const mean = e && e.n > 0 ? e.mean : null;
        return { value: mean, color: sessionColor(i), valueLabel: formatMean(mean, locale) };
      }),
    })),
    { noValue: t('report.pdf.noValue') },
  );

  layout.heading(t('report.pdf.radar'), STYLES.h3, 300, 18, 6);
  legend(layout, legendItems);
  layout.gap(4);
  radar(
    layout,
    report.axes.map((axis) => axis.label),
    sessions.map((s, i) => ({
      color: sessionColor(i),
      values: report.axes.map((axis) => {
        const e = entry(axis, s.id);
        return e && e.n > 0 ? e.mean : null;
      }),
    })),
  );

  layout.heading(t('report.pdf.axesTable'), STYLES.h3, 120, 18, 6);
  const rows: Cell[][] = [];
  for (const axis of report.axes) {
    sessions.forEach((s, i) => {
      const e = entry(axis, s.id);
      rows.push([
        { text: i === 0 ? axis.label : '', style: { ...STYLES.label, font: 'Helvetica-Bold' } },
        { text: s.title },
        { text: e && e.mean !== null ? formatMean(e.mean, locale) : '—' },
        { text: String(e?.n ?? 0) },
        { text: e ? e.counts.join(' · ') : '—' },
        { text: signed(e?.change ?? null, locale) },
      ]);
    });
  }
  layout.table(
    [
      { header: t('report.axis'), width: 2.6 },
      { header: t('report.session'), width: 1.8 },
      { header: t('report.mean'), width: 1, align: 'right' },
      { header: t('report.n'), width: 0.6, align: 'right' },
      { header: `${t('report.distribution')} (1–5)`, width: 1.6, align: 'center' },
      { header: t('report.change'), width: 0.9, align: 'right' },
    ],
    rows,
    { groupSize: Math.max(1, sessions.length) },
  );
  layout.gap(6);
  layout.paragraph(t('report.pdf.axesTableNote'), STYLES.smallItalic);
}

function seriesSupportChapter(ctx: Context, report: SeriesReport): void {
  const { layout, t, locale } = ctx;
  const kinds: { id: string; label: string }[] = [];
  for (const s of report.support) for (const c of s.counts) if (!kinds.some((k) => k.id === c.id)) kinds.push({ id: c.id, label: c.label });
  layout.chapter(t('report.supportKinds'));
  if (kinds.length === 0 || report.support.every((s) => s.counts.every((c) => c.count === 0))) {
    layout.paragraph(t('report.pdf.noSupport'), STYLES.italic);
    return;
  }
  layout.paragraph(t('report.pdf.supportBySession'), STYLES.caption, { after: 8 });
  legend(
    layout,
    report.sessions.map((s, i) => ({ color: sessionColor(i), label: `${s.title} (${formatDate(s.createdAt, locale)})` })),
  );
  layout.gap(6);
  const max = Math.max(1, ...report.support.flatMap((s) => s.counts.map((c) => c.count)));
  const step = Math.max(1, Math.ceil(max / 5));
  scaleBars(
    layout,
    kinds.map((kind) => ({
      label: kind.label,
      bars: report.sessions.map((s, i) => {
        const count = report.support.find((entry) => entry.sessionId === s.id)?.counts.find((c) => c.id === kind.id)?.count ?? 0;
        return { value: count, color: sessionColor(i), valueLabel: String(count) };
      }),
    })),
    { min: 0, max: step * Math.ceil(max / step), step, noValue: t('report.pdf.noValue') },
  );
}

function seriesSynthesesChapter(ctx: Context, report: SeriesReport): void {
  const { layout, t, locale } = ctx;
  layout.chapter(t('report.syntheses'));
  let previousHadSyntheses = false;
  report.sessions.forEach((session, index) => {
    const syntheses = report.syntheses.find((s) => s.sessionId === session.id)?.syntheses ?? [];
    // Each session's syntheses begin on a page of their own (whose running header is the chapter's).
    layout.context(null);
    if (index > 0 && (syntheses.length > 0 || previousHadSyntheses)) layout.newPage();
    else if (index > 0) layout.gap(16);
    previousHadSyntheses = syntheses.length > 0;
    layout.context(session.title);
    layout.heading(session.title, STYLES.h2, 80, 0, 2);
    layout.paragraph(formatDate(session.createdAt, locale), STYLES.caption, { after: 4 });
    if (syntheses.length === 0) layout.paragraph(t('report.pdf.noSyntheses'), STYLES.italic);
    for (const synthesis of syntheses) synthesisBlock(ctx, synthesis, 'h3', session.title);
  });
}

/** The series comparison as a PDF file. */
export async function renderSeriesPdf(report: SeriesReport, locale: Locale = DEFAULT_LOCALE, brand = PLENARIO): Promise<Buffer> {
  const ctx = context(locale, report.series.title, report.generatedAt, brand);
  seriesTitlePage(ctx, report);
  if (report.sessions.length > 0) {
    seriesAxesChapter(ctx, report);
    seriesAgenciesChapter(ctx, report);
    seriesComparisonsChapter(ctx, report);
    seriesSupportChapter(ctx, report);
    seriesSynthesesChapter(ctx, report);
  }
  return ctx.layout.finish();
}
