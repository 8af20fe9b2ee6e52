/**
 * Messages about joining with a session's link or QR (its join key), kept apart from the big
 * dictionary. Spread into es-CL.ts; join.en.ts mirrors every key.
 */
export const joinEsCL = {
  'error.JOIN_NEEDS_LINK': 'En este momento no se puede entrar escribiendo el código. Escanea el código QR o abre el enlace de la sesión.',
  'join.needsLinkTitle': 'Entra con el código QR o con el enlace',
  'join.needsLinkBody':
    'En este momento no podemos recibir códigos escritos. Escanea el código QR que aparece en la pantalla, o abre el enlace que comparte quien facilita: así entras de inmediato.',
};
