import { describe, expect, it } from 'vitest';
import { placeInQueue, savedAgo, synthesisFor } from '../../../client/src/lib/sala-tools.ts';
import { breakout, choice, synthesis } from '../fixtures.ts';

describe('synthesisFor', () => {
  it('finds the synthesis written from a breakout, and none for a breakout without one', () => {
    const agenda = [breakout('b1'), choice('c', ['a', 'b']), synthesis('s1'), breakout('b2')];
    expect(synthesisFor(agenda, 'b1')?.id).toBe('s1');
    expect(synthesisFor(agenda, 'b2')).toBeNull();
  });
});

describe('savedAgo', () => {
  const T = 1_700_000_000_000;
  it('says just now, then seconds, then minutes, reading the server clock through the offset', () => {
    expect(savedAgo(T, T + 1500, 0)).toEqual({ unit: 'now' });
    expect(savedAgo(T, T + 3200, 0)).toEqual({ unit: 'seconds', n: 3 });
    // This device runs 10 s behind the server: 3 s after the save here reads 13 s.
    expect(savedAgo(T, T + 3200, 10_000)).toEqual({ unit: 'seconds', n: 13 });
    expect(savedAgo(T, T + 125_000, 0)).toEqual({ unit: 'minutes', n: 2 });
    // A device ahead of the server never shows a negative age.
    expect(savedAgo(T, T - 5000, 0)).toEqual({ unit: 'now' });
  });
});

describe('placeInQueue', () => {
  it('numbers the queue from 1, and is null with the hand down or before joining', () => {
    expect(placeInQueue(['a', 'b'], 'b')).toBe(2);
    expect(placeInQueue(['a', 'b'], 'c')).toBeNull();
    expect(placeInQueue(['a'], null)).toBeNull();
  });
});
