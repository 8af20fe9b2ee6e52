import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_TIME_ZONE, formatDateTime, isoWithOffset, setReportTimeZone, wallClock } from '../../../server/reports/format.ts';

afterEach(() => setReportTimeZone(DEFAULT_REPORT_TIME_ZONE));

describe('report dates in the deployment time zone', () => {
  it('writes ISO 8601 with the offset of the day: summer and winter time in Santiago', () => {
    expect(isoWithOffset('2026-11-20T14:40:05.000Z')).toBe('2026-11-20T11:40:05-03:00');
    expect(isoWithOffset('2026-07-01T16:00:00.000Z')).toBe('2026-07-01T12:00:00-04:00');
    expect(isoWithOffset(null)).toBe('');
  });

  it('gives the wall clock a spreadsheet date cell stores, across midnight', () => {
    expect(wallClock('2026-11-21T02:30:00.000Z').toISOString()).toBe('2026-11-20T23:30:00.000Z');
  });

  it('follows the configured zone in every format helper', () => {
    setReportTimeZone('Pacific/Easter');
    expect(isoWithOffset('2026-11-20T14:40:00.000Z')).toBe('2026-11-20T09:40:00-05:00');
    expect(formatDateTime('2026-11-20T14:40:00.000Z', 'es-CL')).toContain('09:40');
    setReportTimeZone('UTC');
    expect(isoWithOffset('2026-11-20T14:40:00.000Z')).toBe('2026-11-20T14:40:00+00:00');
    expect(() => setReportTimeZone('Mars/Olympus')).toThrow(RangeError);
  });
});
