/**
 * Builds what `npm start` runs, when it is missing or older than its sources: the client
 * (Vite, into client/dist) and the server (esbuild, into dist/server). Run as a script by
 * `npm start` and `npm run build`; the benchmark calls ensureServerBuilt().
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { CLIENT_DIST_DIR, PROJECT_ROOT as root, SERVER_DIST_DIR } from '../paths.ts';

export const SERVER_ENTRY = join(SERVER_DIST_DIR, 'main.js');
const skipped = new Set([CLIENT_DIST_DIR, join(root, 'client', 'node_modules')]);

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

/** Why `output` must be rebuilt from `sources` (missing, or which source is newer), or null. */
function staleness(output: string, sources: string[]): string | null {
  const source = sources.map(newest).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  if (!existsSync(output)) return `${relative(root, output)} is missing`;
  return statSync(output).mtimeMs >= source.mtimeMs ? null : `${relative(root, source.path)} is newer than ${relative(root, output)}`;
}

export function ensureClientBuilt(): void {
  if (process.env.CLIENT_DIR?.trim()) {
    console.log(`CLIENT_DIR is set: serving the client built in ${process.env.CLIENT_DIR}, nothing to build.`);
    return;
  }
  const stale = staleness(join(CLIENT_DIST_DIR, 'index.html'), [join(root, 'client'), join(root, 'shared'), join(root, 'vite.config.ts')]);
  if (!stale) return void console.log('Client up to date (client/dist).');
  console.log(`Building the client: ${stale}…`);
  const windows = process.platform === 'win32';
  const vite = join(root, 'node_modules', '.bin', windows ? 'vite.cmd' : 'vite');
  const result = spawnSync(vite, ['build'], { cwd: root, stdio: 'inherit', shell: windows });
  if (result.error || result.status !== 0) {
    const reason = result.error ? result.error.message : result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
    throw new Error(`The client build failed (${reason}). Run "npm install" if vite is missing.`);
  }
}

/**
 * The server as one ES module (plus a chunk per lazily loaded part, such as the report
 * renderers), packages left to node_modules: it starts without a TypeScript loader, which
 * saves ~30 MiB of RSS and the start-up transpiling. Types are checked by `npm run typecheck`.
 */
export async function ensureServerBuilt(): Promise<void> {
  const stale = staleness(SERVER_ENTRY, [join(root, 'server'), join(root, 'shared')]);
  if (!stale) return void console.log('Server up to date (dist/server).');
  console.log(`Building the server: ${stale}…`);
  rmSync(SERVER_DIST_DIR, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(root, 'server', 'main.ts') },
    outdir: SERVER_DIST_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensureClientBuilt();
    await ensureServerBuilt();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
