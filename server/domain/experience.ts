import { AppError } from '../../shared/errors.ts';
import { EXPERIENCE_LIMITS, type ExperienceCard, type ExperienceCardInput, type ExperienceReport } from '../../shared/experience.ts';
import type { Activity } from '../../shared/types.ts';
import type { ExperienceRecord } from '../db/experience-repository.ts';

/**
 * The rules of experience cards: what a card must say beyond its schema, who may write or
 * delete one and when, and who sees what. A card is written at a synthesis activity by the
 * sala's secretary (the sala's card, while the writing is not closed) or at an experience
 * activity by any participant (their own card, while the facilitator keeps it open).
 */

/** Who acts on a card: the facilitator or a participant. */
export type CardActor = { role: 'facilitator' } | { role: 'participant'; participantId: string };

/** Where a card is written, with what the rules need to know of it. */
export type CardPlace =
  | { kind: 'experience'; open: boolean }
  | {
      kind: 'synthesis';
      /** The writing's phase: cards are written with the synthesis, until the facilitator closes it. */
      phase: 'pending' | 'writing' | 'closed';
      /** Throws unless the actor may write this sala's synthesis (its secretary, or the facilitator). */
      assertWriter: (salaId: string) => void;
    };

const invalid = (message: string, path: string, detail: string) => new AppError('VALIDATION_FAILED', message, [{ path, message: detail }]);

/**
 * The card as stored: texts trimmed; a blank text, an axis twice or a "since" after `now` are
 * refused with the path of the field. The schema has checked types and lengths already.
 */
export function normalizeCard(card: ExperienceCardInput, now: number): ExperienceCardInput {
  const required = (text: string, path: string, label: string): string => {
    const trimmed = text.trim();
    if (trimmed.length === 0) throw invalid(`Falta ${label}.`, path, 'blank');
    return trimmed;
  };
  const optional = (text: string | null): string | null => {
    const trimmed = text?.trim() ?? '';
    return trimmed.length === 0 ? null : trimmed;
  };
  if (new Set(card.axes).size !== card.axes.length) throw invalid('Un eje aparece dos veces.', '/card/axes', 'duplicate');
  if (card.since) {
    const today = new Date(now);
    const year = today.getUTCFullYear();
    const month = today.getUTCMonth() + 1;
    if (card.since.year > year || (card.since.year === year && (card.since.month ?? 1) > month))
      throw invalid('La fecha de inicio no puede estar en el futuro.', '/card/since', 'in the future');
  }
  return {
    agency: required(card.agency, '/card/agency', 'el servicio'),
    name: required(card.name, '/card/name', 'el nombre de la iniciativa'),
    axes: card.axes,
    approach: card.approach,
    reach: card.reach ? { count: card.reach.count, unit: required(card.reach.unit, '/card/reach/unit', 'qué cuenta el alcance') } : null,
    since: card.since,
    lesson: optional(card.lesson),
    contact: card.contact.optIn
      ? {
          optIn: true,
          unit: required(card.contact.unit, '/card/contact/unit', 'el nombre de la unidad de contacto'),
          email: card.contact.email.trim().toLowerCase(),
        }
      : { optIn: false },
  };
}

export interface CardWrite {
  actor: CardActor;
  place: CardPlace;
  /** The sala named by the save (a synthesis card's), or undefined. */
  salaId: string | undefined;
  /** The card with this id, if it exists already. */
  existing: ExperienceRecord | undefined;
  /** The activity's stored cards. */
  cards: readonly ExperienceRecord[];
}

/**
 * Throws unless the actor may write (or, with `deleting`, delete) the card here and now. Returns
 * whose card it is: its sala (synthesis) or null (a participant's own).
 */
export function assertCardWrite(write: CardWrite, deleting = false): { salaId: string | null } {
  const { actor, place, existing, cards } = write;
  if (place.kind === 'experience') {
    if (actor.role !== 'participant')
      throw new AppError('FORBIDDEN', 'En esta actividad escriben las personas participantes desde su teléfono.');
    if (write.salaId !== undefined) throw invalid('Esta actividad no es de una sala.', '/salaId', 'not expected');
    if (!place.open) throw new AppError('ANSWERING_CLOSED', 'La escritura de experiencias está cerrada.');
    if (existing && existing.authorId !== actor.participantId)
      throw new AppError('FORBIDDEN', 'Solo quien escribió una experiencia puede cambiarla.');
    const own = cards.filter((c) => c.authorId === actor.participantId).length;
    if (!existing && !deleting && own >= EXPERIENCE_LIMITS.cardsPerWriter)
      throw new AppError('INVALID_STATE', `Cada persona puede contar hasta ${EXPERIENCE_LIMITS.cardsPerWriter} experiencias aquí.`);
    return { salaId: null };
  }
  const salaId = write.salaId ?? existing?.salaId ?? undefined;
  if (salaId === undefined) throw invalid('Falta la sala de la experiencia.', '/salaId', 'required');
  place.assertWriter(salaId);
  if (place.phase === 'closed') throw new AppError('SYNTHESIS_LOCKED', 'La escritura de las síntesis está cerrada.');
  if (existing && existing.salaId !== salaId) throw new AppError('FORBIDDEN', 'Esa experiencia es de otra sala.');
  const salaCards = cards.filter((c) => c.salaId === salaId).length;
  if (!existing && !deleting && salaCards >= EXPERIENCE_LIMITS.cardsPerWriter)
    throw new AppError('INVALID_STATE', `Cada sala puede contar hasta ${EXPERIENCE_LIMITS.cardsPerWriter} experiencias.`);
  return { salaId };
}

/**
 * Who receives cards: a console (every card, contacts included), the projected screen (every
 * card, no contact details: it is shown to the room), or a participant (their sala's cards and
 * their own, as written).
 */
export type CardAudience =
  { role: 'console' } | { role: 'presenter' } | { role: 'participant'; participantId: string; salaId: string | null };

/** The cards this audience may see, as it may see them. */
export function cardsFor(records: readonly ExperienceRecord[], audience: CardAudience): ExperienceCard[] {
  return records.flatMap((record) => {
    const mine =
      audience.role === 'participant' &&
      (record.salaId === null ? record.authorId === audience.participantId : record.salaId === audience.salaId);
    if (audience.role === 'participant' && !mine) return [];
    const withheld = audience.role === 'presenter' && record.card.contact.optIn;
    const card = withheld ? { ...record.card, contact: { optIn: true as const, unit: null, email: null } } : record.card;
    return [
      {
        ...card,
        id: record.id,
        activityId: record.activityId,
        salaId: record.salaId,
        mine,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
      },
    ];
  });
}

/** The cards as the session report lists them: in agenda order, then as written; no author. */
export function experienceReports(
  records: readonly ExperienceRecord[],
  agenda: readonly Activity[],
  salaNames: Record<string, string>,
): ExperienceReport[] {
  const position = new Map(agenda.map((activity, index) => [activity.id, index + 1]));
  return records
    .filter((record) => position.has(record.activityId))
    .map((record) => ({ record, position: position.get(record.activityId)! }))
    .sort((a, b) => a.position - b.position || a.record.createdAt - b.record.createdAt)
    .map(({ record, position: at }) => ({
      id: record.id,
      activityId: record.activityId,
      position: at,
      salaName: record.salaId === null ? null : (salaNames[record.salaId] ?? null),
      agency: record.card.agency,
      name: record.card.name,
      axes: [...record.card.axes],
      approach: record.card.approach,
      reach: record.card.reach,
      since: record.card.since,
      lesson: record.card.lesson,
      contact: record.card.contact.optIn ? { unit: record.card.contact.unit, email: record.card.contact.email } : null,
      createdAt: new Date(record.createdAt).toISOString(),
    }));
}
