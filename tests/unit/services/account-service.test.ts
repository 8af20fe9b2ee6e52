import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { asyncRepository } from '../../../server/db/async.ts';
import { SqliteAccountRepository } from '../../../server/db/account-repository.ts';
import { openDatabase } from '../../../server/db/open.ts';
import { AUTH_SESSION_TTL_MS, AccountService } from '../../../server/services/account-service.ts';
import { hashSecret } from '../../../server/services/secrets.ts';

let dir: string;
let db: Database;
let clock: number;
let service: AccountService;

const make = () => new AccountService({ accounts: asyncRepository(new SqliteAccountRepository(db)), now: () => clock });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plenario-accounts-'));
  db = openDatabase(dir);
  clock = Date.UTC(2025, 4, 12, 9, 0);
  service = make();
});

afterEach(async () => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The AppError a promise or call fails with. */
async function failure(work: () => unknown): Promise<AppError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const ana = { email: 'ana@serviciocivil.cl', name: 'Ana Pérez', password: 'contraseña-de-ana', role: 'admin' as const };

describe('AccountService.createAccount', () => {
  it('stores the email trimmed and lower-cased, and returns the account without its password', async () => {
    const account = await service.createAccount({ ...ana, email: '  Ana@ServicioCivil.CL ', name: ' Ana Pérez ' });
    expect(account).toEqual({ id: expect.any(String), email: 'ana@serviciocivil.cl', name: 'Ana Pérez', role: 'admin', createdAt: clock });
    expect(await service.list()).toEqual([account]);
    expect(JSON.stringify(await service.list())).not.toContain('scrypt');
    const row = db.prepare('SELECT password_hash FROM accounts').get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(ana.password);
  });

  it('refuses an email already taken, whatever its case', async () => {
    await service.createAccount(ana);
    const error = await failure(() => service.createAccount({ ...ana, email: 'ANA@serviciocivil.cl', role: 'facilitator' }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('ana@serviciocivil.cl');
    expect(error.details?.[0]?.path).toBe('/email');
    expect(await service.list()).toHaveLength(1);
  });

  it('refuses a malformed email, an empty name and a password outside 10–200 characters, naming each field', async () => {
    const error = await failure(() =>
      service.createAccount({ email: 'ana-at-servicio', name: '   ', password: 'corta', role: 'facilitator' }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.map((d) => d.path)).toEqual(['/email', '/name', '/password']);
    expect((await failure(() => service.createAccount({ ...ana, password: 'x'.repeat(201) }))).details?.[0]?.path).toBe('/password');
    expect(await service.hasAnyAccount()).toBe(false);
  });

  it('counts a password in characters: ten accented letters are enough', async () => {
    await expect(service.createAccount({ ...ana, password: 'ñ'.repeat(10) })).resolves.toMatchObject({ email: ana.email });
  });
});

describe('AccountService.signIn', () => {
  it('opens a session for the right password; the cookie token finds the account, only its hash is stored', async () => {
    const account = await service.createAccount(ana);
    const signedIn = await service.signIn(' ANA@serviciocivil.cl', ana.password);
    expect(signedIn.account).toEqual(account);
    expect(signedIn.expiresAt).toBe(clock + AUTH_SESSION_TTL_MS);
    expect(await service.accountForToken(signedIn.token)).toEqual(account);
    const stored = db.prepare('SELECT token_hash FROM auth_sessions').all() as Array<{ token_hash: string }>;
    expect(stored).toEqual([{ token_hash: hashSecret(signedIn.token) }]);
  });

  it('answers a wrong password and an unknown email with the same error', async () => {
    await service.createAccount(ana);
    const wrongPassword = await failure(() => service.signIn(ana.email, 'no-es-la-contraseña'));
    const unknownEmail = await failure(() => service.signIn('nadie@serviciocivil.cl', ana.password));
    expect(wrongPassword.code).toBe('UNAUTHORIZED');
    expect(unknownEmail.toBody()).toEqual(wrongPassword.toBody());
    expect(db.prepare('SELECT COUNT(*) AS n FROM auth_sessions').get()).toEqual({ n: 0 });
  });

  it('ignores a session once its 12 hours are over, and forgets expired ones at the next sign-in', async () => {
    await service.createAccount(ana);
    const { token } = await service.signIn(ana.email, ana.password);
    clock += AUTH_SESSION_TTL_MS - 1;
    expect(await service.accountForToken(token)).not.toBeNull();
    clock += 1;
    expect(await service.accountForToken(token)).toBeNull();
    await service.signIn(ana.email, ana.password);
    expect(db.prepare('SELECT COUNT(*) AS n FROM auth_sessions').get()).toEqual({ n: 1 });
  });

  it('signs out one browser only', async () => {
    await service.createAccount(ana);
    const laptop = await service.signIn(ana.email, ana.password);
    const phone = await service.signIn(ana.email, ana.password);
    await service.signOut(laptop.token);
    expect(await service.accountForToken(laptop.token)).toBeNull();
    expect((await service.accountForToken(phone.token))?.email).toBe(ana.email);
  });

  it('finds nobody for a missing, malformed or unknown token', async () => {
    expect(await service.accountForToken(undefined)).toBeNull();
    expect(await service.accountForToken('')).toBeNull();
    expect(await service.accountForToken('no spaces allowed in tokens!')).toBeNull();
    expect(await service.accountForToken('A'.repeat(43))).toBeNull();
    expect(() => service.signOut('A'.repeat(43))).not.toThrow();
  });
});

describe('AccountService.hasAnyAccount', () => {
  it('is false on a new database and true from the first account on', async () => {
    expect(await service.hasAnyAccount()).toBe(false);
    await service.createAccount(ana);
    expect(await service.hasAnyAccount()).toBe(true);
  });

  it('sees an account created by another process (the admin:create command) at once', async () => {
    expect(await service.hasAnyAccount()).toBe(false);
    await make().createAccount(ana);
    expect(await service.hasAnyAccount()).toBe(true);
  });
});

describe('AccountService.removeAccount', () => {
  it('removes another account and signs it out everywhere', async () => {
    const admin = await service.createAccount(ana);
    const bea = await service.createAccount({
      email: 'bea@serviciocivil.cl',
      name: 'Bea',
      password: 'contraseña-de-bea',
      role: 'facilitator',
    });
    const { token } = await service.signIn(bea.email, 'contraseña-de-bea');
    await service.removeAccount(bea.id, admin);
    expect(await service.list()).toEqual([admin]);
    expect(await service.accountForToken(token)).toBeNull();
    expect(db.prepare('SELECT COUNT(*) AS n FROM auth_sessions').get()).toEqual({ n: 0 });
  });

  it('does not let an administrator remove themself, and answers NOT_FOUND for an unknown id', async () => {
    const admin = await service.createAccount(ana);
    expect((await failure(() => service.removeAccount(admin.id, admin))).code).toBe('VALIDATION_FAILED');
    expect((await failure(() => service.removeAccount('nobody', admin))).code).toBe('NOT_FOUND');
    expect(await service.list()).toEqual([admin]);
  });
});

describe('accounts linked to an identity provider', () => {
  const identity = { issuer: 'https://login.example.cl/tenant/v2.0', subject: 'sujeto-1' };

  it('makes a facilitator with no password, found again by issuer and subject, with a session like any other', async () => {
    const account = await service.createFromIdentity(' Ana@Servicio.cl ', 'Ana Rojas', identity);
    expect(account).toMatchObject({ email: 'ana@servicio.cl', name: 'Ana Rojas', role: 'facilitator', createdAt: clock });
    expect((await service.findByIdentity(identity))?.id).toBe(account!.id);
    expect(await service.findByIdentity({ ...identity, subject: 'otro' })).toBeNull();
    expect(await service.findByIdentity({ ...identity, issuer: 'https://otro.example.cl' })).toBeNull();
    expect(await service.hasAnyAccount()).toBe(true);
    // No password opens it, the marker itself included.
    expect((await failure(() => service.signIn('ana@servicio.cl', 'oidc'))).code).toBe('UNAUTHORIZED');
    const signedIn = await service.openSession(account!);
    expect(signedIn.expiresAt).toBe(clock + AUTH_SESSION_TTL_MS);
    expect((await service.accountForToken(signedIn.token))?.id).toBe(account!.id);
  });

  it('refuses a second account with a taken email, storing neither it nor its link', async () => {
    await service.createAccount({ email: 'bea@servicio.cl', name: 'Bea', password: 'contraseña-de-bea', role: 'admin' });
    expect(await service.createFromIdentity('bea@servicio.cl', 'Bea', identity)).toBeNull();
    expect(await service.findByIdentity(identity)).toBeNull();
    expect(await service.list()).toHaveLength(1);
  });

  it('links an existing account, which keeps its role and its password', async () => {
    const bea = await service.createAccount({ email: 'bea@servicio.cl', name: 'Bea', password: 'contraseña-de-bea', role: 'admin' });
    await service.linkIdentity(bea, identity);
    expect(await service.findByIdentity(identity)).toEqual(bea);
    expect((await service.signIn('bea@servicio.cl', 'contraseña-de-bea')).account.id).toBe(bea.id);
    // Removing the account removes its link.
    await service.removeAccount(bea.id, { ...bea, id: 'otra-cuenta' });
    expect(await service.findByIdentity(identity)).toBeNull();
  });
});
