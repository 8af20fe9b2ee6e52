/** A ranking question's entry in the session report: items best first, with mean place and share put first. */
import { LIMITS } from '../../shared/limits.ts';
import type { RankingQuestionReport, SalaRanking } from '../../shared/report.ts';
import { groupFigureAllowed } from './breakout.ts';
import { rankedPlaces } from '../../shared/ranking.ts';
import type { ActivityResults, RankingActivity } from '../../shared/types.ts';

type Base = Omit<RankingQuestionReport, 'kind' | 'respondents' | 'n' | 'places' | 'items'>;

export function rankingReport(base: Base, activity: RankingActivity, results: ActivityResults | undefined): RankingQuestionReport {
  const counted = results?.kind === 'ranking' ? results : null;
  const respondents = counted?.respondents ?? 0;
  const places = rankedPlaces(activity);
  const items = activity.items.map((item) => {
    const figures = counted?.items[item.id];
    const positions = figures ? [...figures.positions] : Array.from({ length: places }, () => 0);
    const first = positions[0] ?? 0;
    return {
      id: item.id,
      label: item.label,
      meanPosition: figures?.meanPosition ?? null,
      firstShare: respondents === 0 ? 0 : first / respondents,
      positions,
    };
  });
  // A stable sort keeps agenda order among ties (and when nobody answered).
  const ordered = items.toSorted((a, b) => (a.meanPosition ?? Infinity) - (b.meanPosition ?? Infinity) || 0);
  return { ...base, kind: 'ranking', respondents, n: respondents, places, items: ordered };
}

/** A sala's own figures on a ranking, or suppressed below LIMITS.smallGroupMin respondents. */
export function salaRanking(activityId: string, results: ActivityResults | null): SalaRanking {
  if (results?.kind !== 'ranking' || !groupFigureAllowed(results.respondents, LIMITS.smallGroupMin)) {
    return { activityId, suppressed: true, respondents: null, items: null };
  }
  const items = Object.entries(results.items).map(([id, item]) => ({
    id,
    meanPosition: item.meanPosition,
    firstShare: (item.positions[0] ?? 0) / results.respondents,
  }));
  return { activityId, suppressed: false, respondents: results.respondents, items };
}
