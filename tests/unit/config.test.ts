import { describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('loadConfig: TRUST_PROXY', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['false', 0],
    ['0', 0],
    ['true', 1],
    ['TRUE', 1],
    ['1', 1],
    ['2', 2],
  ])('reads %s as %i trusted proxies', (value, proxies) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustedProxies).toBe(proxies);
  });

  it.each(['yes', '-1', '10', '1.5', '10.0.0.1'])('refuses %s with a clear message', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});

describe('loadConfig: REPORT_TIME_ZONE', () => {
  it('defaults to America/Santiago and takes any IANA zone the runtime knows', () => {
    expect(loadConfig({}).reportTimeZone).toBe('America/Santiago');
    expect(loadConfig({ REPORT_TIME_ZONE: ' America/Punta_Arenas ' }).reportTimeZone).toBe('America/Punta_Arenas');
  });

  it('stops the start on an unknown zone, naming the setting', () => {
    expect(() => loadConfig({ REPORT_TIME_ZONE: 'Chile/Nowhere' })).toThrow(/REPORT_TIME_ZONE/);
  });
});

describe('loadConfig: backups and metrics', () => {
  it('reads scheduled backups, the key (hex or base64) and the metrics token', () => {
    const config = loadConfig({
      DATA_DIR: '/srv/plenario/data',
      BACKUP_DIR: '/srv/copias',
      BACKUP_EVERY: '6h',
      BACKUP_KEEP: '28',
      BACKUP_KEY: Buffer.alloc(32, 7).toString('base64'),
      METRICS_TOKEN: 'x'.repeat(32),
    });
    expect(config.backups).toEqual({ dir: '/srv/copias', everyMs: 6 * 3600_000, keep: 28 });
    expect(config.backupKey).toEqual(Buffer.alloc(32, 7));
    expect(loadConfig({ BACKUP_KEY: 'ab'.repeat(32) }).backupKey).toEqual(Buffer.alloc(32, 0xab));
    expect(config.metricsToken).toBe('x'.repeat(32));
    expect(loadConfig({}).backups.dir).toBeNull();
    expect(loadConfig({}).metricsToken).toBeNull();
  });

  it.each([
    [{ BACKUP_EVERY: '1d' }, /BACKUP_EVERY is set but BACKUP_DIR is not/],
    [{ DATA_DIR: '/srv/d', BACKUP_DIR: '/srv/d/copias' }, /BACKUP_DIR must be outside DATA_DIR/],
    [{ BACKUP_DIR: '/srv/c', BACKUP_EVERY: '1m' }, /BACKUP_EVERY must be a time between 5m and 30d/],
    [{ BACKUP_DIR: '/srv/c', BACKUP_EVERY: 'daily' }, /BACKUP_EVERY/],
    [{ BACKUP_DIR: '/srv/c', BACKUP_KEEP: '0' }, /BACKUP_KEEP must be how many backups to keep/],
    [{ BACKUP_KEY: 'secreto' }, /BACKUP_KEY must be a 32-byte key/],
    [{ METRICS_TOKEN: 'corto' }, /METRICS_TOKEN must be at least 32/],
  ])('refuses %o with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never repeats the key in its message', () => {
    expect(() => loadConfig({ BACKUP_KEY: 'mi-clave-secreta' })).toThrow(/^(?!.*mi-clave-secreta)/s);
  });
});

describe('loadConfig: sign-in with an OpenID Connect provider', () => {
  const OIDC = {
    PUBLIC_URL: 'https://plenario.servicio.cl/',
    OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
    OIDC_CLIENT_ID: 'plenario',
    OIDC_CLIENT_SECRET: 'secreto',
  };

  it('is off without settings; with all three it names the redirect URI under PUBLIC_URL', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(loadConfig({ ...OIDC, OIDC_NAME: ' Microsoft ' }).oidc).toEqual({
      issuer: OIDC.OIDC_ISSUER,
      clientId: 'plenario',
      clientSecret: 'secreto',
      name: 'Microsoft',
      redirectUri: 'https://plenario.servicio.cl/api/auth/oidc/callback',
    });
    // Without OIDC_NAME the button names the provider's host.
    expect(loadConfig(OIDC).oidc?.name).toBe('login.microsoftonline.com');
    // Plain http only for a provider on this machine (tests, development).
    expect(loadConfig({ ...OIDC, OIDC_ISSUER: 'http://127.0.0.1:8080' }).oidc?.issuer).toBe('http://127.0.0.1:8080');
  });

  it.each([
    [
      { OIDC_ISSUER: OIDC.OIDC_ISSUER },
      /needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together; OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are not set/,
    ],
    [{ OIDC_CLIENT_ID: 'plenario', OIDC_CLIENT_SECRET: 'secreto' }, /OIDC_ISSUER is not set/],
    [{ ...OIDC, OIDC_CLIENT_SECRET: '  ' }, /OIDC_CLIENT_SECRET is not set/],
    [{ OIDC_NAME: 'Microsoft' }, /OIDC_NAME is set but OIDC_ISSUER is not/],
    [{ ...OIDC, OIDC_ISSUER: 'http://login.example.cl' }, /OIDC_ISSUER must be the provider's https address/],
    [{ ...OIDC, OIDC_ISSUER: 'login.microsoftonline.com' }, /OIDC_ISSUER must be the provider's https address/],
    [{ ...OIDC, OIDC_ISSUER: 'https://idp.example.cl/?tenant=1' }, /OIDC_ISSUER must be/],
    [{ ...OIDC, PUBLIC_URL: '' }, /OIDC_ISSUER needs PUBLIC_URL/],
    [{ ...OIDC, OIDC_NAME: 'x'.repeat(41) }, /OIDC_NAME must be at most 40 characters/],
  ])('refuses half or wrong settings with a clear message (%#)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never puts the client secret in a message', () => {
    expect(() => loadConfig({ ...OIDC, OIDC_ISSUER: 'ftp://x' })).not.toThrow(/secreto/);
  });
});

describe('loadConfig: NODE_ID and DATABASE_URL (several nodes, issue 18)', () => {
  it('names the node after its host and port unless NODE_ID says otherwise', () => {
    expect(loadConfig({ PORT: '4501' }).nodeId).toBe(`${hostname()}:4501`);
    expect(loadConfig({ NODE_ID: ' node-a ' }).nodeId).toBe('node-a');
  });

  it.each(['node a', 'nödo', 'a'.repeat(65), 'n1;drop'])('refuses NODE_ID %s', (value) => {
    expect(() => loadConfig({ NODE_ID: value })).toThrow(/NODE_ID/);
  });

  it('keeps SQLite without DATABASE_URL and takes a PostgreSQL address as given', () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: ' ' }).databaseUrl).toBeNull();
    const url = 'postgres://plenario:s3cret@db.example.cl:5432/plenario';
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(loadConfig({ DATABASE_URL: 'postgresql:///plenario?host=/var/run/postgresql' }).databaseUrl).toBe(
      'postgresql:///plenario?host=/var/run/postgresql',
    );
  });

  it.each([
    'mysql://plenario:s3cret@db.example.cl/plenario',
    'postgres://plenario:s3cret@db.example.cl:5432',
    'postgres:///plenario',
    'db.example.cl:5432/plenario',
  ])('refuses DATABASE_URL %s without showing its password', (value) => {
    expect(() => loadConfig({ DATABASE_URL: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: value })).toThrow(/DATABASE_URL must be a PostgreSQL address/);
    expect(() => loadConfig({ DATABASE_URL: value })).not.toThrow(/s3cret/);
  });

  it('lets an idle session go after 30 s unless SESSION_IDLE_RELEASE_MS says otherwise', () => {
    expect(loadConfig({}).idleReleaseMs).toBe(30_000);
    expect(loadConfig({ SESSION_IDLE_RELEASE_MS: ' 1500 ' }).idleReleaseMs).toBe(1500);
  });

  it.each(['0', '-5', '1.5', '30s', '1234567890'])('refuses SESSION_IDLE_RELEASE_MS %s', (value) => {
    expect(() => loadConfig({ SESSION_IDLE_RELEASE_MS: value })).toThrow(/SESSION_IDLE_RELEASE_MS must be a number of milliseconds/);
  });
});
