import { afterEach, describe, expect, it, vi } from 'vitest';
import { readJson, readString, removeKey, storageKeys, writeJson, writeString } from '../../../client/src/lib/storage.ts';
import { MemoryStorage, stubWindow } from './web-storage.ts';

/** Storage that refuses every call, as in some private modes or when the quota is full. */
class RefusingStorage extends MemoryStorage {
  override getItem(): string | null {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  }
  override setItem(): void {
    throw new DOMException('Quota exceeded', 'QuotaExceededError');
  }
  override removeItem(): void {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  }
}

const isNameRecord = (value: unknown): value is { name: string } =>
  typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readString, writeString and removeKey', () => {
  it('write, read back and remove a value', () => {
    const local = new MemoryStorage();
    stubWindow(local);
    writeString('local', 'k', 'v');
    expect(local.getItem('k')).toBe('v');
    expect(readString('local', 'k')).toBe('v');
    removeKey('local', 'k');
    expect(readString('local', 'k')).toBeNull();
  });

  it('keep localStorage and sessionStorage apart', () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    stubWindow(local, session);
    writeString('session', 'token', 'tab-only');
    expect(session.getItem('token')).toBe('tab-only');
    expect(local.getItem('token')).toBeNull();
    expect(readString('local', 'token')).toBeNull();
    expect(readString('session', 'token')).toBe('tab-only');
  });

  it('give null for a key never written', () => {
    stubWindow(new MemoryStorage());
    expect(readString('local', 'missing')).toBeNull();
  });

  it('neither throw nor remember when storage refuses every call', () => {
    stubWindow(new RefusingStorage(), new RefusingStorage());
    expect(() => writeString('local', 'k', 'v')).not.toThrow();
    expect(readString('local', 'k')).toBeNull();
    expect(() => removeKey('session', 'k')).not.toThrow();
  });

  it('neither throw nor remember when reaching localStorage itself throws', () => {
    const throwing = {
      get localStorage(): Storage {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
      get sessionStorage(): Storage {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    };
    vi.stubGlobal('window', throwing);
    expect(() => writeString('local', 'k', 'v')).not.toThrow();
    expect(readString('local', 'k')).toBeNull();
    expect(() => removeKey('session', 'k')).not.toThrow();
  });

  it('give null when there is no window at all', () => {
    vi.stubGlobal('window', undefined);
    expect(readString('local', 'k')).toBeNull();
    expect(() => writeString('local', 'k', 'v')).not.toThrow();
  });
});

describe('readJson and writeJson', () => {
  it('round-trip a value that passes the shape check', () => {
    stubWindow(new MemoryStorage());
    writeJson('local', 'p', { name: 'Ana', extra: [1, 2] });
    expect(readJson('local', 'p', isNameRecord)).toEqual({ name: 'Ana', extra: [1, 2] });
  });

  it('give null for a value of the wrong shape, since anyone can edit storage', () => {
    const local = new MemoryStorage();
    stubWindow(local);
    local.setItem('p', JSON.stringify({ name: 42 }));
    expect(readJson('local', 'p', isNameRecord)).toBeNull();
    local.setItem('p', 'null');
    expect(readJson('local', 'p', isNameRecord)).toBeNull();
  });

  it('give null for text that is not JSON', () => {
    const local = new MemoryStorage();
    stubWindow(local);
    local.setItem('p', '{"name": "Ana"');
    expect(readJson('local', 'p', isNameRecord)).toBeNull();
  });

  it('give null for a missing key without calling the shape check', () => {
    stubWindow(new MemoryStorage());
    const accept = vi.fn(isNameRecord);
    expect(readJson('local', 'p', (value): value is { name: string } => accept(value))).toBeNull();
    expect(accept).not.toHaveBeenCalled();
  });
});

describe('storageKeys', () => {
  it('keep each join code and each session under its own key', () => {
    expect(storageKeys.participant('482913')).not.toBe(storageKeys.participant('482914'));
    expect(storageKeys.pending('482913')).not.toBe(storageKeys.pending('482914'));
    expect(storageKeys.notice('482913', 1)).not.toBe(storageKeys.notice('482914', 1));
    // A code is reused once its session ends: the new session's notice is its own.
    expect(storageKeys.notice('482913', 1)).not.toBe(storageKeys.notice('482913', 2));
    expect(storageKeys.facilitator('s1')).not.toBe(storageKeys.facilitator('s2'));
    expect(storageKeys.synthesis('482913', 'a1', 's1')).not.toBe(storageKeys.synthesis('482913', 'a1', 's2'));
    expect(storageKeys.synthesis('482913', 'a1', 's1')).not.toBe(storageKeys.synthesis('482914', 'a1', 's1'));
  });

  it('never give two kinds of record the same key for the same code or session', () => {
    const keys = [
      storageKeys.locale,
      storageKeys.participant('482913'),
      storageKeys.pending('482913'),
      storageKeys.notice('482913', 482913),
      storageKeys.facilitator('482913'),
      storageKeys.synthesis('482913', '482913', '482913'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
