import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routingQuery } from '../../shared/routing.ts';
import type { ChoiceActivity, ChoiceResults, CreatedSession } from '../../shared/types.ts';
import { ClusterTarget } from '../bench/cluster-target.ts';
import { connect, connectFacilitator, createSession, eventually, getSession, ok, request, type ClientSocket } from './support/server.ts';

/**
 * Issue 18, a session that moved and then lost its routing: on a real cluster (a private
 * PostgreSQL, 2 nodes, HAProxy; tests/bench/cluster-target.ts) the owner of a session is killed,
 * the session moves to the other node, the killed node comes back, and HAProxy is restarted (its
 * stick table is gone, so the hash names the first node again). The node holding the session has
 * lost every socket of it, lets it go after SESSION_IDLE_RELEASE_MS (shortened here), and the
 * hashed node takes it: every phone comes back as the same participant, counts exact.
 * No timing is asserted.
 */

const PHONES = 12;
const PATIENCE_MS = 60_000;

let cluster: ClusterTarget;
const sockets = new Set<ClientSocket>();

beforeAll(async () => {
  cluster = await ClusterTarget.start(2, { SESSION_IDLE_RELEASE_MS: '2000' });
}, 180_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await cluster?.stop();
});

interface Phone {
  token: string;
  answerId: string;
  optionId: string;
  socket: ClientSocket | null;
}

/** Connects through HAProxy and joins as this phone's participant; false when refused (a node that does not own the session). */
async function rejoin(session: CreatedSession, phone: Phone): Promise<boolean> {
  phone.socket?.close();
  phone.socket = await connect(cluster.url, { query: routingQuery(session.id) }).catch(() => null);
  if (!phone.socket) return false;
  sockets.add(phone.socket);
  const joined = await request(phone.socket, 'session:join', { code: session.code, participantToken: phone.token }).catch(() => null);
  return joined?.ok === true;
}

const everyPhoneBack = async (session: CreatedSession, phones: Phone[]) => {
  for (const phone of phones) await eventually(() => rejoin(session, phone), PATIENCE_MS);
};

/** The nodes whose /healthz lists the session. */
async function owners(sessionId: string): Promise<string[]> {
  const listed = await Promise.all(
    cluster.nodes().map(async (node) => ((await cluster.owned(node.pid)).includes(sessionId) ? [node.id] : [])),
  );
  return listed.flat();
}

describe('an HAProxy restart after a failover', () => {
  it('brings every phone back to the node the hash names, as the same participant, counts exact', { timeout: 300_000 }, async () => {
    const session = await createSession(cluster.url);
    const facilitator = await connectFacilitator(cluster.url, session, 'console', routingQuery(session.id));
    sockets.add(facilitator);
    const { session: view } = await facilitator.snapshot;
    const choice = view.agenda.find((activity): activity is ChoiceActivity => activity.kind === 'choice' && !activity.multiple)!;
    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
    const phones: Phone[] = [];
    for (let i = 0; i < PHONES; i++) {
      const socket = await connect(cluster.url, { query: routingQuery(session.id) });
      sockets.add(socket);
      const { participantToken } = ok(await request(socket, 'session:join', { code: session.code }));
      const phone = { token: participantToken, answerId: `moved-phone-${i}-answer`, optionId: choice.options[i % 2]!.id, socket };
      const value = { kind: 'choice' as const, optionIds: [phone.optionId] };
      expect(ok(await request(socket, 'answer:submit', { activityId: choice.id, clientAnswerId: phone.answerId, value })).duplicate).toBe(
        false,
      );
      phones.push(phone);
    }

    // The owner is killed: the session moves to the other node, and the phones follow it there.
    const first = await cluster.ownerPid(session.id);
    const firstId = cluster.nodes().find((node) => node.pid === first)!.id;
    facilitator.close();
    await cluster.kill(first);
    await everyPhoneBack(session, phones);
    const moved = await owners(session.id);
    expect(moved).toHaveLength(1);
    expect(moved[0]).not.toBe(firstId);

    // The killed node comes back, and HAProxy restarts with an empty stick table: every socket is cut.
    await cluster.restart(first);
    await cluster.restartHaproxy();
    await everyPhoneBack(session, phones);

    // The hash names the first node again (both are up): it owns the session now, each phone is
    // the participant it was, and every answer is counted once.
    expect(await owners(session.id)).toEqual([firstId]);
    for (const phone of phones) {
      const value = { kind: 'choice' as const, optionIds: [phone.optionId] };
      const again = ok(await request(phone.socket!, 'answer:submit', { activityId: choice.id, clientAnswerId: phone.answerId, value }));
      expect(again.duplicate).toBe(true);
    }
    const counts = Object.fromEntries(choice.options.map((option) => [option.id, 0]));
    for (const phone of phones) counts[phone.optionId] = (counts[phone.optionId] ?? 0) + 1;
    expect(((await getSession(cluster.url, session)).results[choice.id] as ChoiceResults).counts).toEqual(counts);
    expect(await cluster.storedAnswers(session.id)).toHaveLength(PHONES);
    expect(await cluster.commitsWithoutLock()).toBe(0);
  });
});
