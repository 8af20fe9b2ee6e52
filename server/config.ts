import { resolve } from 'node:path';
import { CLIENT_DIST_DIR } from './paths.ts';
import { readTheme, type Theme } from './theme/theme.ts';
import { DEFAULT_REPORT_TIME_ZONE, isTimeZone } from './reports/format.ts';

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
  /** The deployment's name, logo and colours (THEME_*), their contrast checked. */
  theme: Theme;
  /** IANA time zone the reports' dates are written in (REPORT_TIME_ZONE; America/Santiago by default). */
  reportTimeZone: string;
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
  const theme = readTheme(env);
  if (!theme.ok) throw new ConfigError(theme.reason);
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    publicUrl,
    allowedOrigins,
    clientDir: resolve(env.CLIENT_DIR?.trim() || CLIENT_DIST_DIR),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    trustedProxies: trustedProxies(env.TRUST_PROXY),
    theme: theme.theme,
    reportTimeZone: reportTimeZone(env.REPORT_TIME_ZONE),
  };
}

/** TRUST_PROXY: unset or false (none), true (one proxy), or how many proxies are in front. */
function trustedProxies(value: string | undefined): number {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || text === 'false') return 0;
  if (text === 'true') return 1;
  if (/^\d$/.test(text)) return Number(text);
  throw new ConfigError(`TRUST_PROXY must be false, true or how many reverse proxies are in front (0–9), got "${value}".`);
}

/** REPORT_TIME_ZONE: an IANA name such as America/Santiago or America/Punta_Arenas. */
function reportTimeZone(value: string | undefined): string {
  const zone = value?.trim() || DEFAULT_REPORT_TIME_ZONE;
  if (!isTimeZone(zone)) throw new ConfigError(`REPORT_TIME_ZONE must be an IANA time zone such as America/Santiago, got "${value}".`);
  return zone;
}
