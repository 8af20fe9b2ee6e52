/**
 * The plenary deck (GET /api/sessions/:id/report.pptx) and its download: the slides' labels, in
 * the session's language. Spread into es-CL.ts; deck.en.ts mirrors every key.
 */
export const deckEsCL = {
  'workspace.report.pptx': 'Presentación PowerPoint',
  'workspace.report.pptxHint': 'Editable, para el informe de taller',
  'deck.kicker': 'Resultados del taller',
  'deck.respondents': '{count} personas respondieron',
  'deck.multiple': 'Se podía marcar más de una opción',
  'deck.peopleChoosing': 'Personas que la marcaron',
  'deck.ratingScale': 'Escala de 1 ({min}) a 5 ({max})',
  'deck.ratingScalePlain': 'Escala de 1 a 5',
  'deck.itemMean': '{label} (promedio {mean})',
  'deck.words': 'Palabras más mencionadas',
  'deck.openAnswers': '{count} respuestas abiertas',
  'deck.profile': 'Perfil de los cinco ejes',
  'deck.profileMeans': 'Promedio por eje, de 1 a 5',
  'deck.mean': 'Promedio',
  'deck.synthesisOf': '{sala} — síntesis',
  'deck.continued': '{title} (continuación)',
  'deck.support': 'Apoyo que piden al Servicio Civil',
  'deck.supportCount': 'Salas que lo marcaron',
  'deck.agencies': 'Participación por servicio',
  'deck.noResults': 'Esta sesión no tiene resultados todavía.',
  'deck.generated': 'Generado el {date}',
};
