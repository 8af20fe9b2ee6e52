import { afterEach, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import type { ExperienceCardInput, ExperienceSavePayload } from '../../shared/experience.ts';
import type { SessionReport } from '../../shared/report.ts';
import type { BreakoutActivity, CreatedSession, SynthesisActivity } from '../../shared/types.ts';
import { exited, startServerProcess, type ServerProcess } from './support/process.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  nextEvent,
  ok,
  request,
  startServer,
  tempDataDir,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';

let server: TestServer | null = null;
let proc: ServerProcess | null = null;
let sockets: ClientSocket[] = [];
const track = <T extends ClientSocket>(s: T): T => (sockets.push(s), s);

afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server?.close();
  server = null;
  proc?.child.kill('SIGKILL');
  proc = null;
});

const CARD: ExperienceCardInput = {
  agency: 'Instituto de Previsión Social',
  name: 'Plan IPS Conversa, Contiene y Cobija',
  axes: ['promocion', 'servicios'],
  approach: 'both',
  reach: { count: 1332, unit: 'personas' },
  since: { year: 2021, month: 4 },
  lesson: 'Contener primero, derivar después.',
  contact: { optIn: true, unit: 'Unidad de Calidad de Vida', email: 'calidaddevida@ips.gob.cl' },
};

interface Room {
  url: string;
  session: CreatedSession;
  facilitator: ClientSocket;
  experienceId: string;
  people: Array<{ socket: ClientSocket; participantId: string; participantToken: string }>;
}

/** A session with an experience activity on screen (its writing opens on arrival) and three people joined. */
async function room(url: string): Promise<Room> {
  const session = await createSession(url);
  const facilitator = track(await connectFacilitator(url, session));
  await facilitator.snapshot;
  const { activityId: experienceId } = ok(
    await request(facilitator, 'agenda:insert', { index: 0, activity: { kind: 'experience', title: 'Cuéntanos una experiencia' } }),
  );
  ok(await request(facilitator, 'agenda:goto', { activityId: experienceId }));
  const people = [];
  for (let i = 0; i < 3; i++) {
    const socket = track(await connect(url));
    const joined = ok(await request(socket, 'session:join', { code: session.code }));
    people.push({ socket, participantId: joined.snapshot.participantId, participantToken: joined.participantToken });
  }
  return { url, session, facilitator, experienceId, people };
}

const save = (activityId: string, card: unknown = CARD, cardId = nanoid()) => ({ activityId, cardId, card }) as ExperienceSavePayload;

describe('experience cards at an experience activity', () => {
  it('a participant writes and edits their card; consoles get it whole, the projector without the contact, others nothing', async () => {
    server = await startServer();
    const r = await room(server.url);
    const presenter = track(await connectFacilitator(server.url, r.session, 'presenter'));
    await presenter.snapshot;
    const [writer, other] = r.people;
    const toConsole = nextEvent(r.facilitator, 'experiences:updated');
    const toPresenter = nextEvent(presenter, 'experiences:updated');
    const payload = save(r.experienceId);
    const mine = ok(await request(writer!.socket, 'experience:save', payload));
    expect(mine.cards).toMatchObject([{ id: payload.cardId, mine: true, salaId: null, ...CARD }]);
    expect((await toConsole).cards[0]).toMatchObject({ ...CARD, mine: false });
    const projected = (await toPresenter).cards[0]!;
    expect(projected.contact).toEqual({ optIn: true, unit: null, email: null });
    expect(JSON.stringify(projected)).not.toContain('ips.gob.cl');
    expect(ok(await request(other!.socket, 'experience:list', { activityId: r.experienceId })).cards).toEqual([]);

    // Editing keeps the card (same id), changes what it says.
    const edited = ok(
      await request(writer!.socket, 'experience:save', {
        ...payload,
        card: { ...CARD, approach: 'preventive', contact: { optIn: false } },
      }),
    );
    expect(edited.cards).toHaveLength(1);
    expect(edited.cards[0]).toMatchObject({ approach: 'preventive', contact: { optIn: false } });

    // Someone else may not change or delete it; the facilitator does not write here.
    expect(await request(other!.socket, 'experience:save', { ...payload, card: CARD })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await request(other!.socket, 'experience:delete', { activityId: r.experienceId, cardId: payload.cardId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await request(r.facilitator, 'experience:save', save(r.experienceId))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const stored = ok(await request(r.facilitator, 'experience:list', { activityId: r.experienceId }));
    expect(stored.cards).toHaveLength(1);
    expect(stored.cards[0]).toMatchObject({ approach: 'preventive' });

    // Closed by the facilitator: nothing more is written; the author may still not delete while closed.
    ok(await request(r.facilitator, 'answering:set', { activityId: r.experienceId, open: false }));
    expect(await request(other!.socket, 'experience:save', save(r.experienceId))).toMatchObject({
      ok: false,
      error: { code: 'ANSWERING_CLOSED' },
    });
    expect(ok(await request(r.facilitator, 'experience:list', { activityId: r.experienceId }))).toEqual(stored);

    // Reopened: the author deletes it.
    ok(await request(r.facilitator, 'answering:set', { activityId: r.experienceId, open: true }));
    expect(ok(await request(writer!.socket, 'experience:delete', { activityId: r.experienceId, cardId: payload.cardId })).cards).toEqual(
      [],
    );
  });

  it('refuses every bad card with a clear error and the path, storing nothing', async () => {
    server = await startServer();
    const r = await room(server.url);
    const writer = r.people[0]!.socket;
    const bad: Array<[string, unknown, string]> = [
      ['contact details without the opt-in', { ...CARD, contact: { optIn: false, unit: 'Unidad', email: 'a@b.cl' } }, '/card/contact'],
      ['an e-mail that is not one', { ...CARD, contact: { optIn: true, unit: 'Unidad', email: 'no es correo' } }, '/card/contact'],
      ['an unknown axis', { ...CARD, axes: ['felicidad'] }, '/card/axes/0'],
      ['no axis', { ...CARD, axes: [] }, '/card/axes'],
      ['an unknown approach', { ...CARD, approach: 'a veces' }, '/card/approach'],
      ['a name too long', { ...CARD, name: 'x'.repeat(161) }, '/card/name'],
      ['a negative reach', { ...CARD, reach: { count: -1, unit: 'personas' } }, '/card/reach'],
      ['a month 13', { ...CARD, since: { year: 2020, month: 13 } }, '/card/since'],
      ['a field of its own', { ...CARD, telefono: '+56 9 1234 5678' }, '/card'],
      ['a blank name', { ...CARD, name: '   ' }, '/card/name'],
      ['a start in the future', { ...CARD, since: { year: new Date().getUTCFullYear() + 1, month: null } }, '/card/since'],
    ];
    for (const [what, card, path] of bad) {
      const ack = await request(writer, 'experience:save', save(r.experienceId, card));
      expect(ack, what).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      if (!ack.ok) {
        expect(ack.error.message.length, what).toBeGreaterThan(0);
        expect(
          ack.error.details?.map((d) => d.path).some((p) => p.startsWith(path)),
          `${what}: ${JSON.stringify(ack.error.details)}`,
        ).toBe(true);
      }
    }
    expect(await request(writer, 'experience:save', { ...save(r.experienceId), salaId: 'sala' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await request(writer, 'experience:save', save('no-such-activity'))).toMatchObject({
      ok: false,
      error: { code: 'ACTIVITY_NOT_FOUND' },
    });
    const anonymous = track(await connect(server.url));
    expect(await request(anonymous, 'experience:save', save(r.experienceId))).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    expect(ok(await request(r.facilitator, 'experience:list', { activityId: r.experienceId })).cards).toEqual([]);
  });

  it('keeps a writer to five cards', async () => {
    server = await startServer();
    const r = await room(server.url);
    const writer = r.people[0]!.socket;
    for (let i = 0; i < 5; i++) ok(await request(writer, 'experience:save', save(r.experienceId)));
    expect(await request(writer, 'experience:save', save(r.experienceId))).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(ok(await request(r.facilitator, 'experience:list', { activityId: r.experienceId })).cards).toHaveLength(5);
  });

  it('keeps every acknowledged card through kill -9', async () => {
    const dataDir = tempDataDir();
    proc = await startServerProcess(dataDir);
    const r = await room(proc.url);
    const payload = save(r.experienceId);
    ok(await request(r.people[0]!.socket, 'experience:save', payload));
    proc.child.kill('SIGKILL');
    await exited(proc.child);
    for (const s of sockets) s.close();
    sockets = [];
    proc = await startServerProcess(dataDir);
    const socket = track(await connect(proc.url));
    ok(await request(socket, 'session:join', { code: r.session.code, participantToken: r.people[0]!.participantToken }));
    expect(ok(await request(socket, 'experience:list', { activityId: r.experienceId })).cards).toMatchObject([
      { id: payload.cardId, ...CARD },
    ]);
  });
});

describe('experience cards from the synthesis', () => {
  it('the secretary writes the sala’s card; the sala sees it, other salas do not; a member may not write', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const breakout = view.agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
    const synthesis = view.agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
    const people: Array<{ socket: ClientSocket; participantId: string }> = [];
    for (let i = 0; i < 4; i++) {
      const socket = track(await connect(server.url));
      const joined = ok(await request(socket, 'session:join', { code: session.code }));
      people.push({ socket, participantId: joined.snapshot.participantId });
    }
    ok(await request(facilitator, 'agenda:update', { activity: { ...breakout, sizing: { by: 'count', count: 2 } } }));
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    const [sala1, sala2] = formed.salas;
    const byId = (id: string) => people.find((p) => p.participantId === id)!;
    const secretary = byId(sala1!.members[0]!.participantId);
    const member = byId(sala1!.members[1]!.participantId);
    const outsider = byId(sala2!.members[0]!.participantId);
    ok(await request(secretary.socket, 'role:claim', { activityId: breakout.id, salaId: sala1!.id, role: 'secretary' }));

    const payload = { ...save(synthesis.id), salaId: sala1!.id };
    expect(await request(member.socket, 'experience:save', payload)).toMatchObject({ ok: false, error: { code: 'NOT_SECRETARY' } });
    expect(await request(secretary.socket, 'experience:save', { ...payload, salaId: sala2!.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SECRETARY' },
    });
    expect(await request(secretary.socket, 'experience:save', save(synthesis.id))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(ok(await request(facilitator, 'experience:list', { activityId: synthesis.id })).cards).toEqual([]);

    const toMember = nextEvent(member.socket, 'experiences:updated');
    ok(await request(secretary.socket, 'experience:save', payload));
    expect((await toMember).cards).toMatchObject([{ id: payload.cardId, salaId: sala1!.id, mine: true }]);
    expect(ok(await request(outsider.socket, 'experience:list', { activityId: synthesis.id })).cards).toEqual([]);

    // Closing the writing closes the cards too.
    ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'start' }));
    ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'end' }));
    expect(await request(secretary.socket, 'experience:save', { ...payload, cardId: nanoid() })).toMatchObject({
      ok: false,
      error: { code: 'SYNTHESIS_LOCKED' },
    });
    expect(ok(await request(facilitator, 'experience:list', { activityId: synthesis.id })).cards).toHaveLength(1);

    // The report lists it: the sala's name, the contact given with the opt-in, never who wrote it.
    const response = await fetch(`${server.url}/api/sessions/${session.id}/report.json`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as SessionReport;
    expect(report.experiences).toEqual([
      {
        id: payload.cardId,
        activityId: synthesis.id,
        position: view.agenda.findIndex((a) => a.id === synthesis.id) + 1,
        salaName: sala1!.name,
        agency: CARD.agency,
        name: CARD.name,
        axes: CARD.axes,
        approach: CARD.approach,
        reach: CARD.reach,
        since: CARD.since,
        lesson: CARD.lesson,
        contact: { unit: 'Unidad de Calidad de Vida', email: 'calidaddevida@ips.gob.cl' },
        createdAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(report.experiences)).not.toContain(secretary.participantId);
  });
});
