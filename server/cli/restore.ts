/**
 * `npm run restore -- FILE`
 *
 * Puts a backup made by `npm run backup` (or the scheduled ones) back as DATA_DIR's database.
 * The server must be stopped; the database that was there is kept aside (docs/operations.md#restore).
 */
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { restoreBackup } from '../backup/restore.ts';
import { loadConfig } from '../config.ts';
import { cliArgs, runCliMain, UsageError } from './cli-support.ts';

const USAGE = `Uso: npm run restore -- ARCHIVO

Repone una copia como base de datos de DATA_DIR (por defecto ./data). Detén antes el servidor:
con el servidor funcionando, la copia se rechaza. La base de datos anterior queda al lado, con
el nombre plenario.sqlite.before-restore-FECHA. Si la copia está cifrada, BACKUP_KEY debe ser
la clave con que se hizo.`;

async function main(): Promise<void> {
  const args = cliArgs(USAGE, {}, true);
  if (!args) return;
  const [file, ...rest] = args.positionals;
  if (!file || rest.length > 0) throw new UsageError(`Indica un archivo de copia.\n\n${USAGE}`);
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const result = restoreBackup(config.dataDir, resolve(file), config.backupKey, new Date());
  console.log(`Copia repuesta en ${result.database}.`);
  if (result.keptAside) console.log(`La base de datos anterior quedó en ${result.keptAside}.`);
  console.log('Ya puedes iniciar el servidor (npm start).');
}

runCliMain(main, 'No se repuso la copia');
