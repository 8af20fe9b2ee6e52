import { describe, expect, it } from 'vitest';
import { generateJoinCode } from '../../../server/domain/join-code.ts';

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
