import type { deckEsCL } from './deck.es-CL.ts';

/** The plenary deck in English: every key of deck.es-CL.ts (checked at compile time). */
export const deckEn: Record<keyof typeof deckEsCL, string> = {
  'workspace.report.pptx': 'PowerPoint deck',
  'workspace.report.pptxHint': 'Editable, for the workshop report',
  'deck.kicker': 'Workshop results',
  'deck.respondents': '{count} people answered',
  'deck.multiple': 'More than one option could be chosen',
  'deck.peopleChoosing': 'People who chose it',
  'deck.ratingScale': 'Scale from 1 ({min}) to 5 ({max})',
  'deck.ratingScalePlain': 'Scale from 1 to 5',
  'deck.itemMean': '{label} (mean {mean})',
  'deck.words': 'Most mentioned words',
  'deck.openAnswers': '{count} open answers',
  'deck.profile': 'Five-axis profile',
  'deck.profileMeans': 'Mean per axis, from 1 to 5',
  'deck.mean': 'Mean',
  'deck.synthesisOf': '{sala} — synthesis',
  'deck.continued': '{title} (continued)',
  'deck.support': 'Support asked of Servicio Civil',
  'deck.supportCount': 'Salas that chose it',
  'deck.agencies': 'Participation by agency',
  'deck.noResults': 'This session has no results yet.',
  'deck.generated': 'Generated on {date}',
};
