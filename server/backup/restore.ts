import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DatabaseTooNewError, readMigrations } from '../db/migrate.ts';
import { DATABASE_FILE } from '../db/open.ts';
import { MIGRATIONS_DIR } from '../paths.ts';
import { BackupKeyError, decryptBackup, isEncrypted } from './encryption.ts';
import { BackupCheckError, checkIntegrity } from './snapshot.ts';

export class ServerRunningError extends Error {}

export interface RestoreResult {
  database: string;
  /** Where the database that was there before now is; null when there was none. */
  keptAside: string | null;
}

/**
 * True when another connection has the database open (a running server keeps one for its whole
 * life): in WAL mode an exclusive transaction in exclusive locking mode needs every other
 * connection gone, and with busy_timeout 0 it fails at once instead of waiting.
 */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new BetterSqlite3(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}

/** Refuses a copy that is not a Plenario database this version can run (older ones are migrated at start). */
function checkSchema(path: string): void {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const known = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!known) throw new BackupCheckError('The file is an SQLite database but not a Plenario one (it has no schema_migrations table).');
    const { version } = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
    const latest = readMigrations(MIGRATIONS_DIR).at(-1)?.version ?? 0;
    if ((version ?? 0) > latest) throw new DatabaseTooNewError(version ?? 0, latest);
  } finally {
    db.close();
  }
}

/**
 * Puts a backup (plain or encrypted) back as DATA_DIR's database. The copy is decrypted and
 * checked before anything is moved; a server using the database is refused; the database that
 * was there is renamed aside (with its WAL files, if any), never deleted.
 */
export function restoreBackup(dataDir: string, file: string, key: Buffer | null, now: Date): RestoreResult {
  const database = join(dataDir, DATABASE_FILE);
  let contents: Buffer = readFileSync(file);
  if (isEncrypted(contents)) {
    if (!key) throw new BackupKeyError('The backup is encrypted: set BACKUP_KEY to the key it was made with.');
    contents = decryptBackup(contents, key);
  }
  const incoming = `${database}.restoring`;
  writeFileSync(incoming, contents, { mode: 0o600 });
  try {
    checkIntegrity(incoming);
    checkSchema(incoming);
    // Closing the probe's connection, the last one, also folds the WAL into the database file.
    if (databaseInUse(database)) {
      throw new ServerRunningError(`A server (or another program) has ${database} open: stop it, then restore.`);
    }
    let keptAside: string | null = null;
    if (existsSync(database)) {
      keptAside = `${database}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(database + suffix)) renameSync(database + suffix, keptAside + suffix);
      }
    }
    renameSync(incoming, database);
    return { database, keptAside };
  } finally {
    rmSync(incoming, { force: true });
  }
}
