import { combinedExclusive } from '../../shared/choice.ts';
import { AppError } from '../../shared/errors.ts';
import type { Activity, ActivityResults, AnswerValue } from '../../shared/types.ts';
import { assertPointsEditKeepsAnswers } from './points.ts';
import { assertRankingEditKeepsAnswers } from './ranking.ts';

/**
 * Agenda operations, pure: each returns a new list, keeps every other activity's id and
 * relative order, and refuses what would leave the agenda inconsistent.
 */

export function insertAt(agenda: readonly Activity[], index: number, activity: Activity): Activity[] {
  const at = clampIndex(index, agenda.length);
  return [...agenda.slice(0, at), activity, ...agenda.slice(at)];
}

export function moveTo(agenda: readonly Activity[], activityId: string, toIndex: number): Activity[] {
  const from = indexOf(agenda, activityId);
  const rest = agenda.filter((a) => a.id !== activityId);
  return insertAt(rest, clampIndex(toIndex, rest.length), agenda[from]!);
}

/** Removes an activity; returns where it was, so undo can put it back there. */
export function removeFrom(agenda: readonly Activity[], activityId: string): { agenda: Activity[]; index: number; removed: Activity } {
  const index = indexOf(agenda, activityId);
  return { agenda: agenda.filter((a) => a.id !== activityId), index, removed: agenda[index]! };
}

/** A copy right after the original, with a new id (and the same option, item and question ids). */
export function duplicateOf(agenda: readonly Activity[], activityId: string, newId: string): { agenda: Activity[]; copy: Activity } {
  const index = indexOf(agenda, activityId);
  const copy = { ...structuredClone(agenda[index]!), id: newId };
  return { agenda: insertAt(agenda, index + 1, copy), copy };
}

export function replaceIn(agenda: readonly Activity[], activity: Activity): Activity[] {
  indexOf(agenda, activity.id);
  return agenda.map((a) => (a.id === activity.id ? activity : a));
}

/** Every synthesis needs a breakout before it (its salas write it). */
export function assertAgendaConsistent(agenda: readonly Activity[]): void {
  let breakoutSeen = false;
  for (const activity of agenda) {
    if (activity.kind === 'breakout') breakoutSeen = true;
    if (activity.kind === 'synthesis' && !breakoutSeen) {
      throw new AppError('INVALID_STATE', 'Una síntesis debe ir después de una actividad de salas.');
    }
  }
}

/**
 * Refuses an edit that would corrupt answers already given: another kind, an option or item
 * that has answers removed, single choice while someone chose several, or an option made
 * exclusive that someone chose with others.
 */
export function assertEditKeepsAnswers(
  before: Activity,
  after: Activity,
  results: ActivityResults | null,
  answers: readonly AnswerValue[] = [],
): void {
  if (after.kind !== before.kind) {
    if (results && results.respondents > 0) throw keep('No se puede cambiar el tipo de una pregunta que ya tiene respuestas.');
    return;
  }
  if (!results || results.respondents === 0) return;
  if (after.kind === 'choice' && results.kind === 'choice') {
    const kept = new Set(after.options.map((o) => o.id));
    const lost = Object.entries(results.counts).find(([id, count]) => count > 0 && !kept.has(id));
    if (lost) throw keep('No se puede quitar una opción que ya tiene votos.');
    const chosen = Object.values(results.counts).reduce((a, b) => a + b, 0);
    if (before.kind === 'choice' && before.multiple && !after.multiple && chosen > results.respondents) {
      throw keep('Alguien ya eligió varias opciones: la pregunta no puede pasar a una sola.');
    }
    const combined = answers.map((answer) => (answer.kind === 'choice' ? combinedExclusive(after, answer.optionIds) : null)).find(Boolean);
    if (combined) throw keep(`Alguien ya eligió «${combined.label}» junto con otras opciones: no puede pasar a ir sola.`);
  }
  if (after.kind === 'rating' && results.kind === 'rating') {
    const kept = new Set(after.items.map((i) => i.id));
    if (Object.entries(results.items).some(([id, item]) => item.n > 0 && !kept.has(id)))
      throw keep('No se puede quitar un ítem que ya tiene calificaciones.');
  }
  if (after.kind === 'ranking' && before.kind === 'ranking') assertRankingEditKeepsAnswers(before, after);
  if (after.kind === 'points' && before.kind === 'points') assertPointsEditKeepsAnswers(before, after);
  if (after.kind === 'open' && before.kind === 'open' && after.maxPerPerson < before.maxPerPerson) {
    throw keep('Ya hay respuestas: no se puede bajar el número de respuestas por persona.');
  }
}

/**
 * Whether an activity may be replaced by its edited version: the answers already given must
 * fit it (above), and once a breakout or a synthesis has started (salas formed, writing begun)
 * it keeps its kind, and a breakout its grouping.
 */
export function assertUpdateAllowed(
  before: Activity,
  after: Activity,
  results: ActivityResults | null,
  started: boolean,
  answers: readonly AnswerValue[] = [],
): void {
  assertEditKeepsAnswers(before, after, results, answers);
  if (!started) return;
  if (before.kind === 'breakout' && after.kind === 'breakout') {
    const regrouped = JSON.stringify(before.sizing) !== JSON.stringify(after.sizing) || before.mode !== after.mode;
    if (regrouped) throw new AppError('INVALID_STATE', 'Las salas ya están formadas: ya no se puede cambiar cómo se agrupa.');
  }
  if (before.kind === 'commitment' && after.kind === 'commitment' && before.mode !== after.mode)
    throw keep('Ya hay compromisos escritos o retomados aquí: su momento no puede cambiar.');
  if (before.kind !== after.kind) throw new AppError('INVALID_STATE', 'Esta actividad ya empezó: no puede cambiar de tipo.');
}

/** Whether an activity may be deleted (its answers are kept for an undo): not once started, nor while on screen. */
export function assertDeleteAllowed(activityId: string, started: boolean, currentActivityId: string | null): void {
  if (started)
    throw new AppError('INVALID_STATE', 'Esta actividad ya empezó (salas formadas, síntesis o compromisos escritos): no se puede borrar.');
  if (currentActivityId === activityId)
    throw new AppError('INVALID_STATE', 'Esa actividad está en pantalla: pasa a otra antes de borrarla.');
}

function keep(message: string): AppError {
  return new AppError('INVALID_STATE', message);
}

function indexOf(agenda: readonly Activity[], activityId: string): number {
  const index = agenda.findIndex((a) => a.id === activityId);
  if (index < 0) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
  return index;
}

function clampIndex(index: number, length: number): number {
  return Math.max(0, Math.min(length, Math.trunc(index)));
}
