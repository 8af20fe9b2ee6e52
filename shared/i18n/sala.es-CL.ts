/**
 * Messages of the sala's tools during the conversation: the secretary's notebook, the
 * moderator's turns and the call to the facilitator. Spread into es-CL.ts; sala.en.ts mirrors
 * every key.
 */
export const salaEsCL = {
  'error.ROLE_REQUIRED': 'Esto lo hace el moderador(a) o el secretario(a) de la sala.',
} as const;
