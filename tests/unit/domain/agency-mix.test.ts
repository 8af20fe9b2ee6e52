import { describe, expect, it } from 'vitest';
import { dealMixed, mixedSalaFor } from '../../../server/domain/agency-mix.ts';
import { parseAgendaDocument, toAgendaDocument } from '../../../server/domain/agenda-document.ts';
import { shuffled } from '../../../server/domain/breakout.ts';
import { breakout } from '../fixtures.ts';

/** A small seeded generator (mulberry32): the same cases on every run, many of them. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Person {
  id: string;
  agency: string | null;
}

/** People for these counts per agency (index = agency; the last count: people who did not say). */
function peopleFor(counts: readonly number[], notSaid: number): Person[] {
  const named = counts.flatMap((n, a) => Array.from({ length: n }, (_, i) => ({ id: `a${a}-${i}`, agency: `Agencia ${a}` })));
  return [...named, ...Array.from({ length: notSaid }, (_, i) => ({ id: `x-${i}`, agency: null }))];
}

const maxPerSala = (groups: Person[][], agency: string) => Math.max(...groups.map((g) => g.filter((p) => p.agency === agency).length));

describe('dealMixed (property: for any counts, the fewest of one agency per sala, sizes level)', () => {
  it('holds for 2,000 random rooms', () => {
    const random = seeded(16);
    const int = (max: number) => Math.floor(random() * (max + 1));
    for (let run = 0; run < 2000; run++) {
      const counts = Array.from({ length: 1 + int(7) }, () => int(random() < 0.3 ? 25 : 8));
      const notSaid = int(6);
      const people = peopleFor(counts, notSaid);
      const salaCount = 1 + int(9);
      const groups = dealMixed(
        people,
        (p) => p.agency,
        salaCount,
        (items) => shuffled(items, random),
      );
      const context = JSON.stringify({ counts, notSaid, salaCount });
      // Everyone once, in exactly salaCount salas.
      expect(groups, context).toHaveLength(salaCount);
      expect(
        groups
          .flat()
          .map((p) => p.id)
          .sort(),
        context,
      ).toEqual(people.map((p) => p.id).sort());
      // Sizes differ by at most one.
      const sizes = groups.map((g) => g.length);
      expect(Math.max(...sizes) - Math.min(...sizes), context).toBeLessThanOrEqual(1);
      // Each agency: at most ⌈n / salas⌉ in a sala, the least any dealing can do (pigeonhole).
      counts.forEach((n, a) => {
        if (n > 0) expect(maxPerSala(groups, `Agencia ${a}`), context).toBe(Math.ceil(n / salaCount));
      });
    }
  });

  it('spreads a room where one agency is most of it as far as it goes', () => {
    const people = peopleFor([9, 2, 1], 0);
    const groups = dealMixed(
      people,
      (p) => p.agency,
      3,
      (items) => [...items],
    );
    expect(groups.map((g) => g.filter((p) => p.agency === 'Agencia 0').length)).toEqual([3, 3, 3]);
    expect(groups.map((g) => g.length)).toEqual([4, 4, 4]);
    expect(maxPerSala(groups, 'Agencia 1')).toBe(1);
  });

  it('deals a room where nobody said their agency like the random mode', () => {
    const groups = dealMixed(
      peopleFor([], 7),
      (p) => p.agency,
      3,
      (items) => [...items],
    );
    expect(groups.map((g) => g.map((p) => p.id))).toEqual([
      ['x-0', 'x-3', 'x-6'],
      ['x-1', 'x-4'],
      ['x-2', 'x-5'],
    ]);
  });

  it('gives different salas for different shuffles (it is not a fixed order)', () => {
    const people = peopleFor([4, 4, 4], 0);
    const deal = (seed: number) => {
      const random = seeded(seed);
      return JSON.stringify(
        dealMixed(
          people,
          (p) => p.agency,
          4,
          (items) => shuffled(items, random),
        ),
      );
    };
    expect(new Set([1, 2, 3, 4, 5].map(deal)).size).toBeGreaterThan(1);
  });
});

describe('mixedSalaFor (a late joiner in a mixing breakout)', () => {
  it('goes where their agency has the fewest people, then to the smallest sala, the first on ties', () => {
    expect(mixedSalaFor([3, 4, 4], [2, 0, 1])).toBe(1);
    expect(mixedSalaFor([4, 3, 3], [1, 1, 1])).toBe(1);
    expect(mixedSalaFor([3, 3, 3], [0, 0, 0])).toBe(0);
    expect(mixedSalaFor([5, 2, 4], [0, 0, 0])).toBe(1);
  });
});

describe('the mixing mode in an agenda document', () => {
  it('round-trips through export and import; an unknown mode is refused', () => {
    const mixing = { ...breakout('b'), mode: 'mixAgencies' as const };
    const document = JSON.parse(JSON.stringify(toAgendaDocument('Taller', [mixing]))) as { activities: Array<Record<string, unknown>> };
    const parsed = parseAgendaDocument(document, () => 'new-id');
    expect(parsed.ok && parsed.activities[0]).toMatchObject({ kind: 'breakout', mode: 'mixAgencies' });
    document.activities[0]!.mode = 'mezclar';
    const refused = parseAgendaDocument(document, () => 'new-id');
    expect(refused.ok).toBe(false);
  });
});
