import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { QA_LIMITS, type QaBoard } from '../../shared/qa.ts';
import type { QaQuestionReport, SessionReport } from '../../shared/report.ts';
import type { CreatedSession, ParticipantSnapshot } from '../../shared/types.ts';
import { ManualClock } from './support/clock.ts';
import { exited, startServerProcess } from './support/process.ts';
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
  tempDataDir,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';

let server: TestServer;
/** The in-process server still to close after the test (the kill -9 test runs its own process). */
let running: TestServer | null = null;
let session: CreatedSession;
let sockets: ClientSocket[] = [];
const track = <T extends ClientSocket>(s: T): T => (sockets.push(s), s);

afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await running?.close();
  running = null;
});

/** A session whose agenda is imported: a slide, then the Q&A activity (settings as given). */
async function start(qa: { moderated?: boolean; openAllSession?: boolean } = {}, options: { now?: () => number; dataDir?: string } = {}) {
  server = await startServer(options);
  running = server;
  const agenda = {
    format: 'plenario-agenda',
    version: 1,
    title: 'Preguntas',
    activities: [
      { kind: 'content', title: 'Bienvenida', bullets: [] },
      { kind: 'qa', title: '¿Qué preguntas tienen?', maxLength: 60, moderated: false, openAllSession: false, ...qa },
    ],
  };
  session = await createSession(server.url, { title: 'Taller con preguntas', agenda });
  const facilitator = track(await connectFacilitator(server.url, session));
  const snapshot = await facilitator.snapshot;
  const [slide, activity] = snapshot.session.agenda;
  return { facilitator, slideId: slide!.id, qaId: activity!.id };
}

async function joined(displayName?: string): Promise<ClientSocket & { snapshot: ParticipantSnapshot }> {
  const socket = track(await connect(server.url));
  const result = ok(await request(socket, 'session:join', { code: session.code, ...(displayName ? { displayName } : {}) }));
  return Object.assign(socket, { snapshot: result.snapshot });
}

let n = 0;
const clientId = () => `question-${n++}-${Date.now()}`;

function stored(): { questions: number; votes: number; highlights: number } {
  const count = (table: string) => (server.app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { questions: count('qa_questions'), votes: count('qa_votes'), highlights: count('qa_highlights') };
}

async function report(): Promise<QaQuestionReport> {
  const response = await fetch(`${server.url}/api/sessions/${session.id}/report.json`, {
    headers: { authorization: `Bearer ${session.facilitatorToken}` },
  });
  expect(response.status).toBe(200);
  const entry = ((await response.json()) as SessionReport).questions.find((q) => q.kind === 'qa');
  if (entry?.kind !== 'qa') throw new Error('no qa entry in the report');
  return entry;
}

describe('questions from the room', () => {
  it('counts questions and votes exactly, live on the console and in the report, and keeps them through a restart', async () => {
    const dataDir = tempDataDir();
    const { facilitator, qaId } = await start({}, { dataDir });
    ok(await request(facilitator, 'agenda:goto', { activityId: qaId }));
    const [ana, beto, carla] = [await joined('Ana'), await joined(), await joined()];

    const first = ok(
      await request(ana, 'qa:ask', { activityId: qaId, clientQuestionId: clientId(), text: '  ¿Habrá formación?  ', named: true }),
    );
    expect(first.questions).toMatchObject([{ text: '¿Habrá formación?', author: 'Ana', status: 'shown', votes: 0 }]);
    const anonymous = ok(
      await request(ana, 'qa:ask', { activityId: qaId, clientQuestionId: clientId(), text: '¿Y los tiempos?', named: false }),
    );
    const betoAsks = ok(
      await request(beto, 'qa:ask', { activityId: qaId, clientQuestionId: clientId(), text: '¿Quién coordina?', named: false }),
    );
    const [formation, times] = anonymous.questions.map((q) => q.id);
    const coordination = betoAsks.questions[0]!.id;
    expect(anonymous.questions[1]!.author).toBeNull();

    ok(await request(beto, 'qa:vote', { activityId: qaId, questionId: formation!, voted: true }));
    ok(await request(carla, 'qa:vote', { activityId: qaId, questionId: formation!, voted: true }));
    ok(await request(carla, 'qa:vote', { activityId: qaId, questionId: times!, voted: true }));
    const carlaMine = ok(await request(carla, 'qa:vote', { activityId: qaId, questionId: coordination, voted: true }));
    expect(carlaMine.votedIds.sort()).toEqual([formation, times, coordination].sort());
    ok(await request(carla, 'qa:vote', { activityId: qaId, questionId: coordination, voted: false }));
    ok(await request(facilitator, 'qa:answered', { activityId: qaId, questionId: times!, answered: true }));

    const phoneBoard = await nextEvent(carla, 'qa:updated', (b) => b.questions.some((q) => q.answered));
    expect(phoneBoard.questions.map((q) => [q.text, q.votes, q.answered])).toEqual([
      ['¿Habrá formación?', 2, false],
      ['¿Y los tiempos?', 1, true],
      ['¿Quién coordina?', 0, false],
    ]);
    expect(stored()).toEqual({ questions: 3, votes: 3, highlights: 0 });

    expect(await report()).toMatchObject({
      kind: 'qa',
      respondents: 2,
      questions: [
        { text: '¿Habrá formación?', votes: 2, answered: false },
        { text: '¿Y los tiempos?', votes: 1, answered: true },
        { text: '¿Quién coordina?', votes: 0, answered: false },
      ],
      hiddenCount: 0,
      pendingCount: 0,
    });

    for (const s of sockets.splice(0)) s.close();
    await server.close({ keepData: true });
    running = null;
    server = await startServer({ dataDir });
    running = server;
    const back = track(await connect(server.url));
    const again = ok(await request(back, 'session:join', { code: session.code })).snapshot;
    expect(again.qa[qaId]!.questions.map((q) => q.votes)).toEqual([2, 1, 0]);
    expect((await getSession(server.url, session)).qa[qaId]!.questions).toHaveLength(3);
  });

  it('takes one vote per person per question, never on their own, and lets it be withdrawn', async () => {
    const { facilitator, qaId } = await start();
    ok(await request(facilitator, 'agenda:goto', { activityId: qaId }));
    const [asker, voter] = [await joined(), await joined()];
    const question = ok(await request(asker, 'qa:ask', { activityId: qaId, clientQuestionId: clientId(), text: '¿Una?', named: false }))
      .questions[0]!;

    for (let i = 0; i < 3; i++) ok(await request(voter, 'qa:vote', { activityId: qaId, questionId: question.id, voted: true }));
    expect(stored().votes).toBe(1);
    const own = await request(asker, 'qa:vote', { activityId: qaId, questionId: question.id, voted: true });
    expect(own).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const unknown = await request(voter, 'qa:vote', { activityId: qaId, questionId: 'no-such-question', voted: true });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(stored().votes).toBe(1);
    expect(ok(await request(voter, 'qa:vote', { activityId: qaId, questionId: question.id, voted: false })).votedIds).toEqual([]);
    expect(stored().votes).toBe(0);
    expect((await getSession(server.url, session)).qa[qaId]!.questions[0]!.votes).toBe(0);
  });

  it('shows a question only once approved; the asker sees it pending; hidden ones are counted in the report, never printed', async () => {
    const { facilitator, qaId } = await start({ moderated: true });
    ok(await request(facilitator, 'agenda:goto', { activityId: qaId }));
    const [asker, other] = [await joined(), await joined()];
    const mine = ok(await request(asker, 'qa:ask', { activityId: qaId, clientQuestionId: clientId(), text: '¿Pendiente?', named: false }));
    const questionId = mine.questions[0]!.id;
    expect(mine.questions[0]!.status).toBe('pending');
    const hiddenId = ok(await request(other, 'qa:ask', { activityId: qaId, clientQuestionId: clientId(), text: 'Ofensiva', named: false }))
      .questions[0]!.id;

    const console = await nextEvent(facilitator, 'qa:updated', (b) => b.questions.length === 2);
    expect(console.questions.map((q) => q.status)).toEqual(['pending', 'pending']);
    const late = await joined();
    expect(late.snapshot.qa[qaId]!.questions).toEqual([]);
    expect(late.snapshot.myQa[qaId]!.questions).toEqual([]);
    expect((await request(other, 'qa:vote', { activityId: qaId, questionId, voted: true })).ok).toBe(false);

    const told = nextEvent(asker, 'qa:mine', (m) => m.questions[0]?.status === 'shown');
    const everyone = nextEvent(other, 'qa:updated', (b: QaBoard) => b.questions.some((q) => q.id === questionId));
    ok(await request(facilitator, 'qa:status', { activityId: qaId, questionId, status: 'shown' }));
    await told;
    await everyone;
    ok(await request(other, 'qa:vote', { activityId: qaId, questionId, voted: true }));

    ok(await request(facilitator, 'qa:status', { activityId: qaId, questionId: hiddenId, status: 'shown' }));
    ok(await request(facilitator, 'qa:highlight', { activityId: qaId, questionId: hiddenId }));
    expect(stored().highlights).toBe(1);
    const board = ok(await request(facilitator, 'qa:status', { activityId: qaId, questionId: hiddenId, status: 'hidden' }));
    expect(board.highlightedId).toBeNull();
    expect(stored().highlights).toBe(0);
    const notShown = await request(facilitator, 'qa:highlight', { activityId: qaId, questionId: hiddenId });
    expect(notShown).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    await eventually(async () => (await getSession(server.url, session)).qa[qaId]!.highlightedId === null);
    const phone = await joined();
    expect(phone.snapshot.qa[qaId]!.questions.map((q) => q.text)).toEqual(['¿Pendiente?']);

    const entry = await report();
    expect(entry).toMatchObject({ moderated: true, questions: [{ text: '¿Pendiente?', votes: 1, answered: false }], hiddenCount: 1 });
    expect(JSON.stringify(entry)).not.toContain('Ofensiva');
  });

  it('takes questions only while the activity is on screen, unless it is open all session', async () => {
    const { facilitator, qaId, slideId } = await start();
    const phone = await joined();
    const ask = () => request(phone, 'qa:ask', { activityId: qaId, clientQuestionId: clientId(), text: '¿Ahora?', named: false });
    expect(await ask()).toMatchObject({ ok: false, error: { code: 'ANSWERING_CLOSED' } });
    ok(await request(facilitator, 'agenda:goto', { activityId: qaId }));
    ok(await ask());
    ok(await request(facilitator, 'agenda:goto', { activityId: slideId }));
    expect(await ask()).toMatchObject({ ok: false, error: { code: 'ANSWERING_CLOSED' } });
    expect(stored().questions).toBe(1);

    await server.close();
    running = null;
    const open = await start({ openAllSession: true });
    const anytime = await joined();
    ok(await request(anytime, 'qa:ask', { activityId: open.qaId, clientQuestionId: clientId(), text: '¿Cuando sea?', named: false }));
    ok(await request(open.facilitator, 'session:close', {}));
    const closed = await request(anytime, 'qa:ask', {
      activityId: open.qaId,
      clientQuestionId: clientId(),
      text: '¿Cerrada?',
      named: false,
    });
    expect(closed).toMatchObject({ ok: false, error: { code: 'SESSION_CLOSED' } });
    expect(stored().questions).toBe(1);
  });

  it('refuses every malformed question, vote and moderation with VALIDATION_FAILED, storing nothing', async () => {
    const { facilitator, qaId } = await start();
    ok(await request(facilitator, 'agenda:goto', { activityId: qaId }));
    const phone = await joined();
    const author = await joined();
    const questionId = ok(await request(author, 'qa:ask', { activityId: qaId, clientQuestionId: clientId(), text: '¿Base?', named: false }))
      .questions[0]!.id;
    const before = stored();
    const ask = { activityId: qaId, clientQuestionId: 'abcdefgh-1', text: '¿Bien?', named: false };
    const badAsks: unknown[] = [
      undefined,
      null,
      'texto',
      {},
      { ...ask, text: '' },
      { ...ask, text: '     ' },
      { ...ask, text: 'x'.repeat(61) },
      { ...ask, text: 'x'.repeat(5000) },
      { ...ask, text: 42 },
      { ...ask, named: 'sí' },
      { ...ask, clientQuestionId: 'short' },
      { ...ask, clientQuestionId: 'no spaces allowed' },
      { ...ask, activityId: '' },
      { ...ask, extra: true },
      (({ named: _named, ...rest }) => rest)(ask),
    ];
    for (const payload of badAsks) {
      const ack = await phone.emitWithAck('qa:ask', payload as never);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const vote = { activityId: qaId, questionId, voted: true };
    const badVotes: unknown[] = [
      {},
      { ...vote, voted: 1 },
      { ...vote, questionId: '../x' },
      { ...vote, extra: 1 },
      { activityId: qaId, questionId },
    ];
    for (const payload of badVotes) {
      const ack = await phone.emitWithAck('qa:vote', payload as never);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const badModeration: Array<['qa:status' | 'qa:answered' | 'qa:highlight', unknown]> = [
      ['qa:status', { activityId: qaId, questionId, status: 'pending' }],
      ['qa:status', { activityId: qaId, questionId }],
      ['qa:answered', { activityId: qaId, questionId, answered: 'yes' }],
      ['qa:highlight', { activityId: qaId }],
      ['qa:highlight', { activityId: qaId, questionId: 7 }],
    ];
    for (const [event, payload] of badModeration) {
      const ack = await facilitator.emitWithAck(event, payload as never);
      expect(ack, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(stored()).toEqual(before);
    expect((await getSession(server.url, session)).qa[qaId]!.questions.map((q) => [q.votes, q.answered, q.status])).toEqual([
      [0, false, 'shown'],
    ]);
  });

  it('refuses moderation to participants, questions to facilitators and anyone who has not joined', async () => {
    const { facilitator, qaId } = await start();
    ok(await request(facilitator, 'agenda:goto', { activityId: qaId }));
    const phone = await joined();
    const questionId = ok(await request(phone, 'qa:ask', { activityId: qaId, clientQuestionId: clientId(), text: '¿Rol?', named: false }))
      .questions[0]!.id;
    const before = stored();
    const ref = { activityId: qaId, questionId };
    expect(await request(phone, 'qa:status', { ...ref, status: 'hidden' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await request(phone, 'qa:answered', { ...ref, answered: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await request(phone, 'qa:highlight', ref)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const asked = { activityId: qaId, clientQuestionId: clientId(), text: '¿Yo?', named: false };
    expect(await request(facilitator, 'qa:ask', asked)).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    expect(await request(facilitator, 'qa:vote', { ...ref, voted: true })).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    const stranger = track(await connect(server.url));
    expect(await request(stranger, 'qa:ask', asked)).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    expect(await request(stranger, 'qa:status', { ...ref, status: 'hidden' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const wrongActivity = await request(facilitator, 'qa:status', { activityId: 'no-such-activity', questionId, status: 'hidden' });
    expect(wrongActivity).toMatchObject({ ok: false, error: { code: 'ACTIVITY_NOT_FOUND' } });
    expect(stored()).toEqual(before);
  });

  it('answers a participant asking too fast RATE_LIMITED, storing nothing, and takes questions again a minute later', async () => {
    const clock = new ManualClock();
    const { facilitator, qaId } = await start({}, { now: clock.now });
    ok(await request(facilitator, 'agenda:goto', { activityId: qaId }));
    const phone = await joined();
    const other = await joined();
    const ask = (socket: ClientSocket, id = clientId()) =>
      request(socket, 'qa:ask', { activityId: qaId, clientQuestionId: id, text: `¿Pregunta ${id}?`, named: false });
    const retried = clientId();
    for (let i = 0; i < QA_LIMITS.questionsPerMinute; i++) ok(await ask(phone, i === 0 ? retried : undefined));
    // A retry of a stored question costs nothing and stores nothing.
    expect(ok(await ask(phone, retried)).questions).toHaveLength(QA_LIMITS.questionsPerMinute);
    expect(await ask(phone)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(stored().questions).toBe(QA_LIMITS.questionsPerMinute);
    ok(await ask(other));
    clock.advance(60_000);
    ok(await ask(phone));
    expect(stored().questions).toBe(QA_LIMITS.questionsPerMinute + 2);
  });

  it('keeps every acknowledged question, vote, status and the projected question through kill -9 and a restart', async () => {
    const dataDir = tempDataDir();
    let child = await startServerProcess(dataDir);
    try {
      const agenda = {
        format: 'plenario-agenda',
        version: 1,
        title: 'Preguntas',
        activities: [{ kind: 'qa', title: '¿Preguntas?', maxLength: 80, moderated: true, openAllSession: true }],
      };
      session = await createSession(child.url, { title: 'Durable', agenda });
      const facilitator = track(await connectFacilitator(child.url, session));
      const qaId = (await facilitator.snapshot).session.agenda[0]!.id;
      const askers: ClientSocket[] = [];
      for (let i = 0; i < 4; i++) {
        const socket = track(await connect(child.url));
        ok(await request(socket, 'session:join', { code: session.code }));
        askers.push(socket);
      }
      const ids: string[] = [];
      for (const [i, socket] of askers.entries()) {
        const mine = ok(
          await request(socket, 'qa:ask', { activityId: qaId, clientQuestionId: `durable-${i}-x`, text: `¿Pregunta ${i}?`, named: false }),
        );
        ids.push(mine.questions[0]!.id);
      }
      for (const id of ids.slice(0, 3)) ok(await request(facilitator, 'qa:status', { activityId: qaId, questionId: id, status: 'shown' }));
      ok(await request(askers[1]!, 'qa:vote', { activityId: qaId, questionId: ids[0]!, voted: true }));
      ok(await request(askers[2]!, 'qa:vote', { activityId: qaId, questionId: ids[0]!, voted: true }));
      ok(await request(facilitator, 'qa:answered', { activityId: qaId, questionId: ids[1]!, answered: true }));
      ok(await request(facilitator, 'qa:highlight', { activityId: qaId, questionId: ids[0]! }));
      const before = (await getSession(child.url, session)).qa[qaId];

      child.child.kill('SIGKILL');
      await exited(child.child);
      for (const s of sockets.splice(0)) s.close();
      child = await startServerProcess(dataDir);
      const after = (await getSession(child.url, session)).qa[qaId];
      expect(after).toEqual(before);
      expect(after!.questions.map((q) => [q.votes, q.status, q.answered])).toEqual([
        [2, 'shown', false],
        [0, 'shown', true],
        [0, 'shown', false],
        [0, 'pending', false],
      ]);
      expect(after!.highlightedId).toBe(ids[0]);
    } finally {
      child.child.kill('SIGKILL');
      await exited(child.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
