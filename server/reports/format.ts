/**
 * How numbers and dates read in every report format, in the report's locale (es-CL: "3,4",
 * "20-11-2026 11:40"), and in the deployment's time zone: America/Santiago unless the
 * REPORT_TIME_ZONE setting says otherwise (server/config.ts; buildApp applies it once).
 */
import type { Locale } from '../../shared/i18n/index.ts';

export const DEFAULT_REPORT_TIME_ZONE = 'America/Santiago';

let timeZone = DEFAULT_REPORT_TIME_ZONE;
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** The IANA time zone report dates are written in. */
export function reportTimeZone(): string {
  return timeZone;
}

/** Sets the time zone of every report this process writes (a deployment setting, not a per-request one). */
export function setReportTimeZone(zone: string): void {
  if (!isTimeZone(zone)) throw new RangeError(`Unknown time zone "${zone}"`);
  if (zone === timeZone) return;
  timeZone = zone;
  dateTimeFormats.clear();
}

/** Whether the runtime knows this IANA time zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function cachedFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = make();
    dateTimeFormats.set(key, format);
  }
  return format;
}

function dateTimeFormat(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  return cachedFormat(
    `${locale}|${withTime}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
      }),
  );
}

/** "20-11-2026" (es-CL) from an ISO string. */
export function formatDate(iso: string, locale: Locale): string {
  return dateTimeFormat(locale, false).format(new Date(iso));
}

/** "20-11-2026, 11:40" (es-CL) from an ISO string; '' for null. */
export function formatDateTime(iso: string | null, locale: Locale): string {
  return iso === null ? '' : dateTimeFormat(locale, true).format(new Date(iso));
}

/**
 * The wall clock in the report's time zone at an instant, as a Date whose UTC fields hold it:
 * what a spreadsheet date cell stores (it has no time zone), so Excel shows 11:40 in Santiago.
 */
export function wallClock(iso: string): Date {
  const instant = new Date(iso);
  const parts = cachedFormat(
    '|parts',
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
  ).formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const utc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return new Date(utc + instant.getUTCMilliseconds());
}

/** ISO 8601 in the report's time zone, with its offset ("2026-11-20T11:40:05-03:00"); '' for null. */
export function isoWithOffset(iso: string | null): string {
  if (iso === null) return '';
  const local = wallClock(iso);
  const offsetMinutes = Math.round((local.getTime() - new Date(iso).getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A mean with two decimals ("3,45"), or '' when there is none. */
export function formatMean(mean: number | null, locale: Locale): string {
  return mean === null ? '' : mean.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A share in [0, 1] as a whole-number percentage ("45 %" in es-CL). */
export function formatShare(share: number, locale: Locale): string {
  return share.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 0 });
}
