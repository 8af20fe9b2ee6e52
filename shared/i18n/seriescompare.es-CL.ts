/**
 * Ranking and points in the reports beyond the question itself: the series comparison and each
 * sala's own figures. Spread into es-CL.ts; seriescompare.en.ts mirrors every key.
 */
export const seriescompareEsCL = {
  'seriesCompare.section': 'Prioridades y puntos por sesión',
  'seriesCompare.lead':
    'Actividades de orden de prioridad y de reparto de puntos que dos o más sesiones hicieron con los mismos ítems (y los mismos puntos a repartir).',
  'seriesCompare.activity': 'Actividad',
  'seriesCompare.kind': 'Tipo',
  'seriesCompare.rankingCell': '{mean} · {share} primero',
  'seriesCompare.salaFigures': 'Prioridades y puntos por sala',
  'seriesCompare.salaTitle': 'Cada sala y todo el grupo: {title}',
  'seriesCompare.room': 'Todo el grupo',
  'seriesCompare.group': 'Grupo',
  'seriesCompare.questionPosition': 'Pregunta N.º',
  'seriesCompare.question': 'Pregunta',
  'seriesCompare.salaMetric': '{measure} (pregunta {position})',
} as const;
