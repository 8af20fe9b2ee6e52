/**
 * Experience cards: an agency's initiative told in a structured way (seed 000: a named programme,
 * the axes it serves, preventive or reactive measures, reach figures, lessons learned). A sala's
 * secretary writes them from the synthesis; any participant at an activity of kind `experience`.
 * Limits, choices and types the phone's form shares with the server; the TypeBox schemas of the
 * wire, the catalogue and the report are in experience-schemas.ts (kept apart so that no phone
 * bundles TypeBox), the rules in server/domain/experience.ts.
 */
import type { Static } from 'typebox';
import type * as S from './experience-schemas.ts';

/** Limits of a card, shared by the phone's form and the server's schemas. */
export const EXPERIENCE_LIMITS = {
  nameMax: 160,
  reachUnitMax: 80,
  reachCountMax: 10_000_000,
  lessonMax: 1000,
  contactNameMax: 120,
  contactEmailMax: 254,
  /** Earliest "since" year: older programmes are told from this year. */
  sinceYearMin: 1950,
  /** Cards one writer keeps per activity: a participant at an experience activity, a sala at a synthesis. */
  cardsPerWriter: 5,
  /** Card saves per writer per minute (typing is not saved live: each save is a button). */
  savesPerMinute: 20,
} as const;

/** What an initiative is for: preventing harm, responding to it, or both. */
export const EXPERIENCE_APPROACHES = ['preventive', 'reactive', 'both'] as const;
export type ExperienceApproach = (typeof EXPERIENCE_APPROACHES)[number];

/** An institutional e-mail address: something@domain.tld, no spaces. */
export const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

export type ExperienceContact = Static<typeof S.ExperienceContactSchema>;
export type ExperienceCardInput = Static<typeof S.ExperienceCardInputSchema>;
export type ExperienceSavePayload = Static<typeof S.ExperienceSavePayloadSchema>;
export type ExperienceDeletePayload = Static<typeof S.ExperienceDeletePayloadSchema>;
export type ExperienceListPayload = Static<typeof S.ExperienceListPayloadSchema>;
/** A card as the session report lists it (docs/report-format.md). */
export type ExperienceReport = Static<typeof S.ExperienceReportSchema>;

/** A stored card, as its receiver may see it. */
export interface ExperienceCard extends Omit<ExperienceCardInput, 'contact'> {
  /** The projected screen gets an opt-in without its details (unit and e-mail null): it is shown to the room. */
  contact: ExperienceContact | { optIn: true; unit: null; email: null };
  id: string;
  activityId: string;
  /** The sala that wrote it (from the synthesis), or null: a participant's own. */
  salaId: string | null;
  /** Written by the receiver (or by their sala's secretary, for a member of the sala). */
  mine: boolean;
  createdAt: number;
  updatedAt: number;
}

/** The cards of one activity (synthesis or experience), as the receiver may see them. */
export interface ExperienceView {
  activityId: string;
  cards: ExperienceCard[];
}
