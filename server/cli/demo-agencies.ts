/**
 * The rehearsal's agencies: the session lists a few, each phone picks one at join (some say
 * "Prefiero no decirlo"), and the breakout mixes them. Weighted so that in a room of 30 the larger
 * agencies pass the small-group minimum and the reports show their profiles, and a small one does not.
 */
import type { BreakoutActivity } from '../../shared/types.ts';

/** The agencies the rehearsal's session lists, and how many people of each come (relative). */
export const DEMO_AGENCIES = [
  { name: 'Instituto de Previsión Social', weight: 5 },
  { name: 'Servicio de Impuestos Internos', weight: 4 },
  { name: 'Servicio de Registro Civil e Identificación', weight: 3 },
  { name: 'Superintendencia de Pensiones', weight: 1 },
] as const;

/** Share of people who prefer not to say their agency. */
const NOT_SAID_SHARE = 0.15;

/** One person's agency at join, or null ("Prefiero no decirlo"); `random` is in [0, 1). */
export function demoAgency(random: () => number = Math.random): string | null {
  if (random() < NOT_SAID_SHARE) return null;
  const total = DEMO_AGENCIES.reduce((sum, a) => sum + a.weight, 0);
  let r = random() * total;
  for (const agency of DEMO_AGENCIES) {
    r -= agency.weight;
    if (r < 0) return agency.name;
  }
  return DEMO_AGENCIES[0].name;
}

/** The breakout as the rehearsal forms it: salas that mix agencies. */
export const mixingAgencies = (activity: BreakoutActivity): BreakoutActivity => ({ ...activity, mode: 'mixAgencies' });
