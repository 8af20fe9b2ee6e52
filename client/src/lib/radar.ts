/**
 * Radar charts of the five axes (a sala against the room). Its own chunk, loaded lazily: the
 * radar's controller and scale are registered here only, so neither the phone's first load
 * nor the bar charts carry them.
 */
import {
  Chart,
  Filler,
  LineElement,
  PointElement,
  RadarController,
  RadialLinearScale,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { LIMITS } from '../../../shared/limits.ts';

Chart.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler);

export interface RadarSeries {
  label: string;
  values: Array<number | null>;
  color: string;
  /** The room's series is drawn dashed and unfilled, behind the sala's. */
  dashed?: boolean;
}

export interface RadarData {
  /** One label per axis; an array is drawn as lines. Empty strings draw no labels (small multiples). */
  labels: Array<string | string[]>;
  series: RadarSeries[];
}

export type RadarSize = 'large' | 'small';

const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const INK = '#0b1f33';
const GRID = '#c9d3de';

/**
 * Axis labels' size: from the screen's height on the projector (small multiples), fixed on
 * the phone. Fixed per chart, so that Chart.js leaves room for the labels it draws.
 */
function fontSize(size: RadarSize): number {
  if (size === 'large') return 13;
  const height = typeof window === 'undefined' ? 1080 : window.innerHeight;
  return Math.round(Math.min(22, Math.max(11, height / 58)));
}

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

const LINE_HEIGHT = 1.2;
/** Between the outer ring and an axis label. */
const LABEL_GAP = 6;

const linesOf = (label: unknown): string[] =>
  Array.isArray(label) ? label.map(String) : typeof label === 'string' && label.length > 0 ? [label] : [];

/**
 * The padding that leaves the radar as big as the axis labels allow: each label sits beside
 * its axis' end (side labels aligned away from the centre, the top one above, the lower ones
 * below), so the radius is the largest at which every label still fits in the canvas. The
 * chart area is then the radius' square, in the middle.
 */
function labelRoom(chart: Chart, size: RadarSize): { left: number; right: number; top: number; bottom: number } {
  const px = fontSize(size);
  const width = chart.width;
  const height = chart.height;
  const ctx = chart.ctx;
  ctx.save();
  ctx.font = `650 ${px}px ${FONT_FAMILY}`;
  const labels = (chart.data.labels ?? []).map(linesOf);
  const sizes = labels.map((lines) => ({
    w: Math.max(0, ...lines.map((line) => ctx.measureText(line).width)),
    h: lines.length * px * LINE_HEIGHT,
  }));
  ctx.restore();
  const margin = 4;
  const halfW = width / 2 - margin;
  const halfH = height / 2 - margin;
  let radius = Math.min(halfW, halfH);
  sizes.forEach(({ w, h }, index) => {
    if (w === 0) return;
    const angle = (2 * Math.PI * index) / Math.max(1, sizes.length);
    const sin = Math.abs(Math.sin(angle));
    const cos = Math.cos(angle);
    // A label starts LABEL_GAP beyond its axis' end and reaches out by its width.
    if (sin > 0.05) radius = Math.min(radius, (halfW - w) / sin - LABEL_GAP);
    // The top label stands above its axis, the lower ones hang below theirs, the others are centred.
    if (cos > 0.95) radius = Math.min(radius, halfH - LABEL_GAP - h);
    else if (cos < -0.5) radius = Math.min(radius, (halfH - h) / -cos - LABEL_GAP);
    else if (Math.abs(cos) > 0.05) radius = Math.min(radius, (halfH - h / 2) / Math.abs(cos) - LABEL_GAP);
  });
  radius = Math.max(12, Math.floor(radius));
  const side = Math.max(0, width / 2 - radius);
  const vertical = Math.max(0, height / 2 - radius);
  return { left: side, right: side, top: vertical, bottom: vertical };
}

/**
 * Draws the axis labels (Chart.js's own fitting of radar labels misplaces long ones and lets
 * them run off the canvas): each beside its axis' end, aligned away from the centre, inside
 * the room labelRoom reserved.
 */
function labelsPlugin(size: RadarSize): Plugin<'radar'> {
  return {
    id: 'plenarioRadarLabels',
    afterDraw(chart) {
      const scale = chart.scales.r as RadialLinearScale | undefined;
      if (!scale) return;
      const px = fontSize(size);
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = `650 ${px}px ${FONT_FAMILY}`;
      ctx.fillStyle = INK;
      (chart.data.labels ?? []).forEach((label, index) => {
        const lines = linesOf(label);
        if (lines.length === 0) return;
        const { x, y } = scale.getPointPosition(index, scale.drawingArea + LABEL_GAP);
        const dx = x - scale.xCenter;
        const dy = y - scale.yCenter;
        ctx.textAlign = Math.abs(dx) < 2 ? 'center' : dx > 0 ? 'left' : 'right';
        const block = lines.length * px * LINE_HEIGHT;
        // Above the top axis, below the lower ones, centred on the others (as labelRoom reserves).
        const top = Math.abs(dx) < 2 && dy < 0 ? y - block : dy > (scale.drawingArea + LABEL_GAP) * 0.5 ? y : y - block / 2;
        ctx.textBaseline = 'top';
        lines.forEach((line, n) => ctx.fillText(line, x, top + n * px * LINE_HEIGHT));
      });
      ctx.restore();
    },
  };
}

function datasets(data: RadarData): ChartConfiguration<'radar', Array<number | null>, string | string[]>['data']['datasets'] {
  return data.series.map((series) => ({
    label: series.label,
    data: series.values,
    borderColor: series.color,
    backgroundColor: series.dashed ? 'transparent' : `${series.color}33`,
    borderDash: series.dashed ? [6, 4] : [],
    borderWidth: series.dashed ? 2 : 3,
    pointBackgroundColor: series.color,
    pointRadius: series.dashed ? 2 : 3,
    fill: !series.dashed,
    spanGaps: true,
  }));
}

/** A radar chart bound to one canvas; `update` changes the data in place. */
export class RadarChart {
  #chart: Chart<'radar', Array<number | null>, string | string[]>;

  constructor(canvas: HTMLCanvasElement, data: RadarData, size: RadarSize) {
    const config: ChartConfiguration<'radar', Array<number | null>, string | string[]> = {
      type: 'radar',
      data: { labels: data.labels, datasets: datasets(data) },
      plugins: [labelsPlugin(size)],
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: prefersReducedMotion() ? false : { duration: 250 },
        events: [],
        layout: { padding: (context) => labelRoom(context.chart, size) },
        scales: {
          r: {
            min: LIMITS.ratingMin,
            max: LIMITS.ratingMax,
            ticks: {
              stepSize: 1,
              display: size === 'large',
              color: '#5b6b7c',
              backdropColor: 'transparent',
              font: { family: FONT_FAMILY, size: 11 },
            },
            grid: { color: GRID },
            angleLines: { color: GRID },
            pointLabels: { display: false },
          },
        },
      },
    };
    this.#chart = new Chart(canvas, config);
  }

  update = (data: RadarData): void => {
    this.#chart.data.labels = data.labels;
    const next = datasets(data);
    next.forEach((dataset, index) => {
      const current = this.#chart.data.datasets[index];
      if (current) Object.assign(current, dataset);
      else this.#chart.data.datasets.push(dataset);
    });
    this.#chart.data.datasets.length = next.length;
    this.#chart.update();
  };

  destroy = (): void => {
    this.#chart.destroy();
  };
}
