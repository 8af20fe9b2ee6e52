import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../server/db/migrate.ts';
import { MIGRATION_LOCK_KEY } from '../../server/db/postgres/migrate.ts';
import { POSTGRES_MIGRATIONS_DIR } from '../../server/paths.ts';
import { routingQuery } from '../../shared/routing.ts';
import type { ChoiceActivity, ChoiceResults, CreatedSession } from '../../shared/types.ts';
import { exited } from './support/process.ts';
import { PgNodes, sessionsOwned } from './support/pg-nodes.ts';
import { connect, connectFacilitator, createSession, eventually, getSession, ok, request, type ClientSocket } from './support/server.ts';

/**
 * Three nodes on one PostgreSQL (DATABASE_URL), as in a cluster but without the proxy (issue 18):
 * started at once on an empty database, they migrate it once and all serve; the node a session is
 * first opened on owns it by advisory lock; the others refuse it (SESSION_MOVED) and write nothing; a connection that does not name its session is refused;
 * when the owner dies (kill -9), the other node takes the session over with every answer the
 * owner acknowledged; and a PostgreSQL restart costs the owner its session and sockets, which come
 * back with every acknowledged answer counted once.
 */

const PATIENCE_MS = 30_000;

type NodeName = 'a' | 'b' | 'c';
let cluster: PgNodes<NodeName>;
const owned = sessionsOwned;
const track = <T extends ClientSocket>(socket: T): T => cluster.track(socket);

const participantRows = async (sessionId: string) =>
  Number((await cluster.admin.query('SELECT count(*) AS n FROM participants WHERE session_id = $1', [sessionId])).rows[0].n);

/** How many connections wait for the migration lock of this database. */
async function waitingToMigrate(client: pg.Client): Promise<number> {
  const { rows } = await client.query(
    `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [MIGRATION_LOCK_KEY],
  );
  return Number(rows[0].n);
}

beforeAll(async () => {
  cluster = await PgNodes.start();
  // The three nodes start at the same moment on the empty database (T7 of the scale-out test plan).
  // The test holds the migration lock until all three wait for it, so that they really do migrate
  // at once however unevenly the machine starts them.
  const gate = new pg.Client({ connectionString: cluster.databaseUrl });
  await gate.connect();
  await gate.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  const started = Promise.all((['a', 'b', 'c'] as const).map((name) => cluster.startNode(name)));
  started.catch(() => undefined); // a node that fails to start fails beforeAll below, not the process
  try {
    await eventually(async () => (await waitingToMigrate(gate)) === 3, 60_000);
  } finally {
    await gate.end(); // the lock goes with the connection: the gate opens
    // Every node started is known before anything else runs (afterAll stops them).
    await Promise.allSettled([started]);
  }
  await started;
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('three nodes on one PostgreSQL', () => {
  let session: CreatedSession;
  let choice: ChoiceActivity;
  const acknowledged = new Map<string, string>();
  let firstToken = '';

  it('migrates the empty database once when the nodes start together, and every node serves', async () => {
    // One row per migration file, each once: a second run would have failed its node's start.
    const files = readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.version);
    const { rows } = await cluster.admin.query<{ version: number; n: string }>(
      'SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version',
    );
    expect(rows.map((row) => [row.version, Number(row.n)])).toEqual(files.map((version) => [version, 1]));
    for (const name of ['a', 'b', 'c'] as const) {
      const health = await (await fetch(`${cluster.node(name).url}/healthz`)).json();
      expect(health).toEqual({ status: 'ok', nodeId: `node-${name}`, sessionsOwned: [], refusedNotOwner: 0, handedOver: 0 });
    }
  });

  it('gives a session to the node that opens it first, and its answers are stored in PostgreSQL', async () => {
    const a = cluster.node('a');
    session = await createSession(a.url);
    const facilitator = track(await connectFacilitator(a.url, session, 'console', routingQuery(session.id)));
    const { session: view } = await facilitator.snapshot;
    choice = view.agenda.find((activity): activity is ChoiceActivity => activity.kind === 'choice' && !activity.multiple)!;
    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
    expect(await owned(a)).toEqual([session.id]);
    expect(await owned(cluster.node('b'))).toEqual([]);

    for (let i = 0; i < 6; i++) {
      const phone = track(await connect(a.url, { query: routingQuery(session.id) }));
      const joined = ok(await request(phone, 'session:join', { code: session.code }));
      if (i === 0) firstToken = joined.participantToken;
      const optionId = choice.options[i % 2]!.id;
      const receipt = ok(
        await request(phone, 'answer:submit', {
          activityId: choice.id,
          clientAnswerId: `pg-node-${i}-answer`,
          value: { kind: 'choice', optionIds: [optionId] },
        }),
      );
      expect(receipt.duplicate).toBe(false);
      acknowledged.set(`pg-node-${i}-answer`, optionId);
    }
    const { rows } = await cluster.admin.query('SELECT count(*) AS n FROM answers WHERE activity_id = $1', [choice.id]);
    expect(Number(rows[0].n)).toBe(6);
  });

  it('answers the join check on the other nodes but refuses the session there, writing nothing', async () => {
    const before = await participantRows(session.id);
    for (const node of [cluster.node('b'), cluster.node('c')]) {
      // Any node checks a join code: it reads the session from the shared database.
      const check = await fetch(`${node.url}/api/join/${session.code}`);
      expect(check.status).toBe(200);
      expect(await check.json()).toMatchObject({ sessionId: session.id });
      const phone = track(await connect(node.url, { query: routingQuery(session.id) }));
      const refused = await request(phone, 'session:join', { code: session.code });
      expect(refused).toMatchObject({ ok: false, error: { code: 'SESSION_MOVED' } });
      await expect(connectFacilitator(node.url, session, 'console', routingQuery(session.id))).rejects.toMatchObject({
        data: { code: 'SESSION_MOVED' },
      });
      expect(await owned(node)).toEqual([]);
    }
    expect(await participantRows(session.id)).toBe(before);
  });

  it('refuses a connection that does not name its session, even on the owner', async () => {
    const a = cluster.node('a');
    const before = await participantRows(session.id);
    const unnamed = track(await connect(a.url));
    expect(await request(unnamed, 'session:join', { code: session.code })).toMatchObject({ ok: false, error: { code: 'SESSION_MOVED' } });
    const other = track(await connect(a.url, { query: routingQuery('another-session') }));
    expect(await request(other, 'session:join', { code: session.code })).toMatchObject({ ok: false, error: { code: 'SESSION_MOVED' } });
    await expect(connectFacilitator(a.url, session)).rejects.toMatchObject({ data: { code: 'SESSION_MOVED' } });
    expect(await participantRows(session.id)).toBe(before);
  });

  it('hands the session to the other node when its owner is killed, with every acknowledged answer', async () => {
    const a = cluster.node('a');
    const b = cluster.node('b');
    a.child.kill('SIGKILL');
    await exited(a.child);
    // PostgreSQL ends the dead node's connections, and its advisory locks with them.
    let facilitator: Awaited<ReturnType<typeof connectFacilitator>> | null = null;
    await eventually(async () => {
      facilitator = await connectFacilitator(b.url, session, 'console', routingQuery(session.id)).catch(() => null);
      return facilitator !== null;
    }, PATIENCE_MS);
    track(facilitator!);
    expect(await owned(b)).toEqual([session.id]);

    const counts = Object.fromEntries(choice.options.map((option) => [option.id, 0]));
    for (const optionId of acknowledged.values()) counts[optionId] = (counts[optionId] ?? 0) + 1;
    const results = (await getSession(b.url, session)).results[choice.id] as ChoiceResults;
    expect(results.counts).toEqual(counts);

    // A phone coming back and resending an answer the dead node acknowledged is told it is a duplicate.
    const phone = track(await connect(b.url, { query: routingQuery(session.id) }));
    ok(await request(phone, 'session:join', { code: session.code, participantToken: firstToken }));
    const retry = ok(
      await request(phone, 'answer:submit', {
        activityId: choice.id,
        clientAnswerId: 'pg-node-0-answer',
        value: { kind: 'choice', optionIds: [acknowledged.get('pg-node-0-answer')!] },
      }),
    );
    expect(retry.duplicate).toBe(true);
  });

  it('comes back from a PostgreSQL restart with every acknowledged answer counted once', async () => {
    const b = cluster.node('b');
    const phone = track(await connect(b.url, { query: routingQuery(session.id) }));
    ok(await request(phone, 'session:join', { code: session.code, participantToken: firstToken }));
    const dropped = new Promise<void>((resolve) => phone.once('disconnect', () => resolve()));
    await cluster.postgres.restart();
    // The node's owner connection ended with the restart: it let the session go and closed its sockets.
    await dropped;

    // Once the node has its owner connection again, the session is claimed anew and answers flow.
    let again: ClientSocket | null = null;
    await eventually(async () => {
      again?.close();
      again = await connect(b.url, { query: routingQuery(session.id) }).catch(() => null);
      if (!again) return false;
      const joined = await request(again, 'session:join', { code: session.code, participantToken: firstToken });
      return joined.ok;
    }, PATIENCE_MS);
    track(again!);
    const changed = choice.options.find((option) => option.id !== acknowledged.get('pg-node-0-answer'))!.id;
    const receipt = ok(
      await request(again!, 'answer:submit', {
        activityId: choice.id,
        clientAnswerId: 'pg-node-0-changed',
        value: { kind: 'choice', optionIds: [changed] },
      }),
    );
    expect(receipt.duplicate).toBe(false);
    acknowledged.set('pg-node-0-answer', changed);

    const counts = Object.fromEntries(choice.options.map((option) => [option.id, 0]));
    for (const optionId of acknowledged.values()) counts[optionId] = (counts[optionId] ?? 0) + 1;
    expect(((await getSession(b.url, session)).results[choice.id] as ChoiceResults).counts).toEqual(counts);
    const { rows } = await cluster.admin.query('SELECT count(*) AS n FROM answers WHERE activity_id = $1', [choice.id]);
    expect(Number(rows[0].n)).toBe(acknowledged.size);
    expect(await owned(b)).toEqual([session.id]);
  });
});
