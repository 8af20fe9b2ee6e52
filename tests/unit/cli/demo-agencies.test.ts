import { describe, expect, it } from 'vitest';
import { DEMO_AGENCIES, demoAgency, mixingAgencies } from '../../../server/cli/demo-agencies.ts';
import type { BreakoutActivity } from '../../../shared/types.ts';

/** A random source that hands out these numbers in turn. */
const sequence = (...values: number[]) => {
  let index = 0;
  return () => values[index++ % values.length]!;
};

describe('the rehearsal’s agencies', () => {
  it('has some people prefer not to say, and the rest pick agencies by their weights', () => {
    expect(demoAgency(sequence(0.1))).toBeNull();
    expect(demoAgency(sequence(0.5, 0))).toBe(DEMO_AGENCIES[0].name);
    expect(demoAgency(sequence(0.5, 0.999))).toBe(DEMO_AGENCIES.at(-1)!.name);
    // Over a room, every agency comes up, the heaviest most often.
    const counts = new Map<string | null, number>();
    for (let i = 0; i < 2000; i++) {
      const agency = demoAgency();
      counts.set(agency, (counts.get(agency) ?? 0) + 1);
    }
    for (const agency of DEMO_AGENCIES) expect(counts.get(agency.name)).toBeGreaterThan(0);
    expect(counts.get(DEMO_AGENCIES[0].name)!).toBeGreaterThan(counts.get(DEMO_AGENCIES.at(-1)!.name)!);
    expect(counts.get(null)).toBeGreaterThan(0);
  });

  it('forms the breakout mixing agencies, leaving the rest of it as it was', () => {
    const breakout = { id: 'b', kind: 'breakout', title: 'Salas', mode: 'random' } as unknown as BreakoutActivity;
    expect(mixingAgencies(breakout)).toEqual({ ...breakout, mode: 'mixAgencies' });
  });
});
