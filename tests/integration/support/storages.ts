import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { readMigrations } from '../../../server/db/migrate.ts';
import { openDatabase } from '../../../server/db/open.ts';
import { sqliteStorage, type Storage } from '../../../server/db/storage.ts';
import { createPool } from '../../../server/db/postgres/pool.ts';
import { migratePostgres } from '../../../server/db/postgres/migrate.ts';
import { pgStorage, type PgStorageOptions } from '../../../server/db/postgres/storage.ts';
import { POSTGRES_MIGRATIONS_DIR } from '../../../server/paths.ts';
import { startPostgres, type PostgresServer } from '../../support/postgres.ts';

/** The storage the contract suite drives: the port (server/db/storage.ts). */
export type ContractStorage = Storage;

/**
 * How a store gets back the space of removed rows, as in production: `'reuse'` lets new rows take
 * it (PostgreSQL: VACUUM, what autovacuum runs; SQLite reuses freed space by itself), `'rewrite'`
 * rewrites every table from the rows that remain (the erasers: PostgreSQL VACUUM FULL, SQLite VACUUM).
 */
export type Reclaim = 'reuse' | 'rewrite';

/** A fresh, migrated, empty store, how to reclaim its removed rows' space, and how to let it go. */
export interface StorageUnderTest {
  storage: ContractStorage;
  reclaim(how: Reclaim): Promise<void>;
  close(): Promise<void>;
}

/** SQLite as the server opens it: a file in a temporary folder, every migration, the port's storage. */
export async function sqliteStorageUnderTest(): Promise<StorageUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'plenario-contract-'));
  const db = openDatabase(dir);
  return {
    storage: sqliteStorage(db),
    reclaim: async (how) => {
      if (how === 'rewrite') db.exec('VACUUM');
    },
    close: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const TEMPLATE_DATABASE = 'plenario_contract';

/**
 * A private PostgreSQL cluster for one test file, with a database migrated once as a template:
 * each test then gets its own copy (CREATE DATABASE … TEMPLATE), empty and migrated.
 */
export class PostgresStorages {
  #server: PostgresServer | undefined;
  #admin: pg.Pool | undefined;
  #databases = 0;
  readonly #pools: pg.Pool[] = [];

  /** Starts the cluster; throws with the reason when PostgreSQL cannot be installed or started. */
  async start(): Promise<void> {
    try {
      this.#server = await startPostgres({ fsync: false });
    } catch (error) {
      throw new Error(
        `The storage contract needs PostgreSQL and could not start it (as root it is installed with apt; otherwise install postgresql or set PG_BIN): ${String(error)}`,
        { cause: error },
      );
    }
    this.#admin = new pg.Pool({ connectionString: this.#server.url, max: 2 });
    await this.#admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    const pool = new pg.Pool({ connectionString: this.#server.urlFor(TEMPLATE_DATABASE), max: 1 });
    try {
      await migratePostgres(pool, readMigrations(POSTGRES_MIGRATIONS_DIR));
    } finally {
      await pool.end();
    }
  }

  /** A pool on a fresh copy of the migrated database, as a node opens it. */
  async freshPool(): Promise<pg.Pool> {
    const name = `contract_${++this.#databases}`;
    await this.#admin!.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
    const pool = createPool({ connectionString: this.#server!.urlFor(name), nodeId: 'contract', max: 4 });
    this.#pools.push(pool);
    return pool;
  }

  async storageUnderTest(options?: (pool: pg.Pool) => Promise<PgStorageOptions>): Promise<StorageUnderTest> {
    const pool = await this.freshPool();
    return {
      storage: pgStorage(pool, await options?.(pool)),
      // INDEX_CLEANUP ON: a few dead rows in a small table must still free their line pointers.
      reclaim: async (how) => void (await pool.query(how === 'rewrite' ? 'VACUUM FULL' : 'VACUUM (INDEX_CLEANUP ON)')),
      close: () => pool.end().catch(() => undefined),
    };
  }

  async stop(): Promise<void> {
    await Promise.all(this.#pools.map((pool) => pool.end().catch(() => undefined)));
    await this.#admin?.end();
    await this.#server?.stop();
  }
}
