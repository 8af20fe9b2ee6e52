/**
 * How numbers and dates read in every report format, in the report's locale (es-CL: "3,4",
 * "20-11-2026 11:40"). Chile's time zone, since the workshops happen there.
 */
import type { Locale } from '../../shared/i18n/index.ts';

export const REPORT_TIME_ZONE = 'America/Santiago';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: REPORT_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** "20-11-2026" (es-CL) from an ISO string. */
export function formatDate(iso: string, locale: Locale): string {
  return dateTimeFormat(locale, false).format(new Date(iso));
}

/** "20-11-2026, 11:40" (es-CL) from an ISO string; '' for null. */
export function formatDateTime(iso: string | null, locale: Locale): string {
  return iso === null ? '' : dateTimeFormat(locale, true).format(new Date(iso));
}

/** A mean with two decimals ("3,45"), or '' when there is none. */
export function formatMean(mean: number | null, locale: Locale): string {
  return mean === null ? '' : mean.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A share in [0, 1] as a whole-number percentage ("45 %" in es-CL). */
export function formatShare(share: number, locale: Locale): string {
  return share.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 0 });
}
