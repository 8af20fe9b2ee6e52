/**
 * What every side of the i18n layer shares without carrying a dictionary: the locales, the key
 * and dictionary types, placeholders. The client imports this and loads only the dictionaries it
 * shows (issue 20: a phone downloads es-CL alone unless English is asked for).
 */
import type { esCL } from './es-CL.ts';

export type MessageKey = keyof typeof esCL;
/** Every locale has every key; params are written {name} in the text. */
export type Messages = Record<MessageKey, string>;

export const LOCALES = ['es-CL', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'es-CL';

export type MessageParams = Record<string, string | number>;

/** The message for key in a dictionary, with {param} placeholders filled in. */
export function formatMessage(messages: Messages, key: MessageKey, params?: MessageParams): string {
  const text = messages[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Groups a six-digit join code for reading aloud and on screen: "482913" → "482 913". */
export function formatJoinCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
