import { AppError } from '../../shared/errors.ts';
import type { BreakoutActivity, EndedPhase, SynthesisContent, SynthesisPhase } from '../../shared/types.ts';
import { adjustClock, endPhase, startClock, undoEnd, UNTIMED, type ClockControl, type PhaseClock } from './clock.ts';
import type { RosterView } from './sala-roster.ts';

/** The synthesis' fields: one per guide question, or one per part ("desafios.liderazgo"). */
export function fieldKeys(breakout: BreakoutActivity): string[] {
  return breakout.questions.flatMap((q) => (q.items && q.items.length > 0 ? q.items.map((item) => `${q.id}.${item.id}`) : [q.id]));
}

/** The support kinds a secretary may tick, across the guide questions. */
export function supportOptionIds(breakout: BreakoutActivity): Set<string> {
  return new Set(breakout.questions.flatMap((q) => (q.supportOptions ?? []).map((o) => o.id)));
}

export const EMPTY_CONTENT: SynthesisContent = { fields: {}, support: [] };

/** Refuses fields and support kinds the guide questions do not have. */
export function assertContentFits(content: SynthesisContent, breakout: BreakoutActivity): void {
  const keys = new Set(fieldKeys(breakout));
  const unknownField = Object.keys(content.fields).find((key) => !keys.has(key));
  if (unknownField !== undefined)
    throw new AppError('VALIDATION_FAILED', `La síntesis no tiene el campo «${unknownField}».`, [
      { path: `/content/fields/${unknownField}`, message: 'unknown field' },
    ]);
  const kinds = supportOptionIds(breakout);
  const unknownKind = content.support.find((id) => !kinds.has(id));
  if (unknownKind !== undefined)
    throw new AppError('VALIDATION_FAILED', `No existe el tipo de apoyo «${unknownKind}».`, [
      { path: '/content/support', message: 'unknown support kind' },
    ]);
  if (new Set(content.support).size !== content.support.length)
    throw new AppError('VALIDATION_FAILED', 'Un tipo de apoyo aparece dos veces.', [{ path: '/content/support', message: 'duplicate' }]);
}

export interface SynthesisWriteCheck {
  phase: 'pending' | 'writing' | 'closed';
  submitted: boolean;
  currentVersion: number;
  baseVersion: number;
}

/**
 * Whether a save may be stored: before the writing step (notes taken during the conversation,
 * once the salas are formed: the caller checks that) or during it, not submitted, made on the
 * newest version.
 */
export function assertSaveAccepted(check: SynthesisWriteCheck): void {
  if (check.phase === 'closed') throw new AppError('SYNTHESIS_LOCKED', 'La escritura de las síntesis está cerrada.');
  if (check.submitted) throw new AppError('SYNTHESIS_LOCKED', 'Esta síntesis ya fue enviada. Quien facilita puede reabrirla.');
  if (check.baseVersion !== check.currentVersion) {
    throw new AppError(
      'STALE_VERSION',
      `La síntesis cambió desde otro dispositivo (versión ${check.currentVersion}). Revisa la versión más reciente antes de seguir.`,
    );
  }
}

/** Whether a synthesis may be submitted: only in the writing step ("finish and submit"), as a save. */
export function assertSubmitAccepted(check: SynthesisWriteCheck): void {
  if (check.phase === 'pending')
    throw new AppError('INVALID_STATE', 'La síntesis se envía en el paso de escritura; mientras tanto, sigue tomando notas.');
  assertSaveAccepted(check);
}

/** Who acts on a synthesis: the facilitator, or a participant (who must be the sala's secretary). */
export type SynthesisActor = { role: 'facilitator' } | { role: 'participant'; participantId: string };

/**
 * Only the sala's secretary, or the facilitator, writes (saves, submits) a sala's synthesis, and
 * only for a sala of its breakout. `roster` is the breakout's; null while its salas are not formed.
 */
export function assertWriter(actor: SynthesisActor, salaId: string, roster: RosterView | null): void {
  if (!roster?.hasSala(salaId)) throw new AppError('SALA_NOT_FOUND', 'Esa sala no existe en esta actividad.');
  if (actor.role === 'facilitator') return;
  const isSecretary = roster.salaOf(actor.participantId) === salaId && roster.roleOf(actor.participantId) === 'secretary';
  if (!isSecretary) throw new AppError('NOT_SECRETARY', 'Solo el secretario(a) de la sala puede escribir su síntesis.');
}

export interface WritingState {
  phase: SynthesisPhase;
  clock: PhaseClock;
  /** Set by closing the writing only: what an undo reopens. Any later control drops it. */
  ended?: EndedPhase<SynthesisPhase> | undefined;
}

/**
 * A facilitator's control of the writing at `now`: start it (once, after the salas are formed)
 * for `seconds`, end it, undo that end (within END_UNDO_MS: writing reopens with the time it had
 * left), or pause, resume or add time while it is open. The deadline only warns: writing closes
 * when the facilitator ends it, so nothing being typed is thrown away by a clock.
 */
export function controlWriting(
  state: WritingState,
  control: ClockControl,
  writing: { seconds: number; salasFormed: boolean },
  now: number,
): WritingState {
  if (control.action === 'start') {
    if (state.phase !== 'pending') throw new AppError('INVALID_STATE', 'La escritura ya empezó.');
    if (!writing.salasFormed) throw new AppError('INVALID_STATE', 'Primero hay que formar las salas.');
    return { phase: 'writing', clock: startClock(now, writing.seconds * 1000) };
  }
  if (control.action === 'undo') return undoEnd(state.ended, now);
  if (state.phase !== 'writing') throw new AppError('INVALID_STATE', 'La escritura no está abierta.');
  if (control.action === 'end') return { phase: 'closed', clock: UNTIMED, ended: endPhase(state.phase, state.clock, now) };
  return { phase: 'writing', clock: adjustClock(state.clock, control.action, control.seconds, now) };
}
