/** A points question's entry in the session report: items with most points first, mean and spread. */
import type { PointsQuestionReport } from '../../shared/report.ts';
import type { ActivityResults, PointsActivity } from '../../shared/types.ts';

type Base = Omit<PointsQuestionReport, 'kind' | 'respondents' | 'n' | 'budget' | 'allowUnder' | 'items'>;

export function pointsReport(base: Base, activity: PointsActivity, results: ActivityResults | undefined): PointsQuestionReport {
  const counted = results?.kind === 'points' ? results : null;
  const respondents = counted?.respondents ?? 0;
  const items = activity.items.map((item) => {
    const figures = counted?.items[item.id];
    return {
      id: item.id,
      label: item.label,
      meanPoints: figures?.mean ?? null,
      distribution: figures ? [...figures.distribution] : [respondents, 0, 0, 0, 0],
    };
  });
  // A stable sort keeps agenda order among ties (and when nobody answered).
  const ordered = items.toSorted((a, b) => (b.meanPoints ?? -1) - (a.meanPoints ?? -1));
  return {
    ...base,
    kind: 'points',
    respondents,
    n: respondents,
    budget: activity.budget,
    allowUnder: activity.allowUnder === true,
    items: ordered,
  };
}
