import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Installs Debian packages a test needs (a browser, a proxy, a database, office software) when
 * they are missing, so the suite passes on a fresh machine: with apt-get when this process is
 * root, otherwise it throws `howToInstall` for the person running the tests.
 */
export function aptInstall(packages: string[], howToInstall: string): void {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) throw new Error(howToInstall);
  console.log(`Installing Debian’s ${packages.join(', ')} for the tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}
