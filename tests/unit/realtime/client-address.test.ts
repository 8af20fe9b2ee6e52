import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../server/realtime/client-address.ts';

describe('clientAddress', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7');
  });

  it('is the peer when a trusted proxy sent no X-Forwarded-For', () => {
    expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
  });

  it('behind one proxy, is the entry that proxy appended (the rightmost), not what the client wrote before it', () => {
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', ['6.6.6.6', '203.0.113.7'], 1)).toBe('203.0.113.7');
  });

  it('behind two proxies, is the second entry from the right', () => {
    expect(clientAddress('10.0.0.2', '6.6.6.6,203.0.113.7 , 10.0.0.9', 2)).toBe('203.0.113.7');
  });

  it('is the leftmost entry when there are fewer entries than trusted proxies', () => {
    expect(clientAddress('10.0.0.2', '203.0.113.7', 3)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', ' , ', 3)).toBe('10.0.0.2');
  });
});
