/**
 * The i18n layer: typed message dictionaries, checked at compile time. A missing key in a
 * locale, or a call with a key that does not exist, fails `tsc`. This module holds every
 * locale at once (the server's reports); the client goes through messages.ts instead.
 */
import { esCL } from './es-CL.ts';
import { en } from './en.ts';
import { formatMessage, type Locale, type MessageKey, type MessageParams, type Messages } from './messages.ts';

export * from './messages.ts';

const dictionaries: Record<Locale, Messages> = { 'es-CL': esCL, en };

/** The message for key in locale, with {param} placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return formatMessage(dictionaries[locale], key, params);
}
