/**
 * The Spanish messages in the page's first download (issue 20). Here, for development and type
 * checks, every message; in a build (server/cli/phone-messages.ts) only those the phone's code
 * names, about a third. A screen that needs more loads the whole dictionary first, and a message
 * still missing loads it then (client/src/lib/i18n.svelte.ts).
 */
import { esCL } from '../../../shared/i18n/es-CL.ts';
import type { Messages } from '../../../shared/i18n/messages.ts';

export const phoneMessages: Partial<Messages> = esCL;
