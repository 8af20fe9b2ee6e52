import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BreakoutActivity, BreakoutView, CreatedSession } from '../../shared/types.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  eventually,
  getSession,
  nextEvent,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';
import { ManualClock } from './support/clock.ts';
import { END_UNDO_MS } from '../../server/domain/clock.ts';

const MINUTE = 60_000;

let server: TestServer;
/** The server's clock: still unless a test moves it, so times left are exact. */
let clock: ManualClock;
let session: CreatedSession;
let sockets: ClientSocket[] = [];
const track = <T extends ClientSocket>(s: T): T => (sockets.push(s), s);

beforeEach(async () => {
  clock = new ManualClock();
  server = await startServer({ now: clock.now });
  session = await createSession(server.url);
});
afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server.close();
});

interface Joined {
  socket: ClientSocket;
  participantId: string;
  participantToken: string;
}

async function joinMany(n: number, url = server.url): Promise<Joined[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const socket = track(await connect(url));
      const { participantToken, snapshot } = ok(await request(socket, 'session:join', { code: session.code }));
      return { socket, participantToken, participantId: snapshot.participantId };
    }),
  );
}

async function facilitatorAndBreakout(url = server.url) {
  const facilitator = track(await connectFacilitator(url, session));
  const { session: view } = await facilitator.snapshot;
  const breakout = view.agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
  ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
  return { facilitator, breakout };
}

const salaOf = (view: BreakoutView, participantId: string) =>
  view.salas.find((s) => s.members.some((m) => m.participantId === participantId));
const storedBreakouts = async () => (await getSession(server.url, session)).breakouts;

describe('breakout salas', () => {
  it('splits 50 participants into balanced salas, one sala each, named in order', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    const people = await joinMany(50);
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    expect(formed.phase).toBe('intro');
    // Target size 6 in the template: ceil(50 / 6) = 9 salas of 5 or 6.
    expect(formed.salas.map((s) => s.name)).toEqual(Array.from({ length: 9 }, (_, i) => `Sala ${i + 1}`));
    const sizes = formed.salas.map((s) => s.members.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(50);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const p of people) expect(formed.salas.filter((s) => s.members.some((m) => m.participantId === p.participantId))).toHaveLength(1);
    // Members are numbered in join order, so anonymous people can be told apart.
    const numbers = formed.salas.flatMap((s) => s.members.map((m) => m.number)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

    // A late joiner lands in the smallest sala.
    const smallest = Math.min(...sizes);
    const [late] = await joinMany(1);
    await eventually(async () => salaOf((await storedBreakouts())[breakout.id]!, late!.participantId) !== undefined);
    const after = (await storedBreakouts())[breakout.id]!;
    expect(salaOf(after, late!.participantId)!.members.length).toBe(smallest + 1);
    expect(salaOf(after, late!.participantId)!.id).toBe(formed.salas.find((s) => s.members.length === smallest)!.id);

    // Forming twice is refused and changes nothing.
    expect(await request(facilitator, 'breakout:form', { activityId: breakout.id })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect((await storedBreakouts())[breakout.id]).toEqual({ ...after, timer: { ...after.timer, serverNow: expect.any(Number) } });
  });

  it('gives the secretary role to exactly one of 20 members claiming at the same instant', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    const people = await joinMany(20);
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    const target = formed.salas[0]!.id;
    for (const p of people)
      ok(await request(facilitator, 'sala:move', { activityId: breakout.id, participantId: p.participantId, salaId: target }));

    const updates = people.map((p) =>
      nextEvent(p.socket, 'breakout:updated', (v) => v.salas.find((s) => s.id === target)?.roles.secretary !== null),
    );
    const acks = await Promise.all(
      people.map((p) => request(p.socket, 'role:claim', { activityId: breakout.id, salaId: target, role: 'secretary' })),
    );
    const winners = acks.filter((a) => a.ok);
    expect(winners).toHaveLength(1);
    expect(acks.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'ROLE_TAKEN')).toBe(true);
    const winnerIndex = acks.findIndex((a) => a.ok);
    const winner = people[winnerIndex]!.participantId;
    // Everyone is told who won.
    for (const seen of await Promise.all(updates)) expect(seen.salas.find((s) => s.id === target)!.roles.secretary).toBe(winner);
    expect((await storedBreakouts())[breakout.id]!.salas.find((s) => s.id === target)!.roles).toEqual({
      moderator: null,
      secretary: winner,
    });

    // The winner cannot also be moderator; someone else can.
    const self = await request(people[winnerIndex]!.socket, 'role:claim', { activityId: breakout.id, salaId: target, role: 'moderator' });
    expect(self).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const other = people[(winnerIndex + 1) % 20]!;
    expect(
      ok(await request(other.socket, 'role:claim', { activityId: breakout.id, salaId: target, role: 'moderator' })).salas[0]!.roles
        .moderator,
    ).toBe(other.participantId);
  });

  it('lets the facilitator assign, reassign and clear roles, and move people (dropping their roles)', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    const people = await joinMany(4);
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    expect(formed.salas).toHaveLength(1); // 4 people, target size 6
    const [sala] = formed.salas;
    const [a, b] = people;
    let view = ok(
      await request(facilitator, 'role:assign', {
        activityId: breakout.id,
        salaId: sala!.id,
        role: 'secretary',
        participantId: a!.participantId,
      }),
    );
    expect(view.salas[0]!.roles.secretary).toBe(a!.participantId);
    view = ok(
      await request(facilitator, 'role:assign', {
        activityId: breakout.id,
        salaId: sala!.id,
        role: 'moderator',
        participantId: a!.participantId,
      }),
    );
    expect(view.salas[0]!.roles).toEqual({ moderator: a!.participantId, secretary: null }); // one role per person
    view = ok(
      await request(facilitator, 'role:assign', {
        activityId: breakout.id,
        salaId: sala!.id,
        role: 'moderator',
        participantId: b!.participantId,
      }),
    );
    expect(view.salas[0]!.roles.moderator).toBe(b!.participantId);
    view = ok(
      await request(facilitator, 'role:assign', { activityId: breakout.id, salaId: sala!.id, role: 'moderator', participantId: null }),
    );
    expect(view.salas[0]!.roles.moderator).toBeNull();

    view = ok(
      await request(facilitator, 'sala:update', {
        activityId: breakout.id,
        salaId: sala!.id,
        name: 'Sala Valparaíso',
        videoUrl: 'https://meet.example/abc',
      }),
    );
    expect(view.salas[0]).toMatchObject({ name: 'Sala Valparaíso', videoUrl: 'https://meet.example/abc' });
    const refused = await request(facilitator, 'sala:update', {
      activityId: breakout.id,
      salaId: sala!.id,
      videoUrl: 'javascript:alert(1)',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('keeps the deadline through a restart mid-discussion, so every client shows the same time left', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    const people = await joinMany(3);
    ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    const started = ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'start' }));
    expect(started.phase).toBe('discussion');
    const deadline = clock.ms + breakout.discussionSeconds * 1000;
    expect(started.timer).toEqual({ deadline, pausedRemainingMs: null, serverNow: clock.ms });
    const withFive = ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'add', seconds: 300 }));
    expect(withFive.timer.deadline).toBe(deadline + 300_000);

    for (const s of sockets) s.close();
    sockets = [];
    const dataDir = server.dataDir;
    await server.close({ keepData: true });
    // Seven minutes pass before the server is back: they count.
    clock.advance(7 * MINUTE);
    server = await startServer({ dataDir, now: clock.now });

    const views = await Promise.all(
      people.map(async (p) => {
        const socket = track(await connect(server.url));
        return ok(await request(socket, 'session:join', { code: session.code, participantToken: p.participantToken })).snapshot.breakouts[
          breakout.id
        ]!;
      }),
    );
    const again = track(await connectFacilitator(server.url, session));
    views.push((await again.snapshot).breakouts[breakout.id]!);
    for (const view of views) {
      expect(view.phase).toBe('discussion');
      expect(view.timer).toEqual({ deadline: deadline + 300_000, pausedRemainingMs: null, serverNow: clock.ms });
    }
    expect(views.map((v) => v.timer.deadline! - v.timer.serverNow)).toEqual(
      Array(4).fill(breakout.discussionSeconds * 1000 + 300_000 - 7 * MINUTE),
    );
  });

  it('catches up at start-up on a deadline that passed while the server was down', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    await joinMany(2);
    ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    const { timer } = ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'start' }));
    for (const s of sockets) s.close();
    sockets = [];
    const dataDir = server.dataDir;
    await server.close({ keepData: true });

    // While the server is down the discussion's deadline passes.
    clock.advance(breakout.discussionSeconds * 1000 + 5_000);
    server = await startServer({ dataDir, now: clock.now });
    const view = (await storedBreakouts())[breakout.id]!;
    // The return countdown began when the discussion ended, not when the server came back.
    expect(view.phase).toBe('return');
    expect(view.timer.deadline).toBe(timer.deadline! + breakout.returnSeconds * 1000);
  });

  it('pauses, resumes, adds time, ends phases early and broadcasts', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    const [p] = await joinMany(1);
    ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    expect(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'pause' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'start' }));
    clock.advance(3 * MINUTE);
    const paused = ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'pause' }));
    expect(paused.timer).toEqual({
      deadline: null,
      pausedRemainingMs: breakout.discussionSeconds * 1000 - 3 * MINUTE,
      serverNow: clock.ms,
    });
    // Ten minutes paused take nothing off the clock.
    clock.advance(10 * MINUTE);
    const resumed = ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'resume' }));
    expect(resumed.timer).toEqual({ deadline: clock.ms + paused.timer.pausedRemainingMs!, pausedRemainingMs: null, serverNow: clock.ms });

    clock.advance(MINUTE);
    const returning = ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'end' }));
    expect(returning.phase).toBe('return');
    expect(returning.timer).toEqual({ deadline: clock.ms + breakout.returnSeconds * 1000, pausedRemainingMs: null, serverNow: clock.ms });

    const message = ok(await request(facilitator, 'breakout:broadcast', { activityId: breakout.id, text: 'Quedan 5 minutos' }));
    expect(message.message?.text).toBe('Quedan 5 minutos');
    const closing = nextEvent(p!.socket, 'breakout:updated', (v) => v.phase === 'closed');
    ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'end' }));
    expect((await closing).phase).toBe('closed');
    expect(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'end' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
  });

  it('takes back an early end within its window, through a restart, with the time the phase had left', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    const [p] = await joinMany(1);
    ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'start' }));
    clock.advance(10 * MINUTE);
    const left = breakout.discussionSeconds * 1000 - 10 * MINUTE;
    const ended = ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'end' }));
    expect(ended.phase).toBe('return');
    expect(ended.ended).toEqual({ phase: 'discussion', remainingMs: left, paused: false, until: clock.ms + END_UNDO_MS });

    // The undo is stored with the phase: a restart does not lose it.
    for (const s of sockets) s.close();
    sockets = [];
    const dataDir = server.dataDir;
    await server.close({ keepData: true });
    clock.advance(5_000);
    server = await startServer({ dataDir, now: clock.now });
    const again = track(await connectFacilitator(server.url, session));
    expect((await again.snapshot).breakouts[breakout.id]!.ended).toEqual(ended.ended);
    const participant = track(await connect(server.url));
    ok(await request(participant, 'session:join', { code: session.code, participantToken: p!.participantToken }));

    const backToTalk = nextEvent(participant, 'breakout:updated', (v) => v.phase === 'discussion');
    const back = ok(await request(again, 'breakout:timer', { activityId: breakout.id, action: 'undo' }));
    expect(back).toMatchObject({ phase: 'discussion', ended: null });
    expect(back.timer).toEqual({ deadline: clock.ms + left, pausedRemainingMs: null, serverNow: clock.ms });
    expect((await backToTalk).timer.deadline).toBe(clock.ms + left);
    expect(await request(again, 'breakout:timer', { activityId: breakout.id, action: 'undo' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });

    // Past its window the end stands: the undo is refused and nothing stored changes.
    ok(await request(again, 'breakout:timer', { activityId: breakout.id, action: 'end' }));
    clock.advance(END_UNDO_MS + 1);
    const before = await storedBreakouts();
    expect(before[breakout.id]).toMatchObject({ phase: 'return', ended: null });
    expect(await request(again, 'breakout:timer', { activityId: breakout.id, action: 'undo' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', message: expect.stringMatching(/deshacer/) },
    });
    expect(await storedBreakouts()).toEqual(before);
  });

  it('offers no undo once the session is closed, and refuses one', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    await joinMany(1);
    ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'start' }));
    const ended = ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'end' }));
    expect(ended.ended).not.toBeNull();
    ok(await request(facilitator, 'session:close', {}));

    const again = track(await connectFacilitator(server.url, session));
    expect((await again.snapshot).breakouts[breakout.id]!.ended).toBeNull();
    const before = await storedBreakouts();
    expect((await request(again, 'breakout:timer', { activityId: breakout.id, action: 'undo' })).ok).toBe(false);
    expect(await storedBreakouts()).toEqual(before);
  });

  it('returns a disconnected secretary to their sala still holding the role', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    const people = await joinMany(5);
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    const secretary = people[2]!;
    const sala = salaOf(formed, secretary.participantId)!;
    ok(await request(secretary.socket, 'role:claim', { activityId: breakout.id, salaId: sala.id, role: 'secretary' }));
    secretary.socket.close();
    // Back only once the server has seen them leave, however long that takes here.
    await eventually(() => !server.app.services.presence.isConnected(session.id, secretary.participantId));
    const back = track(await connect(server.url));
    const { snapshot } = ok(await request(back, 'session:join', { code: session.code, participantToken: secretary.participantToken }));
    const view = snapshot.breakouts[breakout.id]!;
    expect(salaOf(view, secretary.participantId)!.id).toBe(sala.id);
    expect(view.salas.find((s) => s.id === sala.id)!.roles.secretary).toBe(secretary.participantId);
  });
});

describe('a sala’s own numbers', () => {
  it('shows each sala its own answers beside the room’s, and nothing for fewer than five respondents', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    const people = await joinMany(12);
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    const [salaA, salaB] = formed.salas;
    const question = (await facilitator.snapshot).session.agenda.find((a) => a.kind === 'choice' && !a.multiple)!;
    ok(await request(facilitator, 'answering:set', { activityId: question.id, open: true }));
    const inSala = (sala: typeof salaA) => people.filter((p) => sala!.members.some((m) => m.participantId === p.participantId));
    const answer = (p: Joined, optionId: string) =>
      request(p.socket, 'answer:submit', {
        activityId: question.id,
        clientAnswerId: `n-${p.participantId}`,
        value: { kind: 'choice', optionIds: [optionId] },
      });
    for (const p of inSala(salaA)) ok(await answer(p, 'coyuntural'));
    for (const p of inSala(salaB).slice(0, 4)) ok(await answer(p, 'estructural'));

    const mine = ok(await request(inSala(salaA)[0]!.socket, 'sala:numbers', { activityId: breakout.id }));
    expect(mine.salas.map((s) => s.salaId)).toEqual([salaA!.id]); // only their own sala
    expect(mine.questionIds).toContain(question.id);
    expect(mine.salas[0]!.results[question.id]).toEqual({
      suppressed: false,
      results: { kind: 'choice', respondents: 6, counts: { coyuntural: 6, estructural: 0, ambas: 0 } },
    });
    expect(mine.room[question.id]).toEqual({ kind: 'choice', respondents: 10, counts: { coyuntural: 6, estructural: 4, ambas: 0 } });

    // Four respondents could be re-identified: the sala sees no figure of its own.
    const small = ok(await request(inSala(salaB)[0]!.socket, 'sala:numbers', { activityId: breakout.id }));
    expect(small.salas[0]!.results[question.id]).toEqual({ suppressed: true, results: null });

    const all = ok(await request(facilitator, 'sala:numbers', { activityId: breakout.id }));
    expect(all.salas.map((s) => s.salaId)).toEqual([salaA!.id, salaB!.id]);
    const stranger = track(await connect(server.url));
    expect(await request(stranger, 'sala:numbers', { activityId: breakout.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_JOINED' },
    });
  });
});

describe('breakout rules and bad input', () => {
  it('refuses facilitator actions from participants, changing nothing', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    const [a, b] = await joinMany(2);
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    const sala = formed.salas[0]!;
    const before = await storedBreakouts();
    const attempts = [
      request(a!.socket, 'breakout:form', { activityId: breakout.id }),
      request(a!.socket, 'breakout:timer', { activityId: breakout.id, action: 'start' }),
      request(a!.socket, 'breakout:timer', { activityId: breakout.id, action: 'undo' }),
      request(a!.socket, 'breakout:broadcast', { activityId: breakout.id, text: 'hola' }),
      request(a!.socket, 'sala:move', { activityId: breakout.id, participantId: b!.participantId, salaId: sala.id }),
      request(a!.socket, 'sala:update', { activityId: breakout.id, salaId: sala.id, name: 'Mía' }),
      request(a!.socket, 'role:assign', { activityId: breakout.id, salaId: sala.id, role: 'secretary', participantId: a!.participantId }),
    ];
    for (const ack of await Promise.all(attempts)) expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await storedBreakouts()).toEqual(before);
  });

  it('refuses a second secretary, a claim for another sala, self-choice in random mode and another session’s sala', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    const people = await joinMany(8);
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    expect(formed.salas).toHaveLength(2);
    const [first, second] = formed.salas;
    const inFirst = people.filter((p) => salaOf(formed, p.participantId)!.id === first!.id);
    ok(await request(inFirst[0]!.socket, 'role:claim', { activityId: breakout.id, salaId: first!.id, role: 'secretary' }));
    const before = await storedBreakouts();

    expect(
      await request(inFirst[1]!.socket, 'role:claim', { activityId: breakout.id, salaId: first!.id, role: 'secretary' }),
    ).toMatchObject({ ok: false, error: { code: 'ROLE_TAKEN' } });
    expect(
      await request(inFirst[1]!.socket, 'role:claim', { activityId: breakout.id, salaId: second!.id, role: 'moderator' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_IN_SALA' } });
    expect(
      await request(inFirst[1]!.socket, 'role:release', { activityId: breakout.id, salaId: first!.id, role: 'secretary' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await request(inFirst[1]!.socket, 'sala:choose', { activityId: breakout.id, salaId: second!.id })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(
      await request(inFirst[1]!.socket, 'role:claim', { activityId: breakout.id, salaId: 'noSuchSala', role: 'moderator' }),
    ).toMatchObject({ ok: false, error: { code: 'SALA_NOT_FOUND' } });
    expect(
      await request(facilitator, 'role:assign', {
        activityId: breakout.id,
        salaId: second!.id,
        role: 'moderator',
        participantId: inFirst[1]!.participantId,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_SALA' },
    });

    // Another session's breakout is out of reach, whatever ids are sent.
    const other = await createSession(server.url, { title: 'Otra', template: 'bienestar-sesion-2' });
    const otherFacilitator = track(await connectFacilitator(server.url, other));
    const otherBreakout = (await otherFacilitator.snapshot).session.agenda.find((a) => a.kind === 'breakout')!;
    const otherFormed = ok(await request(otherFacilitator, 'breakout:form', { activityId: otherBreakout.id }));
    const foreign = [
      request(inFirst[1]!.socket, 'sala:choose', { activityId: otherBreakout.id, salaId: otherFormed.salas[0]!.id }),
      request(inFirst[1]!.socket, 'role:claim', { activityId: otherBreakout.id, salaId: otherFormed.salas[0]!.id, role: 'secretary' }),
      request(facilitator, 'sala:move', {
        activityId: otherBreakout.id,
        participantId: inFirst[1]!.participantId,
        salaId: otherFormed.salas[0]!.id,
      }),
    ];
    for (const ack of await Promise.all(foreign)) expect(ack).toMatchObject({ ok: false, error: { code: 'ACTIVITY_NOT_FOUND' } });
    expect(
      await request(facilitator, 'sala:move', {
        activityId: breakout.id,
        participantId: inFirst[1]!.participantId,
        salaId: otherFormed.salas[0]!.id,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SALA_NOT_FOUND' },
    });
    expect(await storedBreakouts()).toEqual(before);
  });

  it('refuses salas actions on a non-breakout activity and before the salas are formed', async () => {
    const { facilitator, breakout } = await facilitatorAndBreakout();
    const [p] = await joinMany(1);
    const { session: view } = await facilitator.snapshot;
    const choice = view.agenda.find((a) => a.kind === 'choice')!;
    expect(await request(facilitator, 'breakout:form', { activityId: choice.id })).toMatchObject({
      ok: false,
      error: { code: 'ACTIVITY_NOT_FOUND' },
    });
    expect(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'start' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(await request(p!.socket, 'role:claim', { activityId: breakout.id, salaId: 'abc', role: 'secretary' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(await request(facilitator, 'breakout:broadcast', { activityId: breakout.id, text: 'x'.repeat(201) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await storedBreakouts()).toEqual({});
  });
});
