import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesReport, SessionReport } from '../../shared/report.ts';
import type { AnswerValue, CreatedSession, PointsActivity, RankingActivity } from '../../shared/types.ts';
import { connect, connectFacilitator, eventually, getSession, ok, request, startServer, type TestServer } from './support/server.ts';

interface Agenda {
  activities: Array<{ kind: string; items?: Array<{ id: string; label: string }> }>;
}
const ALL_KINDS = JSON.parse(readFileSync(new URL('../../docs/examples/all-kinds.agenda.json', import.meta.url), 'utf8')) as Agenda;
/** The same agenda with the ranking's and the points' items reversed and given other ids: matched by label. */
const REORDERED: Agenda = {
  ...ALL_KINDS,
  activities: ALL_KINDS.activities.map((a) =>
    a.kind === 'ranking' || a.kind === 'points' ? { ...a, items: a.items!.map((i) => ({ id: `x-${i.id}`, label: i.label })).reverse() } : a,
  ),
};

let server: TestServer;
let cookie: Record<string, string>;
let counter = 0;

beforeAll(async () => {
  server = await startServer();
  await server.app.accounts.createAccount({
    email: 'ana@serviciocivil.cl',
    name: 'ana',
    password: 'contraseña-segura-1',
    role: 'facilitator',
  });
  const response = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ana@serviciocivil.cl', password: 'contraseña-segura-1' }),
  });
  expect(response.status).toBe(200);
  cookie = { cookie: response.headers.get('set-cookie')!.split(';')[0]! };
});

afterAll(async () => {
  await server.close();
});

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...cookie },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as T;
}

/**
 * Plays the session's ranking and points with `people` participants: person i puts the label
 * `firstLabel` first and gives it `pointsFor(i)` of the 100 points (the rest to the next item).
 * Returns the sockets (the facilitator's first) and each person's participant id, in order.
 */
async function play(session: CreatedSession, people: number, firstLabel: string, pointsFor: (i: number) => number) {
  const facilitator = await connectFacilitator(server.url, session);
  const agenda = (await facilitator.snapshot).session.agenda;
  const ranking = agenda.find((a): a is RankingActivity => a.kind === 'ranking')!;
  const points = agenda.find((a): a is PointsActivity => a.kind === 'points')!;
  const sockets = await Promise.all(Array.from({ length: people }, () => connect(server.url)));
  const ids: string[] = [];
  for (const socket of sockets) ids.push(ok(await request(socket, 'session:join', { code: session.code })).snapshot.participantId);
  const submit = (activityId: string, value: AnswerValue) => (socket: (typeof sockets)[number]) =>
    request(socket, 'answer:submit', { activityId, clientAnswerId: `answer-${counter++}`, value });

  ok(await request(facilitator, 'agenda:goto', { activityId: ranking.id }));
  const first = ranking.items.find((i) => i.label === firstLabel)!.id;
  const order = [first, ...ranking.items.map((i) => i.id).filter((id) => id !== first)];
  for (const socket of sockets) ok(await submit(ranking.id, { kind: 'ranking', order })(socket));

  ok(await request(facilitator, 'agenda:goto', { activityId: points.id }));
  const given = points.items.find((i) => i.label === firstLabel)!.id;
  const other = points.items.find((i) => i.id !== given)!.id;
  for (const [i, socket] of sockets.entries()) {
    ok(await submit(points.id, { kind: 'points', points: { [given]: pointsFor(i), [other]: 100 - pointsFor(i) } })(socket));
  }
  await eventually(async () => (await getSession(server.url, session)).results[points.id]?.respondents === people);
  return { facilitator, sockets: [facilitator, ...sockets], ids, ranking, points };
}

async function played(session: CreatedSession, people: number, firstLabel: string, pointsFor: (i: number) => number) {
  const { sockets } = await play(session, people, firstLabel, pointsFor);
  for (const socket of sockets) socket.close();
}

describe('ranking and points in the series comparison', () => {
  it('compares the activity two sessions share by its labels, and gives no figure for the session below 5', async () => {
    const series = await post<{ id: string }>('/api/series', { title: 'Bienestar 2026 — Región de Valparaíso' });
    const one = await post<CreatedSession>('/api/sessions', { title: 'Sesión 1', agenda: ALL_KINDS, seriesId: series.id });
    const two = await post<CreatedSession>('/api/sessions', { title: 'Sesión 2', agenda: REORDERED, seriesId: series.id });
    const three = await post<CreatedSession>('/api/sessions', { title: 'Sesión 3', agenda: ALL_KINDS, seriesId: series.id });
    const labels = ALL_KINDS.activities.find((a) => a.kind === 'ranking')!.items!.map((i) => i.label);
    // Sessions 1 and 2: six people each put a different axis first; session 3: four people (below the minimum).
    await played(one, 6, labels[0]!, (i) => 50 + i * 10);
    await played(two, 6, labels[2]!, () => 40);
    await played(three, 4, labels[0]!, () => 100);

    const response = await fetch(`${server.url}/api/series/${series.id}/report.json`, { headers: cookie });
    expect(response.status).toBe(200);
    const report = (await response.json()) as SeriesReport;
    expect(report.comparisons.map((c) => c.kind)).toEqual(['ranking', 'points']);
    const [ranking, points] = report.comparisons;
    if (ranking?.kind !== 'ranking' || points?.kind !== 'points') throw new Error('expected a ranking and a points comparison');

    expect(ranking.sessions.map((s) => [s.sessionId, s.suppressed, s.n])).toEqual([
      [one.id, false, 6],
      [two.id, false, 6],
      [three.id, true, null],
    ]);
    expect(ranking.sessions[2]!.items).toBeNull();
    expect([...ranking.items].sort()).toEqual([...labels].sort());
    const rankOf = (entry: number, label: string) => ranking.sessions[entry]!.items![ranking.items.indexOf(label)]!;
    expect(rankOf(0, labels[0]!)).toEqual({ label: labels[0], meanPosition: 1, firstShare: 1 });
    expect(rankOf(1, labels[2]!)).toEqual({ label: labels[2], meanPosition: 1, firstShare: 1 });
    expect(rankOf(1, labels[0]!).firstShare).toBe(0);

    expect(points.budget).toBe(100);
    expect(points.sessions.map((s) => [s.sessionId, s.suppressed, s.n])).toEqual([
      [one.id, false, 6],
      [two.id, false, 6],
      [three.id, true, null],
    ]);
    const pointsOf = (entry: number, label: string) => points.sessions[entry]!.items![points.items.indexOf(label)]!.meanPoints;
    // Session 1: 50, 60 … 100 → a mean of 75; session 2: 40 each.
    expect(pointsOf(0, labels[0]!)).toBe(75);
    expect(pointsOf(1, labels[2]!)).toBe(40);
    expect(points.sessions[2]!.items).toBeNull();
  });
});

describe('each sala’s ranking and points in the session report', () => {
  it('gives each sala of 5 its own means beside the room’s, and the sala of 4 none', async () => {
    const session = await post<CreatedSession>('/api/sessions', { title: 'Con salas', agenda: ALL_KINDS });
    const labels = ALL_KINDS.activities.find((a) => a.kind === 'ranking')!.items!.map((i) => i.label);
    const given = (i: number) => 5 * i;
    const { facilitator, sockets, ids, ranking, points } = await play(session, 14, labels[1]!, given);
    const breakout = (await facilitator.snapshot).session.agenda.find((a) => a.kind === 'breakout')!;
    ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
    // Salas of 5 by the agenda: 14 people make 5, 5 and 4.
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    expect(formed.salas.map((s) => s.members.length).sort()).toEqual([4, 5, 5]);

    const response = await fetch(`${server.url}/api/sessions/${session.id}/report.json`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as SessionReport;
    const salas = report.breakouts[0]!.salas;
    const pointsItem = points.items.find((i) => i.label === labels[1])!.id;
    const rankingItem = ranking.items.find((i) => i.label === labels[1])!.id;
    for (const sala of formed.salas) {
      const own = salas.find((s) => s.id === sala.id)!;
      if (sala.members.length < 5) {
        expect(own.rankings).toEqual([{ activityId: ranking.id, suppressed: true, respondents: null, items: null }]);
        expect(own.points).toEqual([{ activityId: points.id, suppressed: true, respondents: null, items: null }]);
        continue;
      }
      const members = sala.members.map((m) => ids.indexOf(m.participantId));
      const mean = members.reduce((sum, i) => sum + given(i), 0) / members.length;
      expect(own.points[0]).toMatchObject({ activityId: points.id, suppressed: false, respondents: 5 });
      expect(own.points[0]!.items!.find((i) => i.id === pointsItem)!.meanPoints).toBeCloseTo(mean, 2);
      expect(own.rankings[0]!.items!.find((i) => i.id === rankingItem)).toEqual({ id: rankingItem, meanPosition: 1, firstShare: 1 });
    }
    for (const socket of sockets) socket.close();
  });
});
