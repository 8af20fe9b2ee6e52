import type { agencyReportEsCL } from './agency-report.es-CL.ts';

/** Agencies in the reports, in English: every key of agency-report.es-CL.ts (checked at compile time). */
export const agencyReportEn: Record<keyof typeof agencyReportEsCL, string> = {
  'agencyReport.section': 'Participation by agency',
  'agencyReport.agency': 'Agency',
  'agencyReport.profile': 'Each agency’s five-axis profile',
  'agencyReport.axisMean': 'Mean: {axis}',
  'agencyReport.axisN': 'n: {axis}',
  'agencyReport.question': 'Question {position}',
  'agencyReport.notSaid': 'People who did not say their agency are counted in none.',
  'agencyReport.noProfile': 'No profile',
  'agencyReport.seriesProfile': 'The agencies in each session',
};
