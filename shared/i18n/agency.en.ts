import type { agencyEsCL } from './agency.es-CL.ts';

/** Agencies in English: every key of agency.es-CL.ts (checked at compile time). */
export const agencyEn: Record<keyof typeof agencyEsCL, string> = {
  'agency.label': 'Which agency are you from?',
  'agency.preferNot': 'I prefer not to say',
  'agency.current': 'Agency: {name}',
  'agency.notSaid': 'Agency: not said',
  'agency.changeHint': 'Only used to count participation by agency; never shown beside your answers.',
  'agency.saved': 'Saved',
  'agency.enter': 'Join',
  'console.breakout.mode.mixAgencies': 'Mix agencies',
  'console.breakout.formHintMix':
    'Those connected are dealt out with as few people of one agency per sala as possible; latecomers go where their agency has the fewest people.',
};
