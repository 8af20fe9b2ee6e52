import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { AccountRepository } from '../../../server/db/account-repository.ts';
import { SqliteAnswerRepository } from '../../../server/db/answer-repository.ts';
import { asyncRepository } from '../../../server/db/async.ts';
import { SqliteAuditRepository } from '../../../server/db/audit-repository.ts';
import { SqliteBreakoutRepository } from '../../../server/db/breakout-repository.ts';
import { SqliteCommentRepository } from '../../../server/db/comment-repository.ts';
import { SqliteCommitmentRepository } from '../../../server/db/commitment-repository.ts';
import { SqliteExperienceRepository } from '../../../server/db/experience-repository.ts';
import { readMigrations } from '../../../server/db/migrate.ts';
import { SqliteModerationRepository } from '../../../server/db/moderation-repository.ts';
import { openDatabase } from '../../../server/db/open.ts';
import { SqliteParticipantRepository } from '../../../server/db/participant-repository.ts';
import { createPool } from '../../../server/db/postgres/pool.ts';
import { migratePostgres } from '../../../server/db/postgres/migrate.ts';
import { pgStorage, type PgStorage, type PgStorageOptions } from '../../../server/db/postgres/storage.ts';
import { SqliteQaRepository } from '../../../server/db/qa-repository.ts';
import { SeriesRepository } from '../../../server/db/series-repository.ts';
import { SqliteSessionRepository } from '../../../server/db/session-repository.ts';
import { SettingsRepository } from '../../../server/db/settings-repository.ts';
import { SignInAllowListRepository } from '../../../server/db/sign-in-allowlist-repository.ts';
import { SqliteSupportRepository } from '../../../server/db/support-repository.ts';
import { SqliteSynthesisRepository } from '../../../server/db/synthesis-repository.ts';
import { TemplateRepository } from '../../../server/db/template-repository.ts';
import { SqliteTurnRepository } from '../../../server/db/turn-repository.ts';
import { POSTGRES_MIGRATIONS_DIR } from '../../../server/paths.ts';
import { startPostgres, type PostgresServer } from '../../support/postgres.ts';

/**
 * The storage the contract suite drives: the port of round 5 (all repositories, asynchronous,
 * and `transaction`). Until the port lands, PgStorage declares it.
 */
export type ContractStorage = PgStorage;

/** A fresh, migrated, empty store, and how to let it go. */
export interface StorageUnderTest {
  storage: ContractStorage;
  close(): Promise<void>;
}

/**
 * SQLite as the server opens it (a file in a temporary folder, every migration), its synchronous
 * repositories behind asyncRepository. Stands in for the port's sqliteStorage until it lands.
 */
export async function sqliteStorageUnderTest(): Promise<StorageUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'plenario-contract-'));
  const db = openDatabase(dir);
  const storage: ContractStorage = {
    sessions: asyncRepository(new SqliteSessionRepository(db)),
    participants: asyncRepository(new SqliteParticipantRepository(db)),
    answers: asyncRepository(new SqliteAnswerRepository(db)),
    breakouts: asyncRepository(new SqliteBreakoutRepository(db)),
    syntheses: asyncRepository(new SqliteSynthesisRepository(db)),
    turns: asyncRepository(new SqliteTurnRepository(db)),
    qa: asyncRepository(new SqliteQaRepository(db)),
    moderation: asyncRepository(new SqliteModerationRepository(db)),
    comments: asyncRepository(new SqliteCommentRepository(db)),
    audit: asyncRepository(new SqliteAuditRepository(db)),
    commitments: asyncRepository(new SqliteCommitmentRepository(db)),
    support: asyncRepository(new SqliteSupportRepository(db)),
    experiences: asyncRepository(new SqliteExperienceRepository(db)),
    accounts: asyncRepository(new AccountRepository(db)),
    series: asyncRepository(new SeriesRepository(db)),
    settings: asyncRepository(new SettingsRepository(db)),
    templates: asyncRepository(new TemplateRepository(db)),
    signInAllowList: asyncRepository(new SignInAllowListRepository(db)),
    // One connection: the work awaits storage calls only, so nothing else runs in between.
    transaction: async (work) => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(storage);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
  };
  return {
    storage,
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
    return { storage: pgStorage(pool, await options?.(pool)), close: () => pool.end().catch(() => undefined) };
  }

  async stop(): Promise<void> {
    await Promise.all(this.#pools.map((pool) => pool.end().catch(() => undefined)));
    await this.#admin?.end();
    await this.#server?.stop();
  }
}
