/** A ranking question's entry in the session report: items best first, with mean place and share put first. */
import type { RankingQuestionReport } from '../../shared/report.ts';
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
