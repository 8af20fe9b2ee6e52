import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config.ts';
import { freePort, spawnServer } from './support/process.ts';
import { startServer, tempDataDir } from './support/server.ts';

const OIDC = { PUBLIC_URL: 'http://127.0.0.1:3999', OIDC_CLIENT_ID: 'plenario', OIDC_CLIENT_SECRET: 'secreto-del-cliente' };

/** An HTTP server that answers every request with 404, as a wrong address would. */
let notAProvider: Server;
let notAProviderUrl: string;
const folders: string[] = [];

beforeAll(async () => {
  notAProvider = createServer((_request, response) => response.writeHead(404).end('no'));
  await new Promise<void>((resolve) => notAProvider.listen(0, '127.0.0.1', resolve));
  notAProviderUrl = `http://127.0.0.1:${(notAProvider.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => notAProvider.close(resolve));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Runs `npm start`'s bundle with these settings and waits for it to stop: its exit code and what it printed. */
async function startProcess(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dataDir = tempDataDir();
  folders.push(dataDir);
  const child = spawnServer({ PORT: String(await freePort()), DATA_DIR: dataDir, ...env });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output: child.output() };
}

describe('start-up refuses a configuration it cannot work with', () => {
  it('an OIDC issuer that does not answer: nothing listening there, or no discovery document', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    for (const issuer of [closed, notAProviderUrl]) {
      const attempt = startServer({ env: { ...OIDC, OIDC_ISSUER: issuer } });
      await expect(attempt).rejects.toBeInstanceOf(ConfigError);
      await expect(attempt).rejects.toThrow(`OIDC_ISSUER (${issuer}) did not answer OpenID Connect discovery`);
    }
  });

  it('the server process stops with one clear line and exit code 1, whatever the wrong setting', async () => {
    const parentIsAFile = join(tempDataDir(), 'un-archivo');
    folders.push(join(parentIsAFile, '..'));
    writeFileSync(parentIsAFile, '');
    const cases: [Record<string, string>, string][] = [
      [
        { ...OIDC, OIDC_ISSUER: notAProviderUrl },
        `Plenario no pudo iniciar: OIDC_ISSUER (${notAProviderUrl}) did not answer OpenID Connect discovery`,
      ],
      [
        { OIDC_ISSUER: notAProviderUrl },
        'Plenario no pudo iniciar: Sign-in with a provider needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together',
      ],
      [{ BACKUP_DIR: parentIsAFile }, `Plenario no pudo iniciar: BACKUP_DIR (${parentIsAFile}) must be a folder the server can write to`],
      [
        { BACKUP_DIR: join(parentIsAFile, 'copias') },
        `Plenario no pudo iniciar: BACKUP_DIR (${join(parentIsAFile, 'copias')}) must be a folder the server can write to`,
      ],
      [
        { DATABASE_URL: `mysql://plenario:${OIDC.OIDC_CLIENT_SECRET}@db.example.cl/plenario` },
        'Plenario no pudo iniciar: DATABASE_URL must be a PostgreSQL address such as postgres://plenario:PASSWORD@db.example.cl:5432/plenario',
      ],
    ];
    for (const [env, line] of cases) {
      const { code, output } = await startProcess(env);
      expect(code).toBe(1);
      expect(output).toContain(line);
      // The secret never shows.
      expect(output).not.toContain(OIDC.OIDC_CLIENT_SECRET);
    }
  });

  it('a backup folder the server can create and write is taken', async () => {
    const parent = tempDataDir();
    folders.push(parent);
    const server = await startServer({ env: { BACKUP_DIR: join(parent, 'nueva', 'copias') } });
    await server.close();
  });
});
