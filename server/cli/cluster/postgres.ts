import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const run = promisify(execFile);
const SUPERUSER = 'plenario';

/** The folder holding initdb, pg_ctl and postgres: PG_BIN, PATH, or Debian's versioned folder. */
export function findPostgresBin(): string | null {
  const dirs = [process.env.PG_BIN, ...(process.env.PATH ?? '').split(':')].filter((d): d is string => Boolean(d));
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) dirs.push(join(debian, version, 'bin'));
  }
  return dirs.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

export interface PostgresServer {
  /** postgres://… of the cluster's `postgres` database, as its superuser. */
  url: string;
  port: number;
  /** The cluster's data directory (its heap files, pg_wal…), for the tests that read its bytes. */
  dataDir: string;
  /** A connection string for another database of the same cluster. */
  urlFor(database: string): string;
  /** Fast restart (`pg_ctl restart -m fast`): every connection is cut, the data stays. */
  restart(): Promise<void>;
  /** Fast stop (`pg_ctl stop -m fast`) that keeps the data: every connection is cut until `start`. */
  shutdown(): Promise<void>;
  /** Starts a cluster stopped by `shutdown` again, on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops the cluster and removes its files. */
  stop(): Promise<void>;
}

/**
 * Starts a private PostgreSQL cluster (a test file's, or `npm run cluster`'s): a fresh `initdb`
 * in a temporary folder, listening on 127.0.0.1 on a free port only, trusted local access,
 * nothing shared with a system cluster. PostgreSQL refuses to run as root, so under root it runs
 * as the `postgres` user the Debian package creates. `fsync` stays on unless asked: durability
 * tests need it. The server's keepalives are those docs/deploy.md gives production: a node
 * that vanishes without closing its connection loses its sessions' locks within about 11 s.
 */
export async function startPostgres(options: { bin: string; fsync?: boolean }): Promise<PostgresServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenario-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot)
    chownSync(
      dataDir,
      Number(execFileSync('id', ['-u', 'postgres']).toString()),
      Number(execFileSync('id', ['-g', 'postgres']).toString()),
    );
  const pg = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(options.bin, program), ...args]) : run(join(options.bin, program), args);

  await pg('initdb', ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions']);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dataDir}`,
    `-c listen_addresses=127.0.0.1`,
    `-c fsync=${options.fsync === false ? 'off' : 'on'}`,
    '-c tcp_keepalives_idle=5',
    '-c tcp_keepalives_interval=2',
    '-c tcp_keepalives_count=3',
    // Small and quiet: a cluster on a shared machine.
    '-c shared_buffers=32MB',
    '-c max_connections=200',
    // Removed rows must leave the WAL too (docs/deploy.md "Deleted means gone"): old segments are
    // deleted, not renamed for reuse with their old bytes in them.
    '-c wal_recycle=off',
  ].join(' ');
  const ctl = (action: string[]) =>
    pg('pg_ctl', ['-D', dataDir, '-l', join(dataDir, 'server.log'), '-o', settings, '-w', '-t', '60', ...action]);
  await ctl(['start']);

  const urlFor = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor('postgres'),
    port,
    dataDir,
    urlFor,
    restart: async () => {
      await ctl(['-m', 'fast', 'restart']);
    },
    shutdown: async () => {
      await ctl(['-m', 'fast', 'stop']);
    },
    start: async () => {
      await ctl(['start']);
    },
    stop: async () => {
      await ctl(['-m', 'fast', 'stop']).catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
