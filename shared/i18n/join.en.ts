import type { joinEsCL } from './join.es-CL.ts';

/** Joining with a session's link or QR, in English: every key of join.es-CL.ts (checked at compile time). */
export const joinEn: Record<keyof typeof joinEsCL, string> = {
  'error.JOIN_NEEDS_LINK': 'Right now a session cannot be joined by typing its code. Scan the QR code or open the session link.',
  'join.needsLinkTitle': 'Join with the QR code or the link',
  'join.needsLinkBody':
    'Right now we cannot take typed codes. Scan the QR code on the screen, or open the link the facilitator shares: it gets you in straight away.',
};
