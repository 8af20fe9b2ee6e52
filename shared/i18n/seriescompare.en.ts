import type { seriescompareEsCL } from './seriescompare.es-CL.ts';

/** English twin of seriescompare.es-CL.ts: the same keys. */
export const seriescompareEn: Record<keyof typeof seriescompareEsCL, string> = {
  'seriesCompare.section': 'Rankings and points by session',
  'seriesCompare.lead': 'Ranking and points activities that two or more sessions ran with the same items (and the same points to split).',
  'seriesCompare.activity': 'Activity',
  'seriesCompare.kind': 'Kind',
  'seriesCompare.rankingCell': '{mean} · {share} first',
  'seriesCompare.salaFigures': 'Each sala’s figures',
};
