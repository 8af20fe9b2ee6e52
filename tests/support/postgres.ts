import { findPostgresBin, startPostgres as startCluster, type PostgresServer } from '../../server/cli/cluster/postgres.ts';
import { aptInstall } from './apt.ts';

export { findPostgresBin, type PostgresServer };

/** Finds PostgreSQL's server programs, or installs Debian's `postgresql` (as root). */
export function ensurePostgres(): string {
  const found = findPostgresBin();
  if (found) return found;
  aptInstall(['postgresql'], 'PostgreSQL not found: install it (Debian: apt-get install postgresql) or set PG_BIN to its bin folder.');
  const installed = findPostgresBin();
  if (!installed) throw new Error('apt-get installed postgresql, but no initdb was found.');
  return installed;
}

/** A private PostgreSQL cluster for one test file (server/cli/cluster/postgres.ts), installed first when missing. */
export function startPostgres(options: { fsync?: boolean } = {}): Promise<PostgresServer> {
  return startCluster({ ...options, bin: ensurePostgres() });
}
