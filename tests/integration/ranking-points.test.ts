import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionReport } from '../../shared/report.ts';
import type { AnswerValue, CreatedSession, PointsActivity, RankingActivity } from '../../shared/types.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  eventually,
  getSession,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';

const ALL_KINDS = JSON.parse(readFileSync(new URL('../../docs/examples/all-kinds.agenda.json', import.meta.url), 'utf8')) as unknown;

let server: TestServer;
let session: CreatedSession;
let sockets: ClientSocket[] = [];
let counter = 0;
const answerId = () => `answer-${counter++}-rp`;

const track = <T extends ClientSocket>(socket: T): T => {
  sockets.push(socket);
  return socket;
};

beforeEach(async () => {
  server = await startServer();
  session = await createSession(server.url, { title: 'Todas las actividades', agenda: ALL_KINDS });
});

afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server.close();
});

async function join() {
  const socket = track(await connect(server.url));
  const joined = ok(await request(socket, 'session:join', { code: session.code }));
  return { socket, token: joined.participantToken, participantId: joined.snapshot.participantId };
}

async function open<K extends 'ranking' | 'points'>(kind: K) {
  const facilitator = track(await connectFacilitator(server.url, session));
  const agenda = (await facilitator.snapshot).session.agenda;
  const activity = agenda.find((a) => a.kind === kind) as K extends 'ranking' ? RankingActivity : PointsActivity;
  ok(await request(facilitator, 'agenda:goto', { activityId: activity.id }));
  return activity;
}

const submit = (socket: ClientSocket, activityId: string, value: AnswerValue) =>
  request(socket, 'answer:submit', { activityId, clientAnswerId: answerId(), value });

async function report(): Promise<SessionReport> {
  const response = await fetch(`${server.url}/api/sessions/${session.id}/report.json`, {
    headers: { authorization: `Bearer ${session.facilitatorToken}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SessionReport;
}

/** Sends each bad value, expects VALIDATION_FAILED, then shows nothing was stored for that person. */
async function expectRefused(activityId: string, values: unknown[]) {
  const { socket, token } = await join();
  for (const value of values) {
    const ack = await submit(socket, activityId, value as AnswerValue);
    expect(ack, JSON.stringify(value)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  }
  const again = track(await connect(server.url));
  const rejoined = ok(await request(again, 'session:join', { code: session.code, participantToken: token }));
  expect(rejoined.snapshot.myAnswers[activityId]).toBeUndefined();
  expect((await getSession(server.url, session)).results[activityId]?.respondents ?? 0).toBe(0);
}

describe('ranking', () => {
  it('counts 12 rankings exactly, a change of mind included, in the live results and the report', async () => {
    const activity = await open('ranking');
    const ids = activity.items.map((item) => item.id);
    const people = await Promise.all(Array.from({ length: 12 }, () => join()));
    // Person i puts item i % 5 first, the others after it in agenda order.
    const orderOf = (i: number) => [ids[i % ids.length]!, ...ids.filter((_, j) => j !== i % ids.length)];
    for (const [i, person] of people.entries()) ok(await submit(person.socket, activity.id, { kind: 'ranking', order: orderOf(i) }));
    // Person 0 changes their mind: the reverse order.
    ok(await submit(people[0]!.socket, activity.id, { kind: 'ranking', order: [...ids].reverse() }));
    const orders = people.map((_, i) => (i === 0 ? [...ids].reverse() : orderOf(i)));

    const expected = Object.fromEntries(
      ids.map((id) => {
        const positions = ids.map((_, place) => orders.filter((o) => o[place] === id).length);
        const sum = orders.reduce((total, o) => total + o.indexOf(id) + 1, 0);
        return [id, { positions, meanPosition: Math.round((sum / orders.length) * 100) / 100 }];
      }),
    );
    await eventually(async () => (await getSession(server.url, session)).results[activity.id]?.respondents === 12);
    expect((await getSession(server.url, session)).results[activity.id]).toEqual({ kind: 'ranking', respondents: 12, items: expected });

    const question = (await report()).questions.find((q) => q.activityId === activity.id);
    expect(question).toMatchObject({ kind: 'ranking', n: 12, respondents: 12, places: 5 });
    if (question?.kind !== 'ranking') throw new Error('expected a ranking');
    for (const item of question.items) {
      expect(item.meanPosition).toBe(expected[item.id]!.meanPosition);
      expect(item.firstShare).toBeCloseTo(expected[item.id]!.positions[0]! / 12, 10);
      expect(item.label).toBe(activity.items.find((i) => i.id === item.id)!.label);
    }
    // Best first.
    const means = question.items.map((item) => item.meanPosition!);
    expect(means).toEqual([...means].sort((a, b) => a - b));
  });

  it('refuses every invalid order with VALIDATION_FAILED and stores nothing', async () => {
    const activity = await open('ranking');
    const ids = activity.items.map((item) => item.id);
    await expectRefused(activity.id, [
      { kind: 'ranking', order: ids.slice(0, 4) },
      { kind: 'ranking', order: [ids[0], ...ids.slice(0, 4)] },
      { kind: 'ranking', order: [...ids.slice(0, 4), 'no-such-item'] },
      { kind: 'ranking', order: [] },
      { kind: 'ranking', order: 'liderazgo' },
      { kind: 'ranking', order: [...ids, ...ids] },
      { kind: 'ranking', order: ids, extra: true },
      { kind: 'ranking' },
      { kind: 'ranking', order: [1, 2, 3, 4, 5] },
    ]);
  });
});

describe('points', () => {
  it('counts 10 splits exactly, a change of mind included, in the live results and the report', async () => {
    const activity = await open('points');
    const [a, b, c] = activity.items.map((item) => item.id) as [string, string, string];
    const people = await Promise.all(Array.from({ length: 10 }, () => join()));
    const splits = people.map((_, i) => (i % 2 === 0 ? { [a]: 100 } : { [a]: 40, [b]: 35, [c]: 25 }));
    for (const [i, person] of people.entries()) ok(await submit(person.socket, activity.id, { kind: 'points', points: splits[i]! }));
    ok(await submit(people[0]!.socket, activity.id, { kind: 'points', points: { [b]: 100 } }));
    splits[0] = { [b]: 100 };

    await eventually(async () => (await getSession(server.url, session)).results[activity.id]?.respondents === 10);
    const live = (await getSession(server.url, session)).results[activity.id];
    if (live?.kind !== 'points') throw new Error('expected points results');
    const meanOf = (id: string) => Math.round((splits.reduce((sum, s) => sum + (s[id] ?? 0), 0) / 10) * 100) / 100;
    expect(live.budget).toBe(100);
    expect(live.items[a]).toEqual({ mean: meanOf(a), distribution: [1, 0, 5, 0, 4] });
    expect(live.items[b]).toEqual({ mean: meanOf(b), distribution: [4, 0, 5, 0, 1] });
    expect(live.items[c]).toEqual({ mean: meanOf(c), distribution: [5, 5, 0, 0, 0] });

    const question = (await report()).questions.find((q) => q.activityId === activity.id);
    expect(question).toMatchObject({ kind: 'points', n: 10, budget: 100, allowUnder: false });
    if (question?.kind !== 'points') throw new Error('expected points');
    expect(Object.fromEntries(question.items.map((item) => [item.id, item.meanPoints]))).toMatchObject({
      [a]: meanOf(a),
      [b]: meanOf(b),
      [c]: meanOf(c),
    });
    expect(question.items[0]!.id).toBe(a);
  });

  it('refuses every invalid split with VALIDATION_FAILED and stores nothing', async () => {
    const activity = await open('points');
    const [a, b] = activity.items.map((item) => item.id) as [string, string];
    await expectRefused(activity.id, [
      { kind: 'points', points: { [a]: 99 } },
      { kind: 'points', points: { [a]: 60, [b]: 41 } },
      { kind: 'points', points: {} },
      { kind: 'points', points: { [a]: 50, 'no-such-item': 50 } },
      { kind: 'points', points: { [a]: 150, [b]: -50 } },
      { kind: 'points', points: { [a]: 50.5, [b]: 49.5 } },
      { kind: 'points', points: { [a]: '100' } },
      { kind: 'points', points: [100] },
      { kind: 'points' },
      { kind: 'points', points: { [a]: 100 }, extra: 1 },
    ]);
  });
});

describe('a sala’s own numbers', () => {
  it('gives each sala its mean positions and mean points beside the room’s, and nothing under five respondents', async () => {
    const facilitator = track(await connectFacilitator(server.url, session));
    const agenda = (await facilitator.snapshot).session.agenda;
    const rankingQ = agenda.find((a): a is RankingActivity => a.kind === 'ranking')!;
    const pointsQ = agenda.find((a): a is PointsActivity => a.kind === 'points')!;
    const breakout = agenda.find((a) => a.kind === 'breakout')!;
    const people = await Promise.all(Array.from({ length: 10 }, () => join()));
    // The example's salas hold 5: two salas of five.
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    expect(formed.salas.map((s) => s.members.length)).toEqual([5, 5]);
    const [salaA, salaB] = formed.salas as [(typeof formed.salas)[0], (typeof formed.salas)[0]];
    const ids = rankingQ.items.map((item) => item.id);
    const [a, b] = pointsQ.items.map((item) => item.id) as [string, string];
    ok(await request(facilitator, 'answering:set', { activityId: rankingQ.id, open: true }));
    ok(await request(facilitator, 'answering:set', { activityId: pointsQ.id, open: true }));
    const memberSockets = (sala: typeof salaA) =>
      people.filter((p) => sala.members.some((m) => m.participantId === p.participantId)).map((p) => p.socket);
    const inA = memberSockets(salaA);
    const inB = memberSockets(salaB);
    expect(inA).toHaveLength(5);
    // Sala A: everyone ranks in agenda order and gives all points to the first item.
    for (const socket of inA) {
      ok(await submit(socket, rankingQ.id, { kind: 'ranking', order: ids }));
      ok(await submit(socket, pointsQ.id, { kind: 'points', points: { [a]: 100 } }));
    }
    // Sala B: four answer, in reverse and all points to the second item.
    for (const socket of inB.slice(0, 4)) {
      ok(await submit(socket, rankingQ.id, { kind: 'ranking', order: [...ids].reverse() }));
      ok(await submit(socket, pointsQ.id, { kind: 'points', points: { [b]: 100 } }));
    }

    const numbers = ok(await request(facilitator, 'sala:numbers', { activityId: breakout.id }));
    expect(numbers.questionIds).toEqual(expect.arrayContaining([rankingQ.id, pointsQ.id]));
    const own = (salaId: string, activityId: string) => numbers.salas.find((s) => s.salaId === salaId)!.results[activityId];
    const ranked = own(salaA.id, rankingQ.id)?.results ?? null;
    if (ranked?.kind !== 'ranking') throw new Error('sala A should see its ranking');
    expect(ids.map((id) => ranked.items[id]?.meanPosition)).toEqual([1, 2, 3, 4, 5]);
    const pointed = own(salaA.id, pointsQ.id);
    expect(pointed?.results?.kind === 'points' && pointed.results.items[a]?.mean).toBe(100);
    expect(own(salaB.id, rankingQ.id)).toEqual({ suppressed: true, results: null });
    expect(own(salaB.id, pointsQ.id)).toEqual({ suppressed: true, results: null });
    // The room counts all nine.
    const room = numbers.room[pointsQ.id];
    expect(room?.kind === 'points' && [room.respondents, room.items[a]?.mean, room.items[b]?.mean]).toEqual([9, 55.56, 44.44]);
  });
});

describe('importing ranking and points', () => {
  it('refuses each bad field of theirs with its path, and creates nothing', async () => {
    const items = [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ];
    const activities = [
      { kind: 'ranking', title: 'Orden', items, rankTop: 3 },
      { kind: 'ranking', title: 'Orden', items: [items[0]] },
      { kind: 'points', title: 'Puntos', items, budget: 0 },
      { kind: 'points', title: 'Puntos', items: [items[0], items[0]], budget: 100 },
      { kind: 'points', title: 'Puntos', items, budget: 100, allowUnder: 'yes' },
    ];
    const response = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Mala', agenda: { format: 'plenario-agenda', version: 1, activities } }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: Array<{ path: string }> } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.path).sort()).toEqual([
      '/agenda/activities/0/rankTop',
      '/agenda/activities/1/items',
      '/agenda/activities/2/budget',
      '/agenda/activities/3/items/1/id',
      '/agenda/activities/4/allowUnder',
    ]);
  });
});
