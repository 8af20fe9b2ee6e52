import { nanoid } from 'nanoid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedSession, OpenActivity, OpenResults } from '../../shared/types.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  getSession,
  nextEvent,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';

let server: TestServer;
let session: CreatedSession;
let sockets: ClientSocket[] = [];
const track = <T extends ClientSocket>(s: T): T => (sockets.push(s), s);

/**
 * No template has an open question yet and agendas cannot be edited over the API until the
 * agenda editor exists, so the test appends one to the stored agenda before the session loads.
 */
function appendOpenQuestion(overrides: Partial<OpenActivity> = {}): OpenActivity {
  const activity: OpenActivity = {
    id: nanoid(),
    kind: 'open',
    title: 'En una palabra, ¿con qué te quedas?',
    maxLength: 80,
    maxPerPerson: 3,
    display: 'cloud',
    ...overrides,
  };
  server.app.db
    .prepare('INSERT INTO activities (id, session_id, position, kind, spec) VALUES (?, ?, 1000, ?, ?)')
    .run(activity.id, session.id, 'open', JSON.stringify(activity));
  return activity;
}

beforeEach(async () => {
  server = await startServer();
  session = await createSession(server.url);
});
afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server.close();
});

let n = 0;
const id = () => `open-${Date.now()}-${n++}`;

async function joined(): Promise<ClientSocket> {
  const socket = track(await connect(server.url));
  ok(await request(socket, 'session:join', { code: session.code }));
  return socket;
}

describe('open answers', () => {
  it('counts words for the cloud with Spanish stop-words out and case and accents folded', async () => {
    const open = appendOpenQuestion();
    const facilitator = track(await connectFacilitator(server.url, session));
    await facilitator.snapshot;
    ok(await request(facilitator, 'agenda:goto', { activityId: open.id }));
    const [a, b, c] = [await joined(), await joined(), await joined()];
    ok(
      await request(a, 'answer:submit', {
        activityId: open.id,
        clientAnswerId: id(),
        value: { kind: 'open', texts: ['Contención emocional', 'Escucha'] },
      }),
    );
    ok(
      await request(b, 'answer:submit', {
        activityId: open.id,
        clientAnswerId: id(),
        value: { kind: 'open', texts: ['la contencion de los equipos'] },
      }),
    );
    ok(
      await request(c, 'answer:submit', {
        activityId: open.id,
        clientAnswerId: id(),
        value: { kind: 'open', texts: ['CONTENCIÓN y escucha'] },
      }),
    );
    const results = (await getSession(server.url, session)).results[open.id] as OpenResults;
    expect(results.respondents).toBe(3);
    expect(results.answers.map((x) => x.text)).toEqual([
      'CONTENCIÓN y escucha',
      'la contencion de los equipos',
      'Escucha',
      'Contención emocional',
    ]);
    // "Contención" shows: written with its accent, and not in capitals.
    expect(results.words).toEqual([
      { word: 'Contención', count: 3 },
      { word: 'escucha', count: 2 },
      { word: 'emocional', count: 1 },
      { word: 'equipos', count: 1 },
    ]);

    // Changing one's answers replaces them in the cloud.
    ok(await request(c, 'answer:submit', { activityId: open.id, clientAnswerId: id(), value: { kind: 'open', texts: ['redes'] } }));
    const changed = (await getSession(server.url, session)).results[open.id] as OpenResults;
    expect(changed.respondents).toBe(3);
    expect(changed.words.find((w) => w.word.toLowerCase().startsWith('contenc'))!.count).toBe(2);
    expect(changed.words.find((w) => w.word === 'redes')!.count).toBe(1);
  });

  it('lets the facilitator hide an answer from participants and the cloud, keeping it', async () => {
    const open = appendOpenQuestion();
    const facilitator = track(await connectFacilitator(server.url, session));
    await facilitator.snapshot;
    ok(await request(facilitator, 'agenda:goto', { activityId: open.id }));
    ok(await request(facilitator, 'display:set', { resultsVisible: true }));
    const [a, b] = [await joined(), await joined()];
    ok(
      await request(a, 'answer:submit', {
        activityId: open.id,
        clientAnswerId: id(),
        value: { kind: 'open', texts: ['<script>alert(1)</script> insulto'] },
      }),
    );
    ok(await request(b, 'answer:submit', { activityId: open.id, clientAnswerId: id(), value: { kind: 'open', texts: ['Bienestar'] } }));
    const before = (await getSession(server.url, session)).results[open.id] as OpenResults;
    const offending = before.answers.find((x) => x.text.startsWith('<script>'))!;
    // Stored and sent as plain text, exactly as typed: screens render it as text.
    expect(offending.text).toBe('<script>alert(1)</script> insulto');

    const participantSaw = nextEvent(
      b,
      'results:updated',
      (u) => u.activityId === open.id && u.results.kind === 'open' && !u.results.answers.some((x) => x.id === offending.id),
    );
    const hidden = ok(await request(facilitator, 'answer:hide', { activityId: open.id, answerId: offending.id, hidden: true }));
    expect(hidden.kind === 'open' && hidden.answers.find((x) => x.id === offending.id)?.hidden).toBe(true);
    const seen = (await participantSaw).results as OpenResults;
    expect(seen.words.some((w) => w.word === 'insulto')).toBe(false);

    // Hidden survives a restart; showing it again restores it.
    await server.close({ keepData: true });
    server = await startServer({ dataDir: server.dataDir });
    const reloaded = (await getSession(server.url, session)).results[open.id] as OpenResults;
    expect(reloaded.answers.find((x) => x.id === offending.id)?.hidden).toBe(true);
    expect(reloaded.words.some((w) => w.word === 'insulto')).toBe(false);
    const again = track(await connectFacilitator(server.url, session));
    await again.snapshot;
    const shown = ok(await request(again, 'answer:hide', { activityId: open.id, answerId: offending.id, hidden: false }));
    expect(shown.kind === 'open' && shown.words.some((w) => w.word === 'insulto')).toBe(true);
  });

  it('refuses too many answers, over-long or empty ones, and hiding by participants, changing nothing', async () => {
    const open = appendOpenQuestion({ maxPerPerson: 2, maxLength: 20 });
    const facilitator = track(await connectFacilitator(server.url, session));
    await facilitator.snapshot;
    ok(await request(facilitator, 'agenda:goto', { activityId: open.id }));
    const p = await joined();
    ok(await request(p, 'answer:submit', { activityId: open.id, clientAnswerId: id(), value: { kind: 'open', texts: ['Pausas'] } }));
    const before = (await getSession(server.url, session)).results[open.id];
    for (const texts of [['uno', 'dos', 'tres'], ['x'.repeat(21)], ['   '], ['igual', 'igual']]) {
      expect(
        await request(p, 'answer:submit', { activityId: open.id, clientAnswerId: id(), value: { kind: 'open', texts } }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_ANSWER' } });
    }
    expect(
      await request(p, 'answer:submit', { activityId: open.id, clientAnswerId: id(), value: { kind: 'open', texts: [] } }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const answerId = (before as OpenResults).answers[0]!.id;
    expect(await request(p, 'answer:hide', { activityId: open.id, answerId, hidden: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await request(facilitator, 'answer:hide', { activityId: open.id, answerId: 'nope', hidden: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await getSession(server.url, session)).results[open.id]).toEqual(before);
  });
});
