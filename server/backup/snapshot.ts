import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { encryptBackup } from './encryption.ts';

export interface BackupResult {
  file: string;
  bytes: number;
  encrypted: boolean;
}

export class BackupCheckError extends Error {}

/**
 * Makes a copied database one self-contained file (rollback journal: no -wal/-shm beside it; the
 * server turns WAL back on when it opens it) and runs SQLite's integrity check on it.
 */
export function checkIntegrity(path: string): void {
  let db: Database | null = null;
  try {
    db = new BetterSqlite3(path, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new BackupCheckError(`The copy failed SQLite's integrity check: ${problems.slice(0, 5).join('; ')}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new BackupCheckError('The file is not a readable SQLite database (damaged, or not a backup).', { cause: error });
    }
    throw error;
  } finally {
    db?.close();
  }
}

/**
 * Copies a live database with SQLite's online backup API into `out`, checks the copy, and
 * encrypts it when a key is given. After the first step the rest is copied in one step: that
 * step reads one snapshot (WAL lets writers go on meanwhile), whereas small steps would start
 * over each time another connection commits, and under a steady stream of answers never end.
 * The copy is written beside `out` and renamed, so `out` is never a half-written file.
 */
export async function backupDatabase(db: Database, out: string, key: Buffer | null): Promise<BackupResult> {
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial, { progress: () => 0x7fffffff });
    checkIntegrity(partial);
    // Participants' words: readable by the server's user only, encrypted or not.
    chmodSync(partial, 0o600);
    if (key) writeFileSync(partial, encryptBackup(readFileSync(partial), key));
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  return { file: out, bytes: statSync(out).size, encrypted: key !== null };
}
