/** A points question's entry in the session report: items with most points first, mean and spread. */
import { LIMITS } from '../../shared/limits.ts';
import type { PointsQuestionReport, SalaPoints } from '../../shared/report.ts';
import { groupFigureAllowed } from './breakout.ts';
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

/** A sala's own figures on a points split, or suppressed below LIMITS.smallGroupMin respondents. */
export function salaPoints(activityId: string, results: ActivityResults | null): SalaPoints {
  if (results?.kind !== 'points' || !groupFigureAllowed(results.respondents, LIMITS.smallGroupMin)) {
    return { activityId, suppressed: true, respondents: null, items: null };
  }
  const items = Object.entries(results.items).map(([id, item]) => ({ id, meanPoints: item.mean }));
  return { activityId, suppressed: false, respondents: results.respondents, items };
}
