/**
 * The client's i18n layer over shared/i18n: the current locale and `t()`, which components call
 * in markup so that switching the locale re-renders every message. Spanish first: the locale is
 * the one the person picked (remembered in localStorage), else the language of the session on
 * screen, else es-CL; the browser's language plays no part.
 */
import { DEFAULT_LOCALE, LOCALES, translate, type Locale, type MessageKey, type MessageParams } from '../../../shared/i18n/index.ts';
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

function pickedLocale(): Locale | null {
  const saved = readString('local', storageKeys.locale);
  return isLocale(saved) ? saved : null;
}

export class I18n {
  /** The person's own pick, which wins everywhere. */
  #picked = $state<Locale | null>(pickedLocale());
  /** The language the session on screen set for its phones and projector. */
  #session = $state<Locale | null>(null);
  #locale = $derived(this.#picked ?? this.#session ?? DEFAULT_LOCALE);

  constructor() {
    this.#applyToDocument();
  }

  get locale(): Locale {
    return this.#locale;
  }

  /** The person picks a language: remembered on this device. */
  setLocale = (locale: Locale): void => {
    this.#picked = locale;
    writeString('local', storageKeys.locale, locale);
    this.#applyToDocument();
  };

  /** The session on screen speaks this language (null: none any more), unless the person picked one. */
  useSessionLocale = (locale: Locale | null): void => {
    this.#session = locale;
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

/**
 * While the calling component lives, the session it shows sets the language of the page
 * (unless the person picked one). Call it during component initialisation.
 */
export function followSessionLocale(locale: () => Locale | null): void {
  $effect(() => {
    i18n.useSessionLocale(locale());
    return () => i18n.useSessionLocale(null);
  });
}
