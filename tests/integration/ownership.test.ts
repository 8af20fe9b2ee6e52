import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Ownership } from '../../server/db/postgres/ownership.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';

/**
 * Session ownership by advisory lock on each node's owner connection (issue 18), against a real
 * PostgreSQL: two nodes' Ownership objects share one database.
 */

let server: PostgresServer;
let admin: pg.Client;
const opened: Ownership[] = [];

beforeAll(async () => {
  server = await startPostgres({ fsync: false });
  admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

/** A node's ownership; every loss it reports is kept in `lost`. */
async function node(reconnectDelayMs = 50): Promise<{ ownership: Ownership; lost: string[][] }> {
  const lost: string[][] = [];
  const ownership = await Ownership.connect({ url: server.url, onLost: (ids) => lost.push(ids), reconnectDelayMs });
  opened.push(ownership);
  return { ownership, lost };
}

/** The owner connection's server process (pg keeps it from the handshake; its types leave it out). */
const backendOf = (ownership: Ownership): number => (ownership.connection as unknown as { processID: number }).processID;

/** How many advisory locks PostgreSQL holds for the owner connection's backend. */
async function locksOf(ownership: Ownership): Promise<number> {
  const pid = backendOf(ownership);
  const { rows } = await admin.query<{ count: string }>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = $1", [pid]);
  return Number(rows[0]!.count);
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Ownership', () => {
  it('gives a session to one node only; the other is refused until the owner releases it', async () => {
    const a = await node();
    const b = await node();
    expect(await a.ownership.acquire('s-1')).toBe('owned');
    expect(await b.ownership.acquire('s-1')).toBe('held-elsewhere');
    expect(b.ownership.owned()).toEqual([]);
    expect(a.ownership.owned()).toEqual(['s-1']);

    await a.ownership.release('s-1');
    expect(a.ownership.owned()).toEqual([]);
    expect(await b.ownership.acquire('s-1')).toBe('owned');
    expect(await a.ownership.acquire('s-1')).toBe('held-elsewhere');
  });

  it('answers a session already owned, even asked twice at once, without stacking a second lock', async () => {
    const a = await node();
    const results = await Promise.all([a.ownership.acquire('s-2'), a.ownership.acquire('s-2')]);
    expect(results).toEqual(['owned', 'owned']);
    expect(await a.ownership.acquire('s-2')).toBe('owned');
    expect(await locksOf(a.ownership)).toBe(1);
    // One release frees it for others: no lock was left stacked.
    await a.ownership.release('s-2');
    const b = await node();
    expect(await b.ownership.acquire('s-2')).toBe('owned');
  });

  it('loses every session at once when its backend is terminated, frees them for others, and reconnects owning nothing', async () => {
    const a = await node();
    const b = await node();
    expect(await a.ownership.acquire('s-3')).toBe('owned');
    expect(await a.ownership.acquire('s-4')).toBe('owned');
    const before = a.ownership.connection;

    await admin.query('SELECT pg_terminate_backend($1)', [backendOf(a.ownership)]);
    await until(() => a.lost.length > 0, 'onLost');
    expect(a.lost).toEqual([['s-3', 's-4']]);
    expect(a.ownership.owned()).toEqual([]);
    // The locks went with the connection: the other node takes the session at once.
    expect(await b.ownership.acquire('s-3')).toBe('owned');

    await until(() => a.ownership.connected, 'the reconnection');
    expect(a.ownership.connection).not.toBe(before);
    expect(a.ownership.owned()).toEqual([]);
    expect(await a.ownership.acquire('s-3')).toBe('held-elsewhere');
    expect(await a.ownership.acquire('s-4')).toBe('owned');
    expect(a.lost).toHaveLength(1);
  });

  it('refuses to acquire while the owner connection is down', async () => {
    // A reconnection far away: the test sees the gap between the loss and it.
    const a = await node(60_000);
    await admin.query('SELECT pg_terminate_backend($1)', [backendOf(a.ownership)]);
    await until(() => a.lost.length > 0, 'the loss');
    expect(a.ownership.connected).toBe(false);
    await expect(a.ownership.acquire('s-5')).rejects.toThrow(/down/);
    expect(a.ownership.owned()).toEqual([]);
  });

  it('frees its locks when closed', async () => {
    const a = await node();
    expect(await a.ownership.acquire('s-6')).toBe('owned');
    await a.ownership.close();
    const b = await node();
    await until(async () => (await b.ownership.acquire('s-6')) === 'owned', 'the lock to free');
    expect(a.lost).toEqual([]);
  });
});
