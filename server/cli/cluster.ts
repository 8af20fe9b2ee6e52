/**
 * `npm run cluster -- --nodes 3 [--port 4580]`: Plenario on several nodes on this machine
 * (issue 18, docs/deploy.md#6-several-nodes-haproxy-and-postgresql): a private PostgreSQL, HAProxy
 * routing each session to one node, and N processes of the built server (as `npm start` runs
 * it), each on a free port with its own NODE_ID and DATA_DIR, all storing in that PostgreSQL
 * (DATABASE_URL; each session owned by one node, server/plugins/db.ts). Everything listens on 127.0.0.1.
 * Ctrl-C or SIGTERM stops exactly the processes it started, by their pids, and removes their
 * folders.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureClientBuilt, ensureServerBuilt, SERVER_ENTRY } from './build.ts';
import { cliArgs, runCliMain, UsageError } from './cli-support.ts';
import { freePort } from './cluster/free-port.ts';
import { findHaproxy, startHaproxy } from './cluster/haproxy-process.ts';
import { findPostgresBin, startPostgres, type PostgresServer } from './cluster/postgres.ts';
import { PROJECT_ROOT } from '../paths.ts';

const USAGE = `Uso: npm run cluster -- [--nodes 3] [--port 4580]

Arranca en esta máquina Plenario en varios nodos: un PostgreSQL privado, HAProxy en --port
(por defecto 4580) y --nodes procesos del servidor (por defecto 3, hasta 9), todo en 127.0.0.1.
Muestra la dirección; Ctrl-C detiene exactamente los procesos que inició.
Necesita PostgreSQL (apt-get install postgresql, o PG_BIN) y HAProxy (apt-get install haproxy).`;

const MAX_NODES = 9;
const STOP_GRACE_MS = 5_000;

interface Started {
  name: string;
  child: ChildProcess;
}

const started: Started[] = [];
let postgres: PostgresServer | null = null;
let workDir: string | null = null;
let stopping = false;

function positiveInt(value: string | boolean | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= max)) throw new UsageError(`${name} debe ser un número entre 1 y ${max}.\n\n${USAGE}`);
  return n;
}

/** Runs a child with its output prefixed line by line, and remembers it to stop it by pid. */
function track(name: string, child: ChildProcess, onExit: (code: number | null, signal: NodeJS.Signals | null) => void): void {
  started.push({ name, child });
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    if (stream) createInterface({ input: stream }).on('line', (line) => out.write(`[${name}] ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) onExit(code, signal);
  });
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (let tries = 0; ; tries += 1) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`un nodo terminó al arrancar (${url}).`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (tries > 600) throw new Error(`un nodo no respondió en ${url}/healthz.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops every process started, by pid (SIGTERM, then SIGKILL after a grace), then PostgreSQL, and removes the folders. */
async function stopAll(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  const running = started.filter(({ child }) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  await postgres?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  process.exit(code);
}

async function main(): Promise<void> {
  const args = cliArgs(USAGE, { nodes: { type: 'string' }, port: { type: 'string' } });
  if (!args) return;
  const nodeCount = positiveInt(args.values.nodes, 3, '--nodes', MAX_NODES);
  const proxyPort = positiveInt(args.values.port, 4580, '--port', 65_535);
  const pgBin = findPostgresBin();
  if (!pgBin) throw new UsageError('No se encontró PostgreSQL: instálelo (apt-get install postgresql) o indique su carpeta bin en PG_BIN.');
  const haproxy = findHaproxy();
  if (!haproxy) throw new UsageError('No se encontró HAProxy: instálelo (apt-get install haproxy).');

  ensureClientBuilt();
  await ensureServerBuilt();
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  workDir = mkdtempSync(join(tmpdir(), 'plenario-cluster-'));
  postgres = await startPostgres({ bin: pgBin });
  const publicUrl = `http://127.0.0.1:${proxyPort}`;
  const nodes: Array<{ name: string; port: number }> = [];
  for (let i = 1; i <= nodeCount; i += 1) {
    const name = `node-${i}`;
    const port = await freePort();
    const dataDir = join(workDir, name);
    mkdirSync(dataDir);
    const child = spawn(process.execPath, [SERVER_ENTRY], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        NODE_ID: name,
        DATA_DIR: dataDir,
        DATABASE_URL: postgres.url,
        // Links and QR codes point at HAProxy; the client's address comes from its X-Forwarded-For.
        PUBLIC_URL: publicUrl,
        TRUST_PROXY: '1',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    track(name, child, (code, signal) =>
      console.error(`[${name}] terminó (${signal ?? `código ${code}`}); HAProxy lleva sus sesiones a otro nodo.`),
    );
    nodes.push({ name, port });
    await waitHealthy(`http://127.0.0.1:${port}`, child);
  }
  const proxy = await startHaproxy(haproxy, workDir, proxyPort, {
    bind: `127.0.0.1:${proxyPort}`,
    statsSocket: join(workDir, 'haproxy.sock'),
    nodes: nodes.map(({ name, port }) => ({ name, host: '127.0.0.1', port })),
  });
  track('haproxy', proxy.child, (code, signal) => {
    console.error(`[haproxy] terminó (${signal ?? `código ${code}`}); se detiene todo.`);
    void stopAll(1);
  });

  console.log(`Plenario en ${nodeCount} nodos: abra ${publicUrl}`);
  for (const { name, child } of started) console.log(`  ${name}: pid ${child.pid}`);
  console.log(`  PostgreSQL: ${postgres.url}; HAProxy: ${proxy.configPath}`);
  console.log('  Cada sesión tiene un nodo dueño; si ese nodo cae, otro la toma desde PostgreSQL.');
  console.log('Ctrl-C detiene todo.');
}

runCliMain(async () => {
  try {
    await main();
  } catch (error) {
    if (started.length > 0 || postgres) {
      console.error(`No se pudo arrancar el clúster: ${error instanceof Error ? error.message : String(error)}`);
      await stopAll(1);
    }
    throw error;
  }
}, 'No se pudo arrancar el clúster');
