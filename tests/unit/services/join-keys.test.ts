import { describe, expect, it } from 'vitest';
import { isJoinKey } from '../../../shared/join-code.ts';
import { JoinKeys } from '../../../server/services/join-keys.ts';

/** Settings as the repositories keep them, in a map: the first value set if absent stays. */
function memorySettings() {
  const values = new Map<string, string>();
  return {
    values,
    setIfAbsent: async (key: string, value: string) => {
      if (!values.has(key)) values.set(key, value);
      return values.get(key)!;
    },
  };
}

describe('JoinKeys', () => {
  it('gives each session its own key, of the shape links carry, and accepts only that one', async () => {
    const keys = new JoinKeys(Buffer.alloc(32, 1));
    const [a, b] = [keys.keyOf('session-a'), keys.keyOf('session-b')];
    expect(isJoinKey(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(keys.keyOf('session-a')).toBe(a);
    expect(keys.matches('session-a', a)).toBe(true);
    expect(keys.matches('session-a', b)).toBe(false);
    expect(keys.matches('session-a', a.slice(0, -1))).toBe(false);
    expect(keys.matches('session-a', `${a}A`)).toBe(false);
  });

  it('makes keys nobody without the server’s secret can make', async () => {
    expect(new JoinKeys(Buffer.alloc(32, 1)).keyOf('s')).not.toBe(new JoinKeys(Buffer.alloc(32, 2)).keyOf('s'));
  });

  it('makes its secret on the first start and keeps it, so links handed out survive a restart', async () => {
    const settings = memorySettings();
    const first = await JoinKeys.fromSettings(settings);
    expect(settings.values.size).toBe(1);
    const again = await JoinKeys.fromSettings(settings);
    expect(again.keyOf('s')).toBe(first.keyOf('s'));
    expect((await JoinKeys.fromSettings(memorySettings())).keyOf('s')).not.toBe(first.keyOf('s'));
  });

  it('gives nodes starting together on one database the same secret', async () => {
    const settings = memorySettings();
    const [a, b] = await Promise.all([JoinKeys.fromSettings(settings), JoinKeys.fromSettings(settings)]);
    expect(a.keyOf('s')).toBe(b.keyOf('s'));
  });
});
