import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The encrypted backup file (docs/operations.md#encrypted-backups): the 8 bytes `PLENBAK1`, a
 * 12-byte random nonce, the SQLite file encrypted with AES-256-GCM, then GCM's 16-byte tag.
 * The magic and the nonce are authenticated as additional data, so any change is refused.
 */
export const ENCRYPTED_MAGIC = Buffer.from('PLENBAK1', 'ascii');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = ENCRYPTED_MAGIC.length + NONCE_BYTES;

export class BackupKeyError extends Error {}

export function isEncrypted(file: Buffer): boolean {
  return file.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC);
}

export function encryptBackup(plain: Buffer, key: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([ENCRYPTED_MAGIC, nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export function decryptBackup(file: Buffer, key: Buffer): Buffer {
  if (file.length < HEADER_BYTES + TAG_BYTES) throw new BackupKeyError('The encrypted backup is truncated.');
  const header = file.subarray(0, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(ENCRYPTED_MAGIC.length));
  decipher.setAAD(header);
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(file.subarray(HEADER_BYTES, file.length - TAG_BYTES)), decipher.final()]);
  } catch (error) {
    throw new BackupKeyError('The backup cannot be decrypted: BACKUP_KEY is not the key it was made with, or the file was changed.', {
      cause: error,
    });
  }
}
