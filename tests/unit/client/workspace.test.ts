import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../../shared/limits.ts';
import {
  NEW_SERIES,
  agenciesProblem,
  agenciesText,
  fetchReport,
  fileNameFromDisposition,
  nextSessionTitle,
  parseAgencies,
  parseRetentionDays,
  resolveSeries,
  seriesChoice,
  seriesReportUrl,
  sessionReportUrl,
  sessionState,
  sessionsToClear,
  workspaceApi,
} from '../../../client/src/lib/workspace.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('parseAgencies', () => {
  it('reads one agency per line, trimmed, without blank lines', () => {
    expect(parseAgencies('  Instituto de Previsión Social \n\n Registro Civil\r\n   \n')).toEqual([
      'Instituto de Previsión Social',
      'Registro Civil',
    ]);
  });

  it('keeps the first of repeated names, ignoring case and inner spaces', () => {
    expect(parseAgencies('IPS\nips\nServicio  Civil\nservicio civil')).toEqual(['IPS', 'Servicio Civil']);
  });

  it('gives no agencies for an empty field', () => {
    expect(parseAgencies('')).toEqual([]);
    expect(parseAgencies('\n \n')).toEqual([]);
  });

  it('round-trips through the text of the form', () => {
    const agencies = ['IPS', 'Registro Civil', 'FONASA'];
    expect(parseAgencies(agenciesText(agencies))).toEqual(agencies);
  });
});

describe('agenciesProblem', () => {
  it('accepts what the server accepts', () => {
    expect(agenciesProblem([])).toBeNull();
    expect(agenciesProblem(Array.from({ length: LIMITS.agenciesMax }, (_, i) => `Servicio ${i}`))).toBeNull();
    expect(agenciesProblem(['x'.repeat(LIMITS.agencyNameMax)])).toBeNull();
  });

  it('says when there are too many or one is too long', () => {
    expect(agenciesProblem(Array.from({ length: LIMITS.agenciesMax + 1 }, (_, i) => `Servicio ${i}`))).toEqual({
      kind: 'tooMany',
      max: LIMITS.agenciesMax,
    });
    expect(agenciesProblem(['IPS', 'x'.repeat(LIMITS.agencyNameMax + 1)])).toMatchObject({ kind: 'tooLong', max: LIMITS.agencyNameMax });
  });
});

describe('fileNameFromDisposition', () => {
  it('reads a quoted or bare filename', () => {
    expect(fileNameFromDisposition('attachment; filename="informe-taller-2026-11-20.pdf"')).toBe('informe-taller-2026-11-20.pdf');
    expect(fileNameFromDisposition('attachment; filename=informe.xlsx')).toBe('informe.xlsx');
    expect(fileNameFromDisposition('attachment;filename="a \\"b\\".csv"')).toBe('a "b".csv');
  });

  it('prefers the UTF-8 filename* over filename', () => {
    expect(fileNameFromDisposition('attachment; filename="informe.pdf"; filename*=UTF-8\'\'informe-sesi%C3%B3n-2.pdf')).toBe(
      'informe-sesión-2.pdf',
    );
  });

  it('falls back to filename when filename* cannot be decoded', () => {
    expect(fileNameFromDisposition('attachment; filename*=UTF-8\'\'%E0%A4%A; filename="plain.csv"')).toBe('plain.csv');
  });

  it('keeps only the last part of a name with a path', () => {
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(fileNameFromDisposition('attachment; filename="C:\\\\temp\\\\x.pdf"')).toBe('x.pdf');
  });

  it('gives null without a usable name', () => {
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition('')).toBeNull();
    expect(fileNameFromDisposition('attachment')).toBeNull();
    expect(fileNameFromDisposition('attachment; filename=""')).toBeNull();
    expect(fileNameFromDisposition('attachment; filename=".."')).toBeNull();
  });
});

describe('report addresses', () => {
  it('leave out the server defaults', () => {
    expect(sessionReportUrl('s1', 'pdf')).toBe('/api/sessions/s1/report.pdf');
    expect(sessionReportUrl('s1', 'csv', { locale: 'es-CL', separator: 'semicolon' })).toBe('/api/sessions/s1/report.csv');
    expect(seriesReportUrl('r1', 'xlsx', { locale: 'es-CL' })).toBe('/api/series/r1/report.xlsx');
  });

  it('carry the locale and the comma separator', () => {
    expect(sessionReportUrl('s1', 'csv', { locale: 'en', separator: 'comma' })).toBe(
      '/api/sessions/s1/report.csv?locale=en&separator=comma',
    );
    expect(sessionReportUrl('s1', 'json', { separator: 'comma' })).toBe('/api/sessions/s1/report.json');
    expect(seriesReportUrl('r_1', 'pdf', { locale: 'en' })).toBe('/api/series/r_1/report.pdf?locale=en');
  });
});

describe('nextSessionTitle', () => {
  it('counts up the number a title ends with', () => {
    expect(nextSessionTitle('Bien-Estar psicológico · sesión 1')).toBe('Bien-Estar psicológico · sesión 2');
    expect(nextSessionTitle('Taller 9')).toBe('Taller 10');
    expect(nextSessionTitle('Sesión 01')).toBe('Sesión 02');
  });

  it('keeps a title without a number at the end', () => {
    expect(nextSessionTitle('Taller IPS')).toBe('Taller IPS');
    expect(nextSessionTitle('2026: taller')).toBe('2026: taller');
  });

  it('stays within the title limit', () => {
    const long = `${'x'.repeat(LIMITS.sessionTitleMax - 1)}9`;
    expect(nextSessionTitle(long).length).toBeLessThanOrEqual(LIMITS.sessionTitleMax);
  });
});

describe('sessionState', () => {
  it('tells open, closed and stripped sessions apart', () => {
    expect(sessionState({ status: 'open', participantDataRemovedAt: null })).toBe('open');
    expect(sessionState({ status: 'closed', participantDataRemovedAt: null })).toBe('closed');
    expect(sessionState({ status: 'closed', participantDataRemovedAt: 1 })).toBe('removed');
  });
});

describe('parseRetentionDays', () => {
  it('reads empty as keeping data', () => {
    expect(parseRetentionDays('')).toEqual({ ok: true, days: null });
    expect(parseRetentionDays('   ')).toEqual({ ok: true, days: null });
  });

  it('accepts whole days within the limit', () => {
    expect(parseRetentionDays(' 365 ')).toEqual({ ok: true, days: 365 });
    expect(parseRetentionDays('1')).toEqual({ ok: true, days: 1 });
    expect(parseRetentionDays(String(LIMITS.retentionDaysMax))).toEqual({ ok: true, days: LIMITS.retentionDaysMax });
  });

  it('refuses anything else', () => {
    for (const text of ['0', '-3', '1.5', '1e3', 'un año', String(LIMITS.retentionDaysMax + 1)])
      expect(parseRetentionDays(text), text).toEqual({ ok: false });
  });
});

describe('sessionsToClear', () => {
  const now = 1_000 * DAY;
  const sessions = [
    { createdAt: now - 400 * DAY, participantDataRemovedAt: null },
    { createdAt: now - 400 * DAY, participantDataRemovedAt: now - 10 * DAY },
    { createdAt: now - 100 * DAY, participantDataRemovedAt: null },
    { createdAt: now - DAY, participantDataRemovedAt: null },
  ];

  it('counts the sessions older than the period that still hold participant data', () => {
    expect(sessionsToClear(sessions, 365, now)).toBe(1);
    expect(sessionsToClear(sessions, 30, now)).toBe(2);
    expect(sessionsToClear(sessions, 3650, now)).toBe(0);
  });

  it('clears nothing when data is kept', () => {
    expect(sessionsToClear(sessions, null, now)).toBe(0);
  });
});

describe('series choice', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('maps the select to none, an existing series or a new one', () => {
    expect(seriesChoice('', 'ignored')).toEqual({ kind: 'none' });
    expect(seriesChoice('abc', '')).toEqual({ kind: 'existing', id: 'abc' });
    expect(seriesChoice(NEW_SERIES, '  Serie 2026 ')).toEqual({ kind: 'new', title: 'Serie 2026' });
  });

  it('creates a new series first and gives its id', async () => {
    const fetchMock = vi.fn(
      async () => new Response(JSON.stringify({ id: 'r1', title: 'Serie 2026', createdAt: 1, sessions: 0 }), { status: 201 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const outcome = await resolveSeries({ kind: 'new', title: 'Serie 2026' });
    expect(outcome).toEqual({ ok: true, data: { seriesId: 'r1', created: { id: 'r1', title: 'Serie 2026', createdAt: 1, sessions: 0 } } });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/series',
      expect.objectContaining({ method: 'POST', body: JSON.stringify({ title: 'Serie 2026' }) }),
    );
  });

  it('asks nothing of the server for none or an existing series, and refuses a nameless new one', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    expect(await resolveSeries({ kind: 'none' })).toEqual({ ok: true, data: { seriesId: null, created: null } });
    expect(await resolveSeries({ kind: 'existing', id: 'r2' })).toEqual({ ok: true, data: { seriesId: 'r2', created: null } });
    expect(await resolveSeries({ kind: 'new', title: '' })).toEqual({ ok: false, code: 'VALIDATION_FAILED' });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('workspaceApi', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads a 204 as success and error bodies as codes', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    expect(await workspaceApi.deleteSession('s1')).toEqual({ ok: true, data: null });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'x' } }), { status: 403 })),
    );
    expect(await workspaceApi.details('s1')).toEqual({ ok: false, code: 'FORBIDDEN', field: null });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>', { status: 401 })),
    );
    expect(await workspaceApi.sessions()).toEqual({ ok: false, code: 'UNAUTHORIZED', field: null });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('network'))),
    );
    expect(await workspaceApi.series()).toEqual({ ok: false, code: 'OFFLINE', field: null });
  });

  it('sends the details with PUT and the retention with its days', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ days: 30, cleared: 2 }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await workspaceApi.setRetention(30)).toEqual({ ok: true, data: { days: 30, cleared: 2 } });
    expect(fetchMock).toHaveBeenLastCalledWith('/api/settings/retention', expect.objectContaining({ method: 'PUT', body: '{"days":30}' }));
    await workspaceApi.saveDetails('s/1', { title: 'T', seriesId: null, agencies: ['IPS'], namesInReports: false });
    expect(fetchMock).toHaveBeenLastCalledWith('/api/sessions/s%2F1/details', expect.objectContaining({ method: 'PUT' }));
  });
});

describe('fetchReport', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the token as a Bearer header and names the file from Content-Disposition', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response('%PDF-1.7', {
          status: 200,
          headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="informe-x-2026-11-20.pdf"' },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const outcome = await fetchReport('/api/sessions/s1/report.pdf', 'tok', 'informe.pdf');
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/sessions/s1/report.pdf',
      expect.objectContaining({ headers: { authorization: 'Bearer tok' } }),
    );
    expect(outcome.ok && outcome.fileName).toBe('informe-x-2026-11-20.pdf');
    expect(outcome.ok && (await outcome.blob.text())).toBe('%PDF-1.7');
  });

  it('falls back to a name of its own, and turns refusals into codes', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('a;b', { status: 200 })),
    );
    const named = await fetchReport('/x', 'tok', 'informe.csv');
    expect(named.ok && named.fileName).toBe('informe.csv');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'x' } }), { status: 401 })),
    );
    expect(await fetchReport('/x', 'bad', 'informe.csv')).toEqual({ ok: false, code: 'UNAUTHORIZED' });
  });
});
