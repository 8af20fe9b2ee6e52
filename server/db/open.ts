import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../paths.ts';
import { migrate, readMigrations } from './migrate.ts';

export const DATABASE_FILE = 'plenario.sqlite';

/**
 * Opens (creating if needed) DATA_DIR/plenario.sqlite and brings its schema up to date.
 * WAL with synchronous=FULL: a committed answer survives a power loss, and batching answers
 * into one transaction per event-loop turn keeps the fsyncs few. secure_delete zeroes what a
 * delete or an update frees, and temp_store=MEMORY keeps SQLite's temporary files (statement
 * journals holding pages about to change, sorts, VACUUM's copy) out of the temp folder, where
 * participants' words would stay on the disk after they were removed (docs/privacy.md; the
 * Eraser removes the copies these leave).
 */
export function openDatabase(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('secure_delete = ON');
    db.pragma('temp_store = MEMORY');
    migrate(db, readMigrations(MIGRATIONS_DIR));
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
