import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root: the nearest folder above this module holding package.json. Found rather
 * than written as '../..', so the paths below hold both when the sources run (tsx, tests) and
 * when the server runs from its bundle in dist/server.
 */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = projectRoot();
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations');
/** PostgreSQL's twins of the migrations, with the same numbers (docs/architecture.md). */
export const POSTGRES_MIGRATIONS_DIR = join(MIGRATIONS_DIR, 'postgres');
export const TEMPLATES_DIR = join(PROJECT_ROOT, 'server', 'templates');
export const CLIENT_DIST_DIR = join(PROJECT_ROOT, 'client', 'dist');
/** The server's bundle, made by server/cli/build-server.ts and run by `npm start`. */
export const SERVER_DIST_DIR = join(PROJECT_ROOT, 'dist', 'server');
