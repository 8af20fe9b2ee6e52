import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isOriginAllowed, type SameHost } from '../../../server/realtime/origin.ts';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const allowed = (headers: Record<string, string>, sameHost: SameHost, origins: string[] = []) =>
  isOriginAllowed(req(headers), origins, sameHost);

describe('isOriginAllowed', () => {
  it('allows requests without Origin (scripts, not browsers) and listed origins, in every mode', () => {
    for (const mode of ['any', 'address', 'none'] as const) {
      expect(allowed({ host: 'x' }, mode)).toBe(true);
      expect(allowed({ host: 'x', origin: 'https://plenario.example.cl' }, mode, ['https://plenario.example.cl'])).toBe(true);
      expect(allowed({ host: 'x', origin: 'https://evil.example' }, mode, ['https://plenario.example.cl'])).toBe(false);
    }
  });

  it('in address mode, allows the own host only when it is an IP address or localhost', () => {
    for (const host of ['127.0.0.1:3000', '192.168.1.20:3000', '[::1]:3000', 'localhost:3000', 'LOCALHOST', '10.0.0.5']) {
      expect(allowed({ host, origin: `http://${host}` }, 'address')).toBe(true);
    }
    for (const host of ['evil.example:3000', 'evil.example', '127.0.0.1.evil.example', 'localhost.evil.example:3000']) {
      expect(allowed({ host, origin: `http://${host}` }, 'address')).toBe(false);
    }
    expect(allowed({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:4000' }, 'address')).toBe(false);
  });

  it('in none mode, never trusts the Host header; in any mode, trusts it for names too', () => {
    expect(allowed({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, 'none')).toBe(false);
    expect(allowed({ host: 'plenario.example.cl', origin: 'https://plenario.example.cl' }, 'any')).toBe(true);
  });
});
