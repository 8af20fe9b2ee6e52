import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routingQuery } from '../../shared/routing.ts';
import type { ChoiceResults, CreatedSession } from '../../shared/types.ts';
import { PgNodes } from './support/pg-nodes.ts';
import { connect, eventually, getSession, ok, request, type ClientSocket } from './support/server.ts';
import { choiceSessionWithAnswers } from './support/choice-session.ts';

/**
 * Ownership follows routing (issue 18, server/services/handover.ts): two nodes on one PostgreSQL.
 * A session is owned by node A, with its facilitator and phones connected there, while its other
 * connections keep reaching node B, as when HAProxy redispatched the session during a health-check
 * flap and kept A's WebSockets open. B refuses them (SESSION_MOVED), then asks A for the session;
 * A disconnects its sockets and lets it go, and B takes it with every acknowledged answer. A
 * single stray connection to B changes nothing. The idle release is set far away, so that only
 * the handover can move the session here.
 */

const PATIENCE_MS = 30_000;
/** How far apart a refused phone knocks again (Socket.IO's first reconnection delay is about a second). */
const KNOCK_EVERY_MS = 500;

let cluster: PgNodes<'a' | 'b'>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const health = async (name: 'a' | 'b') =>
  (await (await fetch(`${cluster.node(name).url}/healthz`)).json()) as {
    sessionsOwned: string[];
    refusedNotOwner: number;
    handedOver: number;
  };

async function joinAt(name: 'a' | 'b', session: CreatedSession, participantToken?: string) {
  const socket = cluster.track(await connect(cluster.node(name).url, { query: routingQuery(session.id) }));
  return { socket, ack: await request(socket, 'session:join', { code: session.code, ...(participantToken ? { participantToken } : {}) }) };
}

beforeAll(async () => {
  cluster = await PgNodes.start();
  const env = { SESSION_IDLE_RELEASE_MS: String(3_600_000) };
  await Promise.all([cluster.startNode('a', env), cluster.startNode('b', env)]);
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('a session whose connections reach another node', () => {
  it('is handed over to that node, with every acknowledged answer, and a single stray connection changes nothing', async () => {
    const { session, choice, facilitator, phones } = await choiceSessionWithAnswers(cluster.node('a').url, 3, (socket) =>
      cluster.track(socket),
    );
    const cut = phones.map(({ socket }) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason))));
    const facilitatorCut = new Promise<string>((resolve) => facilitator.once('disconnect', (reason) => resolve(reason)));

    // One stray connection to B (an operator's, straight to the node): refused, and A keeps the session and its sockets.
    const stray = await joinAt('b', session);
    expect(stray.ack).toMatchObject({ ok: false, error: { code: 'SESSION_MOVED' } });
    stray.socket.close();
    await sleep(3_000);
    expect((await health('a')).sessionsOwned).toEqual([session.id]);
    expect(phones.every(({ socket }) => socket.connected)).toBe(true);
    expect((await health('a')).handedOver).toBe(0);

    // A phone whose connections keep reaching B knocks again and again, as the page does on SESSION_MOVED.
    let newcomer: { socket: ClientSocket; ack: Awaited<ReturnType<typeof request>> } | null = null;
    let refusals = 1;
    await eventually(async () => {
      const knock = await joinAt('b', session);
      if (knock.ack.ok) {
        newcomer = knock;
        return true;
      }
      expect(knock.ack).toMatchObject({ ok: false, error: { code: 'SESSION_MOVED' } });
      refusals += 1;
      knock.socket.close();
      await sleep(KNOCK_EVERY_MS);
      return false;
    }, PATIENCE_MS);
    expect(newcomer).not.toBeNull();
    // A handed the session over: it let it go and disconnected its sockets, which reconnect through HAProxy.
    expect(await Promise.all(cut)).toEqual(phones.map(() => 'io server disconnect'));
    expect(await facilitatorCut).toBe('io server disconnect');
    expect((await health('a')).sessionsOwned).toEqual([]);
    expect((await health('a')).handedOver).toBe(1);
    expect((await health('b')).sessionsOwned).toEqual([session.id]);
    expect((await health('b')).refusedNotOwner).toBe(refusals);

    // A's phones come back on B as the same participants; an answer A acknowledged is a duplicate, counted once.
    const counts = Object.fromEntries(choice.options.map((option) => [option.id, 0]));
    for (const phone of phones) {
      counts[phone.optionId] = (counts[phone.optionId] ?? 0) + 1;
      const back = await joinAt('b', session, phone.token);
      expect(ok(back.ack).snapshot.participantId).toBe(phone.participantId);
      const again = ok(
        await request(back.socket, 'answer:submit', {
          activityId: choice.id,
          clientAnswerId: phone.answerId,
          value: { kind: 'choice', optionIds: [phone.optionId] },
        }),
      );
      expect(again.duplicate).toBe(true);
    }
    expect(((await getSession(cluster.node('b').url, session)).results[choice.id] as ChoiceResults).counts).toEqual(counts);
    // And now A refuses it.
    expect((await joinAt('a', session)).ack).toMatchObject({ ok: false, error: { code: 'SESSION_MOVED' } });
  });
});
