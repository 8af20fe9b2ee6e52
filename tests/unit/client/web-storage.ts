/**
 * Web Storage for client unit tests: a Map standing in for the browser's, and a `window` holding
 * it (client/src/lib/storage.ts reads window.localStorage and window.sessionStorage).
 */
import { vi } from 'vitest';

/** A Web Storage kept in a Map, standing in for the browser's. */
export class MemoryStorage implements Storage {
  [name: string]: unknown;
  readonly #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  clear(): void {
    this.#items.clear();
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, String(value));
  }
}

/** Gives the client this storage (undone by vi.unstubAllGlobals). */
export function stubWindow(local: Storage, session: Storage = new MemoryStorage()): void {
  vi.stubGlobal('window', { localStorage: local, sessionStorage: session });
}
