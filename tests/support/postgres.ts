import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { aptInstall } from './apt.ts';

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

/** Finds PostgreSQL's server programs, or installs Debian's `postgresql` (as root). */
export function ensurePostgres(): string {
  const found = findPostgresBin();
  if (found) return found;
  aptInstall(['postgresql'], 'PostgreSQL not found: install it (Debian: apt-get install postgresql) or set PG_BIN to its bin folder.');
  const installed = findPostgresBin();
  if (!installed) throw new Error('apt-get installed postgresql, but no initdb was found.');
  return installed;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface PostgresServer {
  /** postgres://… of the cluster's `postgres` database, as its superuser. */
  url: string;
  port: number;
  /** A connection string for another database of the same cluster. */
  urlFor(database: string): string;
  /** Fast restart (`pg_ctl restart -m fast`): every connection is cut, the data stays. */
  restart(): Promise<void>;
  /** Stops the cluster and removes its files. */
  stop(): Promise<void>;
}

/**
 * Starts a private PostgreSQL cluster for one test file: a fresh `initdb` in a temporary folder,
 * listening on 127.0.0.1 on a free port only, trusted local access, nothing shared with a system
 * cluster. PostgreSQL refuses to run as root, so under root it runs as the `postgres` user the
 * Debian package creates. `fsync` stays on unless asked: durability tests need it.
 */
export async function startPostgres(options: { fsync?: boolean } = {}): Promise<PostgresServer> {
  const bin = ensurePostgres();
  const dataDir = mkdtempSync(join(tmpdir(), 'plenario-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot)
    chownSync(
      dataDir,
      Number(execFileSync('id', ['-u', 'postgres']).toString()),
      Number(execFileSync('id', ['-g', 'postgres']).toString()),
    );
  const pg = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args]) : run(join(bin, program), args);

  await pg('initdb', ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions']);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dataDir}`,
    `-c listen_addresses=127.0.0.1`,
    `-c fsync=${options.fsync === false ? 'off' : 'on'}`,
    // Small and quiet: a test cluster on a shared machine.
    '-c shared_buffers=32MB',
    '-c max_connections=200',
  ].join(' ');
  const ctl = (action: string[]) =>
    pg('pg_ctl', ['-D', dataDir, '-l', join(dataDir, 'server.log'), '-o', settings, '-w', '-t', '60', ...action]);
  await ctl(['start']);

  const urlFor = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor('postgres'),
    port,
    urlFor,
    restart: async () => {
      await ctl(['-m', 'fast', 'restart']);
    },
    stop: async () => {
      await ctl(['-m', 'fast', 'stop']).catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
