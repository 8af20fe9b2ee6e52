/**
 * Each sala's own ranking and points figures beside the whole room's, as one model the CSV, XLSX
 * and PDF renderers draw from: per breakout and question asked before it, the room first, then
 * each sala; a sala of fewer than LIMITS.smallGroupMin respondents has no figure (values null).
 */
import type { MessageKey, MessageParams } from '../../shared/i18n/index.ts';
import type {
  BreakoutReport,
  PointsQuestionReport,
  RankingQuestionReport,
  SalaPoints,
  SalaRanking,
  SessionReport,
} from '../../shared/report.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

export interface SalaFigureGroup {
  /** The sala's name; null for the whole room. */
  sala: string | null;
  /** null: suppressed. */
  respondents: number | null;
  /** Per item of the question (in its order), one value per column; null when suppressed. */
  values: Array<Array<number | null>> | null;
}

export interface SalaFigureTable {
  breakout: BreakoutReport;
  question: RankingQuestionReport | PointsQuestionReport;
  columns: Array<{ header: string; kind: 'mean' | 'share' }>;
  groups: SalaFigureGroup[];
}

function salaValues(question: RankingQuestionReport | PointsQuestionReport, figure: SalaRanking | SalaPoints) {
  if (figure.suppressed || figure.items === null) return null;
  const items = figure.items as Array<{ id: string; meanPosition?: number | null; firstShare?: number; meanPoints?: number | null }>;
  return question.items.map((item) => {
    const own = items.find((i) => i.id === item.id);
    return question.kind === 'ranking' ? [own?.meanPosition ?? null, own?.firstShare ?? 0] : [own?.meanPoints ?? null];
  });
}

export function salaFigureTables(report: SessionReport, t: Translate): SalaFigureTable[] {
  return report.breakouts.flatMap((breakout) => {
    const ids = new Set(breakout.salas.flatMap((sala) => [...(sala.rankings ?? []), ...(sala.points ?? [])].map((f) => f.activityId)));
    const questions = report.questions.filter(
      (q): q is RankingQuestionReport | PointsQuestionReport => (q.kind === 'ranking' || q.kind === 'points') && ids.has(q.activityId),
    );
    return questions.map((question): SalaFigureTable => {
      const ranking = question.kind === 'ranking';
      const room: SalaFigureGroup = {
        sala: null,
        respondents: question.n,
        values: question.items.map((item) =>
          'meanPosition' in item ? [item.meanPosition, item.firstShare] : [(item as { meanPoints: number | null }).meanPoints],
        ),
      };
      const salas = breakout.salas.map((sala): SalaFigureGroup => {
        const figures: Array<SalaRanking | SalaPoints> = ranking ? sala.rankings : sala.points;
        const figure = figures.find((f) => f.activityId === question.activityId);
        const values = figure ? salaValues(question, figure) : null;
        return { sala: sala.name, respondents: values === null ? null : (figure?.respondents ?? null), values };
      });
      const columns: SalaFigureTable['columns'] = ranking
        ? [
            { header: t('ranking.meanPosition'), kind: 'mean' },
            { header: t('ranking.firstShare'), kind: 'share' },
          ]
        : [{ header: t('points.meanPoints'), kind: 'mean' }];
      return { breakout, question, columns, groups: [room, ...salas] };
    });
  });
}
