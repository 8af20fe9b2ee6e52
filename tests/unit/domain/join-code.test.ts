import { describe, expect, it } from 'vitest';
import { generateJoinCode, normalizeJoinCode } from '../../../server/domain/join-code.ts';

describe('generateJoinCode', () => {
  it('asks for a number below one million and writes it as six digits', () => {
    const asked: number[] = [];
    const code = generateJoinCode((max) => {
      asked.push(max);
      return 482913;
    });
    expect(asked).toEqual([1_000_000]);
    expect(code).toBe('482913');
  });

  it('keeps leading zeros', () => {
    expect(generateJoinCode(() => 42)).toBe('000042');
    expect(generateJoinCode(() => 0)).toBe('000000');
  });

  it('gives the highest code for the highest number the random source may return', () => {
    expect(generateJoinCode((max) => max - 1)).toBe('999999');
  });
});

describe('normalizeJoinCode', () => {
  it('accepts six digits as they are', () => {
    expect(normalizeJoinCode('482913')).toBe('482913');
    expect(normalizeJoinCode('000123')).toBe('000123');
  });

  it('accepts the grouped forms people type, with spaces or a dash', () => {
    expect(normalizeJoinCode('482 913')).toBe('482913');
    expect(normalizeJoinCode('482-913')).toBe('482913');
    expect(normalizeJoinCode(' 48 29 13 ')).toBe('482913');
  });

  it('refuses too few or too many digits', () => {
    expect(normalizeJoinCode('48291')).toBeNull();
    expect(normalizeJoinCode('4829130')).toBeNull();
    expect(normalizeJoinCode('')).toBeNull();
  });

  it('refuses letters and other characters', () => {
    expect(normalizeJoinCode('48291a')).toBeNull();
    expect(normalizeJoinCode('482.913')).toBeNull();
    expect(normalizeJoinCode('４８２９１３')).toBeNull();
  });
});
