/**
 * `npm run backup -- --out FILE`
 *
 * Copies the database of DATA_DIR into FILE while the server runs (SQLite's online backup),
 * checks the copy and, when BACKUP_KEY is set, encrypts it (docs/operations.md#backups).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { backupDatabase } from '../backup/snapshot.ts';
import { loadConfig } from '../config.ts';
import { DATABASE_FILE } from '../db/open.ts';
import { cliArgs, runCliMain, UsageError } from './cli-support.ts';

const USAGE = `Uso: npm run backup -- --out ARCHIVO

Copia la base de datos de DATA_DIR (por defecto ./data) en ARCHIVO, aunque el servidor esté
funcionando, y comprueba la copia. Si BACKUP_KEY está definida, la copia queda cifrada.`;

async function main(): Promise<void> {
  const args = cliArgs(USAGE, { out: { type: 'string' } });
  if (!args) return;
  const outArg = args.values.out;
  if (typeof outArg !== 'string' || outArg.trim() === '') throw new UsageError(`Falta --out.\n\n${USAGE}`);
  const out = resolve(outArg);
  if (existsSync(out)) throw new UsageError(`${out} ya existe: elige otro nombre (una copia nunca reemplaza a otra).`);
  const config = loadConfig();
  const source = join(config.dataDir, DATABASE_FILE);
  if (!existsSync(source)) throw new UsageError(`No hay base de datos en ${config.dataDir}.`);
  const db = new BetterSqlite3(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const result = await backupDatabase(db, out, config.backupKey);
    console.log(`Copia ${result.encrypted ? 'cifrada ' : ''}comprobada: ${result.file} (${result.bytes} bytes).`);
  } finally {
    db.close();
  }
}

runCliMain(main, 'No se hizo la copia');
