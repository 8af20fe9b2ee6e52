import type { salaEsCL } from './sala.es-CL.ts';

/** The sala tools' messages in English: every key of sala.es-CL.ts (checked at compile time). */
export const salaEn: Record<keyof typeof salaEsCL, string> = {
  'error.ROLE_REQUIRED': 'Only the room’s moderator or secretary can do this.',
};
