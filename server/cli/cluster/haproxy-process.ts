import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { haproxyConfig, type HaproxyOptions } from './haproxy.ts';

const run = promisify(execFile);

/** HAProxy's executable (Debian puts it in /usr/sbin, often outside a user's PATH), or null. */
export function findHaproxy(): string | null {
  const dirs = ['/usr/sbin', '/usr/local/sbin', ...(process.env.PATH ?? '').split(':').filter(Boolean)];
  return dirs.map((dir) => join(dir, 'haproxy')).find((path) => existsSync(path)) ?? null;
}

export interface HaproxyProcess {
  child: ChildProcess;
  configPath: string;
  /** Everything HAProxy printed (alerts about servers going down or up). */
  output: () => string;
}

/**
 * Writes the configuration into `dir`, checks it (`haproxy -c`), and runs HAProxy in the
 * foreground (`-db`), so that it is this process's child, stopped by its pid. Resolves once it
 * accepts connections on `port`.
 */
export async function startHaproxy(executable: string, dir: string, port: number, options: HaproxyOptions): Promise<HaproxyProcess> {
  const configPath = join(dir, 'haproxy.cfg');
  writeFileSync(configPath, haproxyConfig(options));
  await run(executable, ['-c', '-q', '-f', configPath]);
  const child = spawn(executable, ['-db', '-f', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  for (let tries = 0; ; tries += 1) {
    if (child.exitCode !== null) throw new Error(`HAProxy exited: ${output}`);
    if (await accepts(port)) return { child, configPath, output: () => output };
    if (tries > 200) throw new Error(`HAProxy did not listen on ${port}: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
