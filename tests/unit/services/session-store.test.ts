import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../server/services/session-store.ts';
import { MemoryStorage } from './support/memory-storage.ts';

async function stored() {
  const storage = new MemoryStorage();
  await storage.sessions.create(
    { id: 's1', code: '123456', title: 'Taller', templateId: null, facilitatorTokenHash: 'h', createdAt: 0 },
    [],
  );
  return storage;
}

describe('SessionStore', () => {
  it('loads a session once for concurrent opens, and get reads memory only after that', async () => {
    const storage = await stored();
    let reads = 0;
    const findById = storage.sessions.findById;
    storage.sessions.findById = (id) => {
      reads += 1;
      return findById(id);
    };
    const store = new SessionStore(storage);
    expect(() => store.get('s1')).toThrow('La sesión no existe.');
    const [a, b] = await Promise.all([store.open('s1'), store.open('s1')]);
    expect(a).toBe(b);
    expect(store.get('s1')).toBe(a);
    expect(reads).toBe(1);
    await expect(store.open('nope')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });

  it('in a cluster, claims a session before loading it and gives up the claim of one there is none of', async () => {
    const claims: string[] = [];
    const releases: string[] = [];
    const store = new SessionStore(await stored(), {
      claim: (id) => Promise.resolve(void claims.push(id)),
      release: (id) => Promise.resolve(void releases.push(id)),
    });
    await store.open('s1');
    await expect(store.open('deleted')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    expect(claims).toEqual(['s1', 'deleted']);
    expect(releases).toEqual(['deleted']);
  });

  it('runs one session’s exclusive commands one after the other, and a nested one at once', async () => {
    const store = new SessionStore(await stored());
    const steps: string[] = [];
    const command = (name: string) =>
      store.exclusive('s1', async () => {
        steps.push(`${name} checks`);
        await new Promise((resolve) => setImmediate(resolve));
        steps.push(`${name} commits`);
      });
    const a = command('a');
    const b = command('b');
    // A command that runs another of the same session holds the turn already: no deadlock.
    const nested = store.exclusive('s1', () => store.exclusive('s1', async () => steps.push('nested')));
    await Promise.all([a, b, nested]);
    expect(steps).toEqual(['a checks', 'a commits', 'b checks', 'b commits', 'nested']);
  });

  it('goes on with the next command after one fails', async () => {
    const store = new SessionStore(await stored());
    const failed = store.exclusive('s1', () => Promise.reject(new Error('refused')));
    const next = store.exclusive('s1', async (state) => state.title);
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('Taller');
  });

  it('releases a session after the commands before it, and an open meanwhile waits and loads it afresh', async () => {
    const storage = await stored();
    const claims: string[] = [];
    const store = new SessionStore(storage, { claim: async (id) => void claims.push(id) });
    const first = await store.open('s1');
    const steps: string[] = [];
    const running = store.exclusive('s1', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      steps.push('command');
    });
    let reopened: Promise<unknown> = Promise.resolve();
    const released = store.release(
      's1',
      async () => {
        steps.push('ready');
        return true;
      },
      async () => {
        // Asked while the lock is being released: the open waits for it instead of serving what went.
        reopened = store.open('s1');
        await new Promise((resolve) => setImmediate(resolve));
        steps.push('let go');
      },
    );
    await expect(released).resolves.toBe(true);
    await running;
    expect(steps).toEqual(['command', 'ready', 'let go']);
    const again = await reopened;
    expect(again).not.toBe(first);
    expect(store.get('s1')).toBe(again);
    expect(claims).toEqual(['s1', 's1']);
  });

  it('keeps a session its ready check refuses, and releases nothing it does not hold', async () => {
    const store = new SessionStore(await stored());
    const state = await store.open('s1');
    let letGo = 0;
    await expect(
      store.release(
        's1',
        async () => false,
        async () => void (letGo += 1),
      ),
    ).resolves.toBe(false);
    expect(store.get('s1')).toBe(state);
    await expect(
      store.release(
        'other',
        async () => true,
        async () => void (letGo += 1),
      ),
    ).resolves.toBe(false);
    expect(letGo).toBe(0);
  });
});
