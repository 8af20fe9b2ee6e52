/** A Q&A activity's entry in a session report: shown questions with their votes; hidden and pending ones only counted. */
import type { QaQuestionReport } from '../../shared/report.ts';
import type { QaActivity } from '../../shared/types.ts';
import type { QaFigures } from './qa.ts';

export function qaReport(activity: QaActivity, position: number, figures: QaFigures | undefined): QaQuestionReport {
  return {
    activityId: activity.id,
    position,
    section: activity.section ?? null,
    premise: null,
    title: activity.title,
    body: activity.body ?? null,
    facilitatorComments: null,
    kind: 'qa',
    respondents: figures?.askers ?? 0,
    moderated: activity.moderated,
    questions: figures?.questions ?? [],
    hiddenCount: figures?.hiddenCount ?? 0,
    pendingCount: figures?.pendingCount ?? 0,
  };
}
