/**
 * Messages about agencies (servicios): picking one's own at join and on the phone, salas that mix
 * them. Spread into es-CL.ts; agency.en.ts mirrors every key.
 */
export const agencyEsCL = {
  'agency.label': '¿De qué servicio vienes?',
  'agency.preferNot': 'Prefiero no decirlo',
  'agency.current': 'Servicio: {name}',
  'agency.notSaid': 'Servicio: sin indicar',
  'agency.changeHint': 'Solo se usa para contar la participación por servicio; nunca se muestra junto a tus respuestas.',
  'agency.saved': 'Guardado',
  'agency.enter': 'Entrar',
  'console.breakout.mode.mixAgencies': 'Mezclar servicios',
  'console.breakout.formHintMix':
    'Se reparte a quienes están conectados, con la menor cantidad posible de personas de un mismo servicio por sala; quienes lleguen después entran donde haya menos personas de su servicio.',
};
