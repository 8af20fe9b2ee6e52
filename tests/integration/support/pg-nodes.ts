import { rmSync } from 'node:fs';
import pg from 'pg';
import { startPostgres, type PostgresServer } from '../../support/postgres.ts';
import { exited, startServerProcess, type ServerProcess } from './process.ts';
import { tempDataDir, type ClientSocket } from './server.ts';

/**
 * Nodes of the built server on one private PostgreSQL database, as in a cluster but without
 * HAProxy (issue 18): each test reaches the node it means by its own URL. Node `x` runs with
 * `NODE_ID=node-x`. `stop` closes every tracked socket, kills every node and removes it all.
 */
export class PgNodes<Name extends string> {
  /** Every node started, in order (a node started again after a kill is listed twice). */
  readonly #started: Array<{ name: Name; process: ServerProcess; dataDir: string }> = [];
  readonly #sockets: ClientSocket[] = [];

  private constructor(
    readonly postgres: PostgresServer,
    /** The nodes' DATABASE_URL (database `plenario`, empty until a node migrates it). */
    readonly databaseUrl: string,
    /** The test's own connections to that database, to look at the rows. */
    readonly admin: pg.Pool,
  ) {}

  /** A private PostgreSQL with an empty database; no node yet. */
  static async start<Name extends string>(): Promise<PgNodes<Name>> {
    const postgres = await startPostgres({ fsync: false });
    const setup = new pg.Client({ connectionString: postgres.url });
    await setup.connect();
    await setup.query('CREATE DATABASE plenario');
    await setup.end();
    const databaseUrl = postgres.urlFor('plenario');
    const admin = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // A PostgreSQL restart (some tests make one) ends the pool's idle connections too; the pool replaces them.
    admin.on('error', () => undefined);
    return new PgNodes(postgres, databaseUrl, admin);
  }

  /** Starts node `name` (again, after a kill) with a data folder of its own; `env` adds to its settings. */
  async startNode(name: Name, env: Record<string, string> = {}): Promise<ServerProcess> {
    const dataDir = tempDataDir();
    const process = await startServerProcess(dataDir, { env: { DATABASE_URL: this.databaseUrl, NODE_ID: `node-${name}`, ...env } });
    this.#started.push({ name, process, dataDir });
    return process;
  }

  node(name: Name): ServerProcess {
    const started = this.#started.findLast((entry) => entry.name === name);
    if (!started) throw new Error(`node ${name} was not started`);
    return started.process;
  }

  /** The sessions node `name` owns now (its /healthz). */
  owned(name: Name): Promise<string[]> {
    return sessionsOwned(this.node(name));
  }

  /** Keeps the socket to close it at the end. */
  track<T extends ClientSocket>(socket: T): T {
    this.#sockets.push(socket);
    return socket;
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.close();
    for (const { process, dataDir } of this.#started) {
      process.child.kill('SIGKILL');
      await exited(process.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
    await this.admin.end();
    await this.postgres.stop();
  }
}

/** The sessions a node owns now (its /healthz). */
export async function sessionsOwned(node: { url: string }): Promise<string[]> {
  return ((await (await fetch(`${node.url}/healthz`)).json()) as { sessionsOwned: string[] }).sessionsOwned;
}
