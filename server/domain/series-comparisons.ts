/**
 * The ranking and points activities a series compares: those two or more of its sessions asked
 * with the same item labels (and, for points, the same budget). Labels are matched, not ids: each
 * session's agenda is its own copy, and a facilitator who re-imports an agenda keeps the labels.
 * A session whose activity fewer than LIMITS.smallGroupMin people answered shows no figure.
 */
import { LIMITS } from '../../shared/limits.ts';
import type { PointsQuestionReport, RankingQuestionReport, SeriesComparison, SessionReport } from '../../shared/report.ts';
import { groupFigureAllowed } from './breakout.ts';

type Compared = RankingQuestionReport | PointsQuestionReport;

/** Labels match whatever their case and spacing. */
const normalised = (label: string) => label.trim().replace(/\s+/g, ' ').toLocaleLowerCase('es-CL');

/** What two questions must share to be compared. */
export function comparisonKey(question: Compared): string {
  const labels = question.items.map((item) => normalised(item.label)).toSorted();
  const budget = question.kind === 'points' ? `:${question.budget}` : '';
  return `${question.kind}${budget}\n${labels.join('\n')}`;
}

function rankingEntry(sessionId: string, question: RankingQuestionReport, labels: readonly string[]) {
  const base = { sessionId, activityId: question.activityId };
  if (!groupFigureAllowed(question.n, LIMITS.smallGroupMin)) return { ...base, suppressed: true, n: null, items: null };
  const items = labels.map((label) => {
    const item = question.items.find((i) => normalised(i.label) === normalised(label));
    return { label, meanPosition: item?.meanPosition ?? null, firstShare: item?.firstShare ?? 0 };
  });
  return { ...base, suppressed: false, n: question.n, items };
}

function pointsEntry(sessionId: string, question: PointsQuestionReport, labels: readonly string[]) {
  const base = { sessionId, activityId: question.activityId };
  if (!groupFigureAllowed(question.n, LIMITS.smallGroupMin)) return { ...base, suppressed: true, n: null, items: null };
  const items = labels.map((label) => ({
    label,
    meanPoints: question.items.find((i) => normalised(i.label) === normalised(label))?.meanPoints ?? null,
  }));
  return { ...base, suppressed: false, n: question.n, items };
}

/** The comparisons of sessions given oldest first; each session takes part with its last matching question. */
export function seriesComparisons(reports: readonly SessionReport[]): SeriesComparison[] {
  const groups = new Map<string, Array<{ sessionId: string; question: Compared }>>();
  for (const report of reports) {
    const lastByKey = new Map<string, Compared>();
    for (const question of report.questions) {
      if (question.kind === 'ranking' || question.kind === 'points') lastByKey.set(comparisonKey(question), question);
    }
    for (const [key, question] of lastByKey) {
      groups.set(key, [...(groups.get(key) ?? []), { sessionId: report.session.id, question }]);
    }
  }
  return [...groups.values()].flatMap((members): SeriesComparison[] => {
    const first = members[0];
    if (!first || members.length < 2) return [];
    const labels = first.question.items.map((item) => item.label);
    if (first.question.kind === 'ranking') {
      const sessions = members.map((m) => rankingEntry(m.sessionId, m.question as RankingQuestionReport, labels));
      return [{ kind: 'ranking', title: first.question.title, items: labels, sessions }];
    }
    const budget = first.question.budget;
    const sessions = members.map((m) => pointsEntry(m.sessionId, m.question as PointsQuestionReport, labels));
    return [{ kind: 'points', title: first.question.title, budget, items: labels, sessions }];
  });
}
