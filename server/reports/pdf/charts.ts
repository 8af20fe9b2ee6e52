/**
 * Vector charts for the PDF reports, drawn with pdfkit's path API from the model's numbers:
 * horizontal bar lists, stacked 1…5 distributions, means on a 1…5 scale (one bar or one bar per
 * session), and the five-axis radar. Each chart measures itself first and starts a new page
 * when it does not fit below the cursor, so no chart is split across pages; labels are text,
 * so they stay selectable.
 */
import { COLORS, STYLES, type Layout, type TextStyle } from './layout.ts';

const LABEL_WIDTH = 170;
const LABEL_GAP = 10;

export interface BarRow {
  label: string;
  value: number;
  /** Printed after the bar ("12 (60 %)"). */
  valueLabel: string;
}

interface Row {
  labelHeight: number;
  height: number;
}

function rowHeights(layout: Layout, labels: string[], style: TextStyle, labelWidth: number, minHeight: number, pad: number): Row[] {
  return labels.map((label) => {
    const labelHeight = layout.measure(label, style, labelWidth);
    return { labelHeight, height: Math.max(labelHeight, minHeight) + pad };
  });
}

/** Top of a label centred on a bar at mid: the glyphs sit high in their line box, so nudge down. */
const labelTop = (mid: number, labelHeight: number) => mid - labelHeight / 2 + 2;

/** Draws rows × height as one block: on this page if it fits, else on the next. */
function place(layout: Layout, height: number): number {
  layout.ensure(height);
  return layout.y;
}

/**
 * Horizontal bars, one per row, on a light track: label on the left (wrapped), the value after
 * the bar. max is the value of a full track (1 for shares, the largest count for counts).
 */
export function barList(
  layout: Layout,
  rows: BarRow[],
  opts: { max: number; color?: string; labelWidth?: number; barHeight?: number },
): void {
  const doc = layout.doc;
  const labelWidth = opts.labelWidth ?? LABEL_WIDTH;
  const barHeight = opts.barHeight ?? 11;
  const valueWidth = Math.max(48, ...rows.map((r) => layout.widthOf(r.valueLabel, STYLES.value) + 8));
  const x0 = layout.left + labelWidth + LABEL_GAP;
  const trackWidth = layout.right - valueWidth - x0;
  const heights = rowHeights(
    layout,
    rows.map((r) => r.label),
    STYLES.label,
    labelWidth,
    barHeight,
    8,
  );
  const total = heights.reduce((sum, h) => sum + h.height, 0);
  let y = place(layout, total);
  rows.forEach((row, index) => {
    const { labelHeight, height } = heights[index]!;
    const mid = y + 4 + Math.max(labelHeight, barHeight) / 2;
    layout.textAt(row.label, layout.left, labelTop(mid, labelHeight), STYLES.label, { width: labelWidth });
    doc.rect(x0, mid - barHeight / 2, trackWidth, barHeight).fill(COLORS.track);
    const length = opts.max > 0 ? Math.max(0, Math.min(1, row.value / opts.max)) * trackWidth : 0;
    if (length > 0) doc.rect(x0, mid - barHeight / 2, Math.max(length, 1.5), barHeight).fill(opts.color ?? COLORS.accent);
    layout.textAt(row.valueLabel, x0 + trackWidth + 6, mid - 4.2, STYLES.value, { lineBreak: false });
    y += height;
  });
  layout.y = y;
}

/** Swatches with their labels on one line (wrapping to the next when the line is full). */
export function legend(layout: Layout, items: { color: string; label: string }[], opts: { x?: number; width?: number } = {}): void {
  const x0 = opts.x ?? layout.left;
  const maxX = x0 + (opts.width ?? layout.width);
  const style = STYLES.caption;
  const lineHeight = 13;
  // Measure the lines first so the legend is not split.
  const positions: { x: number; line: number; label: string; color: string }[] = [];
  let x = x0;
  let line = 0;
  for (const item of items) {
    const label = layout.fit(item.label, style, maxX - x0 - 14);
    const w = 14 + layout.widthOf(label, style) + 14;
    if (x + w > maxX && x > x0) {
      line += 1;
      x = x0;
    }
    positions.push({ x, line, label, color: item.color });
    x += w;
  }
  const y = place(layout, (line + 1) * lineHeight);
  for (const p of positions) {
    const py = y + p.line * lineHeight;
    layout.doc.rect(p.x, py + 1, 9, 9).fill(p.color);
    layout.textAt(p.label, p.x + 13, py + 1.5, style, { lineBreak: false });
  }
  layout.y = y + (line + 1) * lineHeight;
}

export interface DistributionRow {
  label: string;
  /** counts[0] ones … counts[4] fives. */
  counts: number[];
  meanLabel: string;
  nLabel: string;
}

/**
 * One 100 % stacked bar per item, the segments the shares of 1 … 5 (count printed inside when
 * there is room), the mean and n on the right. The legend (scale ends) goes above.
 */
export function distribution(
  layout: Layout,
  rows: DistributionRow[],
  opts: { legend: string[]; meanHeader: string; noAnswers: string },
): void {
  const doc = layout.doc;
  const barHeight = 15;
  const valueWidth = 66;
  const x0 = layout.left + LABEL_WIDTH + LABEL_GAP;
  const trackWidth = layout.right - valueWidth - x0;
  const heights = rowHeights(
    layout,
    rows.map((r) => r.label),
    STYLES.label,
    LABEL_WIDTH,
    24,
    8,
  );
  const total = heights.reduce((sum, h) => sum + h.height, 0);
  // Keep the legend with the bars.
  layout.ensure(total + 40);
  legend(
    layout,
    opts.legend.map((label, i) => ({ color: COLORS.scale[i]!, label })),
    { x: x0, width: trackWidth + valueWidth },
  );
  layout.gap(4);
  let y = place(layout, total + 12);
  layout.textAt(opts.meanHeader, x0 + trackWidth + 8, y, STYLES.tick, { width: valueWidth - 8, lineBreak: false });
  y += 12;
  rows.forEach((row, index) => {
    const { labelHeight, height } = heights[index]!;
    const mid = y + 4 + Math.max(labelHeight, 24) / 2;
    layout.textAt(row.label, layout.left, labelTop(mid, labelHeight), STYLES.label, { width: LABEL_WIDTH });
    const n = row.counts.reduce((sum, c) => sum + c, 0);
    const top = mid - barHeight / 2;
    if (n === 0) {
      doc.rect(x0, top, trackWidth, barHeight).fill(COLORS.track);
      layout.textAt(opts.noAnswers, x0 + 6, mid - 4, STYLES.smallItalic, { lineBreak: false });
    } else {
      let x = x0;
      row.counts.forEach((count, value) => {
        const w = (count / n) * trackWidth;
        if (w <= 0) return;
        doc.rect(x, top, w, barHeight).fill(COLORS.scale[value]!);
        const text = String(count);
        if (w >= layout.widthOf(text, STYLES.value) + 4) {
          layout.textAt(
            text,
            x,
            mid - 4,
            { ...STYLES.value, color: value >= 3 ? '#ffffff' : COLORS.ink },
            { width: w, align: 'center', lineBreak: false },
          );
        }
        x += w;
      });
    }
    layout.textAt(row.meanLabel, x0 + trackWidth + 8, mid - 9, { ...STYLES.value, size: 10.5 }, { lineBreak: false });
    layout.textAt(row.nLabel, x0 + trackWidth + 8, mid + 3, STYLES.tick, { lineBreak: false });
    y += height;
  });
  layout.y = y;
}

export interface ScaleGroup {
  label: string;
  /** One bar per series (session); null when there is no mean. */
  bars: { value: number | null; color: string; valueLabel: string }[];
}

/**
 * Means on the 1 … 5 scale as horizontal bars starting at 1, with a grid at each value: one bar
 * per group (the five axes of a session), or several (one per session in a series). Also counts,
 * with min 0 and a step between grid lines.
 */
export function scaleBars(
  layout: Layout,
  groups: ScaleGroup[],
  opts: { min?: number; max?: number; step?: number; noValue: string },
): void {
  const doc = layout.doc;
  const min = opts.min ?? 1;
  const max = opts.max ?? 5;
  const step = opts.step ?? 1;
  const barCount = Math.max(1, ...groups.map((g) => g.bars.length));
  const barHeight = barCount === 1 ? 13 : Math.max(8, Math.min(11, 36 / barCount));
  const barGap = barCount === 1 ? 0 : 2;
  const barsHeight = barCount * barHeight + (barCount - 1) * barGap;
  const valueWidth = 46;
  const x0 = layout.left + LABEL_WIDTH + LABEL_GAP;
  const trackWidth = layout.right - valueWidth - x0;
  const heights = rowHeights(
    layout,
    groups.map((g) => g.label),
    STYLES.label,
    LABEL_WIDTH,
    barsHeight,
    12,
  );
  const bodyHeight = heights.reduce((sum, h) => sum + h.height, 0);
  const axisHeight = 14;
  let y = place(layout, bodyHeight + axisHeight);
  const xOf = (v: number) => x0 + ((Math.max(min, Math.min(max, v)) - min) / (max - min)) * trackWidth;
  // Grid and scale.
  for (let v = min; v <= max; v += step) {
    const x = xOf(v);
    doc
      .moveTo(x, y)
      .lineTo(x, y + bodyHeight)
      .lineWidth(v === min ? 0.8 : 0.4)
      .strokeColor(v === min ? COLORS.faint : COLORS.rule)
      .stroke();
    layout.textAt(String(v), x - 10, y + bodyHeight + 3, STYLES.tick, { width: 20, align: 'center', lineBreak: false });
  }
  groups.forEach((group, index) => {
    const { labelHeight, height } = heights[index]!;
    const mid = y + 6 + Math.max(labelHeight, barsHeight) / 2;
    layout.textAt(group.label, layout.left, labelTop(mid, labelHeight), STYLES.label, { width: LABEL_WIDTH });
    let by = mid - barsHeight / 2;
    for (const bar of group.bars) {
      if (bar.value === null) {
        const noValueStyle = { ...STYLES.smallItalic, size: Math.min(8.5, barHeight - 0.5) };
        layout.textAt(opts.noValue, x0 + 4, by + barHeight / 2 - noValueStyle.size / 2, noValueStyle, { lineBreak: false });
      } else {
        const end = xOf(bar.value);
        doc.rect(x0, by, Math.max(end - x0, 1.5), barHeight).fill(bar.color);
        const labelStyle = { ...STYLES.value, size: Math.min(8.5, barHeight - 0.5) };
        layout.textAt(bar.valueLabel, end + 4, by + barHeight / 2 - labelStyle.size / 2, labelStyle, { lineBreak: false });
      }
      by += barHeight + barGap;
    }
    y += height;
  });
  layout.y = y + axisHeight;
}

export interface RadarSeries {
  color: string;
  /** One mean per axis, in the order of the axes; null where there is none. */
  values: (number | null)[];
}

/**
 * The radar of the five axes: a pentagon grid for 1 … 5, one spoke per axis with its label
 * (wrapped) outside the vertex, and one polygon of means per series.
 */
export function radar(layout: Layout, axes: string[], series: RadarSeries[], opts: { radius?: number; max?: number } = {}): void {
  const doc = layout.doc;
  const max = opts.max ?? 5;
  const radius = opts.radius ?? 112;
  const labelWidth = 112;
  const style = { ...STYLES.label, size: 8.5 };
  const count = axes.length;
  if (count < 3) return;
  const angle = (i: number) => -Math.PI / 2 + (i * 2 * Math.PI) / count;
  const labelHeights = axes.map((label) => layout.measure(label, style, labelWidth));
  const topLabel = labelHeights[0]! + 12;
  // Lower labels hang below their vertex.
  const bottomExtra = Math.max(
    ...axes.map((_, i) => (Math.sin(angle(i)) > 0.5 ? labelHeights[i]! + 8 - radius * (1 - Math.sin(angle(i))) : 0)),
    0,
  );
  const height = topLabel + 2 * radius + bottomExtra + 10;
  const y0 = place(layout, height);
  const cx = layout.left + layout.width / 2;
  const cy = y0 + topLabel + radius;
  const point = (i: number, r: number): [number, number] => [cx + r * Math.cos(angle(i)), cy + r * Math.sin(angle(i))];

  // Grid: one pentagon per value, spokes, value ticks on the first spoke.
  for (let v = 1; v <= max; v++) {
    const r = (v / max) * radius;
    const [sx, sy] = point(0, r);
    doc.moveTo(sx, sy);
    for (let i = 1; i < count; i++) doc.lineTo(...point(i, r));
    doc
      .closePath()
      .lineWidth(v === max ? 0.8 : 0.45)
      .strokeColor(v === max ? COLORS.faint : COLORS.rule)
      .stroke();
  }
  for (let i = 0; i < count; i++) {
    doc
      .moveTo(cx, cy)
      .lineTo(...point(i, radius))
      .lineWidth(0.45)
      .strokeColor(COLORS.rule)
      .stroke();
  }
  // Polygons of means.
  for (const s of series) {
    const points = s.values
      .map((v, i) => (v === null ? null : point(i, (Math.max(0, Math.min(max, v)) / max) * radius)))
      .filter((p): p is [number, number] => p !== null);
    if (points.length >= 3) {
      doc.moveTo(...points[0]!);
      for (const p of points.slice(1)) doc.lineTo(...p);
      doc
        .closePath()
        .lineWidth(1.6)
        .lineJoin('round')
        .fillColor(s.color, series.length > 1 ? 0.05 : 0.14)
        .strokeColor(s.color)
        .fillAndStroke();
      doc.fillOpacity(1);
    }
    for (const p of points) doc.circle(p[0], p[1], 2.4).fill(s.color);
  }
  for (let v = 1; v <= max; v++) {
    const [, ty] = point(0, (v / max) * radius);
    // On a light halo: the polygons' lines may cross the value.
    doc
      .rect(cx - 11, ty - 4, 7.5, 8.5)
      .fillColor('#ffffff', 0.85)
      .fill();
    doc.fillOpacity(1);
    layout.textAt(String(v), cx - 24, ty - 3, STYLES.tick, { width: 19, align: 'right', lineBreak: false });
  }
  // Axis labels outside the vertices.
  axes.forEach((label, i) => {
    const a = angle(i);
    const [px, py] = point(i, radius + 8);
    const h = labelHeights[i]!;
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    let x: number;
    let align: 'left' | 'center' | 'right';
    if (Math.abs(cos) < 0.2) {
      x = px - labelWidth / 2;
      align = 'center';
    } else if (cos > 0) {
      x = px;
      align = 'left';
    } else {
      x = px - labelWidth;
      align = 'right';
    }
    const y = Math.abs(cos) < 0.2 ? (sin < 0 ? py - h : py + 2) : sin > 0.5 ? py - 2 : py - h / 2;
    layout.textAt(label, x, y, style, { width: labelWidth, align });
  });
  layout.y = y0 + height;
}
