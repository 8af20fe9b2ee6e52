/**
 * The support register over HTTP and sockets: a played sala's submitted synthesis becomes
 * entries; Servicio Civil follows them up (status and public note, audited); only accounts that
 * may read the session see or change them; the next session of the series can open its
 * "Retomando" with a slide made from them; the report JSON lists them; deleting the session
 * takes them out of the database files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPageBody } from '../../shared/audit.ts';
import type { SessionReport } from '../../shared/report.ts';
import type { SupportEntry, SupportSlide } from '../../shared/support-register.ts';
import type { ContentActivity, CreatedSession } from '../../shared/types.ts';
import type { SeriesSummary } from '../../shared/workspace.ts';
import { foundIn, missingFrom } from '../support/raw-bytes.ts';
import { playedSynthesis } from './support/played-synthesis.ts';
import { connectFacilitator, startServer, type ClientSocket, type TestServer } from './support/server.ts';

const PASSWORD = 'contraseña-segura-1';
const AGENCIES = ['Instituto de Previsión Social', 'Servicio de Impuestos Internos'];
const ASKED = 'Queremos talleres de contención para jefaturas';
const DONE = 'Curso de contención emocional dictado en marzo';

interface Sent {
  status: number;
  body: unknown;
}

let server: TestServer;
const sockets: ClientSocket[] = [];
let ana: Record<string, string>;
let beto: Record<string, string>;
let admin: Record<string, string>;
let series: SeriesSummary;
let session: CreatedSession;
/** Sesión 2 of the series, made with the register's slide. */
let second: CreatedSession;

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
const rows = () => server.app.db.prepare('SELECT id, status, note, text, kind_id FROM support_entries ORDER BY rowid').all();

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

beforeAll(async () => {
  server = await startServer();
  admin = await signIn('admin@serviciocivil.cl', 'admin');
  ana = await signIn('ana@serviciocivil.cl', 'facilitator');
  beto = await signIn('beto@serviciocivil.cl', 'facilitator');
  series = (await send('POST', '/api/series', ana, { title: 'Bienestar 2026' })).body as SeriesSummary;
  session = (
    await send('POST', '/api/sessions', ana, { title: 'Sesión 1', template: 'bienestar-sesion-2', seriesId: series.id, agencies: AGENCIES })
  ).body as CreatedSession;
  const content = { fields: { experiencias: 'Pausas activas', apoyo: ASKED }, support: ['formacion', 'redes'] };
  const said = [AGENCIES[0]!, AGENCIES[1]!, AGENCIES[0]!, null, null, AGENCIES[0]!];
  await playedSynthesis(server.url, session, said, content, (socket) => sockets.push(socket));
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server.close();
});

describe('the support register', () => {
  let entries: SupportEntry[];

  it('holds one entry per kind the sala asked, with its words and agencies, when the synthesis is submitted', async () => {
    const listed = await send('GET', '/api/support', ana);
    expect(listed.status).toBe(200);
    entries = listed.body as SupportEntry[];
    expect(entries).toEqual([
      expect.objectContaining({
        sessionId: session.id,
        sessionTitle: 'Sesión 1',
        series: { id: series.id, title: 'Bienestar 2026' },
        kind: { id: 'formacion', label: 'Formación' },
        text: ASKED,
        agencies: AGENCIES,
        status: 'recibido',
        note: '',
      }),
      expect.objectContaining({ kind: { id: 'redes', label: 'Generación de redes' }, text: ASKED }),
    ]);
  });

  it('sets a status and a public note, recorded in the audit trail', async () => {
    const saved = await send('PUT', `/api/support/${entries[0]!.id}`, ana, { status: 'entregado', note: DONE });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: entries[0]!.id, status: 'entregado', note: DONE });
    const trail = (await send('GET', '/api/audit?action=support.updated', admin)).body as AuditPageBody;
    expect(trail.entries[0]).toMatchObject({
      action: 'support.updated',
      actor: { kind: 'account', email: 'ana@serviciocivil.cl' },
      target: { kind: 'session', id: session.id, label: 'Sesión 1' },
      detail: { kind: 'Formación', status: 'entregado' },
    });
    expect((await send('GET', `/api/support?status=entregado&seriesId=${series.id}`, ana)).body).toEqual([
      expect.objectContaining({ id: entries[0]!.id }),
    ]);
  });

  it('refuses a bad status, an oversized note, no account, another account and its series, storing nothing', async () => {
    const before = rows();
    const id = entries[1]!.id;
    const bad = await send('PUT', `/api/support/${id}`, ana, { status: 'hecho', note: '' });
    expect([bad.status, codeOf(bad)]).toEqual([400, 'VALIDATION_FAILED']);
    const long = await send('PUT', `/api/support/${id}`, ana, { status: 'en-curso', note: 'x'.repeat(281) });
    expect([long.status, codeOf(long)]).toEqual([400, 'VALIDATION_FAILED']);
    const extra = await send('PUT', `/api/support/${id}`, ana, { status: 'en-curso', note: '', sessionId: 'x' });
    expect(extra.status).toBe(400);
    const anonymous = await send('PUT', `/api/support/${id}`, {}, { status: 'en-curso', note: '' });
    expect([anonymous.status, codeOf(anonymous)]).toEqual([401, 'UNAUTHORIZED']);
    const other = await send('PUT', `/api/support/${id}`, beto, { status: 'descartado', note: 'No' });
    expect([other.status, codeOf(other)]).toEqual([403, 'FORBIDDEN']);
    const unknown = await send('PUT', '/api/support/no-existe', ana, { status: 'en-curso', note: '' });
    expect([unknown.status, codeOf(unknown)]).toEqual([404, 'NOT_FOUND']);
    expect(rows()).toEqual(before);
    // Beto sees none of Ana's entries, nor her series'.
    expect((await send('GET', '/api/support', beto)).body).toEqual([]);
    const foreign = await send('GET', `/api/support?seriesId=${series.id}`, beto);
    expect([foreign.status, codeOf(foreign)]).toEqual([403, 'FORBIDDEN']);
    expect((await send('GET', '/api/support?status=hecho', ana)).status).toBe(400);
    // An administrator sees and may change every entry.
    expect(((await send('GET', '/api/support', admin)).body as SupportEntry[]).map((e) => e.id)).toEqual(entries.map((e) => e.id));
  });

  it('is in the session’s report JSON with status and note', async () => {
    const report = (await send('GET', `/api/sessions/${session.id}/report.json`, ana)).body as SessionReport;
    expect(report.supportRegister).toEqual([
      expect.objectContaining({
        salaName: expect.any(String),
        kind: { id: 'formacion', label: 'Formación' },
        text: ASKED,
        status: 'entregado',
        note: DONE,
      }),
      expect.objectContaining({ kind: { id: 'redes', label: 'Generación de redes' }, status: 'recibido', note: '' }),
    ]);
  });

  it('opens the next session’s Retomando with what was asked and what was done, when asked to', async () => {
    const next = await send('POST', '/api/sessions', ana, {
      title: 'Sesión 2',
      fromSessionId: session.id,
      seriesId: series.id,
      retomandoFromRegister: true,
    });
    expect(next.status).toBe(201);
    const created = next.body as CreatedSession;
    second = created;
    const facilitator = await connectFacilitator(server.url, created);
    sockets.push(facilitator);
    const { session: view } = await facilitator.snapshot;
    const slide = view.agenda[1] as ContentActivity;
    expect(slide).toMatchObject({ kind: 'content', section: 'Retomando…', title: 'Lo que pidieron y lo que hicimos' });
    expect(slide.bullets.map((b) => b.text)).toEqual([
      'Formación (1 sala(s))',
      `Lo que pidieron: «${ASKED}»; lo que hicimos: ${DONE}`,
      'Generación de redes (1 sala(s))',
      `Lo que pidieron: «${ASKED}»; lo que hicimos: sin nota aún (estado: recibido)`,
    ]);
    expect(view.agenda[2]).toMatchObject({ kind: 'choice', section: 'Retomando…' });
    // Without the option, the agenda is the earlier one's; the option needs an earlier session.
    const plain = (await send('POST', '/api/sessions', ana, { title: 'Sesión 2 bis', fromSessionId: session.id })).body as CreatedSession;
    const other = await connectFacilitator(server.url, plain);
    sockets.push(other);
    expect((await other.snapshot).session.agenda.some((a) => a.title === 'Lo que pidieron y lo que hicimos')).toBe(false);
    const lone = await send('POST', '/api/sessions', ana, {
      title: 'Sin fuente',
      template: 'bienestar-sesion-2',
      retomandoFromRegister: true,
    });
    expect([lone.status, codeOf(lone)]).toEqual([400, 'VALIDATION_FAILED']);
    const foreign = await send('POST', '/api/sessions', beto, { title: 'De Beto', fromSessionId: session.id, retomandoFromRegister: true });
    expect(foreign.status).toBe(403);
  });

  it('gives the agenda editor the slide from the previous session of the series, to whoever may read it', async () => {
    const bearer = { authorization: `Bearer ${second.facilitatorToken}` };
    const found = await send('GET', `/api/sessions/${second.id}/support-slide`, bearer);
    expect(found.status).toBe(200);
    const { from, slide } = found.body as SupportSlide;
    expect(from).toEqual({ id: session.id, title: 'Sesión 1' });
    expect(slide?.bullets[1]?.text).toBe(`Lo que pidieron: «${ASKED}»; lo que hicimos: ${DONE}`);
    // Sesión 3 follows Sesión 2, which asked nothing; Sesión 1 has no session before it.
    const third = (await send('POST', '/api/sessions', ana, { title: 'Sesión 3', template: 'bienestar-sesion-2', seriesId: series.id }))
      .body as CreatedSession;
    expect((await send('GET', `/api/sessions/${third.id}/support-slide`, ana)).body).toEqual({
      from: { id: second.id, title: 'Sesión 2' },
      slide: null,
    });
    expect((await send('GET', `/api/sessions/${session.id}/support-slide`, ana)).body).toEqual({ from: null, slide: null });
    const foreign = await send('GET', `/api/sessions/${second.id}/support-slide`, beto);
    expect([foreign.status, codeOf(foreign)]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await send('GET', `/api/sessions/${second.id}/support-slide`, {});
    expect(anonymous.status).toBe(401);
  });

  it('goes with the session, out of the database files too', async () => {
    // A note only the register holds (the next session's slide copied the first one).
    const only = 'Red de encargados de bienestar convocada';
    expect((await send('PUT', `/api/support/${entries[1]!.id}`, ana, { status: 'en-curso', note: only })).status).toBe(200);
    expect(foundIn(server.dataDir, [only])).not.toEqual([]);
    expect((await send('DELETE', `/api/sessions/${session.id}`, ana)).status).toBe(204);
    expect(server.app.db.prepare('SELECT COUNT(*) AS n FROM support_entries WHERE session_id = ?').get(session.id)).toEqual({ n: 0 });
    expect(missingFrom(server.dataDir, [only])).toEqual([only]);
  });
});
