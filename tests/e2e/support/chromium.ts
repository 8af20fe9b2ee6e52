import { existsSync } from 'node:fs';
import { aptInstall } from '../../support/apt.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium executable the browser tests drive: CHROMIUM_PATH, or one installed by the system. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/**
 * Finds Chromium or installs Debian's `chromium` package (as root). Browser downloads by test
 * tools do not work on our machines, so the system package is the one we use everywhere.
 */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  aptInstall(['chromium', 'fonts-dejavu-core'], 'Chromium not found. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium, but no executable was found.');
  return installed;
}
