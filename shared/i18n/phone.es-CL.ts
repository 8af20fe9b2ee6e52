/**
 * Messages of the participant's phone added with issue 15 (answer state, join notice, closed
 * session). Spread into es-CL.ts; phone.en.ts mirrors every key.
 */
export const phoneEsCL = {
  'phone.notSent': 'Aún no enviada.',
  'phone.changedNotSent': 'Tu cambio aún no se envía.',
  'phone.rateClear': 'Toca de nuevo un número para quitarlo.',
  'phone.noticeMore': 'Más sobre tus datos',
  'phone.closedRead': 'Así quedó al terminar la sesión; ya no se puede cambiar.',
  'phone.closedSynthesis': 'La síntesis de tu sala',
  'phone.oneMinuteLeft': 'Queda 1 minuto.',
  'phone.minutesLeft': 'Quedan {n} minutos.',
  'phone.sessionLocale': 'Idioma de los teléfonos y la proyección',
  'phone.sessionLocaleHint': 'Quien prefiera otro idioma puede cambiarlo en su propio teléfono.',
} as const;
