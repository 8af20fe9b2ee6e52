import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleRelease } from '../../../server/services/idle-release.ts';

describe('IdleRelease', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  function setup() {
    const connected = new Set<string>();
    const released: string[] = [];
    const errors: string[] = [];
    const idle = new IdleRelease({
      delayMs: 1000,
      isIdle: (id) => !connected.has(id),
      release: async (id) => {
        if (id === 'broken') throw new Error('unlock failed');
        released.push(id);
      },
      onError: (id) => errors.push(id),
    });
    return { idle, connected, released, errors };
  }

  it('releases a session loaded with no socket once the delay has passed', async () => {
    const { idle, released } = setup();
    await idle.load('s1');
    await vi.advanceTimersByTimeAsync(999);
    expect(released).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(released).toEqual(['s1']);
  });

  it('keeps a session whose socket came back before the delay, and waits again from its next leaving', async () => {
    const { idle, connected, released } = setup();
    connected.add('s1');
    await idle.load('s1');
    connected.delete('s1');
    idle.left('s1');
    await vi.advanceTimersByTimeAsync(600);
    connected.add('s1');
    idle.joined('s1');
    await vi.advanceTimersByTimeAsync(5000);
    expect(released).toEqual([]);
    connected.delete('s1');
    idle.left('s1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(released).toEqual(['s1']);
  });

  it('waits on nothing while a socket is connected, nor for a session not loaded, forgotten, or after close', async () => {
    const { idle, connected, released } = setup();
    connected.add('s1');
    await idle.load('s1');
    idle.left('named-in-a-handshake');
    await idle.load('s3');
    idle.forget('s3');
    idle.left('s3');
    await idle.load('s4');
    idle.close();
    await vi.advanceTimersByTimeAsync(5000);
    expect(released).toEqual([]);
  });

  it('reports a release that failed', async () => {
    const { idle, errors } = setup();
    await idle.load('broken');
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors).toEqual(['broken']);
  });
});
