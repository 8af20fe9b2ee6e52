import { nanoid } from 'nanoid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routingQuery } from '../../shared/routing.ts';
import type { CreatedSession, LiveState } from '../../shared/types.ts';
import { hashPassword } from '../../server/services/passwords.ts';
import { foundIn, missingFrom } from '../support/raw-bytes.ts';
import { PgNodes, sessionsOwned } from './support/pg-nodes.ts';
import { exited } from './support/process.ts';
import { connect, connectFacilitator, eventually, nextEvent, ok, request, type ClientSocket } from './support/server.ts';

/**
 * Removal across the nodes of a cluster (issue 18): two nodes on one PostgreSQL, each session
 * owned by the node that opened it. An administrator's deletion, or the retention period,
 * reaching a node that does not own the session still removes it; the owner is told, drops it
 * from memory, tells its phones and screens, and writes nothing for it again. Then the
 * participant's words are in no file of PostgreSQL's data directory: heap files and WAL.
 */

const PATIENCE_MS = 60_000;
const DAY_MS = 86_400_000;
const PASSWORD = 'contraseña-de-prueba-1';

let cluster: PgNodes<'a' | 'b'>;
let adminCookie: Record<string, string>;

const track = <T extends ClientSocket>(socket: T): T => cluster.track(socket);
const node = (name: 'a' | 'b') => cluster.node(name);
const owned = sessionsOwned;

const count = async (sql: string, sessionId: string) => Number((await cluster.admin.query(sql, [sessionId])).rows[0].n);
const participants = (sessionId: string) => count('SELECT count(*) AS n FROM participants WHERE session_id = $1', sessionId);
const sessionRows = (sessionId: string) => count('SELECT count(*) AS n FROM sessions WHERE id = $1', sessionId);

/** A session opened on node a, with a phone there that joined with a name and answered an open question with `text`. */
async function playOnA(text: string): Promise<{ session: CreatedSession; phone: ClientSocket; name: string }> {
  const a = node('a');
  const created = await fetch(`${a.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...adminCookie },
    body: JSON.stringify({ title: 'Taller de bienestar', template: 'bienestar-sesion-2' }),
  });
  expect(created.status).toBe(201);
  const session = (await created.json()) as CreatedSession;
  const facilitator = track(await connectFacilitator(a.url, session, 'console', routingQuery(session.id)));
  await facilitator.snapshot;
  const { activityId } = ok(
    await request(facilitator, 'agenda:insert', {
      index: 0,
      activity: { kind: 'open', title: '¿Qué te ha costado este año?', maxLength: 200, maxPerPerson: 1, display: 'list' },
    }),
  );
  ok(await request(facilitator, 'agenda:goto', { activityId }));
  const phone = track(await connect(a.url, { query: routingQuery(session.id) }));
  const name = `Marisol Pérez ${nanoid(10).replace(/[-_]/g, 'x')}`;
  ok(await request(phone, 'session:join', { code: session.code, displayName: name }));
  ok(await request(phone, 'answer:submit', { activityId, clientAnswerId: `open-${nanoid(10)}`, value: { kind: 'open', texts: [text] } }));
  expect(await owned(a)).toContain(session.id);
  return { session, phone, name };
}

/** The files of PostgreSQL's data directory (tables, indexes, WAL…) that hold the text. */
const filesHolding = (texts: string[]): string[] => foundIn(cluster.postgres.dataDir, texts);

/** Until no file holds the texts, looking every half second (a look reads every file). */
const goneFromFiles = (texts: string[]) =>
  eventually(async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    return filesHolding(texts).length === 0;
  }, PATIENCE_MS);

beforeAll(async () => {
  cluster = await PgNodes.start();
  for (const name of ['a', 'b'] as const) await cluster.startNode(name);
  await cluster.admin.query('INSERT INTO accounts (id, email, name, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    nanoid(),
    'admin@serviciocivil.cl',
    'Administración',
    await hashPassword(PASSWORD),
    'admin',
    Date.now(),
  ]);
  const signedIn = await fetch(`${node('b').url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@serviciocivil.cl', password: PASSWORD }),
  });
  expect(signedIn.status).toBe(200);
  adminCookie = { cookie: signedIn.headers.get('set-cookie')!.split(';')[0]! };
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('removal across the nodes of a cluster', () => {
  it('deletes a session owned by another node: the owner drops it and tells its phones, and the answer leaves every file', async () => {
    const text = `Me cuesta dormir desde la reestructuración ${nanoid(10).replace(/[-_]/g, 'x')}`;
    const { session, phone, name } = await playOnA(text);
    expect(missingFrom(cluster.postgres.dataDir, [text, name])).toEqual([]);

    const told = nextEvent(phone, 'session:live', (live: LiveState) => live.status === 'closed', PATIENCE_MS);
    const dropped = new Promise<void>((resolve) => phone.once('disconnect', () => resolve()));
    // Straight to node b, as an administrator's request that HAProxy did not route would.
    const deleted = await fetch(`${node('b').url}/api/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(deleted.status).toBe(204);
    await told;
    await dropped;
    expect(await sessionRows(session.id)).toBe(0);
    expect(await participants(session.id)).toBe(0);
    await eventually(async () => !(await owned(node('a'))).includes(session.id), PATIENCE_MS);
    expect(await owned(node('b'))).not.toContain(session.id);

    // The eraser runs behind the removal: heap files rewritten, the WAL that held it removed.
    await goneFromFiles([text, name]);
  });

  it('applies the retention period to a session another node owns, once, and the answer leaves every file', async () => {
    const text = `Tuve crisis de angustia en la oficina ${nanoid(10).replace(/[-_]/g, 'x')}`;
    const { session, phone, name } = await playOnA(text);
    expect(missingFrom(cluster.postgres.dataDir, [text, name])).toEqual([]);
    await cluster.admin.query('UPDATE sessions SET created_at = $1 WHERE id = $2', [Date.now() - 40 * DAY_MS, session.id]);

    const told = nextEvent(phone, 'session:live', (live: LiveState) => live.status === 'closed', PATIENCE_MS);
    const saved = await fetch(`${node('b').url}/api/settings/retention`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...adminCookie },
      body: JSON.stringify({ days: 30 }),
    });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { cleared: number }).cleared).toBe(1);
    await told;
    await eventually(async () => (await participants(session.id)) === 0, PATIENCE_MS);
    // Its aggregates stay: the session is there, closed, with its removal recorded once.
    expect(await sessionRows(session.id)).toBe(1);
    const audit = await cluster.admin.query(
      "SELECT count(*) AS n FROM audit_entries WHERE action = 'participant-data.removed' AND target_id = $1",
      [session.id],
    );
    expect(Number(audit.rows[0].n)).toBe(1);

    await goneFromFiles([text, name]);
  });

  it('starts a node whose start-up sweep finds an expired session another node owns: the owner clears it', async () => {
    const text = `Estoy con licencia por estrés laboral ${nanoid(10).replace(/[-_]/g, 'x')}`;
    const { session } = await playOnA(text);
    await cluster.admin.query('UPDATE sessions SET created_at = $1 WHERE id = $2', [Date.now() - 40 * DAY_MS, session.id]);
    // Before, the SESSION_MOVED of this sweep stopped node b from starting.
    const b = node('b').child;
    b.kill('SIGKILL');
    await exited(b);
    await cluster.startNode('b');
    await eventually(async () => (await participants(session.id)) === 0, PATIENCE_MS);
    expect(await owned(node('a'))).toContain(session.id);
  });

  it('deletes a session on the node that owns it, which then gives it up', async () => {
    const text = `Me cuesta concentrarme ${nanoid(10).replace(/[-_]/g, 'x')}`;
    const { session, phone } = await playOnA(text);
    const dropped = new Promise<void>((resolve) => phone.once('disconnect', () => resolve()));
    const deleted = await fetch(`${node('a').url}/api/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(deleted.status).toBe(204);
    await dropped;
    expect(await sessionRows(session.id)).toBe(0);
    expect(await owned(node('a'))).not.toContain(session.id);
  });
});
