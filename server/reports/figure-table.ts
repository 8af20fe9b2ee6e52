import type { MessageKey, MessageParams } from '../../shared/i18n/index.ts';
import type { QuestionReport } from '../../shared/report.ts';
import { pointsFigures } from './points-figures.ts';
import { rankingFigures } from './ranking-figures.ts';

/**
 * Figures of a question as a plain table (items by measures), for kinds whose figures are a
 * table and nothing more (ranking, points): each renderer draws it its own way.
 */
export interface FigureTable {
  /** mean: 2 decimals; share: 0–1, shown as a percentage; int: a count. */
  columns: Array<{ header: string; kind: 'mean' | 'share' | 'int' }>;
  rows: Array<{ label: string; values: Array<number | null> }>;
}

/** The table of a ranking or points question; null for the kinds each renderer draws itself. */
export function figureTable(question: QuestionReport, t: (key: MessageKey, params?: MessageParams) => string): FigureTable | null {
  if (question.kind === 'ranking') return rankingFigures(question, t);
  if (question.kind === 'points') return pointsFigures(question, t);
  return null;
}
