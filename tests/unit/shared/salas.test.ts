import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/limits.ts';
import { salaCountFor } from '../../../shared/salas.ts';

describe('salaCountFor', () => {
  it('uses the fixed count whatever the number of participants', () => {
    expect(salaCountFor({ by: 'count', count: 4 }, 37)).toBe(4);
    expect(salaCountFor({ by: 'count', count: 4 }, 0)).toBe(4);
  });

  it(`clamps a count to 1..${LIMITS.salasMax}`, () => {
    expect(salaCountFor({ by: 'count', count: 0 }, 10)).toBe(1);
    expect(salaCountFor({ by: 'count', count: LIMITS.salasMax }, 10)).toBe(50);
    expect(salaCountFor({ by: 'count', count: LIMITS.salasMax + 1 }, 10)).toBe(50);
  });

  it('by size, forms ceil(participants / size) salas', () => {
    expect(salaCountFor({ by: 'size', size: 5 }, 20)).toBe(4);
    expect(salaCountFor({ by: 'size', size: 5 }, 21)).toBe(5);
    expect(salaCountFor({ by: 'size', size: 5 }, 4)).toBe(1);
    expect(salaCountFor({ by: 'size', size: 6 }, 50)).toBe(9);
  });

  it('by size, forms one sala when nobody has joined yet', () => {
    expect(salaCountFor({ by: 'size', size: 5 }, 0)).toBe(1);
  });

  it(`by size, never forms more than ${LIMITS.salasMax} salas`, () => {
    expect(salaCountFor({ by: 'size', size: 2 }, 100)).toBe(50);
    expect(salaCountFor({ by: 'size', size: 2 }, 101)).toBe(50);
    expect(salaCountFor({ by: 'size', size: 2 }, 500)).toBe(50);
  });
});

describe('salaCountFor, as the console previews it', () => {
  it('follows the server: as many salas as a target size needs, at least one', () => {
    expect(salaCountFor({ by: 'size', size: 6 }, 13)).toBe(3);
    expect(salaCountFor({ by: 'size', size: 6 }, 12)).toBe(2);
    expect(salaCountFor({ by: 'size', size: 6 }, 0)).toBe(1);
    expect(salaCountFor({ by: 'count', count: 4 }, 2)).toBe(4);
    expect(salaCountFor({ by: 'size', size: 2 }, 10_000)).toBe(50);
  });
});
