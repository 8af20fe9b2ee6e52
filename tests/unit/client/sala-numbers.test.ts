import { describe, expect, it } from 'vitest';
import type { SalaNumbersView } from '../../../shared/types.ts';
import { choiceComparison, plenaryRadars, ratingComparison, shortLabel, wrapLabel } from '../../../client/src/lib/sala-numbers.ts';
import { choice, rating } from '../fixtures.ts';

const q = choice('q1', ['a', 'b']);
const r = rating('r1', ['x', 'y']);
const ratingResults = (means: [number | null, number | null], respondents = 5) => ({
  kind: 'rating' as const,
  respondents,
  items: {
    x: { counts: [0, 0, 0, 0, 0] as [number, number, number, number, number], n: respondents, mean: means[0] },
    y: { counts: [0, 0, 0, 0, 0] as [number, number, number, number, number], n: respondents, mean: means[1] },
  },
});

describe('choiceComparison', () => {
  it('gives the sala’s and the room’s share per option', () => {
    const c = choiceComparison(
      q,
      { kind: 'choice', respondents: 20, counts: { a: 5, b: 15 } },
      { suppressed: false, results: { kind: 'choice', respondents: 5, counts: { a: 4, b: 1 } } },
    );
    expect(c.rows.map((row) => [row.id, row.sala, row.room])).toEqual([
      ['a', 80, 25],
      ['b', 20, 75],
    ]);
    expect(c).toMatchObject({ salaRespondents: 5, roomRespondents: 20, suppressed: false });
  });

  it('withholds the sala’s figures when it is suppressed, keeping the room’s', () => {
    const c = choiceComparison(q, { kind: 'choice', respondents: 20, counts: { a: 5, b: 15 } }, { suppressed: true, results: null });
    expect(c.suppressed).toBe(true);
    expect(c.salaRespondents).toBeNull();
    expect(c.rows.map((row) => row.sala)).toEqual([null, null]);
    expect(c.rows.map((row) => row.room)).toEqual([25, 75]);
  });
});

describe('ratingComparison', () => {
  it('gives each item’s mean in the sala and in the room', () => {
    const c = ratingComparison(r, ratingResults([3.1, 2]), { suppressed: false, results: ratingResults([4, null]) });
    expect(c.rows.map((row) => [row.id, row.sala, row.room])).toEqual([
      ['x', 4, 3.1],
      ['y', null, 2],
    ]);
  });
});

describe('plenaryRadars', () => {
  it('draws every sala with figures against the room and counts those left out', () => {
    const numbers: SalaNumbersView = {
      activityId: 'b1',
      questionIds: ['r1'],
      room: { r1: ratingResults([3, 3], 30) },
      salas: [
        { salaId: 's1', results: { r1: { suppressed: false, results: ratingResults([4, 2]) } } },
        { salaId: 's2', results: { r1: { suppressed: true, results: null } } },
        { salaId: 's3', results: { r1: { suppressed: false, results: ratingResults([1, 5]) } } },
      ],
    };
    expect(plenaryRadars(numbers, r)).toEqual({
      room: [3, 3],
      salas: [
        { salaId: 's1', values: [4, 2] },
        { salaId: 's3', values: [1, 5] },
      ],
      suppressed: 1,
    });
  });
});

describe('labels', () => {
  it('shortens an axis to the word that names it', () => {
    expect(shortLabel('Liderazgo y gobernanza')).toBe('Gobernanza');
    expect(shortLabel('Fortalecimiento de los sistemas de información')).toBe('Información');
    expect(shortLabel('Desarrollo normativo')).toBe('Normativo');
    expect(shortLabel('Corto')).toBe('Corto');
  });

  it('wraps a long label in lines', () => {
    expect(wrapLabel('Fortalecimiento de los sistemas de información', 18)).toEqual([
      'Fortalecimiento de',
      'los sistemas de',
      'información',
    ]);
    expect(wrapLabel('Uno', 18)).toEqual(['Uno']);
  });
});
