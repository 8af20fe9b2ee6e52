/**
 * A points question's figures as one table the CSV, XLSX and PDF renderers all draw from: per
 * item (most points first), its mean points and how many gave it each share of the budget.
 */
import type { MessageKey, MessageParams } from '../../shared/i18n/index.ts';
import type { PointsQuestionReport } from '../../shared/report.ts';
import type { FigureTable } from './figure-table.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const SHARES = ['points.share0', 'points.share1', 'points.share2', 'points.share3', 'points.share4'] as const;

export function pointsFigures(question: PointsQuestionReport, t: Translate): FigureTable {
  return {
    columns: [{ header: t('points.meanPoints'), kind: 'mean' }, ...SHARES.map((key) => ({ header: t(key), kind: 'int' as const }))],
    rows: question.items.map((item) => ({ label: item.label, values: [item.meanPoints, ...item.distribution] })),
  };
}
