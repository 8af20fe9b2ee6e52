import { hostname } from 'node:os';
import { resolve, sep } from 'node:path';
import { CLIENT_DIST_DIR } from './paths.ts';
import { IDLE_RELEASE_MS } from './services/idle-release.ts';
import { readTheme, type Theme } from './theme/theme.ts';
import { DEFAULT_REPORT_TIME_ZONE, isTimeZone } from './reports/format.ts';

/** Scheduled backups (docs/operations.md#backups): off when `dir` is null. */
export interface BackupConfig {
  /** Folder the server writes its backups into; null: no scheduled backups. */
  dir: string | null;
  /** Time between two scheduled backups. */
  everyMs: number;
  /** Most scheduled backups kept: older ones are deleted. */
  keep: number;
}

/** Sign-in with the agency's OpenID Connect provider (docs/deploy.md#5-sign-in-with-the-agencys-identity-provider); null: off. */
export interface OidcConfig {
  /** The provider's issuer identifier; its discovery document is read at start-up. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the sign-in button calls the provider: "Ingresar con <name>". */
  name: string;
  /** PUBLIC_URL + /api/auth/oidc/callback: the address registered with the provider. */
  redirectUri: string;
}

export interface Config {
  port: number;
  host: string;
  /** Folder holding the SQLite file. */
  dataDir: string;
  /** Base of the links handed out (join link, QR, console); null: derived from the listening port. */
  publicUrl: string | null;
  /** Other origins allowed to open sockets (e.g. the Vite dev server). */
  allowedOrigins: string[];
  /** Folder with the built client, served at /. */
  clientDir: string;
  logLevel: string;
  /**
   * How many reverse proxies in front of the server append to X-Forwarded-For (0: none, the TCP
   * peer is the client). Client addresses serve the per-address limits only.
   */
  trustedProxies: number;
  backups: BackupConfig;
  /** AES-256 key that encrypts backups (scheduled and `npm run backup`); null: backups are plain SQLite files. */
  backupKey: Buffer | null;
  /** Bearer token that opens /metrics; null: /metrics is off. */
  metricsToken: string | null;
  /** The deployment's name, logo and colours (THEME_*), their contrast checked. */
  theme: Theme;
  /** IANA time zone the reports' dates are written in (REPORT_TIME_ZONE; America/Santiago by default). */
  reportTimeZone: string;
  oidc: OidcConfig | null;
  /** This node's name among several behind HAProxy (NODE_ID), reported by /healthz; by default the host name and port. */
  nodeId: string;
  /**
   * The PostgreSQL database several nodes share (DATABASE_URL); null: SQLite in DATA_DIR. When set,
   * the node stores in PostgreSQL and owns sessions by advisory lock (plugins/db.ts,
   * docs/deploy.md#6-several-nodes-haproxy-and-postgresql).
   */
  databaseUrl: string | null;
  /**
   * With DATABASE_URL: how long a node keeps a session no socket of it is connected to before
   * letting it go (SESSION_IDLE_RELEASE_MS; 30 s by default, services/idle-release.ts).
   */
  idleReleaseMs: number;
}

export class ConfigError extends Error {}

/** Reads and checks the environment; a bad value stops the start with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}".`);
  const publicUrl = env.PUBLIC_URL?.trim() ? env.PUBLIC_URL.trim().replace(/\/+$/, '') : null;
  if (publicUrl !== null && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(publicUrl)) {
    throw new ConfigError(`PUBLIC_URL must be an http(s) URL such as https://plenario.example.cl, got "${env.PUBLIC_URL}".`);
  }
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (publicUrl) allowedOrigins.push(new URL(publicUrl).origin);
  const dataDir = resolve(env.DATA_DIR?.trim() || './data');
  const theme = readTheme(env);
  if (!theme.ok) throw new ConfigError(theme.reason);
  const config: Config = {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir,
    publicUrl,
    allowedOrigins,
    clientDir: resolve(env.CLIENT_DIR?.trim() || CLIENT_DIST_DIR),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    trustedProxies: trustedProxies(env.TRUST_PROXY),
    backups: backupConfig(env, dataDir),
    backupKey: backupKey(env.BACKUP_KEY),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    theme: theme.theme,
    reportTimeZone: reportTimeZone(env.REPORT_TIME_ZONE),
    oidc: oidcConfig(env, publicUrl),
    nodeId: nodeId(env.NODE_ID, port),
    databaseUrl: databaseUrl(env.DATABASE_URL),
    idleReleaseMs: idleReleaseMs(env.SESSION_IDLE_RELEASE_MS),
  };
  // Scheduled backups copy the SQLite file; PostgreSQL is backed up with its own tools.
  if (config.databaseUrl !== null && config.backups.dir !== null) {
    throw new ConfigError(
      'BACKUP_DIR backs up the SQLite file: with DATABASE_URL, back up PostgreSQL with pg_basebackup (docs/deploy.md).',
    );
  }
  return config;
}

/** NODE_ID: a short plain name (HAProxy's server name, log fields); the host name and port when unset. */
function nodeId(value: string | undefined, port: number): string {
  const text = value?.trim() || `${hostname()}:${port}`;
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(text)) {
    throw new ConfigError(`NODE_ID must be up to 64 letters, digits and . _ : - (e.g. node-a), got "${value}".`);
  }
  return text;
}

/** SESSION_IDLE_RELEASE_MS: whole milliseconds, at least 1 (tests shorten it); IDLE_RELEASE_MS when unset. */
function idleReleaseMs(value: string | undefined): number {
  const text = value?.trim();
  if (!text) return IDLE_RELEASE_MS;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) {
    throw new ConfigError(`SESSION_IDLE_RELEASE_MS must be a number of milliseconds (e.g. 30000), got "${value}".`);
  }
  return Number(text);
}

/** DATABASE_URL: postgres://user:password@host:port/database; the password never appears in a message. */
function databaseUrl(value: string | undefined): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  const url = URL.canParse(text) ? new URL(text) : null;
  const postgres = url !== null && (url.protocol === 'postgres:' || url.protocol === 'postgresql:');
  // A UNIX socket is given as ?host=/var/run/postgresql with no host name.
  if (!url || !postgres || (url.hostname === '' && !url.searchParams.has('host')) || url.pathname.length <= 1) {
    if (url?.password) url.password = '***';
    const shown = url ? url.href : `${text.length} characters that are not a URL`;
    throw new ConfigError(
      `DATABASE_URL must be a PostgreSQL address such as postgres://plenario:PASSWORD@db.example.cl:5432/plenario, got ${shown}.`,
    );
  }
  return text;
}

/** TRUST_PROXY: unset or false (none), true (one proxy), or how many proxies are in front. */
function trustedProxies(value: string | undefined): number {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || text === 'false') return 0;
  if (text === 'true') return 1;
  if (/^\d$/.test(text)) return Number(text);
  throw new ConfigError(`TRUST_PROXY must be false, true or how many reverse proxies are in front (0–9), got "${value}".`);
}

const MINUTE_MS = 60_000;
const UNIT_MS: Record<string, number> = { m: MINUTE_MS, h: 60 * MINUTE_MS, d: 24 * 60 * MINUTE_MS };
const BACKUP_EVERY_MIN_MS = 5 * MINUTE_MS;
const BACKUP_EVERY_MAX_MS = 30 * UNIT_MS.d!;
export const BACKUP_DEFAULTS = { everyMs: UNIT_MS.d!, keep: 7 } as const;
const BACKUP_KEEP_MAX = 1000;

/** BACKUP_DIR, BACKUP_EVERY ("30m", "6h", "1d") and BACKUP_KEEP; the folder itself is checked at start-up (plugins/backups.ts). */
function backupConfig(env: NodeJS.ProcessEnv, dataDir: string): BackupConfig {
  const dirText = env.BACKUP_DIR?.trim() ?? '';
  const everyText = env.BACKUP_EVERY?.trim() ?? '';
  const keepText = env.BACKUP_KEEP?.trim() ?? '';
  if (dirText === '') {
    const stray = everyText !== '' ? 'BACKUP_EVERY' : keepText !== '' ? 'BACKUP_KEEP' : null;
    if (stray) throw new ConfigError(`${stray} is set but BACKUP_DIR is not: scheduled backups need a folder to write to.`);
    return { dir: null, ...BACKUP_DEFAULTS };
  }
  const dir = resolve(dirText);
  if (dir === dataDir || dir.startsWith(dataDir + sep)) {
    throw new ConfigError(
      `BACKUP_DIR must be outside DATA_DIR (${dataDir}): a copy beside the database is lost with its disk, got "${dirText}".`,
    );
  }
  let everyMs: number = BACKUP_DEFAULTS.everyMs;
  if (everyText !== '') {
    const match = /^(\d{1,6})\s*([mhd])$/.exec(everyText);
    everyMs = match ? Number(match[1]) * UNIT_MS[match[2]!]! : Number.NaN;
    if (!(everyMs >= BACKUP_EVERY_MIN_MS && everyMs <= BACKUP_EVERY_MAX_MS)) {
      throw new ConfigError(
        `BACKUP_EVERY must be a time between 5m and 30d written as minutes, hours or days (30m, 6h, 1d), got "${env.BACKUP_EVERY}".`,
      );
    }
  }
  let keep: number = BACKUP_DEFAULTS.keep;
  if (keepText !== '') {
    keep = /^\d{1,4}$/.test(keepText) ? Number(keepText) : Number.NaN;
    if (!(keep >= 1 && keep <= BACKUP_KEEP_MAX)) {
      throw new ConfigError(`BACKUP_KEEP must be how many backups to keep, 1 to ${BACKUP_KEEP_MAX}, got "${env.BACKUP_KEEP}".`);
    }
  }
  return { dir, everyMs, keep };
}

/** BACKUP_KEY: 32 bytes as 64 hexadecimal characters or 44 base64 characters. The key itself never appears in a message. */
function backupKey(value: string | undefined): Buffer | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(text)) return Buffer.from(text, 'base64');
  throw new ConfigError(
    `BACKUP_KEY must be a 32-byte key written as 64 hexadecimal characters or 44 base64 characters (make one with: openssl rand -base64 32), got ${text.length} characters that are neither.`,
  );
}

const METRICS_TOKEN_MIN = 32;

/** METRICS_TOKEN: long enough that guessing it is hopeless. */
function metricsToken(value: string | undefined): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  if (text.length < METRICS_TOKEN_MIN || !/^[\x21-\x7e]+$/.test(text)) {
    throw new ConfigError(
      `METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN} printable characters without spaces (make one with: openssl rand -hex 32), got ${text.length} characters.`,
    );
  }
  return text;
}

/** REPORT_TIME_ZONE: an IANA name such as America/Santiago or America/Punta_Arenas. */
function reportTimeZone(value: string | undefined): string {
  const zone = value?.trim() || DEFAULT_REPORT_TIME_ZONE;
  if (!isTimeZone(zone)) throw new ConfigError(`REPORT_TIME_ZONE must be an IANA time zone such as America/Santiago, got "${value}".`);
  return zone;
}

/** Where the provider sends the browser back, under PUBLIC_URL. */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
const OIDC_SETTINGS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
const OIDC_NAME_MAX = 40;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, all three or none, and OIDC_NAME. The
 * issuer must answer over https (plain http only on this machine, for tests and development);
 * whether it answers discovery is checked at start-up (plugins/oidc.ts).
 */
function oidcConfig(env: NodeJS.ProcessEnv, publicUrl: string | null): OidcConfig | null {
  const [issuer, clientId, clientSecret] = OIDC_SETTINGS.map((name) => env[name]?.trim() ?? '');
  const name = env.OIDC_NAME?.trim() ?? '';
  const missing = OIDC_SETTINGS.filter((setting) => (env[setting]?.trim() ?? '') === '');
  if (missing.length === OIDC_SETTINGS.length) {
    if (name !== '')
      throw new ConfigError(
        'OIDC_NAME is set but OIDC_ISSUER is not: sign-in with a provider needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.',
      );
    return null;
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `Sign-in with a provider needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together; ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set.`,
    );
  }
  const url = URL.canParse(issuer!) ? new URL(issuer!) : null;
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!url || !secure || url.search !== '' || url.hash !== '') {
    throw new ConfigError(
      `OIDC_ISSUER must be the provider's https address, such as https://login.microsoftonline.com/<tenant>/v2.0, got "${issuer}".`,
    );
  }
  if (publicUrl === null) {
    throw new ConfigError(
      `OIDC_ISSUER needs PUBLIC_URL: the provider sends people back to PUBLIC_URL${OIDC_CALLBACK_PATH}, the address registered with it.`,
    );
  }
  if (name.length > OIDC_NAME_MAX)
    throw new ConfigError(`OIDC_NAME must be at most ${OIDC_NAME_MAX} characters (it is shown on the sign-in button), got ${name.length}.`);
  return {
    issuer: issuer!,
    clientId: clientId!,
    clientSecret: clientSecret!,
    name: name || url.hostname,
    redirectUri: `${publicUrl}${OIDC_CALLBACK_PATH}`,
  };
}
