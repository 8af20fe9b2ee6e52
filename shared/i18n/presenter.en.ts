import type { presenterEsCL } from './presenter.es-CL.ts';

/** The presenter stage's messages in English: every key of presenter.es-CL.ts (checked at compile time). */
export const presenterEn: Record<keyof typeof presenterEsCL, string> = {
  'stage.openPrompt': 'Write your answer on your phone',
  'stage.openJoin': 'Go to {host} with the code',
  'stage.answeringClosed': 'Voting closed',
  'stage.respondentsMeter': '{n} of {m} participants have answered',
  'stage.overviewLive': 'What the salas tick appears here live, as they save.',
  'stage.pillars': 'Pillars',
  'stage.base': 'The base they stand on',
  'agenda.layout.legend': 'How it is drawn on the screen',
  'agenda.layout.list': 'List of points',
  'agenda.layout.pillars': 'Pillars on a base',
  'agenda.layout.pillarsHint': 'Points are the pillars; sub-points, the base they stand on (top to bottom).',
};
