/**
 * What makes a report workbook behave in LibreOffice and on paper as it does in Excel on screen:
 * auto-filters named the way LibreOffice reads them, row heights for wrapped text, dates as
 * date cells, and a page setup (A4, landscape when wide, fit to the page width, the header row
 * on every page, a footer with the session and the page).
 */
import ExcelJS from 'exceljs';
import type { Locale } from '../../shared/i18n/index.ts';

/** Date cells' number formats, as each locale writes dates. */
export const DATE_TIME_FORMATS: Record<Locale, string> = { 'es-CL': 'dd-mm-yyyy hh:mm', en: 'yyyy-mm-dd hh:mm' };
export const DATE_FORMATS: Record<Locale, string> = { 'es-CL': 'dd-mm-yyyy', en: 'yyyy-mm-dd' };

/** Points per line of 11-point text (Calibri's default row height), and a little air below. */
const LINE_HEIGHT = 15;
const ROW_PADDING = 2;
/**
 * Characters of text per unit of column width: widths count the digit 0, and the average
 * letter is narrower (measured with LibreOffice's print of the syntheses sheet).
 */
const CHARS_PER_WIDTH = 1.2;
/** Beyond this width (in characters) a sheet prints landscape. */
const PORTRAIT_WIDTH_MAX = 95;
/** Excel's limit on a header or footer, with room for the codes around the title. */
const FOOTER_TITLE_MAX = 120;

/** How many lines a wrapped text takes in a column of the given width. */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * CHARS_PER_WIDTH));
  return text.split('\n').reduce((lines, line) => lines + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

/** A row's height for its tallest wrapped cell. */
export function rowHeight(lines: number, fontSize = 11): number {
  return Math.ceil(lines * LINE_HEIGHT * (fontSize / 11) + ROW_PADDING);
}

/**
 * A workbook that names each sheet's auto-filter range `_xlnm._FilterDatabase` (local to the
 * sheet), as Excel itself does: LibreOffice only restores a filter that has this name. exceljs
 * writes the defined names of its model as given, so the names join the model it is written from.
 */
export function reportWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const inherited = Object.getOwnPropertyDescriptor(ExcelJS.Workbook.prototype, 'model');
  if (!inherited?.get || !inherited.set) throw new Error('exceljs: Workbook.model is no longer an accessor');
  const { get, set } = inherited;
  Object.defineProperty(workbook, 'model', {
    configurable: true,
    set,
    get(this: ExcelJS.Workbook) {
      const model = get.call(this) as { definedNames: unknown[] };
      model.definedNames.push(...filterNames(this));
      return model;
    },
  });
  return workbook;
}

function filterNames(workbook: ExcelJS.Workbook) {
  return workbook.worksheets.flatMap((sheet, index) => {
    const range = typeof sheet.autoFilter === 'string' ? sheet.autoFilter : null;
    if (range === null) return [];
    const [from, to] = range.split(':').map((ref) => ref.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'));
    return [{ name: '_xlnm._FilterDatabase', localSheetId: index, ranges: [`${quoteSheetName(sheet.name)}!${from}:${to}`] }];
  });
}

/** 'Name' as a formula refers to a sheet: quoted, with its apostrophes doubled. */
function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A column number as its letters (1 → A, 28 → AB). */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The footer text with Excel's codes: the title's own "&" doubled, page fields as &P and &N. */
export function footerText(template: (title: string) => string, title: string): string {
  const short = title.length > FOOTER_TITLE_MAX ? `${title.slice(0, FOOTER_TITLE_MAX - 1)}…` : title;
  return `&L${template(short.replace(/&/g, '&&'))}`;
}

/**
 * A4, landscape when the columns are wider than a portrait page holds, scaled to the page width
 * (as many pages down as needed), the table's header row repeated on every page, and the footer.
 */
export function setUpPage(sheet: ExcelJS.Worksheet, totalWidth: number, headerRow: number | null, footer: string): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: totalWidth > PORTRAIT_WIDTH_MAX ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    ...(headerRow === null ? {} : { printTitlesRow: `${headerRow}:${headerRow}` }),
  };
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: footer };
}
