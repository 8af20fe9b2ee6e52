import { describe, expect, it } from 'vitest';
import { isQuestion } from '../../../shared/agenda.ts';
import { cloudWords, isCharted, openTexts } from '../../../client/src/lib/results.ts';
import { largestFitting } from '../../../client/src/lib/fit-text.ts';
import { choice, content, rating } from '../fixtures.ts';

describe('cloudWords', () => {
  it('sizes words by the square root of their counts, between min and max', () => {
    const cloud = cloudWords(
      [
        { word: 'salud', count: 16 },
        { word: 'escucha', count: 4 },
        { word: 'redes', count: 1 },
      ],
      1,
      4,
    );
    const size = Object.fromEntries(cloud.map((w) => [w.word, w.scale]));
    expect(size.salud).toBe(4);
    expect(size.redes).toBe(1);
    // √4 is a third of the way from √1 to √16.
    expect(size.escucha).toBeCloseTo(2, 5);
  });

  it('puts the most used word in the middle, the rest alternating to either side', () => {
    const cloud = cloudWords(['a', 'b', 'c', 'd', 'e'].map((word, i) => ({ word, count: 10 - i })));
    expect(cloud.map((w) => w.word)).toEqual(['d', 'b', 'a', 'c', 'e']);
  });

  it('gives one word, or words all equally used, a single size', () => {
    expect(cloudWords([{ word: 'solo', count: 3 }], 1, 4)[0]!.scale).toBe(4);
    expect(
      new Set(
        cloudWords(
          [
            { word: 'a', count: 2 },
            { word: 'b', count: 2 },
          ],
          1,
          3,
        ).map((w) => w.scale),
      ),
    ).toEqual(new Set([2]));
    expect(cloudWords([])).toEqual([]);
  });
});

describe('openTexts', () => {
  it('trims, drops empty and repeated texts, and keeps at most the limit', () => {
    expect(openTexts(['  uno ', '', 'dos', 'uno', '   ', 'tres'], 2)).toEqual(['uno', 'dos']);
    expect(openTexts(['', ' '], 3)).toEqual([]);
  });
});

describe('isQuestion and isCharted', () => {
  it('tell the questions apart from the rest, and the charted ones', () => {
    const open = { id: 'o', kind: 'open' as const, title: 'Abierta', maxLength: 100, maxPerPerson: 1, display: 'cloud' as const };
    expect([choice('c', ['a', 'b']), rating('r', ['x']), open, content('s')].map(isQuestion)).toEqual([true, true, true, false]);
    expect([choice('c', ['a', 'b']), rating('r', ['x']), open, content('s')].map(isCharted)).toEqual([true, true, false, false]);
    expect(isQuestion(null)).toBe(false);
  });
});

describe('largestFitting', () => {
  it('finds the largest size that fits, to half a pixel', () => {
    expect(largestFitting(10, 60, (size) => size <= 33.3)).toBeGreaterThan(32.8);
    expect(largestFitting(10, 60, (size) => size <= 33.3)).toBeLessThanOrEqual(33.3);
  });

  it('takes the largest when it fits, and the smallest when nothing does', () => {
    expect(largestFitting(10, 60, () => true)).toBe(60);
    expect(largestFitting(10, 60, () => false)).toBe(10);
  });
});
