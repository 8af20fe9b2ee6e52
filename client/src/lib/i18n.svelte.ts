/**
 * The client's i18n layer over shared/i18n: the current locale (es-CL by default, or the
 * browser's, remembered in localStorage) and `t()`, which components call in markup so that
 * switching the locale re-renders every message.
 */
import {
  DEFAULT_LOCALE,
  LOCALES,
  pickLocale,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
} from '../../../shared/i18n/index.ts';
import { ERROR_CODES, type ErrorCode } from '../../../shared/errors.ts';
import { readString, storageKeys, writeString } from './storage.ts';

/** Server error codes plus the two failures only a client sees. */
export type UiErrorCode = ErrorCode | 'TIMEOUT' | 'OFFLINE';

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function initialLocale(): Locale {
  const saved = readString('local', storageKeys.locale);
  if (isLocale(saved)) return saved;
  if (typeof navigator !== 'undefined') return pickLocale(navigator.languages ?? [navigator.language]);
  return DEFAULT_LOCALE;
}

class I18n {
  #locale = $state<Locale>(initialLocale());

  constructor() {
    this.#applyToDocument();
  }

  get locale(): Locale {
    return this.#locale;
  }

  setLocale = (locale: Locale): void => {
    this.#locale = locale;
    writeString('local', storageKeys.locale, locale);
    this.#applyToDocument();
  };

  t = (key: MessageKey, params?: MessageParams): string => translate(this.#locale, key, params);

  /** The message for an error code, in the current locale. */
  error = (code: UiErrorCode): string => this.t(`error.${code}`);

  /** Numbers as the locale writes them ("1.234" in es-CL). */
  number = (value: number, maximumFractionDigits = 0): string =>
    new Intl.NumberFormat(this.#locale, { maximumFractionDigits, minimumFractionDigits: maximumFractionDigits }).format(value);

  #applyToDocument(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.#locale === 'es-CL' ? 'es' : 'en';
  }
}

export const i18n = new I18n();
export const t = i18n.t;
