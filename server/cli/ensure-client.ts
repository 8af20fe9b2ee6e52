/**
 * Run by `npm start` before the server: builds the client when client/dist is missing or older
 * than its sources, so a fresh clone starts with one command. No dependencies beyond Node.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.env.CLIENT_DIR?.trim()) {
  console.log(`CLIENT_DIR is set: serving the client built in ${process.env.CLIENT_DIR}, nothing to build.`);
  process.exit(0);
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = join(root, 'client', 'dist', 'index.html');
const skipped = new Set([join(root, 'client', 'dist'), join(root, 'client', 'node_modules')]);

/** The newest modification time of a file under path (or of path itself), skipping build output. */
function newest(path: string): { mtimeMs: number; path: string } {
  if (!existsSync(path) || skipped.has(path)) return { mtimeMs: 0, path };
  const stat = statSync(path);
  if (!stat.isDirectory()) return { mtimeMs: stat.mtimeMs, path };
  let best = { mtimeMs: 0, path };
  for (const entry of readdirSync(path)) {
    const candidate = newest(join(path, entry));
    if (candidate.mtimeMs > best.mtimeMs) best = candidate;
  }
  return best;
}

const sources = [join(root, 'client'), join(root, 'shared'), join(root, 'vite.config.ts')].map(newest);
const source = sources.reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
const builtAt = existsSync(built) ? statSync(built).mtimeMs : null;

if (builtAt !== null && builtAt >= source.mtimeMs) {
  console.log('Client up to date (client/dist).');
  process.exit(0);
}

console.log(
  builtAt === null
    ? 'Building the client: client/dist is missing…'
    : `Building the client: ${relative(root, source.path)} is newer than client/dist…`,
);
const windows = process.platform === 'win32';
const vite = join(root, 'node_modules', '.bin', windows ? 'vite.cmd' : 'vite');
const result = spawnSync(vite, ['build'], { cwd: root, stdio: 'inherit', shell: windows });
if (result.error || result.status !== 0) {
  const reason = result.error ? result.error.message : result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
  console.error(`The client build failed (${reason}); the server was not started. Run "npm install" if vite is missing.`);
  process.exit(result.status || 1);
}
