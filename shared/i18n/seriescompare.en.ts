import type { seriescompareEsCL } from './seriescompare.es-CL.ts';

/** English twin of seriescompare.es-CL.ts: the same keys. */
export const seriescompareEn: Record<keyof typeof seriescompareEsCL, string> = {
  'seriesCompare.section': 'Rankings and points by session',
  'seriesCompare.lead': 'Ranking and points activities that two or more sessions ran with the same items (and the same points to split).',
  'seriesCompare.activity': 'Activity',
  'seriesCompare.kind': 'Kind',
  'seriesCompare.rankingCell': '{mean} · {share} first',
  'seriesCompare.salaFigures': 'Rankings and points by sala',
  'seriesCompare.salaTitle': 'Each sala and the whole room: {title}',
  'seriesCompare.room': 'Whole room',
  'seriesCompare.group': 'Group',
  'seriesCompare.questionPosition': 'Question no.',
  'seriesCompare.question': 'Question',
  'seriesCompare.salaMetric': '{measure} (question {position})',
};
