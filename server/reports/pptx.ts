/**
 * The plenary deck as an editable PowerPoint (pptxgenjs): 16:9 (13.33 × 7.5 in), native charts
 * (bars, the rating distribution stacked 1…5, the five-axis radar), native tables and text
 * boxes, so facilitators edit it into their "informe de taller" without retyping. It draws the
 * slides of pptx-model.ts one by one; the facilitator's comments are each slide's speaker notes.
 * Every slide has a footer with the deployment's name, the session's title and the slide number.
 */
import PptxGenJS from 'pptxgenjs';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/index.ts';
import type { SessionReport } from '../../shared/report.ts';
import type { ReportBrand } from './pdf.ts';
import { buildDeck, type DeckChart, type DeckSlide } from './pptx-model.ts';

/** Slide size (LAYOUT_WIDE) and the margins every slide keeps, in inches. */
const SLIDE = { width: 13.333, height: 7.5, margin: 0.6 } as const;
const CONTENT = { x: SLIDE.margin, y: 1.95, w: SLIDE.width - 2 * SLIDE.margin, h: 4.95 } as const;
// Arial: LibreOffice draws it with Liberation Sans, of the same metrics, so a slide wraps alike there.
const FONT = 'Arial';

const COLORS = {
  ink: '1F2933',
  muted: '52606D',
  faint: 'CBD2D9',
  panel: 'F0F4F8',
  accent: '0F69B4',
  /** The 1…5 of a rating, light to dark: the scale reads as more of the same. */
  scale: ['D6E6F5', 'A3C6E6', '6FA3D3', '3C7DBF', '0F4F8C'],
} as const;

const MASTER = 'PLENARIO';

const hex = (color: string) => color.replace('#', '').toUpperCase();

/** The deck's colour and its text's language (spell-checking in PowerPoint). */
interface Look {
  accent: string;
  lang: string;
}

function chartOptions(chart: DeckChart, look: Look, box: { x: number; y: number; w: number; h: number }) {
  const common = { ...box, lang: look.lang, catAxisLabelFontSize: 14, catAxisLabelFontFace: FONT, catAxisLabelColor: COLORS.ink };
  if (chart.type === 'radar') {
    return {
      ...common,
      radarStyle: 'marker' as const,
      // The plot itself, as a share of the chart's box: left to itself it shrinks behind the axis labels.
      layout: { x: 0.2, y: 0.1, w: 0.6, h: 0.8 },
      chartColors: [look.accent],
      lineSize: 3,
      valAxisMinVal: 0,
      valAxisMaxVal: chart.max,
      valAxisMajorUnit: 1,
      valAxisLabelFontSize: 11,
      showLegend: false,
    };
  }
  const { stacked } = chart;
  // Counts are written on the bars, so their axis would only repeat them; means keep the 1…5 scale.
  const scale =
    chart.max !== null
      ? {
          valAxisMinVal: 0,
          valAxisMaxVal: chart.max,
          valAxisMajorUnit: 1,
          valAxisLabelFontSize: 12,
          valAxisLabelColor: COLORS.muted,
          valGridLine: { color: COLORS.faint, size: 0.5 },
        }
      : { valAxisMinVal: 0, valAxisHidden: true, valGridLine: { style: 'none' as const } };
  return {
    ...common,
    ...scale,
    barDir: 'bar',
    barGrouping: stacked ? 'stacked' : 'clustered',
    barGapWidthPct: 40,
    chartColors: stacked ? [...COLORS.scale] : [look.accent],
    showValue: chart.values !== 'none',
    dataLabelFontSize: 14,
    dataLabelFontFace: FONT,
    dataLabelColor: COLORS.ink,
    dataLabelPosition: stacked ? ('ctr' as const) : ('outEnd' as const),
    // A zero in a stack would print over its neighbours: left blank.
    dataLabelFormatCode: chart.values === 'mean' ? '0.00' : '0;;;',
    showLegend: stacked,
    legendPos: 'b' as const,
    legendFontSize: 14,
    legendFontFace: FONT,
  };
}

/**
 * A horizontal bar chart draws its first category at the bottom: categories go in reversed so
 * the chart reads top-down in the report's order.
 */
function chartData(chart: DeckChart) {
  const flip = chart.type === 'bar';
  const order = <T>(items: readonly T[]) => (flip ? [...items].reverse() : [...items]);
  return chart.series.map((series) => ({ name: series.name, labels: order(chart.categories), values: order(series.values) }));
}

function drawSlide(pptx: PptxGenJS, deck: DeckSlide, look: Look): void {
  const { accent, lang } = look;
  const slide = pptx.addSlide({ masterName: MASTER });
  if (deck.notes) slide.addNotes(deck.notes);
  if (deck.kind === 'title') {
    slide.addShape(pptx.ShapeType.rect, { x: 0, y: 0, w: 0.25, h: SLIDE.height, fill: { color: accent }, line: { color: accent } });
    slide.addText(deck.kicker.toUpperCase(), {
      x: 0.9,
      y: 1.4,
      w: 11.5,
      h: 0.5,
      fontFace: FONT,
      lang,
      fontSize: 16,
      bold: true,
      color: accent,
    });
    slide.addText(deck.title, {
      x: 0.9,
      y: 1.95,
      w: 11.5,
      h: 1.9,
      fontFace: FONT,
      lang,
      fontSize: 40,
      bold: true,
      color: COLORS.ink,
      valign: 'top',
      fit: 'shrink',
    });
    slide.addText(
      deck.lines.map((line) => ({ text: line, options: { breakLine: true } })),
      { x: 0.9, y: 4.1, w: 11.5, h: 2.2, fontFace: FONT, lang, fontSize: 20, color: COLORS.muted, valign: 'top', paraSpaceAfter: 6 },
    );
    if (deck.caption)
      slide.addText(deck.caption, {
        x: 0.9,
        y: 6.3,
        w: 11.5,
        h: 0.5,
        fontFace: FONT,
        lang,
        fontSize: 16,
        italic: true,
        color: COLORS.muted,
      });
    return;
  }
  slide.addText(deck.title, {
    x: SLIDE.margin,
    y: 0.35,
    w: CONTENT.w,
    h: 0.95,
    fontFace: FONT,
    lang,
    fontSize: 28,
    bold: true,
    color: COLORS.ink,
    valign: 'bottom',
    fit: 'shrink',
  });
  if (deck.caption)
    slide.addText(deck.caption, {
      x: SLIDE.margin,
      y: 1.3,
      w: CONTENT.w,
      h: 0.4,
      fontFace: FONT,
      lang,
      fontSize: 15,
      color: COLORS.muted,
      valign: 'top',
    });

  if (deck.kind === 'chart') {
    // Side by side, a radar takes more room than bars: its labels sit around it.
    const gap = 0.3;
    const weights = deck.charts.map((chart) => (chart.type === 'radar' ? 1.4 : 1));
    const unit = (CONTENT.w - gap * (deck.charts.length - 1)) / weights.reduce((a, b) => a + b, 0);
    let x = CONTENT.x;
    deck.charts.forEach((chart, index) => {
      const box = { x, y: CONTENT.y, w: unit * weights[index]!, h: CONTENT.h };
      x += box.w + gap;
      const type = chart.type === 'radar' ? pptx.ChartType.radar : pptx.ChartType.bar;
      slide.addChart(type, chartData(chart), chartOptions(chart, look, box));
    });
  } else if (deck.kind === 'text') {
    const runs = deck.blocks.flatMap((block) => [
      ...(block.heading ? [{ text: block.heading, options: { bold: true, color: accent, fontSize: 15, breakLine: true } }] : []),
      { text: block.text, options: { color: COLORS.ink, fontSize: 17, breakLine: true, paraSpaceAfter: 10 } },
    ]);
    slide.addText(runs, { ...CONTENT, fontFace: FONT, lang, valign: 'top', paraSpaceAfter: 2 });
  } else {
    const header = deck.header.map((text) => ({
      text,
      options: { bold: true, fill: { color: COLORS.panel }, color: COLORS.ink, fontSize: 13 },
    }));
    const rows = deck.rows.map((row) =>
      row.map((text, index) => ({ text, options: { color: COLORS.ink, bold: index === 0, italic: text.length > 12 && index > 0 } })),
    );
    // The row labels (axes) wide; the columns (agencies) share the rest.
    const first = 4;
    const rest = (CONTENT.w - first) / Math.max(1, deck.header.length - 1);
    slide.addTable([header, ...rows], {
      x: CONTENT.x,
      y: CONTENT.y,
      w: CONTENT.w,
      colW: [first, ...deck.header.slice(1).map(() => rest)],
      fontFace: FONT,
      lang,
      fontSize: 14,
      valign: 'middle',
      margin: 0.08,
      border: { type: 'solid', pt: 0.75, color: COLORS.faint },
    });
  }
}

/** The session's plenary deck as a .pptx file, labels in the given locale. */
export async function renderSessionPptx(report: SessionReport, locale: Locale = DEFAULT_LOCALE, brand?: ReportBrand): Promise<Buffer> {
  const accent = hex(brand?.color ?? COLORS.accent);
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = report.session.title;
  pptx.author = brand?.name ?? 'Plenario';
  pptx.company = brand?.name ?? 'Plenario';
  pptx.subject = report.session.series?.title ?? report.session.title;
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  const footer = `${brand?.name ?? 'Plenario'} · ${report.session.title}`;
  const lang = locale === 'en' ? 'en-US' : 'es-CL';
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: 'FFFFFF' },
    objects: [
      { line: { x: SLIDE.margin, y: 7.0, w: CONTENT.w, h: 0, line: { color: COLORS.faint, width: 0.75 } } },
      {
        text: {
          text: footer,
          options: { x: SLIDE.margin, y: 7.02, w: CONTENT.w - 1.2, h: 0.35, fontFace: FONT, lang, fontSize: 11, color: COLORS.muted },
        },
      },
    ],
    slideNumber: {
      x: SLIDE.width - SLIDE.margin - 0.8,
      y: 7.02,
      w: 0.8,
      h: 0.35,
      fontFace: FONT,
      lang,
      fontSize: 11,
      color: COLORS.muted,
      align: 'right',
    },
  });
  for (const slide of buildDeck(report, locale)) drawSlide(pptx, slide, { accent, lang });
  const written = await pptx.write({ outputType: 'nodebuffer' });
  return Buffer.from(written as Uint8Array);
}
