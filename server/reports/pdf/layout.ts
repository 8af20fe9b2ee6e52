/**
 * Page layout for the PDF reports: A4 portrait, the palette and type scale, text that flows
 * across pages, headings kept with what follows, tables whose rows never split, and the footer
 * (title and page numbers) written once every page exists.
 *
 * Text uses pdfkit's standard Helvetica, which is WinAnsi-encoded: it covers Spanish (á é í ó ú
 * ñ ü ¿ ¡ “ ” — …) and keeps a selectable text layer. Every string goes through pdfText(), which
 * replaces the few characters WinAnsi lacks (other spaces and dashes, emoji…) so none prints as
 * garbage.
 */
import PDFDocument from 'pdfkit';

export const PAGE = {
  width: 595.28,
  height: 841.89,
  marginTop: 64,
  marginBottom: 76,
  marginX: 62,
} as const;

/** A restrained palette: navy headings, one blue for figures, greys for everything else. */
export const COLORS = {
  ink: '#1d2733',
  heading: '#1b365d',
  accent: '#2a5d8f',
  accentSoft: '#e4ecf4',
  muted: '#5d6877',
  faint: '#8d97a5',
  rule: '#d3d9e1',
  panel: '#f3f5f8',
  track: '#eceff3',
  warn: '#8a5a12',
  warnPanel: '#fbf4e6',
  /** Values 1 … 5 of a rating, light to dark. */
  scale: ['#d9e3ee', '#adc3da', '#7a9cc0', '#4a74a2', '#1f4a7a'],
  /** One colour per session in a series comparison. */
  series: ['#1f4a7a', '#d0842a', '#3b8a6b', '#8b5a9a', '#b4474a', '#6c8db2', '#9c7a3a', '#4d5b6c'],
} as const;

export const FONTS = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' } as const;

export interface TextStyle {
  font: string;
  size: number;
  color: string;
  lineGap?: number;
  characterSpacing?: number;
}

export const STYLES = {
  body: { font: FONTS.regular, size: 10, color: COLORS.ink, lineGap: 2 },
  bodyBold: { font: FONTS.bold, size: 10, color: COLORS.ink, lineGap: 2 },
  italic: { font: FONTS.italic, size: 10, color: COLORS.muted, lineGap: 2 },
  small: { font: FONTS.regular, size: 8.5, color: COLORS.muted, lineGap: 1.5 },
  smallBold: { font: FONTS.bold, size: 8.5, color: COLORS.ink, lineGap: 1.5 },
  smallItalic: { font: FONTS.italic, size: 8.5, color: COLORS.muted, lineGap: 1.5 },
  label: { font: FONTS.regular, size: 9, color: COLORS.ink, lineGap: 1 },
  value: { font: FONTS.bold, size: 8.5, color: COLORS.ink },
  tick: { font: FONTS.regular, size: 7.5, color: COLORS.faint },
  kicker: { font: FONTS.bold, size: 9, color: COLORS.accent, characterSpacing: 0.6 },
  title: { font: FONTS.bold, size: 24, color: COLORS.heading, lineGap: 3 },
  subtitle: { font: FONTS.regular, size: 13, color: COLORS.muted, lineGap: 2 },
  h1: { font: FONTS.bold, size: 17, color: COLORS.heading, lineGap: 2 },
  h2: { font: FONTS.bold, size: 12.5, color: COLORS.heading, lineGap: 2 },
  h3: { font: FONTS.bold, size: 10.5, color: COLORS.ink, lineGap: 1.5 },
  caption: { font: FONTS.regular, size: 8.5, color: COLORS.muted, lineGap: 1 },
  fieldLabel: { font: FONTS.bold, size: 9.5, color: COLORS.heading, lineGap: 1.5 },
  footer: { font: FONTS.regular, size: 8, color: COLORS.faint },
} satisfies Record<string, TextStyle>;

// Unicode code points beyond Latin-1 that WinAnsi has (pdfkit maps them to their bytes).
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e,
  0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

const REPLACEMENTS: Record<string, string> = {
  '\t': ' ',
  '\u00ad': '',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '–',
  '\u2015': '—',
  '\u2212': '-',
  '\u2043': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2023': '•',
  '\u25cf': '•',
  '\u25aa': '•',
  '\u2027': '·',
  '\u2219': '·',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
};

function winAnsi(code: number): boolean {
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || code === 0x0a || WIN_ANSI_EXTRA.has(code);
}

/** text with every character the standard fonts can print: others are replaced or dropped. */
export function pdfText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const code = char.codePointAt(0)!;
    if (winAnsi(code)) out += char;
    else if (char in REPLACEMENTS) out += REPLACEMENTS[char];
    else if (/[\s\u200b-\u200d\u2060\ufeff]/u.test(char)) out += /\s/u.test(char) ? ' ' : '';
    // Modifiers and variation selectors are matched one by one on purpose: each is dropped.
    // eslint-disable-next-line no-misleading-character-class
    else if (/[\p{Extended_Pictographic}\p{M}\u{fe00}-\u{fe0f}\u{1f3fb}-\u{1f3ff}]/u.test(char)) out += '';
    else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => winAnsi(c.codePointAt(0)!)) ? base : '?';
    }
  }
  return out;
}

export interface TextOptions {
  width?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  lineBreak?: boolean;
  indent?: number;
}

export interface Cell {
  text: string;
  style?: TextStyle;
  align?: 'left' | 'center' | 'right';
  /** Columns this cell covers (1 by default). */
  span?: number;
}

export interface TableOptions {
  headerStyle?: TextStyle;
  style?: TextStyle;
  padX?: number;
  padY?: number;
  /** Rows come in groups of this size, each kept on one page. */
  groupSize?: number;
}

interface TableRow {
  placed: { cell: Cell; x: number; w: number; h: number; align: 'left' | 'center' | 'right' }[];
  height: number;
}

export interface Column {
  header: string;
  /** Share of the table's width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface DocumentMeta {
  title: string;
  /** Whose report it is: the deployment's name (THEME_NAME). */
  author: string;
  createdAt: Date;
  /** Left part of every page's footer. */
  footer: string;
  /** "Página {page} de {pages}" with the numbers filled in. */
  pageLabel: (page: number, pages: number) => string;
  lang: string;
}

/** The document and where the next block goes. */
export class Layout {
  readonly doc: PDFKit.PDFDocument;
  readonly left = PAGE.marginX;
  readonly width = PAGE.width - 2 * PAGE.marginX;
  readonly right = PAGE.width - PAGE.marginX;
  readonly top = PAGE.marginTop;
  readonly bottom = PAGE.height - PAGE.marginBottom;
  private readonly meta: DocumentMeta;
  private current: TextStyle = STYLES.body;
  private chapterTitle: string | null = null;
  private running: string | null = null;

  constructor(meta: DocumentMeta) {
    this.meta = meta;
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: PAGE.marginTop, bottom: PAGE.marginBottom, left: PAGE.marginX, right: PAGE.marginX },
      bufferPages: true,
      autoFirstPage: true,
      pdfVersion: '1.7',
      lang: meta.lang,
      displayTitle: true,
      info: {
        Title: meta.title,
        Author: meta.author,
        Creator: 'Plenario',
        Producer: 'Plenario (pdfkit)',
        CreationDate: meta.createdAt,
        ModDate: meta.createdAt,
      },
    });
    this.doc.on('pageAdded', () => this.drawRunningHeader());
  }

  /**
   * What continues on a new page: the chapter, and what part of it (a sala's synthesis), printed
   * small in the top margin of every page that begins inside it.
   */
  context(part: string | null): void {
    this.running = this.chapterTitle && part ? `${this.chapterTitle}  ·  ${part}` : (part ?? this.chapterTitle);
  }

  // Runs while pdfkit flows a paragraph onto a new page: the paragraph's style is put back after.
  private drawRunningHeader(): void {
    if (!this.running) return;
    const saved = this.current;
    this.textAt(this.fit(this.running, STYLES.footer, this.width), this.left, PAGE.marginTop - 26, STYLES.footer, { lineBreak: false });
    this.style(saved);
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
    this.doc.x = this.left;
  }

  /** Space left on the page below the cursor. */
  get room(): number {
    return this.bottom - this.doc.y;
  }

  get usableHeight(): number {
    return this.bottom - this.top;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  /** Starts a new page unless height fits below the cursor (or the cursor is already at the top). */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom && this.doc.y > this.top + 1) this.newPage();
  }

  /** Moves down, but not past the bottom of the page. */
  gap(height: number): void {
    this.y = Math.min(this.doc.y + height, this.bottom);
  }

  style(style: TextStyle): void {
    this.current = style;
    this.doc.font(style.font).fontSize(style.size).fillColor(style.color);
  }

  private textOptions(style: TextStyle, options: TextOptions): PDFKit.Mixins.TextOptions {
    return {
      lineGap: style.lineGap ?? 0,
      characterSpacing: style.characterSpacing ?? 0,
      ...(options.width !== undefined ? { width: options.width } : {}),
      ...(options.align ? { align: options.align } : {}),
      ...(options.lineBreak === false ? { lineBreak: false } : {}),
      ...(options.indent ? { indent: options.indent } : {}),
    };
  }

  /** Height of text in style wrapped to width. */
  measure(text: string, style: TextStyle, width: number): number {
    this.style(style);
    return this.doc.heightOfString(pdfText(text) || ' ', this.textOptions(style, { width }));
  }

  /** Width of text on one line in style. */
  widthOf(text: string, style: TextStyle): number {
    this.style(style);
    return this.doc.widthOfString(pdfText(text), { characterSpacing: style.characterSpacing ?? 0 });
  }

  /** text shortened with "…" to fit width on one line. */
  fit(text: string, style: TextStyle, width: number): string {
    if (this.widthOf(text, style) <= width) return text;
    let chars = [...text];
    while (chars.length > 1 && this.widthOf(`${chars.join('').trimEnd()}…`, style) > width) chars = chars.slice(0, -1);
    return `${chars.join('').trimEnd()}…`;
  }

  /** Text at a fixed place (charts, tables): it does not move the flow cursor. */
  textAt(text: string, x: number, y: number, style: TextStyle, options: TextOptions = {}): number {
    const cursor = { x: this.doc.x, y: this.doc.y };
    this.style(style);
    const clean = pdfText(text);
    const height = this.doc.heightOfString(clean || ' ', this.textOptions(style, options));
    this.doc.text(clean, x, y, this.textOptions(style, options));
    this.doc.x = cursor.x;
    this.doc.y = cursor.y;
    return height;
  }

  /** Flowing text at the cursor: wraps and continues on the next page when it is long. */
  paragraph(text: string, style: TextStyle = STYLES.body, options: TextOptions & { x?: number; after?: number; keep?: number } = {}): void {
    const x = options.x ?? this.left;
    const width = options.width ?? this.right - x;
    // Keep the first lines (or all of a short paragraph) together on one page.
    this.ensure(Math.min(this.measure(text, style, width), options.keep ?? 3 * (style.size * 1.2 + (style.lineGap ?? 0))));
    this.style(style);
    this.doc.text(pdfText(text), x, this.doc.y, this.textOptions(style, { ...options, width }));
    this.doc.x = this.left;
    if (options.after) this.gap(options.after);
  }

  /**
   * A section heading with an entry in the PDF's outline: on a new page when forced or when
   * less than 40 % of a page is left, else after some space.
   */
  chapter(text: string, opts: { newPage?: boolean } = {}): void {
    this.chapterTitle = null;
    this.running = null;
    if (opts.newPage || this.room < 0.4 * this.usableHeight) this.newPage();
    else this.gap(30);
    this.chapterTitle = text;
    this.running = text;
    this.doc.outline.addItem(pdfText(text));
    this.paragraph(text, STYLES.h1, { keep: 1000 });
    const y = this.doc.y + 4;
    this.doc.moveTo(this.left, y).lineTo(this.right, y).lineWidth(1.2).strokeColor(COLORS.accent).stroke();
    this.y = y + 14;
  }

  /** A heading kept on the same page as at least `keep` points of what follows. */
  heading(text: string, style: TextStyle, keep = 90, before = 14, after = 6): void {
    if (this.doc.y > this.top + 1) this.gap(before);
    this.ensure(this.measure(text, style, this.width) + keep);
    this.paragraph(text, style, { keep: 1000 });
    this.gap(after);
  }

  rule(color: string = COLORS.rule, width = 0.6): void {
    const y = this.doc.y;
    this.doc.moveTo(this.left, y).lineTo(this.right, y).lineWidth(width).strokeColor(color).stroke();
  }

  /** A shaded box around a paragraph (notes); never split. */
  note(text: string, opts: { style?: TextStyle; fill?: string; bar?: string } = {}): void {
    const style = opts.style ?? STYLES.small;
    const pad = 9;
    const width = this.width - 2 * pad - 3;
    const height = this.measure(text, style, width) + 2 * pad - (style.lineGap ?? 0);
    this.ensure(height);
    const y = this.doc.y;
    this.doc.rect(this.left, y, this.width, height).fill(opts.fill ?? COLORS.panel);
    this.doc.rect(this.left, y, 3, height).fill(opts.bar ?? COLORS.accent);
    this.textAt(text, this.left + 3 + pad, y + pad, style, { width });
    this.y = y + height;
  }

  /** A table: header row on a light band, thin rules between rows, rows never split across pages. */
  table(columns: Column[], rows: Cell[][], opts: TableOptions = {}): void {
    const { header, bodyRows, padY, startHeight } = this.tableRows(columns, rows, opts);
    const padX = opts.padX ?? 5;
    const drawRow = (row: TableRow, band: string | null) => {
      const y = this.doc.y;
      if (band) this.doc.rect(this.left, y, this.width, row.height).fill(band);
      for (const p of row.placed) this.textAt(p.cell.text, p.x + padX, y + padY, p.cell.style!, { width: p.w - 2 * padX, align: p.align });
      this.y = y + row.height;
      this.rule(band ? COLORS.faint : COLORS.rule, band ? 0.8 : 0.5);
    };

    this.ensure(startHeight);
    drawRow(header, COLORS.panel);
    const groupSize = opts.groupSize ?? 1;
    bodyRows.forEach((row, index) => {
      // Rows of a group (one axis across sessions) stay on one page when they fit on one.
      const group = index % groupSize === 0 ? bodyRows.slice(index, index + groupSize).reduce((sum, r) => sum + r.height, 0) : row.height;
      const needed = group <= 0.5 * this.usableHeight ? group : row.height;
      if (this.doc.y + needed > this.bottom) {
        this.newPage();
        drawRow(header, COLORS.panel);
      }
      drawRow(row, null);
    });
  }

  /** The height table() keeps on one page: all of a short table, the header and first rows of a long one. */
  tableStartHeight(columns: Column[], rows: Cell[][], opts: TableOptions = {}): number {
    return this.tableRows(columns, rows, opts).startHeight;
  }

  private tableRows(columns: Column[], rows: Cell[][], opts: TableOptions) {
    const style = opts.style ?? STYLES.label;
    const headerStyle = opts.headerStyle ?? STYLES.smallBold;
    const padX = opts.padX ?? 5;
    const padY = opts.padY ?? 4.5;
    const totalShare = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / totalShare) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));

    const layoutRow = (cells: Cell[], fallback: TextStyle): TableRow => {
      const placed: TableRow['placed'] = [];
      let column = 0;
      for (const cell of cells) {
        const span = Math.max(1, Math.min(cell.span ?? 1, columns.length - column));
        const w = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
        const cellStyle = cell.style ?? fallback;
        placed.push({
          cell: { ...cell, style: cellStyle },
          x: xs[column]!,
          w,
          h: this.measure(cell.text, cellStyle, w - 2 * padX),
          align: cell.align ?? columns[column]!.align ?? 'left',
        });
        column += span;
      }
      const height = Math.max(...placed.map((p) => p.h), 0) + 2 * padY;
      return { placed, height };
    };

    const header = layoutRow(
      columns.map((c) => ({ text: c.header, align: c.align })),
      headerStyle,
    );
    const bodyRows = rows.map((cells) => layoutRow(cells, style));
    const total = header.height + bodyRows.reduce((sum, row) => sum + row.height, 0);
    const startHeight =
      total <= 0.45 * this.usableHeight ? total : header.height + bodyRows.slice(0, 3).reduce((sum, row) => sum + row.height, 0);
    return { header, bodyRows, padY, startHeight };
  }

  /** Footer on every page (a rule, the title on the left, "Página n de N" on the right), then the file. */
  async finish(): Promise<Buffer> {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      doc.switchToPage(index);
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const lineY = PAGE.height - 50;
      doc.moveTo(this.left, lineY).lineTo(this.right, lineY).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      const pageLabel = this.meta.pageLabel(index + 1, range.count);
      const labelWidth = this.widthOf(pageLabel, STYLES.footer);
      this.textAt(pageLabel, this.right - labelWidth - 1, lineY + 8, STYLES.footer, { lineBreak: false });
      this.textAt(this.fit(this.meta.footer, STYLES.footer, this.width - labelWidth - 24), this.left, lineY + 8, STYLES.footer, {
        lineBreak: false,
      });
      doc.page.margins.bottom = bottomMargin;
    }
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.end();
    });
  }
}
