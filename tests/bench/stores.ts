/**
 * What the throughput run reads of the server's database: the answers its rows hold (for the
 * exact count, presenter = acknowledged = store), and with `--postgres` the private PostgreSQL
 * cluster itself — started with production's durability settings, pinned, and its CPU measured
 * over every one of its processes.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { DATABASE_FILE } from '../../server/db/open.ts';
import { startPostgres } from '../support/postgres.ts';
import { cpuUs, procStat, ticksToUs } from './stats.ts';

/**
 * The answers a session's rows hold. Each row keeps a participant's last rating, and the
 * generators' k-th answer sums 4 + k (protocol.ts), so a row holds `sum − 4` answers: the same
 * reading as the presenter's aggregate, made from what was committed.
 */
const STORED_SQLITE = `
  SELECT COALESCE(SUM((SELECT SUM(r.value) FROM json_each(a.value, '$.ratings') r) - 4), 0) AS answers
  FROM answers a JOIN activities act ON act.id = a.activity_id WHERE act.session_id = ?`;
const STORED_POSTGRES = `
  SELECT COALESCE(SUM((SELECT SUM(r.value::int) FROM jsonb_each_text(a.value::jsonb -> 'ratings') r) - 4), 0)::int AS answers
  FROM answers a JOIN activities act ON act.id = a.activity_id WHERE act.session_id = $1`;

/** Answers stored for a session in a server's SQLite file, read beside it (WAL lets a reader in). */
export function sqliteStoredAnswers(dataDir: string, sessionId: string): number {
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(STORED_SQLITE).get(sessionId) as { answers: number }).answers;
  } finally {
    db.close();
  }
}

export interface BenchPostgres {
  /** DATABASE_URL for the node. */
  url: string;
  /** The settings it runs with, for the report. */
  settings: Record<string, string>;
  /** CPU time of the whole cluster (postmaster, backends, WAL writer, checkpointer, …), in µs. */
  cpuUs(): number;
  storedAnswers(sessionId: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The settings that decide what an ack costs, as docs/deploy.md gives production: every commit
 * flushed to disk before it returns. The rest are tests/support/postgres.ts's (shared_buffers
 * 32MB: the answers of 10,000 participants fit many times over).
 */
const DURABILITY_SETTINGS = ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'commit_delay'];

/** Starts a private cluster with fsync on, its processes on `core` (none: not pinned). */
export async function startBenchPostgres(core: number | null): Promise<BenchPostgres> {
  const server = await startPostgres({ fsync: true });
  try {
    const postmaster = postmasterPid(server.port);
    if (core !== null) for (const pid of [postmaster, ...childrenOf(postmaster)]) pin(pid, core);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    let settings: Record<string, string>;
    try {
      const { rows } = await client.query<{ name: string; setting: string }>(
        'SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1) ORDER BY name',
        [DURABILITY_SETTINGS],
      );
      settings = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
    } finally {
      await client.end();
    }
    return {
      url: server.url,
      settings,
      // Backends that ended are in the postmaster's cutime/cstime (it waits for them).
      cpuUs: () => {
        const [utime, stime, cutime, cstime] = procStat(postmaster, [11, 12, 13, 14]);
        const own = ticksToUs(utime! + stime! + cutime! + cstime!);
        return own + childrenOf(postmaster).reduce((sum, pid) => sum + cpuUsOrZero(pid), 0);
      },
      storedAnswers: async (sessionId) => {
        const reader = new pg.Client({ connectionString: server.url });
        await reader.connect();
        try {
          return (await reader.query<{ answers: number }>(STORED_POSTGRES, [sessionId])).rows[0]!.answers;
        } finally {
          await reader.end();
        }
      },
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** A child that ended between listing and reading counts in the postmaster's cutime instead. */
function cpuUsOrZero(pid: number): number {
  try {
    return cpuUs(pid);
  } catch {
    return 0;
  }
}

/** The postmaster of the cluster listening on `port`: the `postgres` process started with `-p port`. */
function postmasterPid(port: number): number {
  for (const pid of numericEntries('/proc')) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const p = args.indexOf('-p');
    if (args[0]?.endsWith('/postgres') && p > 0 && args[p + 1] === String(port)) return pid;
  }
  throw new Error(`no postgres process listens on port ${port}`);
}

/** The processes whose parent is `parent` (every process of a cluster is the postmaster's child). */
function childrenOf(parent: number): number[] {
  return numericEntries('/proc').filter((pid) => {
    try {
      return procStat(pid, [1])[0] === parent;
    } catch {
      return false;
    }
  });
}

function numericEntries(dir: string): number[] {
  return readdirSync(dir)
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Pins a running process (every thread) to one core; its future children inherit it. */
function pin(pid: number, core: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
}
