/**
 * Small helpers the spreadsheet renderers (CSV, XLSX) share: keeping user text from being read
 * as a formula, and worksheet names Excel accepts.
 */

/** Characters that make a spreadsheet read a CSV field as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text for a CSV cell that no spreadsheet evaluates: a leading apostrophe when it starts with
 * = + - @ TAB or CR (OWASP's recommendation). Only for text; numbers are written as numbers.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Excel's limits on a worksheet name. */
export const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;

/** Cuts text to at most max UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

/** A name Excel accepts on its own: no []:*?/\ or control characters, no apostrophe at either end, at most 31 characters. */
export function sanitiseSheetName(raw: string, fallback = 'Hoja'): string {
  const clean = (text: string) =>
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(SHEET_NAME_FORBIDDEN, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const trimQuotes = (text: string) => text.replace(/^'+/, '').replace(/'+$/, '').trim();
  let name = trimQuotes(cut(trimQuotes(clean(raw)), SHEET_NAME_MAX));
  if (name === '' || name.toLowerCase() === 'history') name = trimQuotes(cut(clean(fallback), SHEET_NAME_MAX)) || 'Hoja';
  return name;
}

/**
 * Hands out worksheet names that are valid and unique in one workbook (Excel compares them
 * without regard to case): a repeated name gets " (2)", " (3)"… within the 31 characters.
 */
export class SheetNames {
  private readonly used = new Set<string>();

  name(raw: string, fallback?: string): string {
    const base = sanitiseSheetName(raw, fallback);
    let name = base;
    for (let i = 2; this.used.has(name.toLowerCase()); i++) {
      const suffix = ` (${i})`;
      name = `${cut(base, SHEET_NAME_MAX - suffix.length)
        .replace(/'+$/, '')
        .trimEnd()}${suffix}`;
    }
    this.used.add(name.toLowerCase());
    return name;
  }
}

/** Excel's limit on the characters in one cell. */
export const CELL_TEXT_MAX = 32_767;

/**
 * A user text as an XLSX string cell holds it: control characters XML cannot carry are
 * dropped (TAB, LF and CR stay) and anything past Excel's cell limit is cut with "…".
 */
export function xlsxText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return clean.length > CELL_TEXT_MAX ? `${cut(clean, CELL_TEXT_MAX - 1)}…` : clean;
}
