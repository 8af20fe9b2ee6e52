import { describe, expect, it, vi } from 'vitest';
import { GroupCommit } from '../../../server/services/group-commit.ts';

/** A write that records each batch it was given and returns its items doubled. */
function recordingWrite() {
  const batches: number[][] = [];
  const write = (items: number[]) => {
    batches.push([...items]);
    return Promise.resolve(items.map((n) => n * 2));
  };
  return { batches, write };
}

describe('GroupCommit', () => {
  it('writes everything added in one turn as one batch, and settles each with its own outcome', async () => {
    const { batches, write } = recordingWrite();
    const commits = new GroupCommit(write, 10);
    const outcomes = await Promise.all([commits.add(1), commits.add(2), commits.add(3)]);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(outcomes).toEqual([2, 4, 6]);
  });

  it('settles nothing before the write has run', async () => {
    const { batches, write } = recordingWrite();
    const commits = new GroupCommit(write, 10);
    let settled = false;
    const pending = commits.add(1).then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(batches).toEqual([]);
    await pending;
    expect(settled).toBe(true);
  });

  it('rejects every item of a batch whose write rejects, and goes on with the next batch', async () => {
    let fail = true;
    const commits = new GroupCommit((items: number[]) => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve(items)), 0);
    const first = Promise.allSettled([commits.add(1), commits.add(2)]);
    expect((await first).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(commits.add(3)).resolves.toBe(3);
  });

  it('rejects the batch when write throws instead of rejecting', async () => {
    const commits = new GroupCommit((): Promise<number[]> => {
      throw new Error('disk full');
    }, 0);
    await expect(commits.add(1)).rejects.toThrow('disk full');
  });

  it('keeps one batch in flight: acks wait for its write, and the next batch waits for it to settle', async () => {
    const batches: number[][] = [];
    const finish: Array<() => void> = [];
    const commits = new GroupCommit((items: number[]) => {
      batches.push([...items]);
      return new Promise<number[]>((resolve) => finish.push(() => resolve(items)));
    }, 0);
    const acked: number[] = [];
    const first = commits.add(1).then((n) => acked.push(n));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1]]);
    // Arriving while the first write is in flight: gathered, not written yet, nothing acked.
    const second = [commits.add(2), commits.add(3)].map((p) => p.then((n) => acked.push(n)));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1]]);
    expect(acked).toEqual([]);
    finish[0]!();
    await first;
    expect(acked).toEqual([1]);
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1], [2, 3]]);
    expect(acked).toEqual([1]);
    finish[1]!();
    await Promise.all(second);
    expect(acked).toEqual([1, 2, 3]);
  });

  it('under load, starts the next batch only after the interval, gathering what arrives meanwhile', async () => {
    // A fake clock: what arrives "meanwhile" is decided by the test, not by this machine's speed.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] });
    try {
      const { batches, write } = recordingWrite();
      const commits = new GroupCommit(write, 30);
      const first = commits.add(1);
      await vi.advanceTimersByTimeAsync(0);
      await first;
      // Added 10 ms and 29 ms after that commit: they wait for the interval and go together.
      vi.advanceTimersByTime(10);
      const later = [commits.add(2), commits.add(3)];
      await vi.advanceTimersByTimeAsync(19);
      const alsoLater = commits.add(4);
      expect(batches).toEqual([[1]]);
      await vi.advanceTimersByTimeAsync(1);
      expect(batches).toEqual([[1], [2, 3, 4]]);
      await Promise.all([...later, alsoLater]);
      // After a quiet spell longer than the interval, a write goes at the end of its turn.
      vi.advanceTimersByTime(100);
      const quiet = commits.add(5);
      await vi.advanceTimersByTimeAsync(0);
      expect(batches).toEqual([[1], [2, 3, 4], [5]]);
      await quiet;
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells when everything added so far is written, a failed batch included', async () => {
    let fail = true;
    const commits = new GroupCommit((items: number[]) => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve(items)), 0);
    await commits.written();
    const settled: string[] = [];
    void commits.add(1).catch(() => settled.push('failed'));
    await commits.written();
    expect(settled).toEqual(['failed']);
    fail = false;
    void commits.add(2).then(() => settled.push('written'));
    await commits.written();
    expect(settled).toEqual(['failed', 'written']);
  });
});
