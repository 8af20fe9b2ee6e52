/**
 * Messages of the home page's creation card: signing in first when accounts exist, and the
 * console link an account-less facilitator must keep. Spread into es-CL.ts; home.en.ts mirrors it.
 */
export const homeEsCL = {
  'home.signInLead': 'Esta instalación tiene cuentas: para crear una sesión, ingresa primero con la tuya.',
  'home.signInSubmit': 'Ingresar para crear una sesión',
  'home.keepTitle': 'Guarda el enlace de la consola',
  'home.keepLead':
    'La sesión «{title}» está creada. Este enlace es la única llave de su consola: quien lo tenga puede conducirla, y no se puede recuperar. Guárdalo (en tus favoritos o en un correo para ti) y no lo compartas.',
  'home.keepCopy': 'Copiar el enlace de la consola',
  'home.keepOpen': 'Ir a la consola',
};
