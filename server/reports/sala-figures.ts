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

type Values = Array<Array<number | null>>;

const rankingValues = (question: RankingQuestionReport, own: NonNullable<SalaRanking['items']>): Values =>
  question.items.map((item) => {
    const figure = own.find((i) => i.id === item.id);
    return [figure?.meanPosition ?? null, figure?.firstShare ?? 0];
  });

const pointsValues = (question: PointsQuestionReport, own: NonNullable<SalaPoints['items']>): Values =>
  question.items.map((item) => [own.find((i) => i.id === item.id)?.meanPoints ?? null]);

/** The room (the question's own items), then each sala's figure on the question, null where suppressed. */
function groupsOf<F extends SalaRanking | SalaPoints>(
  breakout: BreakoutReport,
  question: RankingQuestionReport | PointsQuestionReport,
  figuresOf: (sala: BreakoutReport['salas'][number]) => F[],
  values: (own: NonNullable<F['items']>) => Values,
): SalaFigureGroup[] {
  const room = { sala: null, respondents: question.n, values: values(question.items as NonNullable<F['items']>) };
  const salas = breakout.salas.map((sala) => {
    const figure = figuresOf(sala).find((f) => f.activityId === question.activityId);
    if (!figure || figure.suppressed || figure.items === null) return { sala: sala.name, respondents: null, values: null };
    return { sala: sala.name, respondents: figure.respondents, values: values(figure.items as NonNullable<F['items']>) };
  });
  return [room, ...salas];
}

export function salaFigureTables(report: SessionReport, t: Translate): SalaFigureTable[] {
  return report.breakouts.flatMap((breakout) => {
    const ids = new Set(breakout.salas.flatMap((sala) => [...sala.rankings, ...sala.points].map((f) => f.activityId)));
    return report.questions.flatMap((question): SalaFigureTable[] => {
      if (!ids.has(question.activityId)) return [];
      if (question.kind === 'ranking') {
        const columns = [
          { header: t('ranking.meanPosition'), kind: 'mean' as const },
          { header: t('ranking.firstShare'), kind: 'share' as const },
        ];
        const groups = groupsOf(
          breakout,
          question,
          (sala) => sala.rankings,
          (own) => rankingValues(question, own),
        );
        return [{ breakout, question, columns, groups }];
      }
      if (question.kind === 'points') {
        const columns = [{ header: t('points.meanPoints'), kind: 'mean' as const }];
        const groups = groupsOf(
          breakout,
          question,
          (sala) => sala.points,
          (own) => pointsValues(question, own),
        );
        return [{ breakout, question, columns, groups }];
      }
      return [];
    });
  });
}
