import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErasureReport } from '../../server/db/eraser.ts';
import { readMigrations } from '../../server/db/migrate.ts';
import { PgEraser } from '../../server/db/postgres/eraser.ts';
import { migratePostgres } from '../../server/db/postgres/migrate.ts';
import { POSTGRES_MIGRATIONS_DIR } from '../../server/paths.ts';
import { foundIn, missingFrom } from '../support/raw-bytes.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';

/**
 * PgEraser against a real PostgreSQL, several "nodes" (erasers on pools of their own) sharing
 * it: a removal's rows leave the heap files and the WAL; a node starting up rewrites nothing
 * unless an erasure was asked and not finished; several asking at once take turns (before, three
 * nodes' VACUUM FULL of the whole database at once deadlocked).
 */

let server: PostgresServer;
let admin: pg.Pool;
const pools: pg.Pool[] = [];

/** A node's eraser, and a promise of its next report. */
function eraserOfANode(): { eraser: PgEraser; next: () => Promise<ErasureReport> } {
  const pool = new pg.Pool({ connectionString: server.urlFor('plenario'), max: 3 });
  pools.push(pool);
  let waiting: ((report: ErasureReport) => void) | null = null;
  const eraser = new PgEraser(pool, (report) => waiting?.(report));
  return { eraser, next: () => new Promise((resolve) => (waiting = resolve)) };
}

const fileOf = async (table: string) =>
  (await admin.query<{ path: string }>('SELECT pg_relation_filepath($1) AS path', [table])).rows[0]!.path;

async function participantNamed(name: string): Promise<string> {
  const id = `s-${name.slice(-8)}`;
  await admin.query("INSERT INTO sessions (id, code, title, facilitator_token_hash, created_at) VALUES ($1, $1, 'Taller', 'x', 0)", [id]);
  await admin.query('INSERT INTO participants (id, session_id, token_hash, display_name, joined_at) VALUES ($1, $1, $1, $2, 0)', [
    id,
    name,
  ]);
  return id;
}

beforeAll(async () => {
  server = await startPostgres({ fsync: false });
  const setup = new pg.Client({ connectionString: server.url });
  await setup.connect();
  await setup.query('CREATE DATABASE plenario');
  await setup.end();
  admin = new pg.Pool({ connectionString: server.urlFor('plenario'), max: 2 });
  await migratePostgres(admin, readMigrations(POSTGRES_MIGRATIONS_DIR));
}, 120_000);

afterAll(async () => {
  for (const pool of pools) await pool.end();
  await admin?.end();
  await server?.stop();
});

describe('PgEraser', () => {
  it('takes a removed row out of the heap files and the WAL', async () => {
    const name = 'Rodrigo Fuentes Qx7Lp2Vd';
    const kept = 'Camila Rojas Zr4Wm8Tb';
    const removed = await participantNamed(name);
    await participantNamed(kept);
    expect(missingFrom(server.dataDir, [name, kept])).toEqual([]);
    const before = await fileOf('participants');

    await admin.query('DELETE FROM sessions WHERE id = $1', [removed]);
    const node = eraserOfANode();
    const report = node.next();
    expect(node.eraser.erase()).toBe(false);
    expect(await report).toEqual({ erased: true, attempts: 1 });

    expect(await fileOf('participants')).not.toBe(before);
    expect(foundIn(server.dataDir, [name])).toEqual([]);
    // What stays is still there (in the rewritten table, whose new pages the WAL holds too).
    expect(missingFrom(server.dataDir, [kept])).toEqual([]);
  });

  it('rewrites nothing at a start-up when every erasure asked was finished, and again when one is asked', async () => {
    const starting = eraserOfANode();
    const before = await fileOf('answers');
    const report = starting.next();
    starting.eraser.resume();
    expect(await report).toEqual({ erased: true, attempts: 1 });
    expect(await fileOf('answers')).toBe(before);

    const asked = starting.next();
    starting.eraser.erase();
    await asked;
    expect(await fileOf('answers')).not.toBe(before);
  });

  it('lets three nodes asking at once take turns, each finishing', async () => {
    const names = ['Marisol Pérez Hq3Ks9Ty', 'Andrés Soto Vn6Gb1Rc', 'Paula Díaz Wd2Jm5Xe'];
    const ids = await Promise.all(names.map((name) => participantNamed(name)));
    const nodes = ids.map(() => eraserOfANode());
    const reports = nodes.map((node) => node.next());
    await Promise.all(ids.map((id) => admin.query('DELETE FROM sessions WHERE id = $1', [id])));
    for (const node of nodes) node.eraser.erase();
    expect(await Promise.all(reports)).toEqual(nodes.map(() => ({ erased: true, attempts: 1 })));
    expect(foundIn(server.dataDir, names)).toEqual([]);
  });
});
