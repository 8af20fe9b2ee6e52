import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routingQuery } from '../../shared/routing.ts';
import type { ChoiceActivity, ChoiceResults, CreatedSession } from '../../shared/types.ts';
import { ClusterTarget } from '../bench/cluster-target.ts';
import { connect, eventually, getSession, ok, request, type ClientSocket } from './support/server.ts';
import { choiceSessionWithAnswers } from './support/choice-session.ts';

/**
 * Issue 18, HAProxy's routing changing under a live session, on a real cluster (a private
 * PostgreSQL, 2 nodes, HAProxy; tests/bench/cluster-target.ts). No timing is asserted.
 * - After a failover, HAProxy is restarted: its stick table is gone, so the hash names the first
 *   node again. The node holding the session has lost every socket of it, lets it go after
 *   SESSION_IDLE_RELEASE_MS (shortened here), and the hashed node takes it.
 * - A health-check flap: HAProxy stops sending the owner new connections but keeps those it has
 *   (here with `set server … state maint`). The session's new connections reach the other node,
 *   which refuses them, then asks the owner for the session; the owner, whose phones are still
 *   connected, hands it over (server/services/handover.ts), and its phones reconnect there.
 * Either way every phone comes back as the same participant, counts exact.
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

/** A session on its owner through HAProxy, with a choice shown and PHONES phones that each answered it. */
async function liveSession() {
  const live = await choiceSessionWithAnswers(cluster.url, PHONES, (socket) => (sockets.add(socket), socket));
  const phones: Phone[] = live.phones;
  return { ...live, phones };
}

/** Each phone's answer sent again is a duplicate, and the presenter and PostgreSQL count every answer once. */
async function countedOnce(session: CreatedSession, choice: ChoiceActivity, phones: Phone[]): Promise<void> {
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
}

const handedOver = async (url: string) => ((await (await fetch(`${url}/healthz`)).json()) as { handedOver: number }).handedOver;

describe('an HAProxy restart after a failover', () => {
  it('brings every phone back to the node the hash names, as the same participant, counts exact', { timeout: 300_000 }, async () => {
    const { session, choice, facilitator, phones } = await liveSession();

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
    await countedOnce(session, choice, phones);
  });
});

describe('a health-check flap', () => {
  it('hands the session over to the node HAProxy now sends it to, and every phone follows', { timeout: 300_000 }, async () => {
    const { session, choice, facilitator, phones } = await liveSession();
    const ownerPid = await cluster.ownerPid(session.id);
    const owner = cluster.nodes().find((node) => node.pid === ownerPid)!;
    const other = cluster.nodes().find((node) => node.pid !== owner.pid)!;
    const handedBefore = await handedOver(owner.url);
    const cut = [facilitator, ...phones.map((phone) => phone.socket!)].map(
      (socket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason))),
    );

    // HAProxy sends the owner nothing new, but its phones and console stay connected to it.
    await cluster.setNodeState(owner.id, 'maint');
    expect(phones.every((phone) => phone.socket!.connected)).toBe(true);
    // A phone arriving now lands on the other node: refused while the owner holds the session, it
    // knocks again until that node has asked the owner for the session and taken it.
    const newcomer: Phone = { token: '', answerId: `${session.id}-newcomer-answer`, optionId: choice.options[0]!.id, socket: null };
    await eventually(async () => {
      newcomer.socket?.close();
      newcomer.socket = await connect(cluster.url, { query: routingQuery(session.id) });
      sockets.add(newcomer.socket);
      const joined = await request(newcomer.socket, 'session:join', { code: session.code });
      if (!joined.ok) return false;
      newcomer.token = joined.data.participantToken;
      return true;
    }, PATIENCE_MS);
    expect(await owners(session.id)).toEqual([other.id]);
    expect(await handedOver(owner.url)).toBe(handedBefore + 1);
    // The owner disconnected the session's sockets (console and phones) as it let it go: they reconnect through HAProxy.
    expect(await Promise.all(cut)).toEqual(cut.map(() => 'io server disconnect'));

    // The owner is back in HAProxy's rotation: the stick table keeps the session where it is now.
    await cluster.setNodeState(owner.id, 'ready');
    await everyPhoneBack(session, phones);
    expect(await owners(session.id)).toEqual([other.id]);
    await countedOnce(session, choice, phones);
  });
});
