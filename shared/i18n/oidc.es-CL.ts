/**
 * Sign-in with the agency's identity provider (OpenID Connect): the sign-in page's button and
 * refusals, the administrators' allow-list, and how the audit trail names them. Spread into
 * es-CL.ts; oidc.en.ts mirrors every key.
 */
export const oidcEsCL = {
  'oidc.signIn': 'Ingresar con {name}',
  'oidc.or': 'o con tu correo y contraseña',
  'oidc.refused.attempt-unknown': 'Ese intento de ingreso no es válido o ya se usó. Vuelve a intentarlo desde aquí.',
  'oidc.refused.attempt-expired': 'El intento de ingreso tardó demasiado y expiró. Vuelve a intentarlo.',
  'oidc.refused.provider-refused':
    'No se pudo confirmar tu ingreso con la cuenta institucional. Vuelve a intentarlo; si se repite, avisa a quien administra Plenario.',
  'oidc.refused.no-email': 'Tu cuenta institucional no entregó un correo verificado, así que no podemos saber quién eres.',
  'oidc.refused.not-allowed':
    'Tu correo no está autorizado para facilitar en Plenario. Pide a quien administra Plenario que lo agregue a la lista de ingreso.',
  'oidc.allowList.title': 'Quiénes pueden ingresar con {name}',
  'oidc.allowList.lead':
    'La primera vez que alguien con un correo o dominio de esta lista ingresa con {name}, se crea su cuenta de facilitador(a). Quitar una entrada no elimina las cuentas ya creadas.',
  'oidc.allowList.entry': 'Correo o dominio',
  'oidc.allowList.entryHint': 'Un correo (ana@servicio.cl) o un dominio completo (servicio.cl).',
  'oidc.allowList.add': 'Agregar',
  'oidc.allowList.adding': 'Agregando…',
  'oidc.allowList.invalid': 'Escribe un correo (ana@servicio.cl) o un dominio (servicio.cl).',
  'oidc.allowList.empty': 'La lista está vacía: nadie puede crear su cuenta ingresando con {name}.',
  'oidc.allowList.domain': 'Todo el dominio {domain}',
  'oidc.allowList.remove': 'Quitar',
  'oidc.allowList.removeLabel': 'Quitar {entry} de la lista',
  'oidc.allowList.listLabel': 'Correos y dominios autorizados',
  'audit.action.sign-in-allowlist.added': 'Agregado a la lista de ingreso',
  'audit.action.sign-in-allowlist.removed': 'Quitado de la lista de ingreso',
  'oidc.audit.allowList': 'Lista de ingreso con cuenta institucional',
  'oidc.audit.viaProvider': 'Con cuenta institucional',
  'oidc.audit.refused': 'Con cuenta institucional: {reason}',
  'oidc.audit.reason.attempt-unknown': 'intento desconocido o repetido',
  'oidc.audit.reason.attempt-expired': 'intento expirado',
  'oidc.audit.reason.provider-refused': 'respuesta no confirmada',
  'oidc.audit.reason.no-email': 'sin correo verificado',
  'oidc.audit.reason.not-allowed': 'correo no autorizado',
} as const;
