/**
 * The failover run's cluster `Target` (issue 18): a private PostgreSQL, N nodes of the built
 * server on it and HAProxy in front, built from `npm run cluster`'s pieces
 * (server/cli/cluster/*). Every process is started here and stopped or killed by its pid.
 *
 * `commitsWithoutLock` is checked inside PostgreSQL: the target adds a trigger to `answers` (in
 * its private database only, after the nodes migrated it) that, in the writing transaction,
 * records whether the writing connection holds the session's advisory lock (`pg_locks`, the key
 * `Ownership` takes). A rolled-back write leaves no record, so every record is a committed write.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { AnswerValue } from '../../shared/types.ts';
import { routingQuery } from '../../shared/routing.ts';
import { SERVER_ENTRY } from '../../server/cli/build.ts';
import { freePort } from '../../server/cli/cluster/free-port.ts';
import { findHaproxy, startHaproxy, type HaproxyProcess } from '../../server/cli/cluster/haproxy-process.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';
import { sleep, spawnNode, stopProcess, tail, waitHealthy } from './processes.ts';
import type { StoredAnswerRow, Target, TargetNode } from './target.ts';

const LOCK_CHECK = `
CREATE TABLE bench_answer_writes (
  session_id TEXT NOT NULL,
  application_name TEXT NOT NULL,
  held BOOLEAN NOT NULL
);
CREATE FUNCTION bench_check_lock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sid TEXT;
  k BIGINT;
BEGIN
  SELECT session_id INTO sid FROM activities WHERE id = NEW.activity_id;
  k := hashtextextended(sid, 0);
  INSERT INTO bench_answer_writes (session_id, application_name, held)
  VALUES (sid, current_setting('application_name'), EXISTS (
    SELECT 1 FROM pg_locks
    WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objsubid = 1
      AND classid::bigint = ((k >> 32) & 4294967295) AND objid::bigint = (k & 4294967295)));
  RETURN NEW;
END $$;
CREATE TRIGGER bench_check_lock AFTER INSERT OR UPDATE ON answers
  FOR EACH ROW EXECUTE FUNCTION bench_check_lock();
`;

interface ClusterNode {
  id: string;
  port: number;
  url: string;
  child: ChildProcess;
}

export class ClusterTarget implements Target {
  readonly description: string;
  readonly #nodes: ClusterNode[] = [];
  #proxy: HaproxyProcess | null = null;
  /** What HAProxy is started with, to start it again the same way. */
  #proxyStart: (() => Promise<HaproxyProcess>) | null = null;
  /** What the HAProxy processes before the running one printed. */
  #proxyOutput = '';
  #db: pg.Pool | null = null;

  private constructor(
    readonly url: string,
    private readonly postgres: PostgresServer,
    private readonly dir: string,
    nodeCount: number,
    /** Settings every node gets besides the cluster's own (a test's shorter delays). */
    private readonly nodeEnv: Record<string, string> = {},
  ) {
    this.description = `cluster of ${nodeCount} (PostgreSQL, HAProxy)`;
  }

  /** Starts PostgreSQL, `nodeCount` nodes on it (the first migrates), the lock check, then HAProxy. */
  static async start(nodeCount: number, nodeEnv: Record<string, string> = {}): Promise<ClusterTarget> {
    const haproxy = findHaproxy();
    if (!haproxy) throw new Error('HAProxy not found: install it (apt-get install haproxy).');
    const dir = mkdtempSync(join(os.tmpdir(), 'plenario-bench-cluster-'));
    const postgres = await startPostgres({ fsync: false });
    const proxyPort = await freePort();
    const target = new ClusterTarget(`http://127.0.0.1:${proxyPort}`, postgres, dir, nodeCount, nodeEnv);
    try {
      for (let i = 1; i <= nodeCount; i++) await target.#spawn(`node-${i}`, await freePort());
      target.#db = new pg.Pool({ connectionString: postgres.url, max: 2 });
      // While PostgreSQL is stopped on purpose (--restart-postgres-at), an idle client's error must not end the run.
      target.#db.on('error', () => undefined);
      await target.#db.query(LOCK_CHECK);
      const nodes = target.#nodes.map((n) => ({ name: n.id, host: '127.0.0.1', port: n.port }));
      const statsSocket = join(dir, 'haproxy.sock');
      target.#proxyStart = () => startHaproxy(haproxy, dir, proxyPort, { bind: `127.0.0.1:${proxyPort}`, nodes, statsSocket });
      target.#proxy = await target.#proxyStart();
    } catch (error) {
      await target.stop();
      throw error;
    }
    return target;
  }

  query(sessionId: string): Record<string, string> {
    return routingQuery(sessionId);
  }

  nodes(): TargetNode[] {
    return this.#running().map((n) => ({ id: n.id, pid: n.child.pid!, url: n.url }));
  }

  /** The sessions a running node owns, from its /healthz. */
  async owned(pid: number): Promise<string[]> {
    const node = this.#node(pid);
    const health = (await (await fetch(`${node.url}/healthz`)).json()) as { sessionsOwned: string[] };
    return health.sessionsOwned;
  }

  async ownerPid(sessionId: string): Promise<number> {
    // A session is claimed when a node loads it (its first socket); ask until one says so.
    for (let tries = 0; tries < 100; tries++) {
      for (const node of this.#running()) {
        const owned = await this.owned(node.child.pid!).catch(() => [] as string[]);
        if (owned.includes(sessionId)) return node.child.pid!;
      }
      await sleep(100);
    }
    throw new Error(`no node owns session ${sessionId}`);
  }

  async kill(pid: number): Promise<void> {
    const { child } = this.#node(pid);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  }

  async restart(pid: number): Promise<number> {
    const node = this.#node(pid);
    if (node.child.exitCode === null && node.child.signalCode === null) throw new Error(`node ${node.id} is still running`);
    this.#nodes.splice(this.#nodes.indexOf(node), 1);
    return this.#spawn(node.id, node.port);
  }

  /**
   * Kills HAProxy (SIGKILL, by its pid: every connection through it is cut, its stick table
   * is gone) and starts it again on the same port with the same configuration; resolves once it
   * accepts connections.
   */
  async restartHaproxy(): Promise<void> {
    const proxy = this.#proxy;
    if (!proxy || !this.#proxyStart) throw new Error('the cluster is not started');
    if (proxy.child.exitCode === null && proxy.child.signalCode === null) {
      const exited = new Promise<void>((r) => proxy.child.once('exit', () => r()));
      proxy.child.kill('SIGKILL');
      await exited;
    }
    this.#proxyOutput += proxy.output();
    this.#proxy = await this.#proxyStart();
  }

  /**
   * The nodes HAProxy marked down (failed health checks) or up again, as it logged them: a node
   * marked down loses its sessions' routing (redispatch), which can move a session's owner.
   */
  haproxyServerChanges(): string[] {
    const output = this.#proxyOutput + (this.#proxy?.output() ?? '');
    return output.match(/Server nodes\/\S+ is (DOWN|UP)\b/g) ?? [];
  }

  /**
   * Sets a node's state in HAProxy through its runtime API (`set server nodes/<id> state …`), as
   * an operator would, or as failing health checks do with `maint`: HAProxy sends the node no new
   * connection, and keeps those it already has (a session's WebSockets stay open).
   */
  async setNodeState(id: string, state: 'maint' | 'ready'): Promise<void> {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(join(this.dir, 'haproxy.sock'));
      let output = '';
      socket.on('data', (data: Buffer) => (output += data.toString()));
      socket.on('end', () => resolve(output));
      socket.on('error', reject);
      socket.end(`set server nodes/${id} state ${state}\n`);
    });
    if (answer.trim() !== '') throw new Error(`HAProxy refused to set ${id} ${state}: ${answer.trim()}`);
  }

  /** Stops PostgreSQL (`pg_ctl stop -m fast`): every node's connections are cut; resolves once it is down. */
  stopPostgres(): Promise<void> {
    return this.postgres.shutdown();
  }

  /** Starts PostgreSQL again on the same data; resolves once it accepts connections. */
  startPostgres(): Promise<void> {
    return this.postgres.start();
  }

  async storedAnswers(sessionId: string): Promise<StoredAnswerRow[]> {
    const { rows } = await this.#client().query<{ participant_id: string; activity_id: string; value: string; client_answer_ids: string }>(
      `SELECT a.participant_id, a.activity_id, a.value, a.client_answer_ids FROM answers a
       JOIN activities act ON act.id = a.activity_id WHERE act.session_id = $1`,
      [sessionId],
    );
    return rows.map((r) => ({
      participantId: r.participant_id,
      activityId: r.activity_id,
      value: JSON.parse(r.value) as AnswerValue,
      clientAnswerIds: r.client_answer_ids.trim().split(' ').filter(Boolean),
    }));
  }

  async commitsWithoutLock(): Promise<number> {
    const { rows } = await this.#client().query<{ n: string }>('SELECT count(*) AS n FROM bench_answer_writes WHERE NOT held');
    return Number(rows[0]!.n);
  }

  /** Committed answer writes checked by the trigger, by connection (`<NODE_ID>-owner`, …) and whether it held the lock. */
  async answerWrites(sessionId: string): Promise<Array<{ applicationName: string; held: boolean; writes: number }>> {
    const { rows } = await this.#client().query<{ application_name: string; held: boolean; n: string }>(
      `SELECT application_name, held, count(*) AS n FROM bench_answer_writes WHERE session_id = $1
       GROUP BY application_name, held ORDER BY application_name`,
      [sessionId],
    );
    return rows.map((r) => ({ applicationName: r.application_name, held: r.held, writes: Number(r.n) }));
  }

  /** Rows a session has in a table keyed by `session_id` (to show that a refused request wrote none). */
  async rowCount(table: 'participants' | 'activities', sessionId: string): Promise<number> {
    const { rows } = await this.#client().query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE session_id = $1`, [sessionId]);
    return Number(rows[0]!.n);
  }

  async stop(): Promise<void> {
    await this.#db?.end().catch(() => undefined);
    this.#db = null;
    if (this.#proxy) await stopProcess(this.#proxy.child, 5_000);
    await Promise.all(this.#nodes.map((n) => stopProcess(n.child, 30_000)));
    await this.postgres.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  #client(): pg.Pool {
    if (!this.#db) throw new Error('the cluster is not started');
    return this.#db;
  }

  #running(): ClusterNode[] {
    return this.#nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
  }

  #node(pid: number): ClusterNode {
    const node = this.#nodes.find((n) => n.child.pid === pid);
    if (!node) throw new Error(`pid ${pid} is not one of this cluster's nodes`);
    return node;
  }

  async #spawn(id: string, port: number): Promise<number> {
    const dataDir = join(this.dir, id);
    mkdirSync(dataDir, { recursive: true });
    const url = `http://127.0.0.1:${port}`;
    const child = spawnNode([SERVER_ENTRY], {
      core: null,
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ID: id,
        DATA_DIR: dataDir,
        DATABASE_URL: this.postgres.url,
        CLIENT_DIR: join(dataDir, 'no-client'),
        PUBLIC_URL: this.url,
        TRUST_PROXY: '1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        ...this.nodeEnv,
      },
    });
    this.#nodes.push({ id, port, url, child });
    await waitHealthy(url, child, tail(child));
    return child.pid!;
  }
}
