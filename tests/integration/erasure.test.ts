import { rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { nanoid } from 'nanoid';
import { afterEach, describe, expect, it } from 'vitest';
import type { BreakoutActivity, CreatedSession, SynthesisActivity, SynthesisContent } from '../../shared/types.ts';
import { foundIn, missingFrom } from '../support/raw-bytes.ts';
import { exited, runCli, startServerProcess, type ServerProcess } from './support/process.ts';
import { connect, connectFacilitator, ok, request, tempDataDir, type ClientSocket } from './support/server.ts';

/**
 * docs/privacy.md promises that removed participant data is gone, not only out of sight: these
 * tests read the raw bytes of every file in DATA_DIR (the database, its -wal and -shm files and
 * anything else there) for the texts and names removed, while the server runs and after it was
 * killed and started again.
 */

const PASSWORD = 'contraseña-de-prueba-1';
const DAY_MS = 86_400_000;

const dirs: string[] = [];
const processes: ServerProcess[] = [];
let sockets: ClientSocket[] = [];
const track = <T extends ClientSocket>(s: T): T => (sockets.push(s), s);

afterEach(() => {
  for (const s of sockets) s.close();
  sockets = [];
  for (const p of processes.splice(0)) p.child.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** What a played session left in storage: what its removal must take, by kind. */
interface Played {
  session: CreatedSession;
  title: string;
  /** Display names as they stand. */
  names: string[];
  /** Open answers' texts as they stand. */
  openTexts: string[];
  /** Every saved version of a sala's synthesis (all are kept). */
  synthesisTexts: string[];
  /** A name and an answer changed since: the session's removal must take them too. */
  replaced: string[];
  /** Commitments until the next session, as they stand. */
  commitmentTexts: string[];
  /** Questions from the room, as asked. */
  questionTexts: string[];
  /** The sala's experience card: what it tells (kept by the retention period) and its contact (not kept). */
  card: string[];
  contact: string[];
}

async function signIn(url: string, email: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]! };
}

/**
 * A workshop with distinctive words: people join with names (one changes theirs), answer an
 * open question (one replaces their answer), form salas, and a secretary saves two versions of
 * the synthesis. Each text carries the run's mark, so no other run's file can match it.
 */
async function play(url: string, admin: Record<string, string>, mark: string): Promise<Played> {
  const title = `Taller de bienestar ${mark}`;
  const created = await fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...admin },
    body: JSON.stringify({ title, template: 'bienestar-sesion-2' }),
  });
  expect(created.status).toBe(201);
  const session = (await created.json()) as CreatedSession;
  const facilitator = track(await connectFacilitator(url, session));
  const { session: view } = await facilitator.snapshot;
  const breakout = view.agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
  const synthesis = view.agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
  const { activityId: openId } = ok(
    await request(facilitator, 'agenda:insert', {
      index: 0,
      activity: { kind: 'open', title: '¿Qué te ha costado este año?', maxLength: 200, maxPerPerson: 2, display: 'list' },
    }),
  );
  ok(await request(facilitator, 'agenda:goto', { activityId: openId }));

  const names = [`Marisol Pérez ${mark}`, `Rodrigo Fuentes ${mark}`, `Camila Rojas ${mark}`];
  const openTexts = [
    `Me cuesta dormir desde la reestructuración ${mark}`,
    `Tuve crisis de angustia en la oficina ${mark}`,
    `Estoy con licencia por estrés laboral ${mark}`,
  ];
  const replaced: string[] = [];
  const people: Array<{ socket: ClientSocket; participantId: string }> = [];
  for (const [i, name] of [...names].entries()) {
    const socket = track(await connect(url));
    const joined = ok(await request(socket, 'session:join', { code: session.code, displayName: name }));
    ok(
      await request(socket, 'answer:submit', {
        activityId: openId,
        clientAnswerId: `open-${mark}-${i}`,
        value: { kind: 'open', texts: [openTexts[i]!] },
      }),
    );
    people.push({ socket, participantId: joined.snapshot.participantId });
    if (i === 0) {
      names[0] = `Marisol Segundo Nombre ${mark}`;
      ok(await request(socket, 'session:join', { code: session.code, participantToken: joined.participantToken, displayName: names[0] }));
      openTexts[0] = `Ya no me cuesta tanto dormir ${mark}`;
      ok(
        await request(socket, 'answer:submit', {
          activityId: openId,
          clientAnswerId: `open-${mark}-again`,
          value: { kind: 'open', texts: [openTexts[0]] },
        }),
      );
      replaced.push(name, `Me cuesta dormir desde la reestructuración ${mark}`);
    }
  }

  const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
  const sala = formed.salas[0]!;
  const secretary = people.find((p) => p.participantId === sala.members[0]!.participantId)!;
  ok(await request(secretary.socket, 'role:claim', { activityId: breakout.id, salaId: sala.id, role: 'secretary' }));
  ok(await request(facilitator, 'agenda:goto', { activityId: synthesis.id }));
  ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'start' }));
  const synthesisTexts = [`Borrador: hicimos pausas activas ${mark}`, `Hicimos pausas activas y un protocolo de contención ${mark}`];
  // The second version fills its fields: a row longer than a page, stored on overflow pages.
  const long = 'Conversamos sobre la carga de trabajo y los turnos. '.repeat(26);
  const contents: SynthesisContent[] = [
    { fields: { experiencias: synthesisTexts[0]! }, support: [] },
    { fields: { experiencias: `${long}${synthesisTexts[1]!}`, 'desafios.liderazgo': long, apoyo: long }, support: [] },
  ];
  for (const [i, content] of contents.entries()) {
    ok(
      await request(secretary.socket, 'synthesis:save', {
        activityId: synthesis.id,
        salaId: sala.id,
        baseVersion: i,
        clientSaveId: `save-${mark}-${i}`,
        content,
      }),
    );
  }
  // The secretary tells the sala's experience, opting in to be contacted.
  const card = [`Plan Conversa y Contiene ${mark}`, `Escuchar antes de derivar ${mark}`];
  const contact = [`Unidad de Calidad de Vida ${mark}`, `bienestar.${mark.toLowerCase()}@ips.gob.cl`];
  ok(
    await request(secretary.socket, 'experience:save', {
      activityId: synthesis.id,
      cardId: `card-${mark}`,
      salaId: sala.id,
      card: {
        agency: 'Instituto de Previsión Social',
        name: card[0]!,
        axes: ['promocion'],
        approach: 'both',
        reach: { count: 1332, unit: 'personas' },
        since: null,
        lesson: card[1]!,
        contact: { optIn: true, unit: contact[0]!, email: contact[1]! },
      },
    }),
  );
  // Each person writes a commitment at the close (one rewrites theirs).
  const { activityId: commitmentId } = ok(
    await request(facilitator, 'agenda:insert', { index: 0, activity: { kind: 'commitment', mode: 'write', title: '¿Qué harás?' } }),
  );
  ok(await request(facilitator, 'agenda:goto', { activityId: commitmentId }));
  const commitmentTexts = people.map((_, i) => `Pedir apoyo psicológico en mi servicio ${i} ${mark}`);
  for (const [i, person] of people.entries()) {
    const key = `clave-navegador-${i}-${mark}`;
    if (i === 0)
      ok(await request(person.socket, 'commitment:write', { activityId: commitmentId, text: `Primera idea de compromiso ${mark}`, key }));
    ok(await request(person.socket, 'commitment:write', { activityId: commitmentId, text: commitmentTexts[i]!, key }));
  }
  replaced.push(`Primera idea de compromiso ${mark}`);
  // Questions from the room: each person asks one, and they upvote each other's.
  const { activityId: qaId } = ok(
    await request(facilitator, 'agenda:insert', {
      index: 0,
      activity: { kind: 'qa', title: 'Preguntas para el Servicio Civil', maxLength: 200, moderated: false, openAllSession: false },
    }),
  );
  ok(await request(facilitator, 'agenda:goto', { activityId: qaId }));
  const questionTexts = people.map((_, i) => `¿Habrá apoyo para turnos de noche ${i} ${mark}?`);
  for (const [i, person] of people.entries())
    ok(
      await request(person.socket, 'qa:ask', {
        activityId: qaId,
        clientQuestionId: `q-${mark}-${i}`,
        text: questionTexts[i]!,
        named: false,
      }),
    );
  for (const socket of [facilitator, ...people.map((p) => p.socket)]) socket.close();
  return { session, title, names, openTexts, synthesisTexts, replaced, commitmentTexts, questionTexts, card, contact };
}

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await startServerProcess(dataDir);
  processes.push(server);
  return server;
}

/** Kills the server without letting it close the database, and starts it again on the same folder. */
async function restart(server: ServerProcess, dataDir: string): Promise<ServerProcess> {
  server.child.kill('SIGKILL');
  await exited(server.child);
  return start(dataDir);
}

/** A server with an administrator, and two workshops played on it. */
async function twoWorkshops(): Promise<{
  dataDir: string;
  server: ServerProcess;
  admin: Record<string, string>;
  first: Played;
  second: Played;
}> {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const created = await runCli('server/cli/admin-create.ts', ['--email', 'admin@serviciocivil.cl'], {
    env: { ...process.env, DATA_DIR: dataDir, PLENARIO_ADMIN_PASSWORD: PASSWORD },
  });
  expect(created.code, created.stderr).toBe(0);
  const server = await start(dataDir);
  const admin = await signIn(server.url, 'admin@serviciocivil.cl');
  const mark = nanoid(8).replace(/[-_]/g, 'x');
  const first = await play(server.url, admin, `${mark}A`);
  const second = await play(server.url, admin, `${mark}B`);
  // The files hold every text now, even those replaced since: the search sees what it looks for.
  expect(missingFrom(dataDir, [...typed(first), ...typed(second), ...first.replaced, ...second.replaced])).toEqual([]);
  return { dataDir, server, admin, first, second };
}

const typed = (p: Played) => [
  ...p.names,
  ...p.openTexts,
  ...p.synthesisTexts,
  ...p.commitmentTexts,
  ...p.questionTexts,
  ...p.card,
  ...p.contact,
  p.title,
];

describe('removed participant data leaves the files', () => {
  it('after the retention period: names, answers and contacts are gone, running and after a restart; syntheses and cards stay', async () => {
    const { dataDir, server, admin, first, second } = await twoWorkshops();
    // The first workshop was 40 days ago; a 30-day period removes its participants and answers.
    const db = new BetterSqlite3(join(dataDir, 'plenario.sqlite'));
    db.prepare('UPDATE sessions SET created_at = ? WHERE id = ?').run(Date.now() - 40 * DAY_MS, first.session.id);
    db.close();
    const retention = await fetch(`${server.url}/api/settings/retention`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify({ days: 30 }),
    });
    expect(await retention.json()).toEqual({ days: 30, cleared: 1 });

    const removed = [
      ...first.names,
      ...first.openTexts,
      ...first.commitmentTexts,
      ...first.questionTexts,
      ...first.replaced,
      ...first.contact,
    ];
    // Kept by design (docs/privacy.md): the syntheses, the experience cards (without their contact)
    // and the title; the second workshop is untouched.
    const kept = [...first.synthesisTexts, ...first.card, first.title, ...typed(second)];
    expect(foundIn(dataDir, removed)).toEqual([]);
    expect(missingFrom(dataDir, kept)).toEqual([]);

    // Killed, so the server closes nothing, and started again (recovery reads the -wal file).
    await restart(server, dataDir);
    expect(foundIn(dataDir, removed)).toEqual([]);
    expect(missingFrom(dataDir, kept)).toEqual([]);
  }, 90_000);

  it('after deleting a session: everything typed in it is gone, running and after a restart', async () => {
    const { dataDir, server, first, second } = await twoWorkshops();
    const deleted = await fetch(`${server.url}/api/sessions/${second.session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${second.session.facilitatorToken}` },
    });
    expect(deleted.status).toBe(204);

    const removed = [...typed(second), ...second.replaced];
    expect(foundIn(dataDir, removed)).toEqual([]);
    expect(missingFrom(dataDir, typed(first))).toEqual([]);

    await restart(server, dataDir);
    expect(foundIn(dataDir, removed)).toEqual([]);
    expect(missingFrom(dataDir, typed(first))).toEqual([]);
  }, 90_000);
});
