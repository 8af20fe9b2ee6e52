import type { Database } from 'better-sqlite3';
import fp from 'fastify-plugin';
import { Eraser, type ErasureReport } from '../db/eraser.ts';
import { readMigrations } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { PgEraser } from '../db/postgres/eraser.ts';
import { migratePostgres } from '../db/postgres/migrate.ts';
import { Ownership } from '../db/postgres/ownership.ts';
import { createPool } from '../db/postgres/pool.ts';
import { pgStorage } from '../db/postgres/storage.ts';
import { sqliteStorage, type Storage } from '../db/storage.ts';
import { POSTGRES_MIGRATIONS_DIR } from '../paths.ts';
import { sessionMoved } from '../realtime/routing.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The SQLite database itself, for what stays SQLite's (backups); reading it on PostgreSQL throws. */
    db: Database;
    /** The storage port every service and route goes through. */
    storage: Storage;
    /** Makes removed rows leave the database's files (docs/privacy.md). */
    eraser: { erase(): boolean };
    /**
     * On PostgreSQL (a node of a cluster): the sessions this node owns, by advisory lock on its
     * owner connection. Null on SQLite, where the one process owns every session.
     */
    ownership: SessionOwnership | null;
  }
}

/** What the services need of a node's ownership. */
export interface SessionOwnership {
  /** Takes the session for this node; SESSION_MOVED when another node holds it. */
  claim(sessionId: string): Promise<void>;
  /** Gives the session up, so that the next node asked for it may take it. */
  release(sessionId: string): Promise<void>;
  /** The sessions this node owns now. */
  owned(): string[];
  /** Told the sessions lost at once when the owner connection ends (their locks went with it). */
  onLost(listener: (sessionIds: string[]) => void): void;
}

export interface DbOptions {
  dataDir: string;
  /** DATABASE_URL: PostgreSQL shared by the nodes of a cluster; null: SQLite in dataDir. */
  databaseUrl: string | null;
  nodeId: string;
}

/**
 * Opens and migrates the database and the storage port on it: SQLite in DATA_DIR by default, or
 * PostgreSQL with the node's owner connection when DATABASE_URL is set (docs/deploy.md#6).
 * Closes them when the app closes.
 */
export default fp(
  async (app, opts: DbOptions) => {
    const report = (erasure: ErasureReport) => {
      if (erasure.erased) app.log.info({ attempts: erasure.attempts }, 'removed data erased from the database files');
      else app.log.warn(erasure, 'removed data is still in the database files; trying again');
    };
    if (opts.databaseUrl === null) {
      const db = openDatabase(opts.dataDir);
      const eraser = new Eraser(db, report);
      app.decorate('db', db);
      app.decorate('storage', sqliteStorage(db));
      app.decorate('eraser', eraser);
      app.decorate('ownership', null);
      app.addHook('onClose', async () => {
        eraser.close();
        db.close();
      });
      return;
    }

    const pool = createPool({
      connectionString: opts.databaseUrl,
      nodeId: opts.nodeId,
      onIdleError: (error) => app.log.warn({ err: error }, 'an idle PostgreSQL connection failed'),
    });
    const listeners: Array<(sessionIds: string[]) => void> = [];
    let ownership: Ownership;
    try {
      // Several nodes starting together migrate once (an advisory lock inside).
      await migratePostgres(pool, readMigrations(POSTGRES_MIGRATIONS_DIR));
      ownership = await Ownership.connect({
        url: opts.databaseUrl,
        nodeId: opts.nodeId,
        onLost: (sessionIds) => {
          app.log.warn({ sessions: sessionIds.length }, 'the owner connection to PostgreSQL ended: its sessions are lost');
          for (const listener of listeners) listener(sessionIds);
        },
        onReconnectError: (error) => app.log.warn({ err: error }, 'the owner connection to PostgreSQL could not reconnect yet'),
      });
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    const eraser = new PgEraser(pool, report);
    // Batches (answers, joins) commit on the owner connection, the one holding the sessions'
    // locks: a batch can only commit while this node owns them (scale-out design §4.2).
    const commitConnection = { query: (text: string, values?: unknown[]) => ownership.connection.query(text, values) };
    app.decorate('db', {
      getter: (): Database => {
        throw new Error('This node stores in PostgreSQL (DATABASE_URL): it has no SQLite database.');
      },
    });
    app.decorate('storage', pgStorage(pool, { commitConnection: commitConnection as never }));
    app.decorate('eraser', eraser);
    app.decorate('ownership', {
      claim: async (sessionId: string) => {
        if ((await ownership.acquire(sessionId)) === 'held-elsewhere') throw sessionMoved();
      },
      release: (sessionId: string) => ownership.release(sessionId),
      owned: () => ownership.owned(),
      onLost: (listener: (sessionIds: string[]) => void) => listeners.push(listener),
    } satisfies SessionOwnership);
    app.addHook('onClose', async () => {
      eraser.close();
      await ownership.close();
      await pool.end();
    });
  },
  { name: 'db' },
);
