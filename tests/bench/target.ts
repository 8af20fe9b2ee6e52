/**
 * What the failover run (failover.ts) drives and kills: a `Target`. Today one node
 * (`SingleNodeTarget`: one server on SQLite; killing it and starting it again on the same data
 * and port is a failover to the same place). A cluster (PostgreSQL, HAProxy, N nodes) plugs in
 * by implementing the same interface (`ClusterTarget`, cluster-target.ts); the run itself does not change.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { routingQuery } from '../../shared/routing.ts';
import type { AnswerValue } from '../../shared/types.ts';
import { SERVER_ENTRY } from '../../server/cli/build.ts';
import { DATABASE_FILE } from '../../server/db/open.ts';
import { freePort } from '../integration/support/process.ts';
import { spawnNode, stopProcess, tail, waitHealthy } from './processes.ts';

/** One stored answer: the current value of a participant for an activity, and the client ids of its submissions. */
export interface StoredAnswerRow {
  participantId: string;
  activityId: string;
  value: AnswerValue;
  /** The clientAnswerIds the store keeps for this row (its latest submissions, oldest first). */
  clientAnswerIds: string[];
}

export interface TargetNode {
  /** A name for the output (NODE_ID in a cluster). */
  id: string;
  pid: number;
  /** Its own address, bypassing the proxy. */
  url: string;
}

export interface Target {
  /** Said in the output: "one node (SQLite)", "cluster of 3 (PostgreSQL, HAProxy)". */
  readonly description: string;
  /** Where phones, presenters and the HTTP API go (HAProxy's frontend in a cluster). */
  readonly url: string;
  /** Query parameters a session's sockets carry: `routingQuery` (a cluster routes on it; one node ignores it). */
  query(sessionId: string): Record<string, string>;
  /** The node processes now running. */
  nodes(): TargetNode[];
  /** The sessions a running node owns now; null where there is no ownership (one node owns everything). */
  owned(pid: number): Promise<string[] | null>;
  /** The pid of the node that owns a live session now. */
  ownerPid(sessionId: string): Promise<number>;
  /** SIGKILL one of this target's node processes (by pid: never anything it did not start); resolves once it is gone. */
  kill(pid: number): Promise<void>;
  /**
   * Starts the killed node again; resolves once it is healthy. One node: on the same data and
   * port, which is how its sessions come back. A cluster's sessions have moved to the other
   * nodes by then; the restarted node must own nothing it lost. Resolves to its new pid.
   */
  restart(pid: number): Promise<number>;
  /** What the store holds for a session's answers (SQLite file; PostgreSQL in a cluster). */
  storedAnswers(sessionId: string): Promise<StoredAnswerRow[]>;
  /**
   * Batches committed by a node that did not hold the session's ownership lock at the time;
   * null where there is no ownership to hold (one node).
   */
  commitsWithoutLock(): Promise<number | null>;
  /** Stops every process it started and removes its data. */
  stop(): Promise<void>;
}

export interface SingleNodeOptions {
  /** Pin the server to core 0. */
  pin: boolean;
  nodeFlags: string[];
}

/** One server on SQLite, as `npm start` runs it, in a temporary DATA_DIR. */
export class SingleNodeTarget implements Target {
  readonly description = 'one node (SQLite)';
  #server: ChildProcess | null = null;
  #output: () => string = () => '';

  private constructor(
    readonly url: string,
    private readonly port: number,
    private readonly dataDir: string,
    private readonly options: SingleNodeOptions,
  ) {}

  static async start(options: SingleNodeOptions): Promise<SingleNodeTarget> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(os.tmpdir(), 'plenario-bench-failover-'));
    const target = new SingleNodeTarget(`http://127.0.0.1:${port}`, port, dataDir, options);
    await target.#spawn();
    return target;
  }

  query(sessionId: string): Record<string, string> {
    return routingQuery(sessionId);
  }

  nodes(): TargetNode[] {
    return this.#server?.pid ? [{ id: 'single', pid: this.#server.pid, url: this.url }] : [];
  }

  async owned(): Promise<null> {
    return null;
  }

  async ownerPid(): Promise<number> {
    const pid = this.#server?.pid;
    if (!pid) throw new Error('the server is not running');
    return pid;
  }

  async kill(pid: number): Promise<void> {
    const server = this.#server;
    if (!server || server.pid !== pid) throw new Error(`pid ${pid} is not this target's server`);
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise<void>((r) => server.once('exit', () => r()));
    server.kill('SIGKILL');
    await exited;
  }

  async restart(pid: number): Promise<number> {
    if (this.#server?.pid !== pid) throw new Error(`pid ${pid} is not this target's server`);
    if (this.#server.exitCode === null && this.#server.signalCode === null) throw new Error('the server is still running');
    return this.#spawn();
  }

  async storedAnswers(sessionId: string): Promise<StoredAnswerRow[]> {
    // Read beside the running server (WAL lets a reader in); read-only, so the run changes nothing.
    const db = new BetterSqlite3(join(this.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare(
          `SELECT a.participant_id, a.activity_id, a.value, a.client_answer_ids FROM answers a
           JOIN activities act ON act.id = a.activity_id WHERE act.session_id = ?`,
        )
        .all(sessionId) as Array<{ participant_id: string; activity_id: string; value: string; client_answer_ids: string }>;
      return rows.map((r) => ({
        participantId: r.participant_id,
        activityId: r.activity_id,
        value: JSON.parse(r.value) as AnswerValue,
        clientAnswerIds: r.client_answer_ids.trim().split(' ').filter(Boolean),
      }));
    } finally {
      db.close();
    }
  }

  async commitsWithoutLock(): Promise<number | null> {
    return null;
  }

  async stop(): Promise<void> {
    if (this.#server) await stopProcess(this.#server, 30_000);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async #spawn(): Promise<number> {
    const server = spawnNode([...this.options.nodeFlags, SERVER_ENTRY], {
      core: this.options.pin ? 0 : null,
      env: {
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        CLIENT_DIR: join(this.dataDir, 'no-client'),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
    });
    this.#server = server;
    this.#output = tail(server);
    await waitHealthy(this.url, server, this.#output);
    return server.pid!;
  }
}
