import type { EndedPhase } from '../../../shared/types.ts';
import { endedPhaseParams } from '../ended-phase-columns.ts';

/** The four columns of a phase ended early, as positional parameters (ended_phase, …, ended_until). */
export function endedPhaseValues(ended: EndedPhase<string> | null): [string | null, number | null, number, number | null] {
  const p = endedPhaseParams(ended);
  return [p.endedPhase, p.endedRemainingMs, p.endedPaused, p.endedUntil];
}
