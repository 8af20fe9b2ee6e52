import ExcelJS from 'exceljs';
import { Compile } from 'typebox/compile';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SeriesReportSchema, SessionReportSchema, type SessionReport } from '../../shared/report.ts';
import type { ChoiceResults, CreatedSession, OpenActivity, RatingResults, SessionSnapshot } from '../../shared/types.ts';
import { ensurePoppler } from '../support/poppler.ts';
import { runDemo } from './support/demo.ts';
import { parseCsv, readPdf } from './support/files.ts';
import { connect, createSession, getSession, ok, request, startServer, type ClientSocket, type TestServer } from './support/server.ts';

const checkReport = Compile(SessionReportSchema);
const checkSeries = Compile(SeriesReportSchema);
const PASSWORD = 'contraseña-segura-1';

let server: TestServer | null = null;
let sockets: ClientSocket[] = [];

beforeAll(() => ensurePoppler());
afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server?.close();
  server = null;
});

const bearer = (session: CreatedSession) => ({ authorization: `Bearer ${session.facilitatorToken}` });

async function download(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function signIn(url: string, email: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie };
}

async function account(email: string, role: 'admin' | 'facilitator') {
  return server!.app.accounts.createAccount({ email, name: email.split('@')[0]!, password: PASSWORD, role });
}

async function post(url: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string } } };
}

/** A rehearsed session: 12 people, salas with roles, every synthesis submitted. */
async function rehearsed(): Promise<CreatedSession> {
  const result = await runDemo(['--participants', '12', '--url', server!.url, '--json'], 180_000);
  expect(result.code, result.stderr).toBe(0);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as CreatedSession;
}

describe('session reports', () => {
  it('exports a rehearsed session in JSON, CSV, XLSX and PDF, each reading back to the live aggregates', async () => {
    server = await startServer();
    const session = await rehearsed();
    // Reports are mostly made after the workshop: close it first.
    const facilitator = await connect(server.url, { auth: { sessionId: session.id, facilitatorToken: session.facilitatorToken } });
    sockets.push(facilitator);
    ok(await request(facilitator, 'session:close', {}));
    const live: SessionSnapshot = await getSession(server.url, session);
    expect(live.session.live.status).toBe('closed');
    const base = `${server.url}/api/sessions/${session.id}/report`;

    // JSON: the documented schema, and the numbers the console shows.
    const json = await download(`${base}.json`, bearer(session));
    expect(json.status).toBe(200);
    expect(json.headers.get('cache-control')).toBe('no-store');
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="informe-.+\.json"$/);
    const report = JSON.parse(json.bytes.toString('utf8')) as SessionReport;
    expect(checkReport.Check(report)).toBe(true);
    expect(report.participation.participants).toBe(live.session.live.participantCount);
    expect(report.questions.length).toBeGreaterThan(0);
    for (const question of report.questions) {
      const counted = live.results[question.activityId]!;
      expect(question.respondents, question.title).toBe(counted.respondents);
      if (question.kind === 'choice') {
        for (const option of question.options) expect(option.count, option.label).toBe((counted as ChoiceResults).counts[option.id] ?? 0);
      }
      if (question.kind === 'rating') {
        for (const item of question.items) {
          const figures = (counted as RatingResults).items[item.id]!;
          expect([item.counts, item.n, item.mean], item.label).toEqual([figures.counts, figures.n, figures.mean]);
        }
      }
    }
    const breakout = Object.values(live.breakouts)[0]!;
    const salaNames = breakout.salas.map((s) => s.name);
    expect(report.breakouts[0]!.salas.map((s) => [s.name, s.members, s.roles.secretary])).toEqual(
      breakout.salas.map((s) => [s.name, s.members.length, s.roles.secretary !== null]),
    );
    const synthesis = Object.values(live.syntheses)[0]!;
    for (const sala of synthesis.salas) {
      const reported = report.syntheses[0]!.salas.find((s) => s.salaId === sala.salaId)!;
      expect(reported.status).toBe('submitted');
      for (const text of reported.texts) expect(text.text).toBe(sala.content?.fields[text.key] ?? '');
    }
    // No participant ids, tokens or names unless chosen.
    const raw = json.bytes.toString('utf8');
    for (const sala of breakout.salas) for (const member of sala.members) expect(raw).not.toContain(member.participantId);
    expect(raw).not.toContain(session.facilitatorToken);

    // CSV: BOM, semicolons by default, commas on request; every choice count is there.
    const csv = await download(`${base}.csv`, bearer(session));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.bytes.toString('utf8'), ';');
    expect(rows[0]!.length).toBeGreaterThan(3);
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    for (const question of report.questions) {
      if (question.kind !== 'choice') continue;
      for (const option of question.options) {
        expect(
          rows.some((row) => row.includes(option.label) && row.includes(String(option.count))),
          option.label,
        ).toBe(true);
      }
    }
    const commaRows = parseCsv((await download(`${base}.csv?separator=comma`, bearer(session))).bytes.toString('utf8'), ',');
    expect(commaRows.length).toBe(rows.length);

    // XLSX: a workbook whose cells hold the same counts and means as numbers.
    const xlsx = await download(`${base}.xlsx`, bearer(session));
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(4);
    const cells: unknown[][] = workbook.worksheets.flatMap((sheet) => {
      const out: unknown[][] = [];
      sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    });
    const rating = report.questions.find((q) => q.kind === 'rating')!;
    if (rating.kind !== 'rating') throw new Error('no rating');
    for (const item of rating.items) {
      expect(
        cells.some((row) => row.includes(item.label) && row.includes(item.n) && row.includes(item.mean)),
        item.label,
      ).toBe(true);
    }
    const allText = JSON.stringify(cells);
    for (const name of salaNames) expect(allText).toContain(name);

    // PDF: its text layer holds the title and every sala.
    const pdf = await download(`${base}.pdf`, bearer(session));
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = readPdf(pdf.bytes);
    expect(pages).toBeGreaterThan(2);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(live.session.title.replace(/\s+/g, ' '));
    for (const name of salaNames) expect(flat).toContain(name);
  }, 300_000);

  it('neutralises formula-looking text in the CSV: answers and labels starting with = + - @', async () => {
    server = await startServer();
    const session = await createSession(server.url, { title: 'Inyección', template: 'blank' });
    const open: OpenActivity = { id: 'openq', kind: 'open', title: '¿Qué te llevas?', maxLength: 200, maxPerPerson: 4, display: 'list' };
    server.app.db
      .prepare('INSERT INTO activities (id, session_id, position, kind, spec) VALUES (?, ?, 1000, ?, ?)')
      .run(open.id, session.id, 'open', JSON.stringify(open));
    const facilitator = await connect(server.url, { auth: { sessionId: session.id, facilitatorToken: session.facilitatorToken } });
    sockets.push(facilitator);
    ok(await request(facilitator, 'agenda:goto', { activityId: open.id }));
    const payloads = ['=HYPERLINK("http://example.com","clic")', '+56 9 1234', '-2+3', '@SUM(A1)'];
    const participant = await connect(server.url);
    sockets.push(participant);
    ok(await request(participant, 'session:join', { code: session.code }));
    ok(
      await request(participant, 'answer:submit', {
        activityId: open.id,
        clientAnswerId: 'inject-0001',
        value: { kind: 'open', texts: payloads },
      }),
    );

    const csv = (await download(`${server.url}/api/sessions/${session.id}/report.csv`, bearer(session))).bytes.toString('utf8');
    const cells = parseCsv(csv, ';').flat();
    for (const payload of payloads) {
      expect(cells, payload).toContain(`'${payload}`);
      expect(cells, payload).not.toContain(payload);
    }
    expect(cells.some((cell) => /^[=+\-@]/.test(cell) && Number.isNaN(Number(cell.replace(',', '.'))))).toBe(false);
  });

  it('gives a valid file in every format for a session nobody joined', async () => {
    server = await startServer();
    const session = await createSession(server.url, { title: 'Vacía', template: 'blank' });
    const base = `${server.url}/api/sessions/${session.id}/report`;
    const json = JSON.parse((await download(`${base}.json`, bearer(session))).bytes.toString('utf8')) as SessionReport;
    expect(checkReport.Check(json)).toBe(true);
    expect(json.participation).toEqual({ participants: 0, respondents: 0 });
    const csv = await download(`${base}.csv`, bearer(session));
    expect(parseCsv(csv.bytes.toString('utf8'), ';').length).toBeGreaterThanOrEqual(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(`${base}.xlsx`, bearer(session))).bytes as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(1);
    const pdf = readPdf((await download(`${base}.pdf`, bearer(session))).bytes);
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.text).toContain('Vacía');
  });
});

describe('who may read a report', () => {
  it('answers 401 without or with wrong credentials, 403 for another facilitator, 404 for an unknown session, and the file for owner, admin and secret', async () => {
    server = await startServer();
    const url = server.url;
    await account('admin@serviciocivil.cl', 'admin');
    await account('ana@serviciocivil.cl', 'facilitator');
    await account('beto@serviciocivil.cl', 'facilitator');
    const ana = await signIn(url, 'ana@serviciocivil.cl');
    const beto = await signIn(url, 'beto@serviciocivil.cl');
    const admin = await signIn(url, 'admin@serviciocivil.cl');

    // Once accounts exist, creating a session needs one.
    const anonymous = await post(`${url}/api/sessions`, { title: 'Sin cuenta' }, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe('UNAUTHORIZED');
    const created = await post(`${url}/api/sessions`, { title: 'De Ana', template: 'bienestar-sesion-2' }, ana);
    expect(created.status).toBe(201);
    const session = created.body as unknown as CreatedSession;
    const report = `${url}/api/sessions/${session.id}/report.json`;

    const statuses = async (headers: Record<string, string>) => (await download(report, headers)).status;
    expect(await statuses({})).toBe(401);
    expect(await statuses({ authorization: 'Bearer not-the-right-secret-at-all' })).toBe(401);
    expect(await statuses({ cookie: 'plenario_auth=forged-token-value' })).toBe(401);
    const forbidden = await fetch(report, { headers: beto });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    expect(await statuses(ana)).toBe(200);
    expect(await statuses(admin)).toBe(200);
    expect(await statuses(bearer(session))).toBe(200);
    const unknown = await fetch(`${url}/api/sessions/no-such-session/report.pdf`, { headers: ana });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('SESSION_NOT_FOUND');

    // Each facilitator lists their own; the administrator all.
    const list = async (headers: Record<string, string>) =>
      ((await (await fetch(`${url}/api/workspace/sessions`, { headers })).json()) as Array<{ id: string }>).map((s) => s.id);
    expect(await list(ana)).toEqual([session.id]);
    expect(await list(beto)).toEqual([]);
    expect(await list(admin)).toEqual([session.id]);
    expect((await fetch(`${url}/api/workspace/sessions`)).status).toBe(401);

    // Opening it from the workspace makes another console link; the first keeps working.
    const links = `${url}/api/sessions/${session.id}/facilitator-links`;
    expect((await post(links, {}, {})).status).toBe(401);
    expect((await post(links, {}, beto)).status).toBe(403);
    const link = await post(links, {}, ana);
    expect(link.status).toBe(201);
    const reopened = link.body as unknown as CreatedSession;
    expect(reopened.facilitatorToken).not.toBe(session.facilitatorToken);
    expect(reopened.facilitatorUrl).toContain(`#token=${reopened.facilitatorToken}`);
    expect(await statuses(bearer(reopened))).toBe(200);
    expect(await statuses(bearer(session))).toBe(200);

    // Beto cannot delete or copy Ana's session either; nothing changed.
    expect((await fetch(`${url}/api/sessions/${session.id}`, { method: 'DELETE', headers: beto })).status).toBe(403);
    expect((await post(`${url}/api/sessions`, { title: 'Copia', fromSessionId: session.id }, beto)).status).toBe(403);
    expect(await list(admin)).toEqual([session.id]);
  });
});

describe('series, session 2 from session 1, deletion and retention', () => {
  it('creates session 2 from session 1 in a series and compares their five-axis ratings', async () => {
    server = await startServer();
    const url = server.url;
    await account('ana@serviciocivil.cl', 'facilitator');
    const ana = await signIn(url, 'ana@serviciocivil.cl');
    const series = await post(`${url}/api/series`, { title: 'Bienestar psicológico 2026 — Región de Valparaíso' }, ana);
    expect(series.status).toBe(201);
    const seriesId = series.body.id as string;
    const agencies = ['Servicio de Salud Valparaíso', 'SEREMI de Educación'];
    const first = (await post(`${url}/api/sessions`, { title: 'Sesión 1', template: 'bienestar-sesion-2', seriesId, agencies }, ana))
      .body as unknown as CreatedSession;
    const second = await post(`${url}/api/sessions`, { title: 'Sesión 2', fromSessionId: first.id, seriesId, agencies }, ana);
    expect(second.status).toBe(201);
    const secondSession = second.body as unknown as CreatedSession;

    const agendaOf = async (s: CreatedSession) => (await getSession(url, s)).session.agenda;
    const [a1, a2] = [await agendaOf(first), await agendaOf(secondSession)];
    expect(a2.map((a) => [a.kind, a.title])).toEqual(a1.map((a) => [a.kind, a.title]));
    expect(a2.map((a) => a.id).filter((id) => a1.some((b) => b.id === id))).toEqual([]);

    // Each session's room rates the five axes; the second rates higher.
    for (const [session, value] of [
      [first, 2],
      [secondSession, 4],
    ] as const) {
      const snapshot = await getSession(url, session);
      const rating = snapshot.session.agenda.find((a) => a.kind === 'rating')!;
      if (rating.kind !== 'rating') throw new Error('no rating');
      const facilitator = await connect(url, { auth: { sessionId: session.id, facilitatorToken: session.facilitatorToken } });
      sockets.push(facilitator);
      ok(await request(facilitator, 'agenda:goto', { activityId: rating.id }));
      for (let i = 0; i < 3; i++) {
        const phone = await connect(url);
        sockets.push(phone);
        ok(await request(phone, 'session:join', { code: session.code }));
        const ratings = Object.fromEntries(rating.items.map((item) => [item.id, value]));
        ok(
          await request(phone, 'answer:submit', {
            activityId: rating.id,
            clientAnswerId: `rate-${session.id}-${i}`,
            value: { kind: 'rating', ratings },
          }),
        );
      }
    }

    const comparison = JSON.parse((await download(`${url}/api/series/${seriesId}/report.json`, ana)).bytes.toString('utf8'));
    expect(checkSeries.Check(comparison)).toBe(true);
    expect(comparison.sessions.map((s: { id: string }) => s.id)).toEqual([first.id, secondSession.id]);
    expect(comparison.sessions[1].agencies).toEqual(agencies);
    for (const axis of comparison.axes) {
      expect(axis.sessions.map((s: { mean: number; n: number; change: number | null }) => [s.mean, s.n, s.change])).toEqual([
        [2, 3, null],
        [4, 3, 2],
      ]);
    }
    const xlsx = await download(`${url}/api/series/${seriesId}/report.xlsx`, ana);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('cache-control')).toBe('no-store');
    const pdf = readPdf((await download(`${url}/api/series/${seriesId}/report.pdf`, ana)).bytes);
    expect(pdf.text).toContain('Sesión 1');
    expect(pdf.text).toContain('Sesión 2');
    expect((await download(`${url}/api/series/${seriesId}/report.json`)).status).toBe(401);
  }, 180_000);

  it('deletes a session with all its data and tells its phones it ended', async () => {
    server = await startServer();
    const keep = await createSession(server.url);
    const doomed = await createSession(server.url);
    const phone = await connect(server.url);
    sockets.push(phone);
    ok(await request(phone, 'session:join', { code: doomed.code }));
    const count = (table: string) => (server!.app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('participants')).toBe(1);
    const disconnected = new Promise<void>((resolve) => phone.once('disconnect', () => resolve()));

    const response = await fetch(`${server.url}/api/sessions/${doomed.id}`, { method: 'DELETE', headers: bearer(doomed) });
    expect(response.status).toBe(204);
    await disconnected;
    expect(count('participants')).toBe(0);
    expect((server.app.db.prepare('SELECT COUNT(*) AS n FROM activities WHERE session_id = ?').get(doomed.id) as { n: number }).n).toBe(0);
    expect((await fetch(`${server.url}/api/sessions/${doomed.id}/report.json`, { headers: bearer(doomed) })).status).toBe(404);
    expect((await getSession(server.url, keep)).session.agenda.length).toBeGreaterThan(0);
    const rejoin = await connect(server.url);
    sockets.push(rejoin);
    const ack = await request(rejoin, 'session:join', { code: doomed.code });
    expect(ack.ok ? null : ack.error.code).toBe('SESSION_NOT_FOUND');
  });

  it('removes participant data past the retention period and keeps the aggregates and syntheses in the report', async () => {
    server = await startServer();
    const url = server.url;
    // Rehearsed before any account exists: the rehearsal creates its session without signing in.
    const session = await rehearsed();
    await account('admin@serviciocivil.cl', 'admin');
    await account('ana@serviciocivil.cl', 'facilitator');
    const admin = await signIn(url, 'admin@serviciocivil.cl');
    const ana = await signIn(url, 'ana@serviciocivil.cl');
    const before = JSON.parse(
      (await download(`${url}/api/sessions/${session.id}/report.json`, bearer(session))).bytes.toString('utf8'),
    ) as SessionReport;

    // Only administrators set the period, within bounds; a refused request changes nothing.
    const put = (headers: Record<string, string>, days: unknown) =>
      fetch(`${url}/api/settings/retention`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ days }),
      });
    expect((await put(ana, 30)).status).toBe(403);
    expect((await put(admin, 0)).status).toBe(400);
    expect((await put(admin, 'mucho')).status).toBe(400);
    expect(((await (await fetch(`${url}/api/settings/retention`, { headers: admin })).json()) as { days: number | null }).days).toBeNull();

    // The rehearsal happened 40 days ago.
    server.app.db.prepare('UPDATE sessions SET created_at = ? WHERE id = ?').run(Date.now() - 40 * 86_400_000, session.id);
    const applied = await put(admin, 30);
    expect(applied.status).toBe(200);
    expect(await applied.json()).toEqual({ days: 30, cleared: 1 });

    const count = (sql: string) => (server!.app.db.prepare(sql).get(session.id) as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM participants WHERE session_id = ?')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM answers WHERE activity_id IN (SELECT id FROM activities WHERE session_id = ?)')).toBe(0);
    expect(
      count('SELECT COUNT(*) AS n FROM syntheses WHERE activity_id IN (SELECT id FROM activities WHERE session_id = ?)'),
    ).toBeGreaterThan(0);

    const after = JSON.parse(
      (await download(`${url}/api/sessions/${session.id}/report.json`, bearer(session))).bytes.toString('utf8'),
    ) as SessionReport;
    expect(checkReport.Check(after)).toBe(true);
    expect(after.session.participantDataRemovedAt).not.toBeNull();
    expect(after.session.status).toBe('closed');
    expect(after.participation).toEqual(before.participation);
    expect(after.questions).toEqual(before.questions.map((q) => (q.kind === 'open' ? { ...q, answers: [] } : q)));
    expect(after.breakouts.map((b) => b.salas.map((s) => [s.name, s.members, s.roles]))).toEqual(
      before.breakouts.map((b) => b.salas.map((s) => [s.name, s.members, s.roles])),
    );
    expect(after.syntheses).toEqual(before.syntheses);
  }, 300_000);
});
