import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JoinShown, Outcome } from '../../../client/src/lib/api.ts';
import { checkWithKey, storedJoinKey } from '../../../client/src/lib/join-key.ts';
import { storageKeys } from '../../../client/src/lib/storage.ts';
import type { JoinCheck } from '../../../shared/types.ts';
import { MemoryStorage, stubWindow } from './web-storage.ts';

const KEY = 'Zx-9_aB3cD4eF5gH';
const OLD_KEY = 'oLd-9_aB3cD4eF5g';
const found: Outcome<JoinCheck> = { ok: true, data: { sessionId: 's-1', title: 'Bienestar', createdAt: 1, locale: 'es-CL', agencies: [] } };
const notFound: Outcome<JoinCheck> = { ok: false, code: 'SESSION_NOT_FOUND', field: null };

/** A server that opens code 482913 to `key` (or to a typed code when key is null), recording what it was shown. */
function server(key: string | null) {
  const shown: JoinShown[] = [];
  const check = (_code: string, seen: JoinShown) => {
    shown.push(seen);
    return Promise.resolve(seen.joinKey === key || (seen.joinKey === null && key === null) ? found : notFound);
  };
  return { shown, check };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('checkWithKey', () => {
  it('shows the link’s key with the check and keeps it for the rejoins of that code', async () => {
    stubWindow(new MemoryStorage());
    const { shown, check } = server(KEY);
    expect(await checkWithKey('482913', KEY, 'token-of-an-earlier-join', check)).toEqual(found);
    expect(shown).toEqual([{ joinKey: KEY, participantToken: 'token-of-an-earlier-join' }]);
    expect(storedJoinKey('482913')).toBe(KEY);
    expect(storedJoinKey('111111')).toBeNull();
  });

  it('shows a key kept earlier when the page is opened again without the fragment', async () => {
    const local = new MemoryStorage();
    local.setItem(storageKeys.joinKey('482913'), KEY);
    stubWindow(local);
    const { shown, check } = server(KEY);
    expect(await checkWithKey('482913', null, null, check)).toEqual(found);
    expect(shown).toEqual([{ joinKey: KEY, participantToken: null }]);
  });

  it('drops a kept key of an earlier session with the same code and checks the code without it', async () => {
    const local = new MemoryStorage();
    local.setItem(storageKeys.joinKey('482913'), OLD_KEY);
    stubWindow(local);
    const { shown, check } = server(null);
    expect(await checkWithKey('482913', null, null, check)).toEqual(found);
    expect(shown.map((s) => s.joinKey)).toEqual([OLD_KEY, null]);
    expect(storedJoinKey('482913')).toBeNull();
  });

  it('does not retry without the key of the link just opened: its refusal is the answer', async () => {
    stubWindow(new MemoryStorage());
    const { shown, check } = server(null);
    expect(await checkWithKey('482913', KEY, null, check)).toEqual(notFound);
    expect(shown).toHaveLength(1);
  });

  it('ignores a kept value that is not shaped like a key (storage is anyone’s to edit)', async () => {
    const local = new MemoryStorage();
    local.setItem(storageKeys.joinKey('482913'), '<script>');
    stubWindow(local);
    const { shown, check } = server(null);
    expect(await checkWithKey('482913', null, null, check)).toEqual(found);
    expect(shown).toEqual([{ joinKey: null, participantToken: null }]);
  });
});
