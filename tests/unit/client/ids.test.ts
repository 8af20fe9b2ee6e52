import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../../client/src/lib/ids.ts';

const URL_SAFE = /^[A-Za-z0-9_-]*$/;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('newId', () => {
  it('is 21 characters long by default, or the size asked for', () => {
    expect(newId()).toHaveLength(21);
    expect(newId(8)).toHaveLength(8);
    expect(newId(64)).toHaveLength(64);
    expect(newId(0)).toBe('');
  });

  it('uses only url-safe characters', () => {
    for (let i = 0; i < 500; i += 1) expect(newId()).toMatch(URL_SAFE);
  });

  it('gives 10 000 different ids in 10 000 draws', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i += 1) ids.add(newId());
    expect(ids.size).toBe(10_000);
  });

  it('maps the 64 possible random values to 64 different url-safe characters, so no character is favoured', () => {
    const bytes = Array.from({ length: 64 }, (_, i) => i);
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      if (array instanceof Uint8Array) array.set(bytes.slice(0, array.length));
      return array;
    });
    const id = newId(64);
    expect(id).toMatch(URL_SAFE);
    expect(new Set(id).size).toBe(64);
  });

  it('uses every url-safe character over many real draws', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i += 1) for (const char of newId()) seen.add(char);
    expect(seen.size).toBe(64);
  });
});
