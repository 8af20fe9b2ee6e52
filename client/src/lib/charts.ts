/**
 * Chart.js results charts for the presenter screen and the console. Only the pieces used are
 * registered (bars on category/linear scales), so the bundle stays small; labels on the bars
 * come from a small inline plugin instead of a plugin package. Charts are updated in place.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, type ChartConfiguration, type Plugin } from 'chart.js';
import type { ActivityResults } from '../../../shared/types.ts';
import { RATING_COLORS, RATING_TEXT } from './palette.ts';
import { choiceRows, ratingRows, type ChartedActivity, type ChoiceRow, type RatingRow } from './results.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale);

/** large: the presenter's main chart; panel: a chart beside another on the presenter; small: the console. */
export type ChartSize = 'large' | 'panel' | 'small';

/** Text the chart draws, in the current locale (the component passes them in). */
export interface ChartText {
  /** "12 · 40%" at the end of a choice bar. */
  choiceValue: (count: number, percent: number) => string;
  /** A rating item's mean ("3,4"; "—" when nobody rated it). */
  mean: (mean: number | null) => string;
  /** A plain count inside a rating segment. */
  count: (count: number) => string;
}

export const CHART_COLORS = {
  ink: '#0b1f33',
  rating: RATING_COLORS,
  ratingText: RATING_TEXT,
};

/** A choice's bars: the brand's colour, as app.css or the deployment's /theme.css sets it. */
function barColor(): string {
  return getComputedStyle(document.documentElement).getPropertyValue('--color-primary').trim() || '#0f69b4';
}

const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Font size from the chart's width, so a projector at 1280 or 1920 px wide reads the same. */
function fontSize(width: number, size: ChartSize): number {
  if (size === 'large') return Math.round(Math.min(40, Math.max(15, width / 46)));
  if (size === 'panel') return Math.round(Math.min(34, Math.max(15, width / 32)));
  return Math.round(Math.min(16, Math.max(11, width / 48)));
}

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

interface LabelState {
  kind: ChartedActivity['kind'];
  choice: ChoiceRow[];
  rating: RatingRow[];
  text: ChartText;
  size: ChartSize;
}

/** Room on the right of the bars: for "12 · 40%" after a choice bar, or a rating item's mean. */
function rightPadding(kind: LabelState['kind'], px: number): number {
  return kind === 'choice' ? px * 6.5 : px * 4.2;
}

const TICK_PADDING = 12;

/** Splits a label into lines no wider than maxWidth in the context's current font. */
function wrapToWidth(ctx: CanvasRenderingContext2D, label: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter((w) => w.length > 0)) {
    const candidate = line.length === 0 ? word : `${line} ${word}`;
    if (line.length > 0 && ctx.measureText(candidate).width > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.length > 0 ? lines : [label];
}

/**
 * Sizes bars and wraps labels for the chart's current width (Chart.js gives the label axis at
 * most half the width, and clips longer lines), then draws the numbers on the bars: counts and
 * percentages after choice bars, counts inside rating segments, each item's mean on the right.
 */
function labelsPlugin(state: () => LabelState): Plugin<'bar'> {
  return {
    id: 'plenarioLabels',
    beforeUpdate(chart) {
      const { kind, choice, rating, size } = state();
      const px = fontSize(chart.width, size);
      const thickness = px * (size === 'small' ? 2.2 : 2.6);
      for (const dataset of chart.data.datasets) dataset.maxBarThickness = thickness;
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = `600 ${px}px ${FONT_FAMILY}`;
      const maxWidth = Math.max(80, (chart.width - rightPadding(kind, px) - 8) / 2 - TICK_PADDING - 4);
      const labels = (kind === 'choice' ? choice : rating).map((row) => wrapToWidth(ctx, row.label, maxWidth));
      ctx.restore();
      chart.data.labels = labels;
    },
    afterDatasetsDraw(chart) {
      const { kind, choice, rating, text, size } = state();
      const px = fontSize(chart.width, size);
      const ctx = chart.ctx;
      ctx.save();
      ctx.textBaseline = 'middle';
      if (kind === 'choice') {
        ctx.font = `700 ${px}px ${FONT_FAMILY}`;
        ctx.fillStyle = CHART_COLORS.ink;
        ctx.textAlign = 'left';
        chart.getDatasetMeta(0).data.forEach((bar, index) => {
          const row = choice[index];
          if (!row) return;
          const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
          ctx.fillText(text.choiceValue(row.count, row.percent), x + px * 0.5, y);
        });
      } else {
        ctx.font = `700 ${Math.round(px * 0.85)}px ${FONT_FAMILY}`;
        ctx.textAlign = 'center';
        for (let value = 0; value < 5; value += 1) {
          ctx.fillStyle = CHART_COLORS.ratingText[value] ?? CHART_COLORS.ink;
          chart.getDatasetMeta(value).data.forEach((bar, index) => {
            const count = rating[index]?.counts[value] ?? 0;
            if (count === 0) return;
            const { x, y, base } = bar.getProps(['x', 'y', 'base'], true) as { x: number; y: number; base: number };
            const label = text.count(count);
            if (Math.abs(x - base) < ctx.measureText(label).width + px * 0.6) return;
            ctx.fillText(label, (x + base) / 2, y);
          });
        }
        ctx.font = `800 ${Math.round(px * 1.5)}px ${FONT_FAMILY}`;
        ctx.fillStyle = CHART_COLORS.ink;
        ctx.textAlign = 'right';
        chart.getDatasetMeta(0).data.forEach((bar, index) => {
          const row = rating[index];
          if (!row) return;
          const { y } = bar.getProps(['y'], true) as { y: number };
          ctx.fillText(text.mean(row.mean), chart.width - 4, y);
        });
      }
      ctx.restore();
    },
  };
}

/** A results chart bound to one canvas and one activity; `update` changes data in place. */
export class ResultsChart {
  #chart: Chart<'bar', number[], string[]>;
  #state: LabelState;

  constructor(canvas: HTMLCanvasElement, activity: ChartedActivity, results: ActivityResults | null, text: ChartText, size: ChartSize) {
    this.#state = { kind: activity.kind, choice: [], rating: [], text, size };
    this.#computeRows(activity, results);
    const font = (weight: number) => (context: { chart: Chart }) => ({
      family: FONT_FAMILY,
      size: fontSize(context.chart.width, size),
      weight,
    });
    const config: ChartConfiguration<'bar', number[], string[]> = {
      type: 'bar',
      // Labels are wrapped to the chart's width by the plugin, before every layout.
      data: { labels: [], datasets: [] },
      plugins: [labelsPlugin(() => this.#state)],
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: prefersReducedMotion() ? false : { duration: 250 },
        events: [],
        layout: {
          padding: (context) => ({ right: rightPadding(activity.kind, fontSize(context.chart.width, size)), top: 4, bottom: 4 }),
        },
        scales: {
          // Choice: counts (max set from the data); rating: each item's shares of 1…5, 0–100.
          x: { type: 'linear', display: false, stacked: activity.kind === 'rating', min: 0, max: 100 },
          y: {
            type: 'category',
            stacked: activity.kind === 'rating',
            grid: { display: false },
            border: { display: false },
            ticks: { color: CHART_COLORS.ink, font: font(600), autoSkip: false, crossAlign: 'far', padding: TICK_PADDING },
          },
        },
      },
    };
    this.#writeData(config.data, config.options?.scales?.x);
    this.#chart = new Chart(canvas, config);
  }

  update = (activity: ChartedActivity, results: ActivityResults | null, text: ChartText): void => {
    this.#state = { ...this.#state, text };
    this.#computeRows(activity, results);
    this.#writeData(this.#chart.data, this.#chart.options.scales?.x);
    this.#chart.update();
  };

  destroy = (): void => {
    this.#chart.destroy();
  };

  #computeRows(activity: ChartedActivity, results: ActivityResults | null): void {
    if (activity.kind === 'choice') {
      this.#state.choice = choiceRows(activity, results?.kind === 'choice' ? results : null);
    } else {
      this.#state.rating = ratingRows(activity, results?.kind === 'rating' ? results : null);
    }
  }

  /** Writes rows into the chart's data, reusing the dataset objects so bars animate from where they were. */
  #writeData(data: ChartConfiguration<'bar', number[], string[]>['data'], x: { max?: unknown } | undefined): void {
    const { kind, choice, rating } = this.#state;
    if (kind === 'choice') {
      const counts = choice.map((row) => row.count);
      if (x) x.max = Math.max(1, ...counts);
      const dataset = data.datasets[0];
      if (dataset) dataset.data = counts;
      else
        data.datasets.push({
          data: counts,
          backgroundColor: barColor(),
          borderRadius: 6,
          categoryPercentage: 0.9,
          barPercentage: 0.85,
        });
      return;
    }
    for (let value = 0; value < 5; value += 1) {
      const shares = rating.map((row) => row.percents[value] ?? 0);
      const dataset = data.datasets[value];
      if (dataset) dataset.data = shares;
      else {
        data.datasets.push({
          data: shares,
          backgroundColor: CHART_COLORS.rating[value],
          borderColor: '#ffffff',
          borderWidth: { right: 2, left: 0, top: 0, bottom: 0 },
          borderSkipped: false,
          categoryPercentage: 0.9,
          barPercentage: 0.8,
        });
      }
    }
  }
}
