/**
 * Messages of the report files for commitments, the support register and experience cards
 * (CSV, XLSX, PDF, PPTX). Spread into es-CL.ts; reportsall.en.ts mirrors every key.
 */
export const reportsallEsCL = {
  'reportsall.commitments': 'Compromisos',
  'reportsall.commitments.lead': 'Solo se cuentan: nadie ve qué escribió cada persona ni quién respondió qué.',
  'reportsall.commitment.written': 'Compromisos escritos',
  'reportsall.commitment.answered': 'Respuestas al retomar',
  'reportsall.register.agencies': 'Servicios de la sala',
  'reportsall.register.note': 'Lo que hicimos (nota pública)',
  'reportsall.register.noNote': 'Sin nota aún',
  'reportsall.register.updatedAt': 'Actualizado el',
  'reportsall.register.lead': 'Lo que cada sala pidió al Servicio Civil en su síntesis, su estado y lo que se hizo.',
  'reportsall.experience.contact': 'Contacto: {unit} · {email}',
  'reportsall.experience.reach': '{count} {unit}',
  'reportsall.deck.experience': 'Experiencia',
  'reportsall.deck.axes': 'Ejes: {axes}',
  'reportsall.deck.approach': 'Tipo: {approach}',
  'reportsall.deck.reach': 'Alcance: {count} {unit}',
  'reportsall.deck.since': 'Desde: {since}',
  'reportsall.deck.lesson': 'Aprendizaje',
  'reportsall.deck.register': 'Lo que pidieron las salas y su seguimiento',
} as const;
