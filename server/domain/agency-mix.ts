/**
 * Salas that mix agencies: people who "quedaron con ganas de escuchar lo que otros(as) están
 * haciendo" meet people of other agencies. An agency of n people has at most ⌈n / salas⌉ of them
 * in any sala (the fewest the numbers allow), and sala sizes differ by at most one, as in the
 * random mode. People who did not say their agency (null) fill the places left.
 */
export function dealMixed<T>(
  people: readonly T[],
  agencyOf: (person: T) => string | null,
  salaCount: number,
  shuffle: <U>(items: readonly U[]) => U[],
): T[][] {
  // Each agency's people in one run, agencies in a random order, those not said last: dealt round
  // the salas in turn, a run of n lands ⌊n / salas⌋ or ⌈n / salas⌉ in each, and sizes stay level.
  const runs = new Map<string | null, T[]>();
  for (const person of shuffle(people)) {
    const agency = agencyOf(person);
    const run = runs.get(agency);
    if (run) run.push(person);
    else runs.set(agency, [person]);
  }
  const notSaid = runs.get(null) ?? [];
  runs.delete(null);
  const groups: T[][] = Array.from({ length: salaCount }, () => []);
  [...runs.values(), notSaid].flat().forEach((person, i) => groups[i % salaCount]!.push(person));
  return groups;
}

/**
 * Where someone who joins after the salas were formed goes, in a mixing breakout: the sala with
 * the fewest people of their agency, then the smallest, the first one on ties.
 * `sameAgency[i]`: people of their agency in sala i (all 0 when they did not say it).
 */
export function mixedSalaFor(sizes: readonly number[], sameAgency: readonly number[]): number {
  let best = 0;
  sizes.forEach((size, i) => {
    const fewer = sameAgency[i]! < sameAgency[best]!;
    if (fewer || (sameAgency[i] === sameAgency[best] && size < sizes[best]!)) best = i;
  });
  return best;
}
