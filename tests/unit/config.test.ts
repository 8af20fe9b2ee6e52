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
