/**
 * A ranking question's figures as one table the CSV, XLSX and PDF renderers all draw from:
 * per item (best first), its mean position, the share that put it first and the count per place.
 */
import type { MessageKey, MessageParams } from '../../shared/i18n/index.ts';
import type { RankingQuestionReport } from '../../shared/report.ts';
import type { FigureTable } from './figure-table.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

export function rankingFigures(question: RankingQuestionReport, t: Translate): FigureTable {
  return {
    columns: [
      { header: t('ranking.meanPosition'), kind: 'mean' },
      { header: t('ranking.firstShare'), kind: 'share' },
      ...Array.from({ length: question.places }, (_, index) => ({
        header: t('ranking.placeCount', { n: index + 1 }),
        kind: 'int' as const,
      })),
    ],
    rows: question.items.map((item) => ({ label: item.label, values: [item.meanPosition, item.firstShare, ...item.positions] })),
  };
}
