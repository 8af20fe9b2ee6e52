import { afterEach, describe, expect, it } from 'vitest';
import { playQa } from '../../server/cli/demo-qa.ts';
import type { EmitArgs } from '../../shared/events.ts';
import type { SessionReport } from '../../shared/report.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  getSession,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';

let server: TestServer;
const sockets: ClientSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.close();
});

describe("the rehearsal's questions from the room", () => {
  it('asks, hides the off-topic one, approves the rest, upvotes others’ questions and answers the top two', async () => {
    server = await startServer();
    const agenda = {
      format: 'plenario-agenda',
      version: 1,
      title: 'Ensayo',
      activities: [{ kind: 'qa', title: '¿Qué preguntas tienen?', maxLength: 200, moderated: true, openAllSession: false }],
    };
    const session = await createSession(server.url, { title: 'Ensayo de preguntas', agenda });
    const facilitator = await connectFacilitator(server.url, session);
    sockets.push(facilitator);
    const activity = (await facilitator.snapshot).session.agenda[0]!;
    if (activity.kind !== 'qa') throw new Error('expected the qa activity');
    ok(await request(facilitator, 'agenda:goto', { activityId: activity.id }));
    const people = [];
    for (let index = 0; index < 8; index++) {
      const socket = await connect(server.url);
      sockets.push(socket);
      const displayName = index % 2 === 0 ? `Persona ${index + 1}` : null;
      ok(await request(socket, 'session:join', { code: session.code, ...(displayName ? { displayName } : {}) }));
      people.push({ index, socket, displayName });
    }
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const lines: string[] = [];

    const shown = await playQa(activity, {
      facilitator,
      people,
      call: async (socket, event, payload, what) => {
        const ack = await socket.emitWithAck(event, ...([payload] as EmitArgs<typeof event>));
        if (!ack.ok) throw new Error(`${what}: ${ack.error.code}`);
        return ack.data as never;
      },
      pace: 0,
      log: (line) => lines.push(line),
      random,
    });

    expect(shown).toBe(6);
    const board = (await getSession(server.url, session)).qa[activity.id]!;
    expect(board.highlightedId).toBeNull();
    expect(board.questions.filter((q) => q.status === 'hidden').map((q) => q.text)).toEqual(['Prueba prueba 123']);
    expect(board.questions.filter((q) => q.status === 'pending')).toEqual([]);
    const votes = board.questions.reduce((sum, q) => sum + q.votes, 0);
    expect(votes).toBeGreaterThanOrEqual(people.length);
    expect(votes).toBeLessThanOrEqual(3 * people.length);
    const response = await fetch(`${server.url}/api/sessions/${session.id}/report.json`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    const entry = ((await response.json()) as SessionReport).questions[0]!;
    expect(entry).toMatchObject({ kind: 'qa', hiddenCount: 1, pendingCount: 0 });
    if (entry.kind !== 'qa') throw new Error('expected the qa entry');
    expect(entry.questions).toHaveLength(6);
    // The two most voted were put up and answered.
    expect(entry.questions.slice(0, 2).every((q) => q.answered)).toBe(true);
    expect(entry.questions.filter((q) => q.answered)).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('En pantalla'))).toHaveLength(2);
  });
});
