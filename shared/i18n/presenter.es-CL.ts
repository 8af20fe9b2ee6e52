/**
 * Messages of the presenter screen's stage (questions while voting, content slides, the
 * pillars diagram) and of the agenda editor's slide layout. Spread into es-CL.ts;
 * presenter.en.ts mirrors every key.
 */
export const presenterEsCL = {
  'stage.openPrompt': 'Escribe tu respuesta en tu teléfono',
  'stage.openJoin': 'Entra en {host} con el código',
  'stage.answeringClosed': 'Votación cerrada',
  'stage.respondentsMeter': '{n} de {m} participantes han respondido',
  'stage.overviewLive': 'Lo que marcan las salas aparece aquí en vivo, a medida que guardan.',
  'stage.pillars': 'Pilares',
  'stage.base': 'Base sobre la que se sostienen',
  'agenda.layout.legend': 'Cómo se dibuja en la pantalla',
  'agenda.layout.list': 'Lista de puntos',
  'agenda.layout.pillars': 'Pilares sobre una base',
  'agenda.layout.pillarsHint': 'Los puntos son los pilares; los sub-puntos, la base sobre la que se sostienen (de arriba abajo).',
} as const;
