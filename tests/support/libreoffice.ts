import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { aptInstall } from './apt.ts';

const run = promisify(execFile);
const CANDIDATES = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'];

/** LibreOffice's soffice: LIBREOFFICE_PATH, or one installed by the system. */
export function findLibreOffice(): string | null {
  const fromEnv = process.env.LIBREOFFICE_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/**
 * Finds LibreOffice or installs Debian's `libreoffice-calc-nogui` (as root), so the round trip of
 * the reports through an analyst's office software runs on a fresh machine too.
 */
export function ensureLibreOffice(): string {
  const found = findLibreOffice();
  if (found) return found;
  aptInstall(
    ['libreoffice-calc-nogui'],
    'LibreOffice not found. Install it (Debian: apt-get install libreoffice-calc-nogui) or set LIBREOFFICE_PATH.',
  );
  const installed = findLibreOffice();
  if (!installed) throw new Error('apt-get installed libreoffice-calc-nogui, but no soffice was found.');
  return installed;
}

/**
 * LibreOffice with Impress, which reads the plenary deck (.pptx): a Debian system with only Calc
 * gets `libreoffice-impress-nogui` (as root). Another installation is taken as it is.
 */
export function ensureImpress(): string {
  const soffice = ensureLibreOffice();
  const program = dirname(realpathSync(soffice));
  const debian = program === '/usr/lib/libreoffice/program';
  if (!debian || existsSync(join(program, 'libslideshowlo.so'))) return soffice;
  aptInstall(
    ['libreoffice-impress-nogui'],
    'LibreOffice Impress not found: install it (Debian: apt-get install libreoffice-impress-nogui).',
  );
  return soffice;
}

/** One LibreOffice profile per test process: its first start builds it, later runs reuse it. */
let profile: string | null = null;

/**
 * Converts files headless in one soffice run (one start-up for all of them) into outDir, e.g.
 * to "pdf" or "xlsx"; `infilter` sets how the inputs are read (a CSV import's options).
 */
export async function convert(files: string[], to: string, outDir: string, infilter?: string): Promise<void> {
  const soffice = ensureLibreOffice();
  profile ??= mkdtempSync(join(tmpdir(), 'plenario-lo-profile-'));
  await run(
    soffice,
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      to,
      '--outdir',
      outDir,
      ...files,
    ],
    { timeout: 180_000 },
  );
}
