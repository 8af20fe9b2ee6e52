import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routingQuery } from '../../shared/routing.ts';
import type { ChoiceResults } from '../../shared/types.ts';
import { PgNodes } from './support/pg-nodes.ts';
import { connect, eventually, getSession, ok, request, type ClientSocket } from './support/server.ts';
import { choiceSessionWithAnswers } from './support/choice-session.ts';

/**
 * Two nodes on one PostgreSQL (issue 18): a node lets a session go once no socket of it has been
 * connected for a while (SESSION_IDLE_RELEASE_MS, shortened here), so that the next node asked
 * for it takes it with everything stored; a session with a phone still connected is kept.
 * Otherwise a session that moved in a failover would be refused by every other node for good
 * once HAProxy forgot where it was.
 */

const PATIENCE_MS = 30_000;
/** Short, so that the test does not wait 30 s; nothing here depends on how long it is. */
const IDLE_RELEASE_MS = 1_500;

let cluster: PgNodes<'a' | 'b'>;
const node = (name: 'a' | 'b') => cluster.node(name);
const owned = (name: 'a' | 'b') => cluster.owned(name);
const track = <T extends ClientSocket>(socket: T): T => cluster.track(socket);

/** A session on node A with a choice shown and `phones` phones that each answered it. */
const sessionWithAnswers = (phones: number) => choiceSessionWithAnswers(node('a').url, phones, track);

const closeAll = (list: ClientSocket[]) => list.forEach((socket) => socket.close());

beforeAll(async () => {
  cluster = await PgNodes.start();
  const env = { SESSION_IDLE_RELEASE_MS: String(IDLE_RELEASE_MS) };
  await Promise.all([cluster.startNode('a', env), cluster.startNode('b', env)]);
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('a node lets an idle session go', () => {
  it('keeps a session while a phone is connected, and lets it go once every socket has left', async () => {
    const kept = await sessionWithAnswers(3);
    const idle = await sessionWithAnswers(2);
    expect((await owned('a')).sort()).toEqual([kept.session.id, idle.session.id].sort());

    // The kept session loses its facilitator and all phones but one, before the idle session loses all
    // of its sockets: had the remaining phone not counted, the kept session would have gone first.
    closeAll([kept.facilitator, ...kept.phones.slice(1).map((phone) => phone.socket)]);
    closeAll([idle.facilitator, ...idle.phones.map((phone) => phone.socket)]);
    await eventually(async () => !(await owned('a')).includes(idle.session.id), PATIENCE_MS);
    expect(await owned('a')).toEqual([kept.session.id]);
    // Still A's: B refuses it, and its last phone still answers on A.
    const refused = track(await connect(node('b').url, { query: routingQuery(kept.session.id) }));
    expect(await request(refused, 'session:join', { code: kept.session.code })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_MOVED' },
    });
    const stays = kept.phones[0]!;
    const again = ok(
      await request(stays.socket, 'answer:submit', {
        activityId: kept.choice.id,
        clientAnswerId: stays.answerId,
        value: { kind: 'choice', optionIds: [stays.optionId] },
      }),
    );
    expect(again.duplicate).toBe(true);

    // Its last phone leaves: A lets it go too.
    stays.socket.close();
    await eventually(async () => (await owned('a')).length === 0, PATIENCE_MS);
  });

  it('lets the next node asked take an idle session, with every answer stored before', async () => {
    const { session, choice, facilitator, phones } = await sessionWithAnswers(4);
    closeAll([facilitator, ...phones.map((phone) => phone.socket)]);
    await eventually(async () => !(await owned('a')).includes(session.id), PATIENCE_MS);

    // B is asked for it (as after an HAProxy restart whose hash names B): it takes it from PostgreSQL.
    const counts = Object.fromEntries(choice.options.map((option) => [option.id, 0]));
    for (const phone of phones) counts[phone.optionId] = (counts[phone.optionId] ?? 0) + 1;
    const results = (await getSession(node('b').url, session)).results[choice.id] as ChoiceResults;
    expect(results.counts).toEqual(counts);

    // A phone coming back to B resends an answer A acknowledged: counted once.
    const back = track(await connect(node('b').url, { query: routingQuery(session.id) }));
    ok(await request(back, 'session:join', { code: session.code, participantToken: phones[0]!.token }));
    expect(await owned('b')).toEqual([session.id]);
    const retry = ok(
      await request(back, 'answer:submit', {
        activityId: choice.id,
        clientAnswerId: phones[0]!.answerId,
        value: { kind: 'choice', optionIds: [phones[0]!.optionId] },
      }),
    );
    expect(retry.duplicate).toBe(true);
    // A now refuses it: B owns it while that phone is connected.
    const refused = track(await connect(node('a').url, { query: routingQuery(session.id) }));
    expect(await request(refused, 'session:join', { code: session.code })).toMatchObject({ ok: false, error: { code: 'SESSION_MOVED' } });
    expect(((await getSession(node('b').url, session)).results[choice.id] as ChoiceResults).counts).toEqual(counts);
  });
});
