/**
 * The reports through an analyst's office software: LibreOffice Calc headless, in the es-CL
 * locale, opens the CSV (its Texto column imported as text, as docs/report-format.md says) and
 * the XLSX, and prints the XLSX of a 40-person rehearsal. Four soffice runs in all, each
 * converting every file it needs at once.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionReport } from '../../shared/report.ts';
import type { CreatedSession, OpenActivity } from '../../shared/types.ts';
import { convert, ensureLibreOffice } from '../support/libreoffice.ts';
import { ensurePoppler } from '../support/poppler.ts';
import { runDemo } from './support/demo.ts';
import { readPdf } from './support/files.ts';
import { connect, createSession, ok, request, startServer, type TestServer } from './support/server.ts';

/** What participants typed that spreadsheets like to turn into something else. */
const TRICKY = [
  '12-10',
  '0012345',
  '1e5',
  '088312',
  '3,5',
  '1/2',
  '50%',
  'VERDADERO',
  '=1+1',
  '-5 grados',
  '  dos espacios  ',
  'Línea uno\nlínea dos',
];
/** LibreOffice's CSV import: ';', '"', UTF-8, from line 1, column types (2 = text, 1 = standard), es-CL (LCID 13322). */
const CSV_IMPORT = 'CSV:59,34,76,1,1/2/2/2/3/2/4/1/5/2/6/2/7/2/8/2/9/1/10/2/11/1,13322';
/** What a double-click gives: every column's type guessed, es-CL, special numbers (dates) detected. */
const CSV_DOUBLE_CLICK = 'CSV:59,34,76,1,,13322,false,true';

let server: TestServer;
let dir: string;
const bearer = (session: CreatedSession) => ({ authorization: `Bearer ${session.facilitatorToken}` });

async function download(url: string, session: CreatedSession): Promise<Buffer> {
  const response = await fetch(url, { headers: bearer(session) });
  expect(response.status, url).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

/** A session with one open question answered with TRICKY texts, its join code starting with 0. */
async function trickySession(): Promise<{ session: CreatedSession; report: SessionReport }> {
  const session = await createSession(server.url, { title: 'Textos 12-10 y 0012345', template: 'blank' });
  const open: OpenActivity = { id: 'openq', kind: 'open', title: '¿Qué escribiste?', maxLength: 200, maxPerPerson: 10, display: 'list' };
  server.app.db
    .prepare('INSERT INTO activities (id, session_id, position, kind, spec) VALUES (?, ?, 1000, ?, ?)')
    .run(open.id, session.id, 'open', JSON.stringify(open));
  const facilitator = await connect(server.url, { auth: { sessionId: session.id, facilitatorToken: session.facilitatorToken } });
  ok(await request(facilitator, 'agenda:goto', { activityId: open.id }));
  for (const [index, texts] of [TRICKY.slice(0, 6), TRICKY.slice(6)].entries()) {
    const participant = await connect(server.url);
    ok(await request(participant, 'session:join', { code: session.code }));
    ok(
      await request(participant, 'answer:submit', {
        activityId: open.id,
        clientAnswerId: `tricky-000${index}`,
        value: { kind: 'open', texts },
      }),
    );
    participant.close();
  }
  facilitator.close();
  // One join code in ten starts with 0: make this one do.
  server.app.db.prepare('UPDATE sessions SET code = ? WHERE id = ?').run('088312', session.id);
  const report = JSON.parse((await download(`${server.url}/api/sessions/${session.id}/report.json`, session)).toString()) as SessionReport;
  return { session, report };
}

describe('the reports in LibreOffice Calc (es-CL)', () => {
  let tricky: { session: CreatedSession; report: SessionReport };
  let rehearsal: CreatedSession;

  beforeAll(async () => {
    ensureLibreOffice();
    ensurePoppler();
    dir = mkdtempSync(join(tmpdir(), 'plenario-lo-'));
    server = await startServer();
    tricky = await trickySession();
    const demo = await runDemo(['--participants', '40', '--url', server.url, '--json'], 400_000);
    expect(demo.code, demo.stderr).toBe(0);
    rehearsal = JSON.parse(demo.stdout) as CreatedSession;
    const base = (s: CreatedSession) => `${server.url}/api/sessions/${s.id}/report`;
    writeFileSync(join(dir, 'tricky.csv'), await download(`${base(tricky.session)}.csv`, tricky.session));
    writeFileSync(join(dir, 'tricky.xlsx'), await download(`${base(tricky.session)}.xlsx`, tricky.session));
    writeFileSync(join(dir, 'rehearsal.xlsx'), await download(`${base(rehearsal)}.xlsx`, rehearsal));
    await convert([join(dir, 'tricky.csv')], 'xlsx', join(dir, 'from-csv'), CSV_IMPORT);
    await convert([join(dir, 'tricky.csv')], 'xlsx', join(dir, 'double-click'), CSV_DOUBLE_CLICK);
    await convert([join(dir, 'tricky.xlsx'), join(dir, 'rehearsal.xlsx')], 'xlsx', join(dir, 'resaved'));
    await convert([join(dir, 'rehearsal.xlsx')], 'pdf', join(dir, 'pdf'));
  }, 900_000);

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens the CSV with every text as typed, the code and id as text, and figures as numbers', async () => {
    expect(tricky.report.session.code).toBe('088312');
    const sheet = (await workbook(join(dir, 'from-csv', 'tricky.xlsx'))).worksheets[0]!;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row) => rows.push(row));
    const [, ...body] = rows;
    expect(body.length).toBeGreaterThan(5);
    for (const row of body) {
      expect(row.getCell(1).value).toBe(tricky.session.id);
      expect(row.getCell(2).value).toBe('088 312');
    }
    const answers = body.filter((row) => row.getCell(8).value === 'Respuesta').map((row) => row.getCell(10).value);
    // Only a leading formula character gets the apostrophe the format promises.
    expect(answers).toEqual(TRICKY.map((text) => (/^[=+\-@]/.test(text) ? `'${text}` : text)));
    const participants = body.find((row) => row.getCell(8).value === 'Participantes');
    expect(participants?.getCell(9).value).toBe(2);
    const created = body.find((row) => row.getCell(8).value === 'Fecha')?.getCell(10).value;
    expect(created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  });

  it('opened by double-click, keeps the code, the id and the dates as written and the figures as numbers', async () => {
    const sheet = (await workbook(join(dir, 'double-click', 'tricky.xlsx'))).worksheets[0]!;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(row);
    });
    for (const row of rows) expect([row.getCell(1).value, row.getCell(2).value]).toEqual([tricky.session.id, '088 312']);
    const figures = rows.map((row) => row.getCell(9).value).filter((value) => value !== null);
    expect(figures.length).toBeGreaterThan(3);
    for (const figure of figures) expect(typeof figure).toBe('number');
    const created = rows.find((row) => row.getCell(8).value === 'Fecha')?.getCell(10).value;
    expect(created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  });

  it('keeps every text of the XLSX exactly, its dates as dates, and its filters over the data', async () => {
    const book = await workbook(join(dir, 'resaved', 'tricky.xlsx'));
    const question = book.worksheets.find((s) => s.name.startsWith('P1 '))!;
    const texts: unknown[] = [];
    question.eachRow((row, n) => {
      if (n > 5) texts.push(row.getCell(1).value);
    });
    expect(texts.filter((t) => t !== null)).toEqual(TRICKY);
    const summary = book.worksheets[0]!;
    let date: ExcelJS.Cell | null = null;
    summary.eachRow((row) => {
      if (row.getCell(1).value === 'Fecha') date = row.getCell(2);
    });
    expect(date!.type).toBe(ExcelJS.ValueType.Date);
    const code = [...Array(summary.rowCount).keys()].map((i) => summary.getRow(i + 1)).find((r) => r.getCell(1).value === 'Código');
    expect(code?.getCell(2).value).toBe('088 312');

    const rehearsalBook = await workbook(join(dir, 'resaved', 'rehearsal.xlsx'));
    const timings = rehearsalBook.getWorksheet('Tiempos')!;
    expect(timings.getRow(2).getCell(5).type).toBe(ExcelJS.ValueType.Date);
    for (const sheet of rehearsalBook.worksheets.slice(1)) {
      const filter = sheet.autoFilter as unknown as string;
      expect(filter, sheet.name).toMatch(/^A\d+:[A-Z]+\d+$/);
      // From the header row down to the last row with data.
      const [, first, last] = /^A(\d+):[A-Z]+(\d+)$/.exec(filter)!;
      expect(Number(last), sheet.name).toBe(sheet.rowCount);
      expect(Number(last), sheet.name).toBeGreaterThan(Number(first));
    }
  });

  it('prints a 40-person rehearsal in a few pages: about one per sheet', async () => {
    const sheets = (await workbook(join(dir, 'rehearsal.xlsx'))).worksheets.length;
    const { pages } = readPdf(readFileSync(join(dir, 'pdf', 'rehearsal.pdf')));
    // Each sheet starts a page; fitted to the page width, a table takes more only when it is long.
    expect(pages).toBeGreaterThanOrEqual(sheets);
    expect(pages).toBeLessThanOrEqual(sheets + 3);
  });
});
