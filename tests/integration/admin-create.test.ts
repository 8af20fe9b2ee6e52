import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './support/process.ts';
import { startServer, tempDataDir, type TestServer } from './support/server.ts';

/** Runs `npm run admin:create -- …args` as its own process, with env and optional stdin. */
function adminCreate(args: string[], options: { env: Record<string, string>; stdin?: string }): Promise<CliRun> {
  // The password must not leak in from the environment of whoever runs the tests.
  const { PLENARIO_ADMIN_PASSWORD: _ignored, ...inherited } = process.env;
  return runCli('server/cli/admin-create.ts', args, { env: { ...inherited, ...options.env }, stdin: options.stdin });
}

async function signInStatus(url: string, email: string, password: string): Promise<number> {
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

describe('npm run admin:create', () => {
  let dataDir: string;
  let server: TestServer | null = null;

  beforeEach(() => {
    dataDir = tempDataDir();
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the first administrator in DATA_DIR from PLENARIO_ADMIN_PASSWORD, who can then sign in', async () => {
    const run = await adminCreate(['--email', 'Ana@ServicioCivil.cl', '--name', 'Ana Pérez'], {
      env: { DATA_DIR: dataDir, PLENARIO_ADMIN_PASSWORD: 'contraseña-de-ana' },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Cuenta de administración creada: Ana Pérez <ana@serviciocivil.cl>');
    expect(run.stdout).not.toContain('contraseña-de-ana');

    server = await startServer({ dataDir });
    expect(await server.app.accounts.list()).toEqual([
      expect.objectContaining({ email: 'ana@serviciocivil.cl', name: 'Ana Pérez', role: 'admin' }),
    ]);
    expect(await server.app.accounts.hasAnyAccount()).toBe(true);
    expect(await signInStatus(server.url, 'ana@serviciocivil.cl', 'contraseña-de-ana')).toBe(200);
  });

  it('refuses a duplicate email with a clear message and a non-zero exit, changing nothing', async () => {
    const env = { DATA_DIR: dataDir, PLENARIO_ADMIN_PASSWORD: 'contraseña-de-ana' };
    expect((await adminCreate(['--email', 'ana@serviciocivil.cl'], { env })).code).toBe(0);
    const again = await adminCreate(['--email', 'ANA@serviciocivil.cl', '--name', 'Otra Ana'], {
      env: { ...env, PLENARIO_ADMIN_PASSWORD: 'otra-contraseña' },
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Ya existe una cuenta con el correo ana@serviciocivil.cl');

    server = await startServer({ dataDir });
    // Without --name the name is the part of the email before the @.
    expect((await server.app.accounts.list()).map((a) => [a.email, a.name])).toEqual([['ana@serviciocivil.cl', 'ana']]);
    expect(await signInStatus(server.url, 'ana@serviciocivil.cl', 'otra-contraseña')).toBe(401);
  });

  it('reads the password from one line of stdin when neither --password nor the variable is given', async () => {
    const run = await adminCreate(['--email', 'bea@serviciocivil.cl', '--name', 'Bea'], {
      env: { DATA_DIR: dataDir },
      stdin: 'contraseña-de-bea\nlo que siga no cuenta\n',
    });
    expect(run.code, run.stderr).toBe(0);
    server = await startServer({ dataDir });
    expect(await signInStatus(server.url, 'bea@serviciocivil.cl', 'contraseña-de-bea')).toBe(200);
  });

  it.each([
    ['no --email', ['--name', 'Ana'], 'Falta --email'],
    ['an unknown option', ['--email', 'ana@serviciocivil.cl', '--admin'], 'Uso: npm run admin:create'],
    ['a malformed email', ['--email', 'ana.serviciocivil.cl'], 'El correo no es válido'],
    ['a short password', ['--email', 'ana@serviciocivil.cl', '--password', 'corta'], 'al menos 10 caracteres'],
  ])('refuses %s with a clear message and a non-zero exit', async (_name, args, message) => {
    const run = await adminCreate(args, { env: { DATA_DIR: dataDir, PLENARIO_ADMIN_PASSWORD: 'contraseña-válida' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });
});
