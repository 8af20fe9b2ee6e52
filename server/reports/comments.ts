import type { SessionReport } from '../../shared/report.ts';

/** An activity of the report that the facilitator commented on. */
export interface CommentedEntry {
  position: number;
  title: string;
  comments: string;
}

/** The questions, breakouts and syntheses with the facilitator's comments, in agenda order (the CSV rows and XLSX sheet). */
export function commentedEntries(report: SessionReport): CommentedEntry[] {
  return [...report.questions, ...report.breakouts, ...report.syntheses]
    .flatMap((entry) =>
      entry.facilitatorComments === null ? [] : [{ position: entry.position, title: entry.title, comments: entry.facilitatorComments }],
    )
    .sort((a, b) => a.position - b.position);
}
