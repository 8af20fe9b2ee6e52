import { describe, expect, it } from 'vitest';
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
