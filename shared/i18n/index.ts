/**
 * The i18n layer: typed message dictionaries, checked at compile time. A missing key in a
 * locale, or a call with a key that does not exist, fails `tsc`.
 */
import { esCL } from './es-CL.ts';
import { en } from './en.ts';

export type MessageKey = keyof typeof esCL;
/** Every locale has every key; params are written {name} in the text. */
export type Messages = Record<MessageKey, string>;

export const LOCALES = ['es-CL', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'es-CL';

const dictionaries: Record<Locale, Messages> = { 'es-CL': esCL, en };

export type MessageParams = Record<string, string | number>;

/** The message for key in locale, with {param} placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = dictionaries[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Groups a six-digit join code for reading aloud and on screen: "482913" → "482 913". */
export function formatJoinCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
