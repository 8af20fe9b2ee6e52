/**
 * The benchmark's processes and host: spawning servers and workers (pinned, killed with the
 * run), waiting for them, and reading the machine. Shared by the throughput run (run.ts) and
 * the failover run (failover.ts).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker } from './protocol.ts';
import type { Report } from './report.ts';
import { machineBusyUs } from './stats.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every process this run started, killed if the run dies before stopping them itself. */
export const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

export function canPin(): boolean {
  if (os.availableParallelism() < 2) return false;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Spawns `node args…` on one core, with the open-files limit raised to the hard limit
 * (ten thousand sockets need ten thousand descriptors). sh and taskset exec, so the pid is node's.
 */
export function spawnNode(args: string[], options: { core: number | null; env?: NodeJS.ProcessEnv; ipc?: boolean }): ChildProcess {
  const command = [...(options.core === null ? [] : ['taskset', '-c', String(options.core)]), process.execPath, ...args];
  const child = spawn('sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'sh', ...command], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: options.ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    ...(options.ipc ? { serialization: 'advanced' as const } : {}),
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** A child process's output, the last few kilobytes of it (for error messages). */
export function tail(child: ChildProcess): () => string {
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-8_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => output;
}

export async function waitHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`server did not start: ${output()}`);
}

export async function stopProcess(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/**
 * One participant worker and a way to ask it something and wait (bounded) for its answer:
 * `To` is what it is told, `From` what it replies (each reply names its type).
 */
export class Worker<To extends object = ToWorker, From extends { type: string } = FromWorker> {
  readonly #waiting = new Map<From['type'], (message: From) => void>();
  constructor(readonly child: ChildProcess) {
    child.on('message', (message: From) => {
      const resolve = this.#waiting.get(message.type);
      this.#waiting.delete(message.type);
      resolve?.(message);
    });
  }

  request<T extends From['type']>(message: To, reply: T, timeoutMs: number): Promise<Extract<From, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${this.child.pid}: no ${reply} within ${timeoutMs} ms`)), timeoutMs);
      this.#waiting.set(reply, (m) => {
        clearTimeout(timer);
        resolve(m as Extract<From, { type: T }>);
      });
      this.child.send(message);
    });
  }
}

/**
 * Starts the participant workers (`script`), `participants` split evenly over `workers`, on the
 * generators' core and a little nicer than the orchestrator, so that its clock readings are not
 * delayed behind a busy generator. Each is sent `init(first, count)` and answers 'ready'; each
 * is added to `into` as soon as it runs, so the caller stops it whatever happens next.
 */
export async function startWorkers<To extends object, From extends { type: string }>(
  script: string,
  split: { participants: number; workers: number; pin: boolean },
  init: (first: number, count: number) => To,
  into: Array<Worker<To, From>>,
): Promise<void> {
  const perWorker = Math.ceil(split.participants / split.workers);
  for (let w = 0; w < split.workers; w++) {
    const first = w * perWorker;
    const count = Math.min(perWorker, split.participants - first);
    if (count <= 0) break;
    const child = spawnNode(['--import', 'tsx', script], { core: split.pin ? 1 : null, ipc: true });
    const worker = new Worker<To, From>(child);
    into.push(worker);
    await new Promise<void>((r) => child.once('spawn', () => r()));
    try {
      os.setPriority(child.pid!, 5);
    } catch {
      // not allowed here: the figures stand, only less sharp
    }
    await worker.request(init(first, count), 'ready' as From['type'], 30_000);
  }
}

export function machine(pinned: boolean): Report['machine'] {
  let openFilesLimit = 'unknown';
  try {
    openFilesLimit = execFileSync('sh', ['-c', 'echo "$(ulimit -Sn)/$(ulimit -Hn)"'], { encoding: 'utf8' }).trim();
  } catch {
    // not a POSIX shell
  }
  // os.availableParallelism() would count only the core this process is pinned to.
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    node: process.version,
    openFilesLimit,
    pinned,
  };
}

/**
 * Waits (bounded) until the rest of the machine is quiet — under a tenth of a core busy over a
 * second — so another job's load does not land in the figures. Reported either way, and the
 * load that came during the run anyway is reported as otherCpuPercent.
 */
export async function waitForQuiet(timeoutS: number, log: (message: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutS * 1_000;
  let waited = false;
  for (;;) {
    const before = machineBusyUs().processes;
    await sleep(1_000);
    const busyPercent = (machineBusyUs().processes - before) / 10_000;
    if (busyPercent < 10) return;
    if (Date.now() >= deadline) return log(`the machine is still ${busyPercent.toFixed(0)} % busy: running anyway`);
    if (!waited) log(`the machine is ${busyPercent.toFixed(0)} % busy: waiting up to ${timeoutS} s for quiet`);
    waited = true;
  }
}
