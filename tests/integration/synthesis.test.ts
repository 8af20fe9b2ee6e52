import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits.ts';
import type {
  BreakoutActivity,
  BreakoutView,
  CreatedSession,
  SynthesisActivity,
  SynthesisContent,
  SynthesisView,
} from '../../shared/types.ts';
import { END_UNDO_MS } from '../../server/domain/clock.ts';
import { ManualClock } from './support/clock.ts';
import { exited, startServerProcess, type ServerProcess } from './support/process.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  getSession,
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

interface Member {
  socket: ClientSocket;
  participantId: string;
  participantToken: string;
}

interface Workshop {
  url: string;
  session: CreatedSession;
  facilitator: ClientSocket;
  breakout: BreakoutActivity;
  synthesis: SynthesisActivity;
  salas: BreakoutView['salas'];
  members: Member[];
  /** Secretary of each sala, by sala id. */
  secretaries: Map<string, Member>;
}

/** A session in the synthesis step: people joined, salas formed, one secretary per sala, writing open. */
async function workshop(url: string, people: number): Promise<Workshop> {
  const session = await createSession(url);
  const facilitator = track(await connectFacilitator(url, session));
  const { session: view } = await facilitator.snapshot;
  const breakout = view.agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
  const synthesis = view.agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
  const members = await Promise.all(
    Array.from({ length: people }, async () => {
      const socket = track(await connect(url));
      const { participantToken, snapshot } = ok(await request(socket, 'session:join', { code: session.code }));
      return { socket, participantToken, participantId: snapshot.participantId };
    }),
  );
  const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
  const secretaries = new Map<string, Member>();
  for (const sala of formed.salas) {
    const member = members.find((m) => m.participantId === sala.members[0]!.participantId)!;
    ok(await request(member.socket, 'role:claim', { activityId: breakout.id, salaId: sala.id, role: 'secretary' }));
    secretaries.set(sala.id, member);
  }
  ok(await request(facilitator, 'agenda:goto', { activityId: synthesis.id }));
  const started = ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'start' }));
  expect(started.phase).toBe('writing');
  return { url, session, facilitator, breakout, synthesis, salas: formed.salas, members, secretaries };
}

const content = (text: string, support: string[] = []): SynthesisContent => ({
  fields: { experiencias: text, 'desafios.liderazgo': `Liderazgo: ${text}`, apoyo: 'Redes entre servicios' },
  support,
});

let saveCounter = 0;
const saveId = () => `save-${Date.now()}-${saveCounter++}`;

async function storedSyntheses(w: Workshop): Promise<SynthesisView> {
  return (await getSession(w.url, w.session)).syntheses[w.synthesis.id]!;
}

describe('syntheses', () => {
  it('versions each save, refuses stale ones and recognises retries', async () => {
    server = await startServer();
    const w = await workshop(server.url, 6);
    const sala = w.salas[0]!;
    const secretary = w.secretaries.get(sala.id)!;
    const first = {
      activityId: w.synthesis.id,
      salaId: sala.id,
      baseVersion: 0,
      clientSaveId: saveId(),
      content: content('Hicimos pausas activas'),
    };
    const v1 = ok(await request(secretary.socket, 'synthesis:save', first));
    expect(v1.salas.find((s) => s.salaId === sala.id)).toMatchObject({ version: 1, content: first.content, submittedAt: null });

    // The same save again (a retry after a lost ack) is acknowledged, not refused, and adds nothing.
    const retry = ok(await request(secretary.socket, 'synthesis:save', first));
    expect(retry.salas.find((s) => s.salaId === sala.id)!.version).toBe(1);

    const v2 = ok(
      await request(secretary.socket, 'synthesis:save', {
        ...first,
        baseVersion: 1,
        clientSaveId: saveId(),
        content: content('Hicimos pausas activas y talleres', ['redes']),
      }),
    );
    expect(v2.salas.find((s) => s.salaId === sala.id)!.version).toBe(2);

    // A second device still on version 1 is refused, and the text stays as version 2.
    const stale = await request(secretary.socket, 'synthesis:save', {
      ...first,
      baseVersion: 1,
      clientSaveId: saveId(),
      content: content('texto viejo'),
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'STALE_VERSION' } });
    expect((await storedSyntheses(w)).salas.find((s) => s.salaId === sala.id)).toMatchObject({
      version: 2,
      content: content('Hicimos pausas activas y talleres', ['redes']),
    });
  });

  it('lets only the sala’s secretary (or the facilitator) write, and refuses bad content, changing nothing', async () => {
    server = await startServer();
    const w = await workshop(server.url, 12);
    const [salaA, salaB] = w.salas;
    const secretaryA = w.secretaries.get(salaA!.id)!;
    const memberA = w.members.find((m) => salaA!.members.some((x) => x.participantId === m.participantId) && m !== secretaryA)!;
    ok(
      await request(secretaryA.socket, 'synthesis:save', {
        activityId: w.synthesis.id,
        salaId: salaA!.id,
        baseVersion: 0,
        clientSaveId: saveId(),
        content: content('Primera'),
      }),
    );
    const before = await storedSyntheses(w);

    const base = { activityId: w.synthesis.id, salaId: salaA!.id, baseVersion: 1, content: content('Intruso') };
    expect(await request(memberA.socket, 'synthesis:save', { ...base, clientSaveId: saveId() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SECRETARY' },
    });
    // A secretary of another sala cannot write this one either.
    expect(await request(w.secretaries.get(salaB!.id)!.socket, 'synthesis:save', { ...base, clientSaveId: saveId() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SECRETARY' },
    });
    const anonymous = track(await connect(w.url));
    expect(await request(anonymous, 'synthesis:save', { ...base, clientSaveId: saveId() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_JOINED' },
    });
    const tooLong = {
      ...base,
      clientSaveId: saveId(),
      content: { fields: { experiencias: 'x'.repeat(LIMITS.synthesisFieldMax + 1) }, support: [] },
    };
    expect(await request(secretaryA.socket, 'synthesis:save', tooLong)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const unknownField = { ...base, clientSaveId: saveId(), content: { fields: { inventado: 'hola' }, support: [] } };
    expect(await request(secretaryA.socket, 'synthesis:save', unknownField)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const unknownSupport = { ...base, clientSaveId: saveId(), content: content('hola', ['dinero']) };
    expect(await request(secretaryA.socket, 'synthesis:save', unknownSupport)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await request(memberA.socket, 'synthesis:hide', { activityId: w.synthesis.id, salaId: salaA!.id, hidden: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await request(memberA.socket, 'synthesis:timer', { activityId: w.synthesis.id, action: 'end' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await storedSyntheses(w)).toEqual({ ...before, timer: { ...before.timer, serverNow: expect.any(Number) } });

    // The facilitator may write for any sala.
    const byFacilitator = ok(
      await request(w.facilitator, 'synthesis:save', {
        ...base,
        salaId: salaB!.id,
        baseVersion: 0,
        clientSaveId: saveId(),
        content: content('Dictado'),
      }),
    );
    expect(byFacilitator.salas.find((s) => s.salaId === salaB!.id)!.version).toBe(1);
  });

  it('sends the draft live to the sala’s members only, and every sala’s to facilitators', async () => {
    server = await startServer();
    const w = await workshop(server.url, 12);
    const [salaA, salaB] = w.salas;
    const inA = w.members.filter(
      (m) => salaA!.members.some((x) => x.participantId === m.participantId) && m !== w.secretaries.get(salaA!.id),
    );
    const inB = w.members.find((m) => salaB!.members.some((x) => x.participantId === m.participantId))!;
    const text = content('Conversatorios mensuales');
    const memberSaw = Promise.all(
      inA.map((m) => nextEvent(m.socket, 'synthesis:updated', (v) => v.salas.some((s) => s.salaId === salaA!.id && s.version === 1))),
    );
    const otherSaw = nextEvent(inB.socket, 'synthesis:updated', (v) => v.salas.some((s) => s.salaId === salaA!.id && s.version === 1));
    const facilitatorSaw = nextEvent(w.facilitator, 'synthesis:updated', (v) =>
      v.salas.some((s) => s.salaId === salaA!.id && s.version === 1),
    );
    ok(
      await request(w.secretaries.get(salaA!.id)!.socket, 'synthesis:save', {
        activityId: w.synthesis.id,
        salaId: salaA!.id,
        baseVersion: 0,
        clientSaveId: saveId(),
        content: text,
      }),
    );
    for (const view of await memberSaw) expect(view.salas.find((s) => s.salaId === salaA!.id)!.content).toEqual(text);
    // Members of another sala learn that sala A saved, but not what it wrote.
    expect((await otherSaw).salas.find((s) => s.salaId === salaA!.id)!.content).toBeNull();
    expect((await facilitatorSaw).salas.find((s) => s.salaId === salaA!.id)!.content).toEqual(text);

    // A member who reconnects gets their sala's draft in the snapshot.
    const member = inA[0]!;
    member.socket.close();
    const back = track(await connect(w.url));
    const { snapshot } = ok(await request(back, 'session:join', { code: w.session.code, participantToken: member.participantToken }));
    expect(snapshot.syntheses[w.synthesis.id]!.salas.find((s) => s.salaId === salaA!.id)!.content).toEqual(text);
    expect(snapshot.syntheses[w.synthesis.id]!.salas.find((s) => s.salaId === salaB!.id)!.content).toBeNull();
  });

  it('locks a submitted synthesis until the facilitator reopens it; closing the writing locks all', async () => {
    server = await startServer();
    const w = await workshop(server.url, 6);
    const sala = w.salas[0]!;
    const secretary = w.secretaries.get(sala.id)!;
    const ref = { activityId: w.synthesis.id, salaId: sala.id };
    expect(await request(secretary.socket, 'synthesis:submit', { ...ref, version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    ok(await request(secretary.socket, 'synthesis:save', { ...ref, baseVersion: 0, clientSaveId: saveId(), content: content('Lista') }));
    expect(await request(secretary.socket, 'synthesis:submit', { ...ref, version: 2 })).toMatchObject({
      ok: false,
      error: { code: 'STALE_VERSION' },
    });
    const submitted = ok(await request(secretary.socket, 'synthesis:submit', { ...ref, version: 1 }));
    expect(submitted.salas[0]!.submittedAt).toEqual(expect.any(Number));
    expect(
      await request(secretary.socket, 'synthesis:save', { ...ref, baseVersion: 1, clientSaveId: saveId(), content: content('cambio') }),
    ).toMatchObject({ ok: false, error: { code: 'SYNTHESIS_LOCKED' } });

    ok(await request(w.facilitator, 'synthesis:reopen', ref));
    ok(
      await request(secretary.socket, 'synthesis:save', { ...ref, baseVersion: 1, clientSaveId: saveId(), content: content('Corregida') }),
    );
    const hidden = ok(await request(w.facilitator, 'synthesis:hide', { ...ref, hidden: true }));
    expect(hidden.salas[0]).toMatchObject({ hidden: true, version: 2 });

    const closed = ok(await request(w.facilitator, 'synthesis:timer', { activityId: w.synthesis.id, action: 'end' }));
    expect(closed.phase).toBe('closed');
    expect(
      await request(secretary.socket, 'synthesis:save', { ...ref, baseVersion: 2, clientSaveId: saveId(), content: content('tarde') }),
    ).toMatchObject({ ok: false, error: { code: 'SYNTHESIS_LOCKED' } });
    expect((await storedSyntheses(w)).salas[0]!.content).toEqual(content('Corregida'));
  });

  it('reopens writing closed by mistake with its time left, only within the undo window', async () => {
    const clock = new ManualClock();
    server = await startServer({ now: clock.now });
    const w = await workshop(server.url, 2);
    const [salaId, secretary] = [...w.secretaries][0]!;
    const ref = { activityId: w.synthesis.id, salaId };
    clock.advance(60_000);
    const closed = ok(await request(w.facilitator, 'synthesis:timer', { activityId: w.synthesis.id, action: 'end' }));
    const left = w.synthesis.seconds * 1000 - 60_000;
    expect(closed.ended).toEqual({ phase: 'writing', remainingMs: left, paused: false, until: clock.ms + END_UNDO_MS });

    clock.advance(3_000);
    const reopened = ok(await request(w.facilitator, 'synthesis:timer', { activityId: w.synthesis.id, action: 'undo' }));
    expect(reopened).toMatchObject({ phase: 'writing', ended: null });
    expect(reopened.timer).toEqual({ deadline: clock.ms + left, pausedRemainingMs: null, serverNow: clock.ms });
    ok(await request(secretary.socket, 'synthesis:save', { ...ref, baseVersion: 0, clientSaveId: saveId(), content: content('A tiempo') }));

    ok(await request(w.facilitator, 'synthesis:timer', { activityId: w.synthesis.id, action: 'end' }));
    clock.advance(END_UNDO_MS + 1);
    expect(await request(w.facilitator, 'synthesis:timer', { activityId: w.synthesis.id, action: 'undo' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(await storedSyntheses(w)).toMatchObject({ phase: 'closed', ended: null });
    expect(
      await request(secretary.socket, 'synthesis:save', { ...ref, baseVersion: 1, clientSaveId: saveId(), content: content('Tarde') }),
    ).toMatchObject({ ok: false, error: { code: 'SYNTHESIS_LOCKED' } });
    expect((await storedSyntheses(w)).salas.find((x) => x.salaId === salaId)!.content).toEqual(content('A tiempo'));
  });

  it('gives the plenary every one of 8 salas’ syntheses, and steps its focus', async () => {
    server = await startServer();
    const w = await workshop(server.url, 48); // 8 salas of 6
    expect(w.salas).toHaveLength(8);
    for (const [salaId, secretary] of w.secretaries) {
      ok(
        await request(secretary.socket, 'synthesis:save', {
          activityId: w.synthesis.id,
          salaId,
          baseVersion: 0,
          clientSaveId: saveId(),
          content: content(`Síntesis de ${salaId}`, ['formacion']),
        }),
      );
      ok(await request(secretary.socket, 'synthesis:submit', { activityId: w.synthesis.id, salaId, version: 1 }));
    }
    const view = await storedSyntheses(w);
    expect(view.salas).toHaveLength(8);
    for (const sala of view.salas) {
      expect(sala.submittedAt).not.toBeNull();
      expect(sala.content).toEqual(content(`Síntesis de ${sala.salaId}`, ['formacion']));
    }
    const focused = ok(
      await request(w.facilitator, 'plenary:focus', {
        activityId: w.synthesis.id,
        fieldKey: 'desafios.normativo',
        spotlightSalaId: w.salas[3]!.id,
      }),
    );
    expect(focused.focus).toEqual({ fieldKey: 'desafios.normativo', spotlightSalaId: w.salas[3]!.id });
    expect(
      await request(w.facilitator, 'plenary:focus', { activityId: w.synthesis.id, fieldKey: 'desafios.inventado', spotlightSalaId: null }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('keeps every acknowledged save through reconnections and kill -9', async () => {
    const dataDir = tempDataDir();
    proc = await startServerProcess(dataDir);
    const w = await workshop(proc.url, 4);
    const sala = w.salas[0]!;
    let secretary = w.secretaries.get(sala.id)!;
    let version = 0;
    let lastAcked: SynthesisContent | null = null;
    for (let round = 0; round < 6; round++) {
      const text = content(`Ronda ${round}: ${'palabra '.repeat(round * 10)}`.trim());
      const ack = await request(secretary.socket, 'synthesis:save', {
        activityId: w.synthesis.id,
        salaId: sala.id,
        baseVersion: version,
        clientSaveId: saveId(),
        content: text,
      });
      version = ok(ack).salas[0]!.version;
      lastAcked = text;
      // The phone drops and comes back with its token.
      secretary.socket.close();
      const socket = track(await connect(proc.url));
      ok(await request(socket, 'session:join', { code: w.session.code, participantToken: secretary.participantToken }));
      secretary = { ...secretary, socket };
    }
    proc.child.kill('SIGKILL');
    await exited(proc.child);
    for (const s of sockets) s.close();
    sockets = [];

    proc = await startServerProcess(dataDir);
    const after = (await getSession(proc.url, w.session)).syntheses[w.synthesis.id]!;
    expect(after.salas[0]).toMatchObject({ version: 6, content: lastAcked });
    // The secretary carries on from the version they had.
    const socket = track(await connect(proc.url));
    ok(await request(socket, 'session:join', { code: w.session.code, participantToken: secretary.participantToken }));
    const next = ok(
      await request(socket, 'synthesis:save', {
        activityId: w.synthesis.id,
        salaId: sala.id,
        baseVersion: 6,
        clientSaveId: saveId(),
        content: content('Después del reinicio'),
      }),
    );
    expect(next.salas[0]!.version).toBe(7);
  });
});
