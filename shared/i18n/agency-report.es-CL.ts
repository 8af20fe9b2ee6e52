/**
 * Agencies in the reports: each agency's participation and five-axis profile, in every format and
 * in the series comparison. Spread into es-CL.ts; agency-report.en.ts mirrors every key.
 */
export const agencyReportEsCL = {
  'agencyReport.section': 'Participación por servicio',
  'agencyReport.agency': 'Servicio',
  'agencyReport.profile': 'Perfil de cada servicio en los cinco ejes',
  'agencyReport.axisMean': 'Promedio: {axis}',
  'agencyReport.axisN': 'n: {axis}',
  'agencyReport.question': 'Pregunta {position}',
  'agencyReport.notSaid': 'Quienes no indicaron su servicio no se cuentan en ninguno.',
  'agencyReport.noProfile': 'Sin perfil',
  'agencyReport.seriesProfile': 'Los servicios en cada sesión',
};
