import { isQuestion } from '../../shared/agenda.ts';
import { combinedExclusive } from '../../shared/choice.ts';
import { AppError } from '../../shared/errors.ts';
import type { Activity, AnswerValue, AnsweringStatus } from '../../shared/types.ts';
import { assertPointsAnswer } from './points.ts';
import { assertRankingAnswer } from './ranking.ts';

/**
 * Checks that an answer fits its activity and that answering is open. Throws AppError with the
 * code the participant sees; returns nothing when the answer may be stored.
 */
export function assertAnswerAccepted(activity: Activity, status: AnsweringStatus, value: AnswerValue): void {
  if (!isQuestion(activity)) throw new AppError('NOT_ANSWERABLE', 'Esta actividad no recibe respuestas.');
  if (status !== 'open') throw new AppError('ANSWERING_CLOSED', 'Las respuestas para esta pregunta no están abiertas.');
  if (value.kind !== activity.kind) throw invalid('La respuesta no es del tipo de la pregunta.');

  if (value.kind === 'choice' && activity.kind === 'choice') {
    const known = new Set(activity.options.map((o) => o.id));
    const chosen = new Set(value.optionIds);
    if (chosen.size !== value.optionIds.length) throw invalid('Una opción aparece más de una vez.');
    if (!activity.multiple && chosen.size !== 1) throw invalid('Esta pregunta admite una sola opción.');
    if (value.optionIds.some((id) => !known.has(id))) throw invalid('Una de las opciones no existe en esta pregunta.');
    const alone = combinedExclusive(activity, value.optionIds);
    // A payload no phone of ours sends (the phone unticks the others): refused as malformed.
    if (alone)
      throw new AppError('VALIDATION_FAILED', `«${alone.label}» no se puede combinar con otras opciones.`, [
        { path: '/value/optionIds', message: 'exclusive' },
      ]);
  }
  if (value.kind === 'open' && activity.kind === 'open') {
    if (value.texts.length > activity.maxPerPerson)
      throw invalid(`Esta pregunta admite hasta ${activity.maxPerPerson} respuesta(s) por persona.`);
    if (value.texts.some((t) => t.trim().length === 0)) throw invalid('Una respuesta está vacía.');
    if (value.texts.some((t) => t.length > activity.maxLength))
      throw invalid(`Cada respuesta tiene como máximo ${activity.maxLength} caracteres.`);
    if (new Set(value.texts.map((t) => t.trim())).size !== value.texts.length) throw invalid('Una respuesta aparece dos veces.');
  }
  if (value.kind === 'rating' && activity.kind === 'rating') {
    const known = new Set(activity.items.map((i) => i.id));
    const rated = Object.keys(value.ratings);
    if (rated.length === 0) throw invalid('Califica al menos un ítem (los demás se pueden omitir).');
    if (rated.some((id) => !known.has(id))) throw invalid('Uno de los ítems no existe en esta pregunta.');
  }
  if (value.kind === 'ranking' && activity.kind === 'ranking') assertRankingAnswer(activity, value);
  if (value.kind === 'points' && activity.kind === 'points') assertPointsAnswer(activity, value);
}

function invalid(message: string): AppError {
  return new AppError('INVALID_ANSWER', message);
}
