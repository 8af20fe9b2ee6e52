import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits.ts';
import type { SessionReport } from '../../shared/report.ts';
import type { SalaTurnsView } from '../../shared/types.ts';
import { ManualClock } from './support/clock.ts';
import { exited, startServerProcess, type ServerProcess } from './support/process.ts';
import { formedSalas, type FormedSalas } from './support/salas.ts';
import {
  connect,
  connectFacilitator,
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
const track = (s: ClientSocket) => void sockets.push(s);

afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server?.close();
  server = null;
  proc?.child.kill('SIGKILL');
  proc = null;
});

/** Every sala's turns as stored, without the server's clock reading. */
async function storedTurns(w: FormedSalas, url = w.url): Promise<Record<string, Omit<SalaTurnsView, 'serverNow'>>> {
  const turns = (await getSession(url, w.session)).turns;
  return Object.fromEntries(Object.entries(turns).map(([id, { serverNow: _now, ...rest }]) => [id, rest]));
}

describe('turns to speak in a sala', () => {
  it('queues hands, lets the moderator give the floor and time the turn, shows it to the sala only, and counts turns in the report', async () => {
    const clock = new ManualClock();
    server = await startServer({ now: clock.now });
    const w = await formedSalas(server.url, 10, track);
    const [salaA, salaB] = w.salas;
    const ref = { activityId: w.breakout.id, salaId: salaA!.id };
    const moderator = w.roles.moderator.get(salaA!.id)!;
    const [ana, ben] = w.plain.get(salaA!.id)!;
    const outsider = w.plain.get(salaB!.id)![0]!;

    ok(await request(ana!.socket, 'hand:raise', ref));
    const queued = ok(await request(ben!.socket, 'hand:raise', ref));
    expect(queued.queue).toEqual([ana!.participantId, ben!.participantId]);

    // The moderator gives the floor to the second hand (anyone, not only the next).
    const memberSaw = nextEvent(ana!.socket, 'turns:updated', (v) => v.floor?.participantId === ben!.participantId);
    const facilitatorSaw = nextEvent(w.facilitator, 'turns:updated', (v) => v.floor?.participantId === ben!.participantId);
    let outsiderGotTurns = false;
    outsider.socket.on('turns:updated', () => (outsiderGotTurns = true));
    const given = ok(await request(moderator.socket, 'floor:give', { ...ref, participantId: ben!.participantId }));
    expect(given).toMatchObject({ queue: [ana!.participantId], floor: { participantId: ben!.participantId, since: clock.ms }, turns: 1 });
    expect((await memberSaw).queue).toEqual([ana!.participantId]);
    await facilitatorSaw;

    const timed = ok(await request(moderator.socket, 'turn:timer', { ...ref, action: 'start', seconds: 120 }));
    expect(timed.timer).toEqual({ deadline: clock.ms + 120_000, seconds: 120 });
    // Giving the floor again to whoever has it (a retry) counts nothing.
    expect(ok(await request(moderator.socket, 'floor:give', { ...ref, participantId: ben!.participantId })).turns).toBe(1);
    clock.advance(90_000);
    ok(await request(w.facilitator, 'floor:give', { ...ref, participantId: ana!.participantId }));
    ok(await request(ana!.socket, 'hand:raise', ref));
    ok(await request(ana!.socket, 'hand:lower', ref));

    // A participant's snapshot carries their own sala's turns only; the facilitator's, every sala's.
    const mine = ok(await request(ana!.socket, 'session:sync', {}));
    expect(Object.keys(mine.turns)).toEqual([salaA!.id]);
    expect(mine.turns[salaA!.id]).toMatchObject({ floor: { participantId: ana!.participantId }, turns: 2, timer: null, queue: [] });
    expect(Object.keys(ok(await request(w.facilitator, 'session:sync', {})).turns).sort()).toEqual(w.salas.map((s) => s.id).sort());
    expect(outsiderGotTurns).toBe(false);

    const response = await fetch(`${w.url}/api/sessions/${w.session.id}/report.json`, {
      headers: { authorization: `Bearer ${w.session.facilitatorToken}` },
    });
    const report = (await response.json()) as SessionReport;
    const salas = report.breakouts[0]!.salas;
    expect(salas.find((s) => s.id === salaA!.id)!.turns).toBe(2);
    expect(salas.find((s) => s.id === salaB!.id)!.turns).toBe(0);
    expect(JSON.stringify(report.breakouts)).not.toContain(ben!.participantId);
  });

  it('refuses the wrong role, another sala, malformed and oversized payloads, and floods, changing nothing', async () => {
    server = await startServer();
    const w = await formedSalas(server.url, 10, track);
    const [salaA, salaB] = w.salas;
    const ref = { activityId: w.breakout.id, salaId: salaA!.id };
    const moderator = w.roles.moderator.get(salaA!.id)!;
    const secretary = w.roles.secretary.get(salaA!.id)!;
    const [ana, ben, cam] = w.plain.get(salaA!.id)!;
    const outsider = w.plain.get(salaB!.id)![0]!;
    ok(await request(ana!.socket, 'hand:raise', ref));
    ok(await request(moderator.socket, 'floor:give', { ...ref, participantId: ana!.participantId }));
    const before = await storedTurns(w);
    const refused = (code: string) => ({ ok: false, error: { code, message: expect.any(String) } });

    // Wrong role: members and the secretary do not run the turns; only moderator and secretary call.
    expect(await request(ben!.socket, 'floor:give', { ...ref, participantId: ben!.participantId })).toMatchObject(refused('ROLE_REQUIRED'));
    expect(await request(secretary.socket, 'turn:timer', { ...ref, action: 'start' })).toMatchObject(refused('ROLE_REQUIRED'));
    expect(await request(ben!.socket, 'hand:lower', { ...ref, participantId: ana!.participantId })).toMatchObject(refused('ROLE_REQUIRED'));
    expect(await request(ben!.socket, 'facilitator:call', ref)).toMatchObject(refused('ROLE_REQUIRED'));
    expect(await request(moderator.socket, 'facilitator:acknowledge', ref)).toMatchObject(refused('FORBIDDEN'));
    expect(await request(w.facilitator, 'hand:raise', ref)).toMatchObject(refused('NOT_JOINED'));
    const anonymous = await connect(w.url);
    track(anonymous);
    expect(await request(anonymous, 'hand:raise', ref)).toMatchObject(refused('NOT_JOINED'));
    // Another sala: no hand there, no floor to someone outside it.
    expect(await request(outsider.socket, 'hand:raise', ref)).toMatchObject(refused('NOT_IN_SALA'));
    expect(await request(moderator.socket, 'floor:give', { ...ref, participantId: outsider.participantId })).toMatchObject(
      refused('NOT_IN_SALA'),
    );
    expect(await request(moderator.socket, 'floor:give', { ...ref, salaId: salaB!.id, participantId: null })).toMatchObject(
      refused('NOT_IN_SALA'),
    );
    expect(await request(ana!.socket, 'hand:raise', { ...ref, salaId: 'no-such-sala' })).toMatchObject(refused('SALA_NOT_FOUND'));
    expect(await request(ana!.socket, 'hand:raise', { ...ref, activityId: 'no-such-activity' })).toMatchObject(
      refused('ACTIVITY_NOT_FOUND'),
    );
    // Malformed and oversized.
    const malformed: unknown[] = [
      { activityId: w.breakout.id },
      { ...ref, extra: true },
      { ...ref, salaId: 7 },
      { ...ref, salaId: 'x'.repeat(10_000) },
    ];
    for (const payload of malformed) {
      expect(await request(ana!.socket, 'hand:raise', payload as never)).toMatchObject(refused('VALIDATION_FAILED'));
    }
    for (const seconds of [LIMITS.turnSecondsMin - 1, LIMITS.turnSecondsMax + 1, 1.5]) {
      expect(await request(moderator.socket, 'turn:timer', { ...ref, action: 'start', seconds })).toMatchObject(
        refused('VALIDATION_FAILED'),
      );
    }
    expect(await request(moderator.socket, 'turn:timer', { ...ref, action: 'pause' } as never)).toMatchObject(refused('VALIDATION_FAILED'));
    expect(await request(moderator.socket, 'floor:give', ref as never)).toMatchObject(refused('VALIDATION_FAILED'));
    expect(await storedTurns(w)).toEqual(before);

    // Too many requests: a hand up and down more often than allowed is refused, and stores nothing.
    for (let i = 0; i < LIMITS.handTogglesPerMinute; i++) ok(await request(cam!.socket, i % 2 === 0 ? 'hand:raise' : 'hand:lower', ref));
    const settled = await storedTurns(w);
    expect(await request(cam!.socket, 'hand:raise', ref)).toMatchObject(refused('RATE_LIMITED'));
    expect(await storedTurns(w)).toEqual(settled);
    for (let i = 0; i < LIMITS.facilitatorCallsPer10Minutes; i++) ok(await request(secretary.socket, 'facilitator:call', ref));
    const called = await storedTurns(w);
    expect(await request(secretary.socket, 'facilitator:call', ref)).toMatchObject(refused('RATE_LIMITED'));
    expect(await storedTurns(w)).toEqual(called);
  });

  it('lets the moderator or secretary call the facilitator, who sees which sala and when until acknowledging it', async () => {
    const clock = new ManualClock();
    server = await startServer({ now: clock.now });
    const w = await formedSalas(server.url, 10, track);
    const sala = w.salas[1]!;
    const ref = { activityId: w.breakout.id, salaId: sala.id };
    const seen = nextEvent(w.facilitator, 'turns:updated', (v) => v.salaId === sala.id && v.call !== null);
    const calledAt = clock.ms;
    ok(await request(w.roles.secretary.get(sala.id)!.socket, 'facilitator:call', ref));
    expect((await seen).call).toEqual({ at: calledAt, role: 'secretary' });
    clock.advance(30_000);
    // A second call while one waits keeps the first (its time is when help was first asked).
    expect(ok(await request(w.roles.moderator.get(sala.id)!.socket, 'facilitator:call', ref)).call).toEqual({
      at: calledAt,
      role: 'secretary',
    });
    expect(ok(await request(w.facilitator, 'facilitator:acknowledge', ref)).call).toBeNull();
    expect((await storedTurns(w))[sala.id]!.call).toBeNull();
  });

  it('keeps the queue, the floor and the count through kill -9', async () => {
    const dataDir = tempDataDir();
    proc = await startServerProcess(dataDir);
    const w = await formedSalas(proc.url, 6, track);
    const sala = w.salas[0]!;
    const ref = { activityId: w.breakout.id, salaId: sala.id };
    const moderator = w.roles.moderator.get(sala.id)!;
    const members = [...w.plain.get(sala.id)!, w.roles.secretary.get(sala.id)!];
    for (const m of members) ok(await request(m.socket, 'hand:raise', ref));
    ok(await request(moderator.socket, 'floor:give', { ...ref, participantId: members[0]!.participantId }));
    ok(await request(moderator.socket, 'turn:timer', { ...ref, action: 'start' }));
    const before = await storedTurns(w, proc.url);
    expect(before[sala.id]).toMatchObject({ turns: 1, queue: members.slice(1).map((m) => m.participantId) });
    proc.child.kill('SIGKILL');
    await exited(proc.child);
    for (const s of sockets) s.close();
    sockets = [];

    proc = await startServerProcess(dataDir);
    expect(await storedTurns(w, proc.url)).toEqual(before);
    const facilitator = await connectFacilitator(proc.url, w.session);
    track(facilitator);
    ok(await request(facilitator, 'floor:give', { ...ref, participantId: members[1]!.participantId }));
    expect((await storedTurns(w, proc.url))[sala.id]).toMatchObject({ turns: 2, floor: { participantId: members[1]!.participantId } });
  });
});
