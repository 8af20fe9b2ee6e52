import { describe, expect, it } from 'vitest';
import { pillarsOf } from '../../../client/src/lib/pillars.ts';
import type { Bullet } from '../../../shared/types.ts';

const AXES: Bullet[] = [
  { text: 'Liderazgo y gobernanza', level: 0 },
  { text: 'Desarrollo normativo', level: 0 },
  { text: 'Prestación de servicios', level: 0 },
  { text: 'Promoción y prevención', level: 1 },
  { text: 'Fortalecimiento de los sistemas de información', level: 1 },
];

describe('pillarsOf', () => {
  it('stands the first-level points as pillars on a base of the deeper ones, in their order', () => {
    expect(pillarsOf({ layout: 'pillars', bullets: AXES })).toEqual({
      pillars: ['Liderazgo y gobernanza', 'Desarrollo normativo', 'Prestación de servicios'],
      base: ['Promoción y prevención', 'Fortalecimiento de los sistemas de información'],
    });
    // The order of the points is the order of the pillars and of the base's layers, top to bottom.
    expect(
      pillarsOf({
        layout: 'pillars',
        bullets: [
          { text: 'Base 1', level: 1 },
          { text: 'Pilar', level: 0 },
          { text: 'Base 2', level: 1 },
        ],
      }),
    ).toEqual({ pillars: ['Pilar'], base: ['Base 1', 'Base 2'] });
  });

  it('draws a list when the layout is a list or absent, or when there is no first-level point', () => {
    expect(pillarsOf({ layout: 'list', bullets: AXES })).toBeNull();
    expect(pillarsOf({ bullets: AXES })).toBeNull();
    expect(pillarsOf({ layout: 'pillars', bullets: [{ text: 'Solo base', level: 1 }] })).toBeNull();
    expect(pillarsOf({ layout: 'pillars', bullets: [] })).toBeNull();
  });
});
