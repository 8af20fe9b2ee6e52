/**
 * `npm run admin:create -- --email ana@serviciocivil.cl [--name "Ana Pérez"] [--password …]`
 *
 * Creates an administrator account in the database of DATA_DIR (the same one `npm start`
 * uses; pending migrations are applied first). This is how the first administrator is made;
 * administrators then add facilitators from /admin/accounts. It may run while the server is
 * running.
 *
 * The password comes from --password, else the PLENARIO_ADMIN_PASSWORD environment variable,
 * else it is asked for on the terminal without echo (twice), else one line is read from stdin.
 * Prefer the last three: a password on the command line stays in the shell's history.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ACCOUNT_LIMITS, passwordProblem } from '../../shared/accounts.ts';
import { AppError } from '../../shared/errors.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { sqliteStorage } from '../db/storage.ts';
import { DatabaseTooNewError } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { AccountService } from '../services/account-service.ts';

const USAGE = `Uso: npm run admin:create -- --email correo@serviciocivil.cl [--name "Nombre Apellido"] [--password contraseña]

Crea una cuenta de administración en la base de datos de DATA_DIR (por defecto ./data).
Sin --password, la contraseña se toma de la variable PLENARIO_ADMIN_PASSWORD; si no está,
se pide en la terminal sin mostrarla, o se lee una línea de la entrada estándar.
Sin --name, el nombre es la parte del correo antes de la @.
La contraseña debe tener entre ${ACCOUNT_LIMITS.passwordMin} y ${ACCOUNT_LIMITS.passwordMax} caracteres.`;

class UsageError extends Error {}

/** Reads a line from the terminal without showing what is typed. */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    let typed = '';
    const finish = (error: Error | null) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(null);
        if (char === '\u0003') return finish(new UsageError('Cancelado.'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

/** The first line of stdin (a pipe or a file), without its line ending. */
function readFirstLine(): Promise<string> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let first: string | null = null;
    lines.once('line', (line) => {
      first = line;
      lines.close();
    });
    lines.once('close', () => resolve(first ?? ''));
  });
}

async function readPassword(flag: string | undefined): Promise<string> {
  if (flag !== undefined) return flag;
  const fromEnv = process.env.PLENARIO_ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (process.stdin.isTTY) {
    const password = await promptHidden(`Contraseña (${ACCOUNT_LIMITS.passwordMin} caracteres o más): `);
    // Checked before the confirmation, so a short one is not typed twice for nothing.
    if (passwordProblem(password) === null && (await promptHidden('Repite la contraseña: ')) !== password) {
      throw new UsageError('Las contraseñas no coinciden.');
    }
    return password;
  }
  return readFirstLine();
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const email = values.email?.trim();
  if (!email) throw new UsageError(`Falta --email.\n\n${USAGE}`);
  const name = values.name?.trim() || email.split('@')[0] || email;
  const password = await readPassword(values.password);

  const config = loadConfig();
  const db = openDatabase(config.dataDir);
  try {
    const accounts = new AccountService({ accounts: sqliteStorage(db).accounts });
    const account = await accounts.createAccount({ email, name, password, role: 'admin' });
    console.log(`Cuenta de administración creada: ${account.name} <${account.email}>.`);
    console.log(`Base de datos: ${config.dataDir}. Inicia sesión en /signin y agrega a las personas facilitadoras en /admin/accounts.`);
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof AppError) {
    const details = error.details && error.details.length > 1 ? `\n${error.details.map((d) => `  - ${d.message}`).join('\n')}` : '';
    console.error(`No se creó la cuenta: ${error.message}${details}`);
  } else if (error instanceof UsageError || error instanceof ConfigError || error instanceof DatabaseTooNewError) {
    console.error(error.message);
  } else {
    console.error('No se creó la cuenta:', error);
  }
  process.exitCode = 1;
});
