/**
 * The experience catalogue over HTTP: cards told at two facilitators' sessions; each account
 * sees its own sessions' cards (administrators all), filtered and searched; the detail; the
 * CSV and XLSX exports carry contacts only where the writer opted in, and are audited.
 */
import ExcelJS from 'exceljs';
import { nanoid } from 'nanoid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPageBody } from '../../shared/audit.ts';
import type { CatalogueCard, CatalogueList } from '../../shared/experience-catalogue.ts';
import type { ExperienceCardInput } from '../../shared/experience.ts';
import type { CreatedSession } from '../../shared/types.ts';
import type { SeriesSummary } from '../../shared/workspace.ts';
import { connect, connectFacilitator, ok, request, startServer, type ClientSocket, type TestServer } from './support/server.ts';

const PASSWORD = 'contraseña-segura-1';

const IPS: ExperienceCardInput = {
  agency: 'Instituto de Previsión Social',
  name: 'Plan IPS Conversa, Contiene y Cobija',
  axes: ['promocion', 'servicios'],
  approach: 'both',
  reach: { count: 1332, unit: 'personas' },
  since: { year: 2021, month: 4 },
  lesson: 'Contener primero, derivar después.',
  contact: { optIn: true, unit: 'Unidad de Calidad de Vida', email: 'calidaddevida@ips.gob.cl' },
};
const SII: ExperienceCardInput = {
  agency: 'Servicio de Impuestos Internos',
  name: '=Pausas activas',
  axes: ['liderazgo'],
  approach: 'reactive',
  reach: null,
  since: null,
  lesson: null,
  contact: { optIn: false },
};
const BETO: ExperienceCardInput = { ...SII, agency: 'FONASA', name: 'Mesa de salud mental de Beto', approach: 'preventive' };

let server: TestServer;
const sockets: ClientSocket[] = [];
let ana: Record<string, string>;
let beto: Record<string, string>;
let admin: Record<string, string>;
let series: SeriesSummary;
let anaSession: CreatedSession;
let anaActivity: string;

interface Sent {
  status: number;
  type: string;
  body: unknown;
  bytes: Buffer;
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Sent> {
  const response = await fetch(`${server.url}${path}`, { headers });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const text = bytes.toString('utf8');
  return { status: response.status, type, bytes, body: type.includes('json') && text ? (JSON.parse(text) as unknown) : text };
}

const codeOf = (sent: Sent) => (sent.body as { error?: { code: string } }).error?.code;
const list = async (query: string, who = ana) => {
  const sent = await get(`/api/experiences${query}`, who);
  expect(sent.status).toBe(200);
  return sent.body as CatalogueList;
};
const names = (l: CatalogueList) => l.cards.map((c) => c.name);

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

/** A session of `owner`'s with an experience activity, where one participant tells each card. */
async function told(owner: Record<string, string>, body: Record<string, unknown>, cards: ExperienceCardInput[]) {
  const response = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...owner },
    body: JSON.stringify({ template: 'bienestar-sesion-2', ...body }),
  });
  expect(response.status).toBe(201);
  const session = (await response.json()) as CreatedSession;
  const facilitator = await connectFacilitator(server.url, session);
  sockets.push(facilitator);
  await facilitator.snapshot;
  const { activityId } = ok(
    await request(facilitator, 'agenda:insert', { index: 0, activity: { kind: 'experience', title: 'Cuéntanos una experiencia' } }),
  );
  ok(await request(facilitator, 'agenda:goto', { activityId }));
  const participant = await connect(server.url);
  sockets.push(participant);
  ok(await request(participant, 'session:join', { code: session.code }));
  for (const card of cards) ok(await request(participant, 'experience:save', { activityId, cardId: nanoid(), card }));
  return { session, activityId };
}

beforeAll(async () => {
  server = await startServer();
  admin = await signIn('admin@serviciocivil.cl', 'admin');
  ana = await signIn('ana@serviciocivil.cl', 'facilitator');
  beto = await signIn('beto@serviciocivil.cl', 'facilitator');
  const sent = await fetch(`${server.url}/api/series`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...ana },
    body: JSON.stringify({ title: 'Bienestar 2026' }),
  });
  series = (await sent.json()) as SeriesSummary;
  ({ session: anaSession, activityId: anaActivity } = await told(ana, { title: 'Sesión 1', seriesId: series.id }, [IPS]));
  await told(ana, { title: 'Sesión suelta' }, [SII]);
  await told(beto, { title: 'Taller de Beto' }, [BETO]);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server.close();
});

describe('the experience catalogue', () => {
  it('lists the cards of the account’s own sessions, with session and series; administrators see all', async () => {
    const mine = await list('');
    expect(names(mine).sort()).toEqual(['=Pausas activas', 'Plan IPS Conversa, Contiene y Cobija']);
    const ips = mine.cards.find((c) => c.agency === IPS.agency)!;
    expect(ips).toMatchObject({
      sessionId: anaSession.id,
      sessionTitle: 'Sesión 1',
      series: { id: series.id, title: 'Bienestar 2026' },
      axes: IPS.axes,
      reach: IPS.reach,
      since: IPS.since,
      contact: { unit: 'Unidad de Calidad de Vida', email: 'calidaddevida@ips.gob.cl' },
    });
    expect(mine.cards.find((c) => c.agency === SII.agency)!.contact).toBeNull();
    expect(mine.agencies).toEqual(['Instituto de Previsión Social', 'Servicio de Impuestos Internos']);
    expect(mine.series).toEqual([{ id: series.id, title: 'Bienestar 2026' }]);
    expect(names(await list('', beto))).toEqual(['Mesa de salud mental de Beto']);
    expect(names(await list('', admin))).toHaveLength(3);
  });

  it('filters by agency, axis, approach and series, and searches', async () => {
    expect(names(await list(`?agency=${encodeURIComponent('servicio de impuestos internos')}`))).toEqual(['=Pausas activas']);
    expect(names(await list('?axis=servicios'))).toEqual([IPS.name]);
    expect(names(await list('?approach=preventive'))).toEqual([IPS.name]);
    expect(names(await list('?approach=reactive')).sort()).toEqual(['=Pausas activas', IPS.name]);
    expect(names(await list(`?seriesId=${series.id}`))).toEqual([IPS.name]);
    expect(names(await list('?q=DERIVAR'))).toEqual([IPS.name]);
    expect(names(await list('?q=salud', admin))).toEqual(['Mesa de salud mental de Beto']);
    expect(names(await list('?q=salud'))).toEqual([]);
  });

  it('shows one card to its session’s owner and administrators only', async () => {
    const path = `/api/experiences/${anaSession.id}/${anaActivity}`;
    const { cards } = await list(`?seriesId=${series.id}`);
    const detail = await get(`${path}/${cards[0]!.id}`, ana);
    expect(detail.status).toBe(200);
    expect(detail.body as CatalogueCard).toEqual(cards[0]);
    expect((await get(`${path}/${cards[0]!.id}`, admin)).status).toBe(200);
    const other = await get(`${path}/${cards[0]!.id}`, beto);
    expect([other.status, codeOf(other)]).toEqual([403, 'FORBIDDEN']);
    const unknown = await get(`${path}/nope`, ana);
    expect([unknown.status, codeOf(unknown)]).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses requests without an account, someone else’s series and bad filters', async () => {
    for (const path of ['/api/experiences', '/api/experiences.csv', '/api/experiences.xlsx']) {
      const sent = await get(path);
      expect([path, sent.status, codeOf(sent)]).toEqual([path, 401, 'UNAUTHORIZED']);
    }
    const foreign = await get(`/api/experiences?seriesId=${series.id}`, beto);
    expect(foreign.status).toBe(403);
    for (const query of ['?axis=felicidad', '?approach=maybe', '?colour=red', `?q=${'x'.repeat(201)}`, '?seriesId=a%20b', '?agency=']) {
      const sent = await get(`/api/experiences${query}`, ana);
      expect([query, sent.status, codeOf(sent)]).toEqual([query, 400, 'VALIDATION_FAILED']);
    }
    expect((await get('/api/experiences.csv?separator=tab', ana)).status).toBe(400);
  });

  it('exports CSV and XLSX with the filters, contacts only where opted in, and records each export', async () => {
    const before = ((await get('/api/audit?action=experiences.exported', admin)).body as AuditPageBody).entries.length;
    const csv = await get('/api/experiences.csv?approach=reactive&q=', ana);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const text = csv.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(';').slice(0, 4)).toEqual(['Sesión', 'Fecha', 'Serie', 'Servicio']);
    const sii = lines.find((line) => line.includes('Impuestos'))!.split(';');
    // Formula-like text neutralised; no contact columns filled without opt-in.
    expect(sii).toContain("'=Pausas activas");
    expect(sii.slice(-2)).toEqual(['', '']);
    expect(text).toContain('calidaddevida@ips.gob.cl');

    const onlySii = (await get(`/api/experiences.csv?agency=${encodeURIComponent(SII.agency)}`, ana)).body as string;
    expect(onlySii).not.toContain('ips.gob.cl');

    const xlsx = await get('/api/experiences.xlsx?locale=en', ana);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(3);
    expect(rows[0]!.slice(1, 4)).toEqual(['Session', 'Date', 'Series']);
    const flat = JSON.stringify(rows);
    expect(flat).toContain('calidaddevida@ips.gob.cl');
    expect(flat).toContain('=Pausas activas');
    expect(flat).not.toContain('Beto');

    const entries = ((await get('/api/audit?action=experiences.exported', admin)).body as AuditPageBody).entries;
    expect(entries).toHaveLength(before + 3);
    expect(entries.slice(0, 3).map((e) => e.detail)).toEqual([
      { format: 'xlsx' },
      { format: 'csv', agency: SII.agency },
      { format: 'csv', approach: 'reactive' },
    ]);
    expect(entries[0]).toMatchObject({ actor: { kind: 'account', email: 'ana@serviciocivil.cl' }, target: null });
    expect(JSON.stringify(entries)).not.toContain('Pausas');
    // A refused export is not recorded.
    await get('/api/experiences.csv?axis=nada', ana);
    expect(((await get('/api/audit?action=experiences.exported', admin)).body as AuditPageBody).entries).toHaveLength(before + 3);
  });
});
