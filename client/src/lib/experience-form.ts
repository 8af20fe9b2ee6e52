/**
 * The experience card form's pure side: the draft as typed (numbers as text), a card from it or
 * the fields to fix (the same limits as the server's schema, from shared/experience.ts), and a
 * draft from a stored card to edit it. No Svelte, no socket: tested on their own.
 */
import type { AxisId } from '../../../shared/axes.ts';
import {
  EMAIL_PATTERN,
  EXPERIENCE_LIMITS,
  type ExperienceApproach,
  type ExperienceCard,
  type ExperienceCardInput,
} from '../../../shared/experience.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { MessageKey, MessageParams } from '../../../shared/i18n/messages.ts';

export interface ExperienceDraft {
  agency: string;
  name: string;
  axes: AxisId[];
  approach: ExperienceApproach | null;
  reachCount: string;
  reachUnit: string;
  sinceYear: string;
  /** "" (not said) or "1"–"12". */
  sinceMonth: string;
  lesson: string;
  contactOptIn: boolean;
  contactUnit: string;
  contactEmail: string;
}

/** One field to fix: its name (the input's), and the message for it. */
export interface DraftProblem {
  field: keyof ExperienceDraft;
  key: MessageKey;
  params?: MessageParams;
}

/** A new card's draft, with the writer's agency when they said it. */
export function emptyDraft(agency: string | null): ExperienceDraft {
  return {
    agency: agency ?? '',
    name: '',
    axes: [],
    approach: null,
    reachCount: '',
    reachUnit: '',
    sinceYear: '',
    sinceMonth: '',
    lesson: '',
    contactOptIn: false,
    contactUnit: '',
    contactEmail: '',
  };
}

/** The draft of a stored card, to edit it. */
export function draftOf(card: ExperienceCard): ExperienceDraft {
  return {
    agency: card.agency,
    name: card.name,
    axes: [...card.axes],
    approach: card.approach,
    reachCount: card.reach ? String(card.reach.count) : '',
    reachUnit: card.reach?.unit ?? '',
    sinceYear: card.since ? String(card.since.year) : '',
    sinceMonth: card.since?.month ? String(card.since.month) : '',
    lesson: card.lesson ?? '',
    contactOptIn: card.contact.optIn,
    contactUnit: card.contact.optIn ? (card.contact.unit ?? '') : '',
    contactEmail: card.contact.optIn ? (card.contact.email ?? '') : '',
  };
}

const WHOLE = /^\d+$/;

/**
 * The card to send, or what to fix first. The contact's unit and e-mail are sent only when the
 * writer opted in: unticking the box drops them, whatever was typed.
 */
export function cardFromDraft(draft: ExperienceDraft, thisYear: number): { card: ExperienceCardInput } | { problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const text = (field: keyof ExperienceDraft, value: string, max: number, required: boolean) => {
    const trimmed = value.trim();
    if (required && trimmed.length === 0) problems.push({ field, key: 'agenda.problem.required' });
    else if (trimmed.length > max) problems.push({ field, key: 'agenda.problem.tooLong', params: { max } });
    return trimmed;
  };
  const agency = text('agency', draft.agency, LIMITS.agencyNameMax, true);
  const name = text('name', draft.name, EXPERIENCE_LIMITS.nameMax, true);
  if (draft.axes.length === 0) problems.push({ field: 'axes', key: 'experience.problem.axes' });
  if (draft.approach === null) problems.push({ field: 'approach', key: 'experience.problem.approach' });

  let reach: ExperienceCardInput['reach'] = null;
  const count = draft.reachCount.trim().replace(/\./g, '');
  const unit = text('reachUnit', draft.reachUnit, EXPERIENCE_LIMITS.reachUnitMax, count.length > 0);
  if (count.length > 0) {
    if (!WHOLE.test(count) || Number(count) > EXPERIENCE_LIMITS.reachCountMax)
      problems.push({ field: 'reachCount', key: 'agenda.problem.range', params: { min: 0, max: EXPERIENCE_LIMITS.reachCountMax } });
    else reach = { count: Number(count), unit };
  } else if (unit.length > 0) problems.push({ field: 'reachCount', key: 'agenda.problem.required' });

  let since: ExperienceCardInput['since'] = null;
  const year = draft.sinceYear.trim();
  if (year.length > 0) {
    if (!WHOLE.test(year) || Number(year) < EXPERIENCE_LIMITS.sinceYearMin || Number(year) > thisYear)
      problems.push({ field: 'sinceYear', key: 'agenda.problem.range', params: { min: EXPERIENCE_LIMITS.sinceYearMin, max: thisYear } });
    else since = { year: Number(year), month: draft.sinceMonth === '' ? null : Number(draft.sinceMonth) };
  } else if (draft.sinceMonth !== '') problems.push({ field: 'sinceYear', key: 'agenda.problem.required' });

  const lesson = text('lesson', draft.lesson, EXPERIENCE_LIMITS.lessonMax, false);
  let contact: ExperienceCardInput['contact'] = { optIn: false };
  if (draft.contactOptIn) {
    const contactUnit = text('contactUnit', draft.contactUnit, EXPERIENCE_LIMITS.contactNameMax, true);
    const email = draft.contactEmail.trim();
    if (email.length === 0) problems.push({ field: 'contactEmail', key: 'agenda.problem.required' });
    else if (email.length > EXPERIENCE_LIMITS.contactEmailMax || !new RegExp(EMAIL_PATTERN).test(email))
      problems.push({ field: 'contactEmail', key: 'experience.problem.email' });
    contact = { optIn: true, unit: contactUnit, email };
  }
  if (problems.length > 0) return { problems };
  return { card: { agency, name, axes: draft.axes, approach: draft.approach!, reach, since, lesson: lesson || null, contact } };
}
