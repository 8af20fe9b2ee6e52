import { afterEach, describe, expect, it } from 'vitest';
import type { SynthesisContent, SynthesisView } from '../../shared/types.ts';
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

const notes = (text: string): SynthesisContent => ({ fields: { experiencias: text }, support: [] });
let counter = 0;
const saveId = () => `note-${process.pid}-${counter++}`;

async function stored(w: FormedSalas, url = w.url): Promise<SynthesisView | undefined> {
  return (await getSession(url, w.session)).syntheses[w.synthesis.id];
}

describe('the secretary’s notebook during the conversation', () => {
  it('takes notes from the forming of the salas, refuses anyone else and a submission, and the writing step submits them', async () => {
    server = await startServer();
    const w = await formedSalas(server.url, 10, track);
    ok(await request(w.facilitator, 'breakout:timer', { activityId: w.breakout.id, action: 'start' }));
    const sala = w.salas[0]!;
    const secretary = w.roles.secretary.get(sala.id)!;
    const moderator = w.roles.moderator.get(sala.id)!;
    const member = w.plain.get(sala.id)![0]!;
    const save = (baseVersion: number, text: string) => ({
      activityId: w.synthesis.id,
      salaId: sala.id,
      baseVersion,
      clientSaveId: saveId(),
      content: notes(text),
    });

    // The synthesis is in every snapshot from the forming of the salas, before its step.
    expect(await stored(w)).toMatchObject({ phase: 'pending' });
    const memberSaw = nextEvent(member.socket, 'synthesis:updated', (v) => v.salas.some((s) => s.salaId === sala.id && s.version === 1));
    const first = ok(await request(secretary.socket, 'synthesis:save', save(0, 'Pausas activas')));
    expect(first.phase).toBe('pending');
    const mine = first.salas.find((s) => s.salaId === sala.id)!;
    expect(mine).toMatchObject({ version: 1, content: notes('Pausas activas') });
    expect(mine.firstSavedAt).toBe(mine.updatedAt);
    expect((await memberSaw).salas.find((s) => s.salaId === sala.id)!.content).toEqual(notes('Pausas activas'));

    const before = await stored(w);
    for (const who of [moderator, member]) {
      expect(await request(who.socket, 'synthesis:save', save(1, 'Intruso'))).toMatchObject({
        ok: false,
        error: { code: 'NOT_SECRETARY' },
      });
    }
    expect(await request(secretary.socket, 'synthesis:submit', { activityId: w.synthesis.id, salaId: sala.id, version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', message: expect.stringContaining('paso de escritura') },
    });
    expect(await stored(w)).toEqual({ ...before, timer: { ...before!.timer, serverNow: expect.any(Number) } });

    // The synthesis step ("finish and submit") starts from the notes and submits them.
    ok(await request(w.facilitator, 'agenda:goto', { activityId: w.synthesis.id }));
    const writing = ok(await request(w.facilitator, 'synthesis:timer', { activityId: w.synthesis.id, action: 'start' }));
    expect(writing.phase).toBe('writing');
    expect(writing.salas.find((s) => s.salaId === sala.id)).toMatchObject({ version: 1, content: notes('Pausas activas') });
    const submitted = ok(await request(secretary.socket, 'synthesis:submit', { activityId: w.synthesis.id, salaId: sala.id, version: 1 }));
    expect(submitted.salas.find((s) => s.salaId === sala.id)!.submittedAt).not.toBeNull();
  });

  it('hands the same document to a new secretary mid-conversation', async () => {
    server = await startServer();
    const w = await formedSalas(server.url, 10, track);
    const sala = w.salas[0]!;
    const first = w.roles.secretary.get(sala.id)!;
    const next = w.plain.get(sala.id)![0]!;
    const ref = { activityId: w.synthesis.id, salaId: sala.id };
    ok(await request(first.socket, 'synthesis:save', { ...ref, baseVersion: 0, clientSaveId: saveId(), content: notes('Primera parte') }));
    ok(await request(first.socket, 'role:release', { activityId: w.breakout.id, salaId: sala.id, role: 'secretary' }));
    const claimed = ok(await request(next.socket, 'role:claim', { activityId: w.breakout.id, salaId: sala.id, role: 'secretary' }));
    expect(claimed.salas.find((s) => s.id === sala.id)!.roles.secretary).toBe(next.participantId);
    const snapshot = ok(await request(next.socket, 'session:sync', {}));
    expect(snapshot.syntheses[w.synthesis.id]!.salas.find((s) => s.salaId === sala.id)!.content).toEqual(notes('Primera parte'));
    const taken = ok(
      await request(next.socket, 'synthesis:save', {
        ...ref,
        baseVersion: 1,
        clientSaveId: saveId(),
        content: notes('Primera parte; segunda'),
      }),
    );
    expect(taken.salas.find((s) => s.salaId === sala.id)).toMatchObject({ version: 2, content: notes('Primera parte; segunda') });
    expect(
      await request(first.socket, 'synthesis:save', { ...ref, baseVersion: 2, clientSaveId: saveId(), content: notes('Ya no') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_SECRETARY' },
    });
  });

  it('keeps the notes through kill -9, and the synthesis step then submits them', async () => {
    const dataDir = tempDataDir();
    proc = await startServerProcess(dataDir);
    const w = await formedSalas(proc.url, 6, track);
    ok(await request(w.facilitator, 'breakout:timer', { activityId: w.breakout.id, action: 'start' }));
    const sala = w.salas[0]!;
    const secretary = w.roles.secretary.get(sala.id)!;
    const ref = { activityId: w.synthesis.id, salaId: sala.id };
    let version = 0;
    for (const text of ['Uno', 'Uno, dos', 'Uno, dos, tres']) {
      version = ok(
        await request(secretary.socket, 'synthesis:save', { ...ref, baseVersion: version, clientSaveId: saveId(), content: notes(text) }),
      ).salas[0]!.version;
    }
    const firstSavedAt = (await stored(w, proc.url))!.salas[0]!.firstSavedAt;
    proc.child.kill('SIGKILL');
    await exited(proc.child);
    for (const s of sockets) s.close();
    sockets = [];

    proc = await startServerProcess(dataDir);
    const after = (await stored(w, proc.url))!;
    expect(after.phase).toBe('pending');
    expect(after.salas[0]).toMatchObject({ version: 3, content: notes('Uno, dos, tres'), firstSavedAt });
    const facilitator = await connectFacilitator(proc.url, w.session);
    track(facilitator);
    ok(await request(facilitator, 'synthesis:timer', { activityId: w.synthesis.id, action: 'start' }));
    const socket = await connect(proc.url);
    track(socket);
    ok(await request(socket, 'session:join', { code: w.session.code, participantToken: secretary.participantToken }));
    const submitted = ok(await request(socket, 'synthesis:submit', { ...ref, version: 3 }));
    expect(submitted.salas[0]!.submittedAt).not.toBeNull();
  });
});
