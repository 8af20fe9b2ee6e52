import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureHaproxy } from '../support/haproxy.ts';
import { ensurePostgres } from '../support/postgres.ts';
import { smallClient } from './support/files.ts';
import { exited, freePort } from './support/process.ts';
import { eventually, tempDataDir } from './support/server.ts';

/** `npm run cluster`: it starts PostgreSQL, HAProxy and the nodes, and stops exactly those. */

const dataDir = tempDataDir();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm run cluster', () => {
  it('serves through HAProxy from its nodes, and SIGTERM stops every process it started', async () => {
    ensureHaproxy();
    ensurePostgres();
    const port = await freePort();
    const cli = spawn(process.execPath, ['--import', 'tsx', join('server', 'cli', 'cluster.ts'), '--nodes', '2', '--port', String(port)], {
      // A small client: the test is about the processes, not the pages (no Vite build).
      env: { ...process.env, CLIENT_DIR: smallClient(dataDir, '') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    cli.stdout.on('data', (d: Buffer) => (output += d.toString()));
    cli.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await eventually(() => output.includes('Ctrl-C') || cli.exitCode !== null, 120_000);
      expect(output).toContain(`abra http://127.0.0.1:${port}`);
      const pids = [...output.matchAll(/^\s+(node-\d|haproxy): pid (\d+)$/gm)].map((m) => Number(m[2]));
      expect(pids).toHaveLength(3);
      const postgresUrl = /PostgreSQL: (\S+);/.exec(output)![1]!;

      const answered = new Set<string>();
      for (let i = 0; i < 20; i += 1) {
        const health = (await (await fetch(`http://127.0.0.1:${port}/healthz?session=cli-${i}`)).json()) as { nodeId: string };
        answered.add(health.nodeId);
      }
      expect(answered).toEqual(new Set(['node-1', 'node-2']));

      cli.kill('SIGTERM');
      expect(await exited(cli)).toBe(0);
      for (const pid of pids) expect(alive(pid)).toBe(false);
      const { Client } = (await import('pg')).default;
      await expect(new Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 }).connect()).rejects.toThrow();
    } finally {
      if (cli.exitCode === null) cli.kill('SIGKILL');
    }
  }, 180_000);
});
