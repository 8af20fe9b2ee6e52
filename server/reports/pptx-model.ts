/**
 * The plenary deck as a model: the slides a session's report makes, in order, before any
 * PowerPoint is written (pptx.ts draws them). Each part of the deck is one slide builder in
 * SLIDE_BUILDERS, so a new part is one more entry there.
 *
 * Charts carry the report's numbers (native, editable charts); long texts are split across
 * slides so each reads on a 16:9 screen; an agency below the small-group minimum has no figure.
 * Labels follow the report's locale; the facilitator's comments become the slides' speaker notes.
 */
import { translate, type Locale, type MessageKey, type MessageParams } from '../../shared/i18n/index.ts';
import { formatJoinCode } from '../../shared/i18n/index.ts';
import { LIMITS } from '../../shared/limits.ts';
import type {
  ChoiceQuestionReport,
  OpenQuestionReport,
  PointsQuestionReport,
  QaQuestionReport,
  RankingQuestionReport,
  RatingQuestionReport,
  SessionReport,
  SynthesisReport,
} from '../../shared/report.ts';
import { experienceCells } from './experience-table.ts';
import { registerCells } from './followup-table.ts';
import { formatDate, formatMean } from './format.ts';

/** One data series of a chart: a name (legend) and one value per category. */
export interface DeckSeries {
  name: string;
  values: number[];
}

export type DeckChart =
  | {
      type: 'bar';
      categories: string[];
      series: DeckSeries[];
      /** Series stacked in one bar per category (a rating's 1…5 distribution). */
      stacked: boolean;
      /** The value axis ends here (5 for means); null: from the data. */
      max: number | null;
      /** How values are written on the bars. */
      values: 'count' | 'mean' | 'none';
    }
  | { type: 'radar'; categories: string[]; series: DeckSeries[]; max: number };

/** A block of text on a text slide: a heading (a guide question) and what was written. */
export interface TextBlock {
  heading: string;
  text: string;
}

interface SlideBase {
  title: string;
  /** A line under the title: respondents, scale, status. */
  caption: string | null;
  /** Speaker notes: the facilitator's comments on these results. */
  notes: string | null;
}

export type DeckSlide =
  | (SlideBase & { kind: 'title'; kicker: string; lines: string[] })
  | (SlideBase & { kind: 'chart'; charts: DeckChart[] })
  | (SlideBase & { kind: 'text'; blocks: TextBlock[] })
  | (SlideBase & { kind: 'table'; header: string[]; rows: string[][] });

export interface DeckContext {
  t: (key: MessageKey, params?: MessageParams) => string;
  locale: Locale;
}

/** Makes the slides of one part of the deck (none when the session has nothing for it). */
export type SlideBuilder = (report: SessionReport, ctx: DeckContext) => DeckSlide[];

/** Questions from the room on one slide: the most voted (the report files list them all). */
const QA_ROWS = 8;

/** What a text slide holds: lines of body text at the deck's size, and characters per line. */
export const TEXT_FIT = { lines: 15, charsPerLine: 95 } as const;

/** Agencies side by side on one slide (more continue on the next). */
const AGENCIES_PER_SLIDE = 5;

/** Open questions chart at most this many words. */
const TOP_WORDS = 10;

const slide = <K extends DeckSlide['kind']>(
  kind: K,
  fields: Omit<Extract<DeckSlide, { kind: K }>, 'kind' | 'caption' | 'notes'> & Partial<SlideBase>,
) => ({ caption: null, notes: null, ...fields, kind }) as Extract<DeckSlide, { kind: K }>;

function titleSlide(report: SessionReport, { t, locale }: DeckContext): DeckSlide[] {
  const { session, participation } = report;
  const lines = [
    session.series?.title,
    `${formatDate(session.createdAt, locale)} · ${t('report.code')} ${formatJoinCode(session.code)}`,
    session.agencies.length > 0 ? `${t('report.agencies')}: ${session.agencies.join(', ')}` : null,
    `${t('report.participants')}: ${participation.participants} · ${t('report.respondents')}: ${participation.respondents}`,
  ].filter((line): line is string => typeof line === 'string' && line !== '');
  const empty = report.questions.length === 0 && report.syntheses.length === 0;
  return [slide('title', { title: session.title, kicker: t('deck.kicker'), lines, caption: empty ? t('deck.noResults') : null })];
}

function choiceSlide(question: ChoiceQuestionReport, { t }: DeckContext): DeckSlide {
  return slide('chart', {
    title: question.title,
    caption: [t('deck.respondents', { count: question.respondents }), question.multiple ? t('deck.multiple') : null]
      .filter(Boolean)
      .join(' · '),
    notes: question.facilitatorComments,
    charts: [
      {
        type: 'bar',
        categories: question.options.map((o) => o.label),
        series: [{ name: t('deck.peopleChoosing'), values: question.options.map((o) => o.count) }],
        stacked: false,
        max: null,
        values: 'count',
      },
    ],
  });
}

function ratingSlide(question: RatingQuestionReport, { t, locale }: DeckContext): DeckSlide {
  const scale =
    question.minLabel !== null && question.maxLabel !== null
      ? t('deck.ratingScale', { min: question.minLabel, max: question.maxLabel })
      : t('deck.ratingScalePlain');
  return slide('chart', {
    title: question.title,
    caption: `${t('deck.respondents', { count: question.respondents })} · ${scale}`,
    notes: question.facilitatorComments,
    charts: [
      {
        type: 'bar',
        categories: question.items.map((item) => t('deck.itemMean', { label: item.label, mean: formatMean(item.mean, locale) })),
        series: [1, 2, 3, 4, 5].map((value) => ({
          name: String(value),
          values: question.items.map((item) => item.counts[value - 1] ?? 0),
        })),
        stacked: true,
        max: null,
        values: 'count',
      },
    ],
  });
}

function openSlide(question: OpenQuestionReport, { t }: DeckContext): DeckSlide {
  const words = question.words.slice(0, TOP_WORDS);
  const caption = `${t('deck.respondents', { count: question.respondents })} · ${t('deck.openAnswers', { count: question.answers.length })}`;
  if (words.length === 0) {
    return slide('text', {
      title: question.title,
      caption,
      notes: question.facilitatorComments,
      blocks: [{ heading: '', text: t('report.noAnswers') }],
    });
  }
  return slide('chart', {
    title: question.title,
    caption: `${caption} · ${t('deck.words')}`,
    notes: question.facilitatorComments,
    charts: [
      {
        type: 'bar',
        categories: words.map((w) => w.word),
        series: [{ name: t('deck.words'), values: words.map((w) => w.count) }],
        stacked: false,
        max: null,
        values: 'count',
      },
    ],
  });
}

/** How many people put each item in each place, best first; the label carries its mean place. */
function rankingSlide(question: RankingQuestionReport, { t, locale }: DeckContext): DeckSlide {
  return slide('chart', {
    title: question.title,
    caption: `${t('deck.respondents', { count: question.respondents })} · ${t('ranking.meanPosition')}`,
    notes: question.facilitatorComments,
    charts: [
      {
        type: 'bar',
        categories: question.items.map((item) => t('deck.itemMean', { label: item.label, mean: formatMean(item.meanPosition, locale) })),
        series: Array.from({ length: question.places }, (_, place) => ({
          name: t('ranking.place', { n: place + 1 }),
          values: question.items.map((item) => item.positions[place] ?? 0),
        })),
        stacked: true,
        max: null,
        values: 'count',
      },
    ],
  });
}

/** Mean points per item, most first, on the budget's scale. */
function pointsSlide(question: PointsQuestionReport, { t }: DeckContext): DeckSlide {
  return slide('chart', {
    title: question.title,
    caption: `${t('deck.respondents', { count: question.respondents })} · ${t('points.meanPoints')} (${question.budget})`,
    notes: question.facilitatorComments,
    charts: [
      {
        type: 'bar',
        categories: question.items.map((item) => item.label),
        series: [{ name: t('points.meanPoints'), values: question.items.map((item) => item.meanPoints ?? 0) }],
        stacked: false,
        max: question.budget,
        values: 'mean',
      },
    ],
  });
}

/** Questions from the room as a table, most voted first; hidden and unapproved ones only counted. */
function qaSlide(question: QaQuestionReport, { t }: DeckContext): DeckSlide {
  const yes = t('report.sheet.yes');
  const no = t('report.sheet.no');
  return slide('table', {
    title: question.title,
    caption: [
      t('deck.respondents', { count: question.respondents }),
      `${t('qa.report.hiddenCount')}: ${question.hiddenCount}`,
      `${t('qa.report.pendingCount')}: ${question.pendingCount}`,
    ].join(' · '),
    notes: question.facilitatorComments,
    header: [t('qa.report.question'), t('qa.report.votes'), t('qa.report.answered')],
    rows: question.questions.slice(0, QA_ROWS).map((q) => [q.text, String(q.votes), q.answered ? yes : no]),
  });
}

function questionSlides(report: SessionReport, ctx: DeckContext): DeckSlide[] {
  return report.questions.map((question) => {
    if (question.kind === 'choice') return choiceSlide(question, ctx);
    if (question.kind === 'rating') return ratingSlide(question, ctx);
    if (question.kind === 'ranking') return rankingSlide(question, ctx);
    if (question.kind === 'points') return pointsSlide(question, ctx);
    if (question.kind === 'qa') return qaSlide(question, ctx);
    return openSlide(question, ctx);
  });
}

function profileSlides(report: SessionReport, { t }: DeckContext): DeckSlide[] {
  return report.questions
    .filter((q): q is RatingQuestionReport => q.kind === 'rating' && q.fiveAxes)
    .map((question) => {
      const categories = question.items.map((item) => item.label);
      // A chart has no gap for "no answer": an axis nobody rated is drawn at 0, below the scale.
      const means = [{ name: t('deck.mean'), values: question.items.map((item) => item.mean ?? 0) }];
      return slide('chart', {
        title: t('deck.profile'),
        caption: `${question.title} · ${t('deck.respondents', { count: question.respondents })} · ${t('deck.profileMeans')}`,
        charts: [
          { type: 'radar', categories, series: means, max: 5 },
          { type: 'bar', categories, series: means, stacked: false, max: 5, values: 'mean' },
        ],
      });
    });
}

/** A long text cut at word boundaries into pieces of at most `lines` lines. */
function cutText(text: string, lines: number): string[] {
  const limit = lines * TEXT_FIT.charsPerLine;
  const pieces: string[] = [];
  let rest = text.trim();
  while (linesOf(rest) > lines) {
    let cut = rest.lastIndexOf(' ', limit);
    if (cut <= 0) cut = limit;
    const newline = rest.lastIndexOf('\n', cut);
    // A paragraph break near the limit is a better place to cut than the middle of a sentence.
    if (newline > limit / 2) cut = newline;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  pieces.push(rest);
  return pieces;
}

/** Lines a text takes on a text slide: each paragraph wraps at TEXT_FIT.charsPerLine. */
export function linesOf(text: string): number {
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / TEXT_FIT.charsPerLine)), 0);
}

/**
 * Blocks laid out on as many slides as they need: a block that does not fit where it would
 * start begins a new slide, and one longer than a slide is cut across slides ("(continuación)").
 */
export function paginate(title: string, blocks: readonly TextBlock[], ctx: DeckContext, base: Partial<SlideBase> = {}): DeckSlide[] {
  const pages: TextBlock[][] = [[]];
  let used = 0;
  for (const block of blocks) {
    const heading = block.heading === '' ? 0 : 1;
    let pieces = [block.text];
    if (heading + linesOf(block.text) > TEXT_FIT.lines - used) {
      // Start on a fresh slide unless this one is empty, then cut what still does not fit.
      if (used > 0) {
        pages.push([]);
        used = 0;
      }
      pieces = cutText(block.text, TEXT_FIT.lines - heading);
    }
    pieces.forEach((text, index) => {
      if (index > 0) {
        pages.push([]);
        used = 0;
      }
      pages.at(-1)!.push({ heading: block.heading, text });
      used += heading + linesOf(text) + 1;
    });
  }
  return pages.map((page, index) =>
    slide('text', { ...base, title: index === 0 ? title : ctx.t('deck.continued', { title }), blocks: page }),
  );
}

function salaSynthesisSlides(synthesis: SynthesisReport, ctx: DeckContext): DeckSlide[] {
  const { t } = ctx;
  const labels = new Map(synthesis.fields.map((field) => [field.key, field.label]));
  return synthesis.salas
    .filter((sala) => sala.status !== 'empty')
    .flatMap((sala) => {
      const blocks = sala.texts.map((text) => ({
        heading: labels.get(text.key) ?? text.key,
        text: text.text.trim() || t('report.notWritten'),
      }));
      if (sala.support.length > 0) blocks.push({ heading: t('deck.support'), text: sala.support.join(', ') });
      const caption = [t(`report.synthesisStatus.${sala.status}`), sala.hidden ? t('report.hiddenFromPlenary') : null]
        .filter(Boolean)
        .join(' · ');
      return paginate(t('deck.synthesisOf', { sala: sala.salaName }), blocks, ctx, { caption });
    });
}

function synthesisSlides(report: SessionReport, ctx: DeckContext): DeckSlide[] {
  return report.syntheses.flatMap((synthesis) => {
    const slides = salaSynthesisSlides(synthesis, ctx);
    // The facilitator's comments on the syntheses go with the first of them.
    if (slides[0]) slides[0] = { ...slides[0], notes: synthesis.facilitatorComments };
    return slides;
  });
}

function supportSlides(report: SessionReport, { t }: DeckContext): DeckSlide[] {
  return report.syntheses
    .filter((synthesis) => synthesis.supportCounts.length > 0)
    .map((synthesis) =>
      slide('chart', {
        title: t('deck.support'),
        caption: `${synthesis.title} · ${t('deck.supportCount')}`,
        charts: [
          {
            type: 'bar',
            categories: synthesis.supportCounts.map((kind) => kind.label),
            series: [{ name: t('deck.supportCount'), values: synthesis.supportCounts.map((kind) => kind.count) }],
            stacked: false,
            max: null,
            values: 'count',
          },
        ],
      }),
    );
}

/**
 * Each agency's participation and five-axis means, agencies across (a few per slide) and figures
 * down; an agency below the minimum shows the small-group text and dashes, no figure.
 */
function agencySlides(report: SessionReport, { t, locale }: DeckContext): DeckSlide[] {
  const question = report.questions.findLast((q): q is RatingQuestionReport => q.kind === 'rating' && q.fiveAxes);
  const items = question?.items ?? [];
  const suppressed = t('report.suppressed', { min: LIMITS.smallGroupMin });
  const dash = '—';
  const slides: DeckSlide[] = [];
  for (let start = 0; start < report.agencies.length; start += AGENCIES_PER_SLIDE) {
    const agencies = report.agencies.slice(start, start + AGENCIES_PER_SLIDE);
    const profiles = agencies.map((agency) =>
      agency.suppressed ? null : agency.ratings.find((r) => r.activityId === question?.activityId),
    );
    const rows = [
      [t('report.participants'), ...agencies.map((a) => (a.suppressed ? suppressed : String(a.participants)))],
      [t('report.respondents'), ...agencies.map((a) => (a.suppressed ? dash : String(a.respondents)))],
      ...items.map((item, index) => [
        item.label,
        ...agencies.map((agency, column) => {
          const profile = profiles[column];
          // Enough people, but fewer than the minimum rated the axes: the text on the first axis.
          if (!agency.suppressed && (!profile || profile.items === null)) return index === 0 ? suppressed : dash;
          const mean = profile?.items?.find((i) => i.id === item.id)?.mean ?? null;
          return mean === null ? dash : formatMean(mean, locale);
        }),
      ]),
    ];
    slides.push(
      slide('table', {
        title: start === 0 ? t('deck.agencies') : t('deck.continued', { title: t('deck.agencies') }),
        caption: t('report.privacyNote', { min: LIMITS.smallGroupMin }),
        header: [question ? t('report.axis') : '', ...agencies.map((a) => a.name)],
        rows,
      }),
    );
  }
  return slides;
}

/**
 * One experience card per slide (a long lesson goes on in "(continuación)"): the initiative as
 * the title, where it came from under it, its short fields, the lesson, and the contact only when
 * its writer opted in.
 */
function experienceSlides(report: SessionReport, ctx: DeckContext): DeckSlide[] {
  const { t } = ctx;
  return report.experiences.flatMap((card) => {
    const [sala, agency, , axes, approach, , , since] = experienceCells(t, card);
    const facts = [
      t('reportsall.deck.axes', { axes: String(axes) }),
      t('reportsall.deck.approach', { approach: String(approach) }),
      card.reach ? t('reportsall.deck.reach', card.reach) : null,
      since ? t('reportsall.deck.since', { since }) : null,
    ].filter((line): line is string => line !== null);
    const blocks: TextBlock[] = [{ heading: '', text: facts.join('\n') }];
    if (card.lesson !== null) blocks.push({ heading: t('reportsall.deck.lesson'), text: card.lesson });
    if (card.contact) blocks.push({ heading: '', text: t('reportsall.experience.contact', card.contact) });
    const caption = [t('reportsall.deck.experience'), sala, agency].filter((part) => part !== null).join(' · ');
    return paginate(card.name, blocks, ctx, { caption });
  });
}

/**
 * What a table slide holds, in lines of its body text (14 pt): a row takes its tallest cell's
 * lines plus its margins; the first column is wide (about 34 characters a line), the others share
 * the rest (about 22 each with four columns). Kept on the safe side, so nothing runs off a slide.
 */
const TABLE_FIT = { lines: 15, rowMargin: 0.7, firstChars: 34, otherChars: 22 } as const;

/** Lines a table row takes on a slide, by the estimate of TABLE_FIT. */
function rowLines(row: readonly string[]): number {
  const lines = row.map((text, index) => {
    const chars = index === 0 ? TABLE_FIT.firstChars : TABLE_FIT.otherChars;
    return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / chars)), 0);
  });
  return Math.max(...lines) + TABLE_FIT.rowMargin;
}

/**
 * The support register's follow-up: per entry its kind, the sala, the status and the public note
 * (what the sala asked is on its synthesis slides), as many entries a slide as fit.
 */
function registerSlides(report: SessionReport, { t }: DeckContext): DeckSlide[] {
  const title = t('reportsall.deck.register');
  const pages: string[][][] = [];
  let used = Infinity;
  for (const entry of report.supportRegister) {
    const [kind, sala, , , status, note] = registerCells(t, entry);
    const row = [String(kind), String(sala), String(status), String(note ?? t('reportsall.register.noNote'))];
    const lines = rowLines(row);
    if (used + lines > TABLE_FIT.lines) {
      pages.push([]);
      used = 0;
    }
    pages.at(-1)!.push(row);
    used += lines;
  }
  return pages.map((rows, index) =>
    slide('table', {
      title: index === 0 ? title : t('deck.continued', { title }),
      caption: t('support.title'),
      header: [t('support.groupBy.kind'), t('report.sala'), t('support.status'), t('reportsall.register.note')],
      rows,
    }),
  );
}

/** The deck's parts, in order. */
export const SLIDE_BUILDERS: readonly SlideBuilder[] = [
  titleSlide,
  questionSlides,
  profileSlides,
  synthesisSlides,
  supportSlides,
  experienceSlides,
  registerSlides,
  agencySlides,
];

/** Every slide of the session's deck, labels in the given locale. */
export function buildDeck(report: SessionReport, locale: Locale): DeckSlide[] {
  const ctx: DeckContext = { t: (key, params) => translate(locale, key, params), locale };
  return SLIDE_BUILDERS.flatMap((build) => build(report, ctx));
}
