/**
 * The experience catalogue as CSV: one row per card, one column per field, after the session,
 * its date and its series. The conventions are the session CSV's (docs/report-format.md):
 * UTF-8 with a BOM, CRLF, RFC 4180 quoting, formula-like texts neutralised, dates in ISO 8601
 * with the report time zone's offset, ';' by default.
 */
import type { CatalogueCard } from '../../shared/experience-catalogue.ts';
import { DEFAULT_LOCALE, translate, type MessageKey, type MessageParams } from '../../shared/i18n/index.ts';
import { neutraliseFormula } from './cells.ts';
import { quote, type CsvOptions } from './csv.ts';
import { catalogueCells, catalogueColumns } from './experience-table.ts';
import { isoWithOffset } from './format.ts';

export function renderCatalogueCsv(cards: readonly CatalogueCard[], options: CsvOptions): string {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const field = (value: string | number | null) =>
    value === null ? '' : typeof value === 'number' ? String(value) : quote(neutraliseFormula(value), options.separator);
  const lines = [
    catalogueColumns(t)
      .map((column) => quote(column.header, options.separator))
      .join(options.separator),
    ...cards.map((card) => catalogueCells(t, card, isoWithOffset).map(field).join(options.separator)),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
