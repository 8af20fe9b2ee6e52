/**
 * `npm run dev`: the server under `tsx watch` and the Vite dev server side by side, their
 * output prefixed line by line. Open http://localhost:5173: Vite proxies /api, /healthz and
 * /socket.io to the server (vite.config.ts). When either stops, or on Ctrl-C, both stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const VITE_ORIGIN = 'http://localhost:5173';
const root = fileURLToPath(new URL('../../', import.meta.url));
const windows = process.platform === 'win32';
const bin = (name: string) => join(root, 'node_modules', '.bin', windows ? `${name}.cmd` : name);
const color = process.stdout.isTTY && !process.env.NO_COLOR;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  // Both read PORT: the server listens on it, Vite's proxy targets it.
  PORT: process.env.PORT ?? '3000',
  // Sockets opened from pages served by Vite carry its origin.
  ALLOWED_ORIGINS: [process.env.ALLOWED_ORIGINS, VITE_ORIGIN].filter(Boolean).join(','),
  // Join links and QR codes point at the page people open in development.
  PUBLIC_URL: process.env.PUBLIC_URL ?? VITE_ORIGIN,
  ...(color && !process.env.FORCE_COLOR ? { FORCE_COLOR: '1' } : {}),
};

const children: ChildProcess[] = [];
let stopping = false;
let exitCode = 0;

function start(name: string, ansi: string, command: string, args: string[]): void {
  const prefix = color ? `\x1b[${ansi}m[${name}]\x1b[0m ` : `[${name}] `;
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], shell: windows });
  children.push(child);
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    if (stream) createInterface({ input: stream }).on('line', (line) => out.write(`${prefix}${line}\n`));
  }
  child.on('error', (error) => {
    console.error(`${prefix}could not start: ${error.message} (run "npm install" first?)`);
    stop(1);
  });
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`${prefix}exited (${signal ?? `code ${code}`}); stopping the other.`);
    stop(code ?? 1);
  });
}

/**
 * Stops every child still running, then exits with the first non-zero code seen. `graceMs`
 * leaves children time to stop by themselves: Ctrl-C reaches the whole process group, and a
 * second signal would make tsx watch kill the server before it has closed cleanly.
 */
function stop(code: number, graceMs = 0): void {
  if (code !== 0 && exitCode === 0 && !stopping) exitCode = code;
  const first = !stopping;
  stopping = true;
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  // A short pause lets the last lines of output through before exiting.
  if (running.length === 0) setTimeout(() => process.exit(exitCode), 100);
  if (running.length === 0 || !first) return;
  const terminate = () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  if (graceMs > 0) setTimeout(terminate, graceMs).unref();
  else terminate();
  // A child that ignores SIGTERM is not allowed to keep the terminal.
  setTimeout(() => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(exitCode);
  }, graceMs + 5_000).unref();
}

process.on('SIGINT', () => stop(0, 2_000));
for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(0));

start('server', '36', bin('tsx'), ['watch', '--clear-screen=false', 'server/main.ts']);
start('vite', '35', bin('vite'), []);
console.log(`Plenario (dev): open ${VITE_ORIGIN} — server on port ${env.PORT}. Ctrl-C stops both.`);
