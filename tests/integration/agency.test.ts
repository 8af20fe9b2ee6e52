import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AXES } from '../../shared/axes.ts';
import type { SessionReport } from '../../shared/report.ts';
import type {
  BreakoutActivity,
  ChoiceActivity,
  CreatedSession,
  JoinCheck,
  ParticipantSnapshot,
  RatingActivity,
} from '../../shared/types.ts';
import { ensurePoppler } from '../support/poppler.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';

let server: TestServer;
let sockets: ClientSocket[] = [];

const track = <T extends ClientSocket>(socket: T): T => {
  sockets.push(socket);
  return socket;
};

const AGENCIES = ['Instituto de Previsión Social', 'Servicio de Impuestos Internos'];

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server.close();
});

const withAgencies = () => createSession(server.url, { title: 'Taller', template: 'bienestar-sesion-2', agencies: AGENCIES });

async function participantCount(session: CreatedSession): Promise<number> {
  const facilitator = track(await connectFacilitator(server.url, session));
  return (await facilitator.snapshot).session.live.participantCount;
}

describe('agency at join', () => {
  it('lists the session’s agencies in the join check, before joining', async () => {
    const session = await withAgencies();
    const response = await fetch(`${server.url}/api/join/${session.code}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as JoinCheck).agencies).toEqual(AGENCIES);
  });

  it('stores the agency picked at join and gives it back, with the list, in the snapshot', async () => {
    const session = await withAgencies();
    const joined = ok(await request(track(await connect(server.url)), 'session:join', { code: session.code, agency: AGENCIES[1]! }));
    expect(joined.snapshot.agency).toBe(AGENCIES[1]);
    expect(joined.snapshot.agencies).toEqual(AGENCIES);
    // Back from another connection with the token alone: the agency is still theirs.
    const again = ok(
      await request(track(await connect(server.url)), 'session:join', { code: session.code, participantToken: joined.participantToken }),
    );
    expect(again.snapshot.agency).toBe(AGENCIES[1]);
  });

  it('joins without an agency, or with "prefer not to say" (null), as not said', async () => {
    const session = await withAgencies();
    const none = ok(await request(track(await connect(server.url)), 'session:join', { code: session.code }));
    const declined = ok(await request(track(await connect(server.url)), 'session:join', { code: session.code, agency: null }));
    expect([none.snapshot.agency, declined.snapshot.agency]).toEqual([null, null]);
    expect(await participantCount(session)).toBe(2);
  });

  it('refuses an agency that is not on the session’s list, storing no participant', async () => {
    const session = await withAgencies();
    const phone = track(await connect(server.url));
    const refused = await request(phone, 'session:join', { code: session.code, agency: 'Otra institución' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(!refused.ok && refused.error.message).toMatch(/institución/);
    const tooLong = await request(phone, 'session:join', { code: session.code, agency: 'x'.repeat(500) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await participantCount(session)).toBe(0);
  });

  it('refuses any agency when the session lists none', async () => {
    const session = await createSession(server.url);
    const refused = await request(track(await connect(server.url)), 'session:join', { code: session.code, agency: AGENCIES[0]! });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await participantCount(session)).toBe(0);
  });

  it('keeps the stored agency when a rejoin names one not on the list', async () => {
    const session = await withAgencies();
    const joined = ok(await request(track(await connect(server.url)), 'session:join', { code: session.code, agency: AGENCIES[0]! }));
    const phone = track(await connect(server.url));
    const refused = await request(phone, 'session:join', { code: session.code, participantToken: joined.participantToken, agency: 'Otra' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const again = ok(await request(phone, 'session:join', { code: session.code, participantToken: joined.participantToken }));
    expect(again.snapshot.agency).toBe(AGENCIES[0]);
  });
});

describe('changing the agency from the phone', () => {
  it('changes it, and back to not said; the change survives a rejoin', async () => {
    const session = await withAgencies();
    const phone = track(await connect(server.url));
    const joined = ok(await request(phone, 'session:join', { code: session.code }));
    expect(ok(await request(phone, 'participant:agency', { agency: AGENCIES[0]! })).agency).toBe(AGENCIES[0]);
    const other = track(await connect(server.url));
    const back = ok(await request(other, 'session:join', { code: session.code, participantToken: joined.participantToken }));
    expect(back.snapshot.agency).toBe(AGENCIES[0]);
    expect(ok(await request(other, 'participant:agency', { agency: null })).agency).toBeNull();
    expect((ok(await request(other, 'session:sync', {})) as ParticipantSnapshot).agencies).toEqual(AGENCIES);
  });

  it('refuses an unknown agency, a malformed payload and a socket that has not joined, changing nothing', async () => {
    const session = await withAgencies();
    const phone = track(await connect(server.url));
    ok(await request(phone, 'session:join', { code: session.code, agency: AGENCIES[1]! }));
    for (const payload of [{ agency: 'Otra' }, { agency: 3 }, { agency: '' }, {}, { agency: null, extra: 1 }]) {
      const refused = await request(phone, 'participant:agency', payload as never);
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const stranger = await request(track(await connect(server.url)), 'participant:agency', { agency: AGENCIES[0]! });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    const facilitator = track(await connectFacilitator(server.url, session));
    expect(await request(facilitator, 'participant:agency', { agency: AGENCIES[0]! })).toMatchObject({ ok: false });
    expect((ok(await request(phone, 'session:sync', {})) as ParticipantSnapshot).agency).toBe(AGENCIES[1]);
  });

  it('refuses a change once the session has ended', async () => {
    const session = await withAgencies();
    const phone = track(await connect(server.url));
    ok(await request(phone, 'session:join', { code: session.code, agency: AGENCIES[1]! }));
    const facilitator = track(await connectFacilitator(server.url, session));
    ok(await request(facilitator, 'session:close', {}));
    expect(await request(phone, 'participant:agency', { agency: AGENCIES[0]! })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_CLOSED' },
    });
  });
});

describe('salas that mix agencies', () => {
  /** A session of these agencies whose breakout mixes them, with its facilitator and breakout. */
  async function mixingSession(agencies: string[], sizing: BreakoutActivity['sizing']) {
    const session = await createSession(server.url, { title: 'Taller', template: 'bienestar-sesion-2', agencies });
    const facilitator = track(await connectFacilitator(server.url, session));
    const breakout = (await facilitator.snapshot).session.agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
    ok(await request(facilitator, 'agenda:update', { activity: { ...breakout, mode: 'mixAgencies', sizing } }));
    return { session, facilitator, breakout };
  }

  it('deals the people connected so that no sala has more of one agency than the numbers require', async () => {
    const agencies = ['IPS', 'SII', 'Registro Civil'];
    const { session, facilitator, breakout } = await mixingSession(agencies, { by: 'count', count: 3 });
    // 6 of IPS, 3 of SII, 2 of Registro Civil, 1 who did not say: 12 people, 3 salas.
    const picks = [...Array<string>(6).fill('IPS'), 'SII', 'SII', 'SII', 'Registro Civil', 'Registro Civil', null];
    const agencyOf = new Map<string, string | null>();
    for (const agency of picks) {
      const joined = ok(await request(track(await connect(server.url)), 'session:join', { code: session.code, agency }));
      agencyOf.set(joined.snapshot.participantId, agency);
    }
    ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    expect(formed.salas.map((s) => s.members.length)).toEqual([4, 4, 4]);
    const inSala = (agency: string) => formed.salas.map((s) => s.members.filter((m) => agencyOf.get(m.participantId) === agency).length);
    expect(inSala('IPS')).toEqual([2, 2, 2]);
    expect(Math.max(...inSala('SII'))).toBe(1);
    expect(Math.max(...inSala('Registro Civil'))).toBe(1);
    // The salas as the screens see them carry no agency.
    expect(JSON.stringify(formed)).not.toMatch(/IPS|SII|Registro Civil/);

    // Someone of Registro Civil (in two of the three salas) who arrives late goes to the third.
    const late = ok(await request(track(await connect(server.url)), 'session:join', { code: session.code, agency: 'Registro Civil' }));
    const view = ok(await request(facilitator, 'session:sync', {})).breakouts[breakout.id]!;
    const lateSala = view.salas.find((s) => s.members.some((m) => m.participantId === late.snapshot.participantId))!;
    expect(lateSala.members.filter((m) => agencyOf.get(m.participantId) === 'Registro Civil')).toEqual([]);
    expect(lateSala.members).toHaveLength(5);
  });

  it('refuses self-choice of a sala in a mixing breakout', async () => {
    const { session, facilitator, breakout } = await mixingSession(['IPS'], { by: 'count', count: 2 });
    const phone = track(await connect(server.url));
    ok(await request(phone, 'session:join', { code: session.code, agency: 'IPS' }));
    ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    const other = formed.salas.find((s) => s.members.length === 0)!;
    expect(await request(phone, 'sala:choose', { activityId: breakout.id, salaId: other.id })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
  });
});

describe('agencies in the report', () => {
  it('gives each agency its participation and five-axis profile, and no figure in any format below 5 respondents', async () => {
    ensurePoppler();
    const session = await withAgencies();
    const facilitator = track(await connectFacilitator(server.url, session));
    const agenda = (await facilitator.snapshot).session.agenda;
    const choice = agenda.find((a): a is ChoiceActivity => a.kind === 'choice')!;
    const axes = agenda.find((a): a is RatingActivity => a.kind === 'rating' && a.items.length === AXES.length)!;
    // IPS: 6 joined, 5 answered and rated the axes. SII: 4 joined and answered (too few). One who did not say.
    const people: Array<[string | null, boolean]> = [
      ...Array.from({ length: 6 }, (_, i): [string, boolean] => [AGENCIES[0]!, i < 5]),
      ...Array.from({ length: 4 }, (): [string, boolean] => [AGENCIES[1]!, true]),
      [null, true],
    ];
    const phones: Array<{ phone: ClientSocket; answers: boolean; index: number }> = [];
    for (const [index, [agency, answers]] of people.entries()) {
      const phone = track(await connect(server.url));
      ok(await request(phone, 'session:join', { code: session.code, agency }));
      phones.push({ phone, answers, index });
    }
    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
    for (const { phone, answers, index } of phones) {
      const value = { kind: 'choice' as const, optionIds: [choice.options[0]!.id] };
      if (answers) ok(await request(phone, 'answer:submit', { activityId: choice.id, clientAnswerId: `agency-choice-${index}`, value }));
    }
    ok(await request(facilitator, 'agenda:goto', { activityId: axes.id }));
    for (const { phone, answers, index } of phones) {
      // IPS rates every axis 4, SII every axis 2.
      const rating = index < 6 ? 4 : 2;
      const value = { kind: 'rating' as const, ratings: Object.fromEntries(axes.items.map((item) => [item.id, rating])) };
      if (answers) ok(await request(phone, 'answer:submit', { activityId: axes.id, clientAnswerId: `agency-axes-${index}`, value }));
    }
    const download = (format: string) =>
      fetch(`${server.url}/api/sessions/${session.id}/report.${format}`, {
        headers: { authorization: `Bearer ${session.facilitatorToken}` },
      });

    const report = (await (await download('json')).json()) as SessionReport;
    const profile = axes.items.map((item) => ({ id: item.id, n: 5, mean: 4 }));
    expect(report.agencies).toEqual([
      {
        name: AGENCIES[0],
        suppressed: false,
        participants: 6,
        respondents: 5,
        ratings: [{ activityId: axes.id, suppressed: false, respondents: 5, items: profile }],
      },
      { name: AGENCIES[1], suppressed: true, participants: null, respondents: null, ratings: [] },
    ]);
    expect(report.participation).toEqual({ participants: 11, respondents: 10 });

    // CSV: the small agency's rows hold the small-group text, never a number.
    const csv = await (await download('csv')).text();
    const rowsOf = (agency: string) =>
      csv.split('\r\n').filter((line) => line.includes(`;Participación por servicio;`) && line.includes(`;${agency};`));
    expect(rowsOf(AGENCIES[0]!).some((line) => line.includes('Promedio: Liderazgo y gobernanza;4,00;'))).toBe(true);
    const small = rowsOf(AGENCIES[1]!);
    expect(small).toHaveLength(2);
    for (const line of small) expect(line.split(';').slice(8)).toEqual(['', 'Menos de 5 respuestas: no se muestra', '']);

    // XLSX: the agencies sheet; the small agency's row has no number.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await (await download('xlsx')).arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Participación por servicio')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const ips = rows.find((r) => r[0] === AGENCIES[0])!;
    expect(ips.slice(0, 4)).toEqual([AGENCIES[0], 6, 5, 5]);
    expect(ips.slice(4)).toEqual(axes.items.map(() => 4));
    const sii = rows.find((r) => r[0] === AGENCIES[1])!;
    expect(sii.filter((v) => typeof v === 'number')).toEqual([]);

    // PDF: the agencies' table, read from the text layer.
    const dir = mkdtempSync(join(tmpdir(), 'plenario-agency-pdf-'));
    try {
      const file = join(dir, 'report.pdf');
      writeFileSync(file, Buffer.from(await (await download('pdf')).arrayBuffer()));
      const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      const part = text.slice(text.indexOf('Participación por servicio Este informe'));
      expect(part).toContain('Participantes 6 Menos de 5 respuestas: no se muestra');
      expect(part).toContain('Personas que respondieron 5 —');
      expect(part).toContain('Liderazgo y gobernanza 4,00 —');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
