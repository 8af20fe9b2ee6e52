import { AppError } from '../../shared/errors.ts';
import type { Activity, BreakoutActivity, SynthesisContent } from '../../shared/types.ts';

/** The breakout whose salas write a synthesis: the nearest one before it in the agenda. */
export function breakoutFor(agenda: readonly Activity[], synthesisId: string): BreakoutActivity | null {
  const index = agenda.findIndex((a) => a.id === synthesisId);
  for (let i = index - 1; i >= 0; i--) {
    const activity = agenda[i]!;
    if (activity.kind === 'breakout') return activity;
  }
  return null;
}

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
  if (unknownField !== undefined) throw new AppError('VALIDATION_FAILED', `La síntesis no tiene el campo «${unknownField}».`, [{ path: `/content/fields/${unknownField}`, message: 'unknown field' }]);
  const kinds = supportOptionIds(breakout);
  const unknownKind = content.support.find((id) => !kinds.has(id));
  if (unknownKind !== undefined) throw new AppError('VALIDATION_FAILED', `No existe el tipo de apoyo «${unknownKind}».`, [{ path: '/content/support', message: 'unknown support kind' }]);
  if (new Set(content.support).size !== content.support.length) throw new AppError('VALIDATION_FAILED', 'Un tipo de apoyo aparece dos veces.', [{ path: '/content/support', message: 'duplicate' }]);
}

export interface SynthesisWriteCheck {
  phase: 'pending' | 'writing' | 'closed';
  submitted: boolean;
  currentVersion: number;
  baseVersion: number;
}

/** Whether a save may be stored: writing open, not submitted, made on the newest version. */
export function assertSaveAccepted(check: SynthesisWriteCheck): void {
  if (check.phase === 'pending') throw new AppError('INVALID_STATE', 'La escritura de las síntesis todavía no empieza.');
  if (check.phase === 'closed') throw new AppError('SYNTHESIS_LOCKED', 'La escritura de las síntesis está cerrada.');
  if (check.submitted) throw new AppError('SYNTHESIS_LOCKED', 'Esta síntesis ya fue enviada. Quien facilita puede reabrirla.');
  if (check.baseVersion !== check.currentVersion) {
    throw new AppError('STALE_VERSION', `La síntesis cambió desde otro dispositivo (versión ${check.currentVersion}). Revisa la versión más reciente antes de seguir.`);
  }
}
