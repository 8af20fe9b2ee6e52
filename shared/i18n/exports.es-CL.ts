/**
 * Messages of the spreadsheet exports' layout (CSV columns, timings, page footers) and the
 * download screen's note on them. Spread into es-CL.ts; exports.en.ts mirrors every key.
 */
export const exportsEsCL = {
  'exports.column.sessionId': 'ID de la sesión',
  'exports.column.sessionCode': 'Código de la sesión',
  'exports.column.figure': 'Cifra',
  'exports.column.text': 'Texto',
  'exports.column.kind': 'Tipo de actividad',
  'exports.column.moment': 'Momento',
  'exports.column.dateTime': 'Fecha y hora',
  'exports.column.seconds': 'Duración (s)',
  'exports.createdAt': 'Creada el',
  'exports.closedAt': 'Cerrada el',
  'exports.generatedAt': 'Informe generado el',
  'exports.timings': 'Tiempos',
  'exports.timing.firstShownAt': 'Mostrada por primera vez',
  'exports.timing.answeringOpenedAt': 'Respuestas abiertas',
  'exports.timing.answeringClosedAt': 'Respuestas cerradas',
  'exports.timing.phase': 'Comienza: {phase}',
  'exports.timing.discussionSeconds': 'Duración prevista de la conversación',
  'exports.timing.returnSeconds': 'Duración prevista del regreso',
  'exports.kind.content': 'Contenido',
  'exports.kind.choice': 'Selección',
  'exports.kind.rating': 'Escala',
  'exports.kind.open': 'Respuesta abierta',
  'exports.kind.breakout': 'Salas',
  'exports.kind.synthesis': 'Síntesis',
  'exports.phase.pending': 'sin comenzar',
  'exports.phase.intro': 'presentaciones y roles',
  'exports.phase.discussion': 'conversación',
  'exports.phase.return': 'regreso a la sala principal',
  'exports.phase.writing': 'escritura de las síntesis',
  'exports.phase.closed': 'cierre',
  'exports.footer': '{title} · código {code} · Página {page} de {pages}',
  'exports.download.note':
    'La planilla Excel (XLSX) conserva cada texto exactamente como se escribió. Si abres el CSV, importa la columna «Texto» como texto: así ninguna respuesta se convierte en fecha o número.',
} as const;
