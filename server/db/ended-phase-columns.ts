import type { EndedPhase } from '../../shared/types.ts';

/** The columns a phase ended early is stored in (breakouts and synthesis_states alike). */
export interface EndedPhaseRow {
  ended_phase: string | null;
  ended_remaining_ms: number | null;
  ended_paused: number;
  ended_until: number | null;
}

/** The named parameters of those columns, for an upsert. */
export function endedPhaseParams(ended: EndedPhase<string> | null): {
  endedPhase: string | null;
  endedRemainingMs: number | null;
  endedPaused: number;
  endedUntil: number | null;
} {
  return {
    endedPhase: ended?.phase ?? null,
    endedRemainingMs: ended?.remainingMs ?? null,
    endedPaused: ended?.paused ? 1 : 0,
    endedUntil: ended?.until ?? null,
  };
}

/** The phase ended early a row holds, or null; `P` is the phases the table's CHECK allows. */
export function endedPhaseOf<P extends string>(row: EndedPhaseRow): EndedPhase<P> | null {
  if (row.ended_phase === null || row.ended_until === null) return null;
  return { phase: row.ended_phase as P, remainingMs: row.ended_remaining_ms, paused: row.ended_paused === 1, until: row.ended_until };
}
