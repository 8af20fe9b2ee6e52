import type { reportsallEsCL } from './reportsall.es-CL.ts';

/** Report files for commitments, the support register and experience cards in English: every key of reportsall.es-CL.ts. */
export const reportsallEn: Record<keyof typeof reportsallEsCL, string> = {
  'reportsall.commitments': 'Commitments',
  'reportsall.commitments.lead': 'Counted only: nobody sees what each person wrote nor who answered what.',
  'reportsall.commitment.written': 'Commitments written',
  'reportsall.commitment.answered': 'Answers at the follow-up',
  'reportsall.register.agencies': "The sala's agencies",
  'reportsall.register.note': 'What we did (public note)',
  'reportsall.register.noNote': 'No note yet',
  'reportsall.register.updatedAt': 'Updated on',
  'reportsall.register.lead': 'What each sala asked of Servicio Civil in its synthesis, its status and what was done.',
  'reportsall.experience.contact': 'Contact: {unit} · {email}',
  'reportsall.experience.reach': '{count} {unit}',
  'reportsall.deck.experience': 'Experience',
  'reportsall.deck.axes': 'Axes: {axes}',
  'reportsall.deck.approach': 'Kind: {approach}',
  'reportsall.deck.reach': 'Reach: {count} {unit}',
  'reportsall.deck.since': 'Since: {since}',
  'reportsall.deck.lesson': 'Lesson learned',
  'reportsall.deck.register': 'What the salas asked and its follow-up',
};
