import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../../shared/types.ts';
import type { SeriesSummary, SessionDetails, SessionListing } from '../../shared/workspace.ts';
import { startServer, type TestServer } from './support/server.ts';

const PASSWORD = 'contraseña-segura-1';

interface Sent {
  status: number;
  body: unknown;
}

/** A JSON request with the given headers (a sign-in cookie or a Bearer token). */
async function send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Sent> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: response.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as unknown) : text,
  };
}

const codeOf = (sent: Sent) => (sent.body as { error?: { code: string } }).error?.code;

async function signIn(email: string, role: 'admin' | 'facilitator'): Promise<Record<string, string>> {
  await server.app.accounts.createAccount({ email, name: email.split('@')[0]!, password: PASSWORD, role });
  const response = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]! };
}

async function created<T>(sent: Promise<Sent>): Promise<T> {
  const result = await sent;
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return result.body as T;
}

const sessionsCount = () => (server.app.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
const seriesOf = (sessionId: string) =>
  (server.app.db.prepare('SELECT series_id FROM sessions WHERE id = ?').get(sessionId) as { series_id: string | null }).series_id;

let server: TestServer;
let admin: Record<string, string>;
let ana: Record<string, string>;
let beto: Record<string, string>;
/** Ana's series, with Ana's first session in it. */
let anaSeries: SeriesSummary;
let anaSession: CreatedSession;
let betoSeries: SeriesSummary;
/** Beto's session, in no series to begin with. */
let betoSession: CreatedSession;

beforeAll(async () => {
  server = await startServer();
  admin = await signIn('admin@serviciocivil.cl', 'admin');
  ana = await signIn('ana@serviciocivil.cl', 'facilitator');
  beto = await signIn('beto@serviciocivil.cl', 'facilitator');
  anaSeries = await created(send('POST', '/api/series', ana, { title: 'Bienestar 2026 — Región de Valparaíso' }));
  betoSeries = await created(send('POST', '/api/series', beto, { title: 'Bienestar 2026 — Región de Los Lagos' }));
  anaSession = await created(
    send('POST', '/api/sessions', ana, { title: 'Sesión 1 de Ana', template: 'bienestar-sesion-2', seriesId: anaSeries.id }),
  );
  betoSession = await created(send('POST', '/api/sessions', beto, { title: 'Sesión 1 de Beto', template: 'bienestar-sesion-2' }));
});

afterAll(async () => {
  await server.close();
});

describe('a series belongs to the account that created it', () => {
  it('lists only the facilitator’s own series; an administrator sees every one', async () => {
    const titles = async (headers: Record<string, string>) =>
      ((await send('GET', '/api/series', headers)).body as SeriesSummary[]).map((s) => [s.title, s.sessions]);
    expect(await titles(ana)).toEqual([[anaSeries.title, 1]]);
    expect(await titles(beto)).toEqual([[betoSeries.title, 0]]);
    expect(await titles(admin)).toEqual([
      [betoSeries.title, 0],
      [anaSeries.title, 1],
    ]);
  });

  it('refuses another facilitator’s series with 403 and an unknown one with 404, on the series and its comparison', async () => {
    for (const path of [
      `/api/series/${anaSeries.id}`,
      ...['json', 'xlsx', 'pdf'].map((format) => `/api/series/${anaSeries.id}/report.${format}`),
    ]) {
      const refused = await send('GET', path, beto);
      expect({ path, status: refused.status, code: codeOf(refused) }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
      expect(JSON.stringify(refused.body)).not.toContain(anaSeries.title);
      expect((await send('GET', path.replace(anaSeries.id, 'no-such-series'), beto)).status).toBe(404);
      expect((await send('GET', path, ana)).status).toBe(200);
      expect((await send('GET', path, admin)).status).toBe(200);
    }
    const own = (await send('GET', `/api/series/${anaSeries.id}`, ana)).body as { series: SeriesSummary; sessions: SessionListing[] };
    expect(own.series).toMatchObject({ title: anaSeries.title, sessions: 1 });
    expect(own.sessions.map((s) => s.id)).toEqual([anaSession.id]);
  });

  it('refuses to create a session in another facilitator’s series, also as the next session from one of one’s own', async () => {
    const before = sessionsCount();
    for (const body of [
      { title: 'Intrusa', template: 'bienestar-sesion-2', seriesId: anaSeries.id },
      { title: 'Sesión 2 de Beto', fromSessionId: betoSession.id, seriesId: anaSeries.id },
    ]) {
      const refused = await send('POST', '/api/sessions', beto, body);
      expect(refused.status).toBe(403);
      expect(codeOf(refused)).toBe('FORBIDDEN');
    }
    expect((await send('POST', '/api/sessions', beto, { title: 'Fantasma', seriesId: 'no-such-series' })).status).toBe(404);
    expect(sessionsCount()).toBe(before);
    // Ana's series still counts only her session, for her and for the administrator.
    expect(((await send('GET', `/api/series/${anaSeries.id}`, admin)).body as { series: SeriesSummary }).series.sessions).toBe(1);

    const next = await created<CreatedSession>(
      send('POST', '/api/sessions', beto, { title: 'Sesión 2 de Beto', fromSessionId: betoSession.id, seriesId: betoSeries.id }),
    );
    expect(seriesOf(next.id)).toBe(betoSeries.id);
    const byAdmin = await created<CreatedSession>(
      send('POST', '/api/sessions', admin, { title: 'De la administración', seriesId: anaSeries.id }),
    );
    expect(seriesOf(byAdmin.id)).toBe(anaSeries.id);
  });

  it('refuses to move a session into another facilitator’s series, with the cookie or with the session’s secret', async () => {
    const path = `/api/sessions/${betoSession.id}/details`;
    const details = (await send('GET', path, beto)).body as SessionDetails;
    const body = { title: 'Cambiada', seriesId: anaSeries.id, agencies: ['IPS'], namesInReports: true };
    for (const headers of [beto, { authorization: `Bearer ${betoSession.facilitatorToken}` }]) {
      const refused = await send('PUT', path, headers, body);
      expect(refused.status).toBe(403);
      expect(codeOf(refused)).toBe('FORBIDDEN');
    }
    expect((await send('GET', path, beto)).body).toEqual(details);

    // The secret stands for the session's owner: their own series are fine.
    const moved = await send(
      'PUT',
      path,
      { authorization: `Bearer ${betoSession.facilitatorToken}` },
      { ...body, seriesId: betoSeries.id },
    );
    expect(moved.status).toBe(200);
    expect(seriesOf(betoSession.id)).toBe(betoSeries.id);
  });

  it('lets an administrator file any session in any series, where it may then stay', async () => {
    const path = `/api/sessions/${betoSession.id}/details`;
    const filed = await send('PUT', path, admin, {
      title: 'Sesión 1 de Beto',
      seriesId: anaSeries.id,
      agencies: [],
      namesInReports: false,
    });
    expect(filed.status).toBe(200);
    expect(seriesOf(betoSession.id)).toBe(anaSeries.id);

    // Beto can still edit his session without taking it out of that series...
    const edited = await send('PUT', path, beto, {
      title: 'Sesión 1 de Beto, revisada',
      seriesId: anaSeries.id,
      agencies: [],
      namesInReports: false,
    });
    expect(edited.status).toBe(200);
    expect(seriesOf(betoSession.id)).toBe(anaSeries.id);
    // ...and his list names it, but the series itself is still Ana's.
    const listed = (await send('GET', '/api/workspace/sessions', beto)).body as Array<
      SessionListing & { series: { title: string } | null }
    >;
    expect(listed.find((s) => s.id === betoSession.id)?.series?.title).toBe(anaSeries.title);
    expect((await send('GET', `/api/series/${anaSeries.id}`, beto)).status).toBe(403);
    expect(((await send('GET', '/api/series', beto)).body as SeriesSummary[]).map((s) => s.id)).toEqual([betoSeries.id]);
    // Ana's view of her series counts only the sessions she may read.
    expect(((await send('GET', `/api/series/${anaSeries.id}`, ana)).body as { series: SeriesSummary }).series.sessions).toBe(1);
  });
});
