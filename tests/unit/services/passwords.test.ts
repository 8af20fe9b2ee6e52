import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { SCRYPT_PARAMS, hashPassword, verifyAgainstDummy, verifyPassword } from '../../../server/services/passwords.ts';

// Node's scrypt, recorded: what a verification costs is the work it asks scrypt for, which a
// test can compare exactly (the time it takes depends on how busy this machine is).
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});
const scrypt = vi.mocked(crypto.scrypt);

/** The cost of each scrypt call made by work: key length and N, r, p, maxmem. */
async function scryptCalls(work: () => Promise<unknown>): Promise<unknown[]> {
  scrypt.mockClear();
  await work();
  return scrypt.mock.calls.map(([, , keyLength, options]) => ({ keyLength, options }));
}

describe('hashPassword', () => {
  it('stores scrypt$N$r$p$salt$hash with a 16-byte salt and a 32-byte key, base64url', async () => {
    const stored = await hashPassword('una contraseña larga');
    const match = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
    expect(match).not.toBeNull();
    const [, N, r, p, salt, hash] = match ?? [];
    expect([Number(N), Number(r), Number(p)]).toEqual([SCRYPT_PARAMS.N, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p]);
    expect(SCRYPT_PARAMS).toEqual({ N: 2 ** 15, r: 8, p: 1 });
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash ?? '', 'base64url')).toHaveLength(32);
    expect(stored).not.toContain('una contraseña larga');
  });

  it('salts every hash: the same password twice gives two different hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('misma-contraseña'), hashPassword('misma-contraseña')]);
    expect(a).not.toBe(b);
  });
});

describe('verifyPassword', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correcta-123');
    expect(await verifyPassword('correcta-123', stored)).toBe(true);
    expect(await verifyPassword('correcta-124', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('accepts an accent typed as a separate mark (the same text, normalised)', async () => {
    const stored = await hashPassword('contrase\u00f1a-de-ana');
    expect(await verifyPassword('contrasen\u0303a-de-ana', stored)).toBe(true);
  });

  it('checks against the parameters stored with the hash, so older costs keep working', async () => {
    const stored = await hashPassword('clave-de-prueba');
    const [, , , , salt] = stored.split('$');
    const { scryptSync } = await import('node:crypto');
    const cheaper = `scrypt$1024$8$1$${salt}$${scryptSync('clave-de-prueba', Buffer.from(salt ?? '', 'base64url'), 32, { N: 1024, r: 8, p: 1 }).toString('base64url')}`;
    expect(await verifyPassword('clave-de-prueba', cheaper)).toBe(true);
    expect(await verifyPassword('otra-clave', cheaper)).toBe(false);
  });

  it('never matches a malformed or absurd stored value', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$32768$8$1$$',
      'bcrypt$1$2$3$4$5',
      'scrypt$1000$8$1$c2FsdA$aGFzaA',
      'scrypt$1073741824$8$1$c2FsdA$aGFzaA',
    ]) {
      expect(await verifyPassword('anything-at-all', stored)).toBe(false);
    }
  });
});

describe('verifyAgainstDummy (unknown email)', () => {
  it('answers false', async () => {
    expect(await verifyAgainstDummy('whatever-was-typed')).toBe(false);
  });

  it('does the work of a real verification, so timing does not reveal an unknown email', async () => {
    const stored = await hashPassword('correcta-123');
    const real = await scryptCalls(() => verifyPassword('incorrecta', stored));
    expect(real).toEqual([{ keyLength: 32, options: expect.objectContaining(SCRYPT_PARAMS) }]);
    // One scrypt of the same cost, never a shortcut; a malformed stored hash costs the same too.
    expect(await scryptCalls(() => verifyAgainstDummy('incorrecta'))).toEqual(real);
    expect(await scryptCalls(() => verifyPassword('incorrecta', 'plain'))).toEqual(real);
  });
});
