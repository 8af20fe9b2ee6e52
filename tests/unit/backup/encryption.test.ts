import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BackupKeyError, decryptBackup, encryptBackup, isEncrypted } from '../../../server/backup/encryption.ts';

const key = randomBytes(32);
const plain = Buffer.from('SQLite format 3\u0000 palabras de los participantes');

describe('backup encryption', () => {
  it('round-trips with the key, with a fresh nonce each time and nothing of the plain file in sight', () => {
    const a = encryptBackup(plain, key);
    const b = encryptBackup(plain, key);
    expect(isEncrypted(a)).toBe(true);
    expect(isEncrypted(plain)).toBe(false);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('participantes'))).toBe(false);
    expect(decryptBackup(a, key).equals(plain)).toBe(true);
  });

  it('refuses another key, a changed byte anywhere (header, body, tag) and a truncated file', () => {
    const sealed = encryptBackup(plain, key);
    expect(() => decryptBackup(sealed, randomBytes(32))).toThrow(BackupKeyError);
    for (const at of [3, 10, 25, sealed.length - 1]) {
      const changed = Buffer.from(sealed);
      changed[at] = changed[at]! ^ 1;
      expect(() => decryptBackup(changed, key)).toThrow(BackupKeyError);
    }
    expect(() => decryptBackup(sealed.subarray(0, 30), key)).toThrow(/truncated/);
  });
});
