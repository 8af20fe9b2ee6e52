import { takesComments } from '../../shared/agenda.ts';
import { AppError } from '../../shared/errors.ts';
import type { Activity } from '../../shared/types.ts';

/**
 * What a save of the facilitator's comments on an activity stores: the text trimmed, or null
 * (removed) when nothing is left. Only activities with results take comments; a slide has its
 * presenter notes instead.
 */
export function commentToStore(activity: Activity | undefined, text: string): string | null {
  if (!activity) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
  if (!takesComments(activity))
    throw new AppError('VALIDATION_FAILED', 'Los comentarios y el análisis van en las preguntas, las salas y las síntesis.');
  const trimmed = text.trim();
  return trimmed.length === 0 ? null : trimmed;
}
