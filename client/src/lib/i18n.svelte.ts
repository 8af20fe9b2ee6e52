/**
 * The client's i18n layer over shared/i18n: the current locale and `t()`, which components call
 * in markup so that switching the locale re-renders every message. Spanish first: the locale is
 * the one the person picked (remembered in localStorage), else the language of the session on
 * screen, else es-CL; the browser's language plays no part.
 *
 * Only es-CL is in the page's first bundle, and only the messages a phone shows
 * (phone-messages.ts): the other screens load the whole dictionary first (`loadAllMessages`), and
 * a message still missing loads it then (blank for that moment). English is fetched the first time
 * it is wanted, and until it arrives (a moment, or never when offline) messages stay in Spanish.
 * `t()` stays synchronous, and components re-render when a dictionary lands.
 */
import {
  DEFAULT_LOCALE,
  LOCALES,
  formatMessage,
  type Locale,
  type MessageKey,
  type MessageParams,
  type Messages,
} from '../../../shared/i18n/messages.ts';
import { phoneMessages } from './phone-messages.ts';
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
  /** The dictionaries loaded so far, Spanish's in part at first (raw: replaced whole, never edited in place). */
  #dictionaries: Partial<Record<Locale, Partial<Messages>>> & { 'es-CL': Partial<Messages> } = $state.raw({ 'es-CL': phoneMessages });
  #messages = $derived(this.#dictionaries[this.#locale] ?? this.#dictionaries['es-CL']);
  #loadingSpanish: Promise<void> | null = null;

  /** spanish: the Spanish messages at hand before any is fetched (by default the page's own). */
  constructor(spanish?: Partial<Messages>) {
    if (spanish) this.#dictionaries = { 'es-CL': spanish };
    this.#applyLocale();
  }

  get locale(): Locale {
    return this.#locale;
  }

  /** The person picks a language: remembered on this device. */
  setLocale = (locale: Locale): void => {
    this.#picked = locale;
    writeString('local', storageKeys.locale, locale);
    this.#applyLocale();
  };

  /** The session on screen speaks this language (null: none any more), unless the person picked one. */
  useSessionLocale = (locale: Locale | null): void => {
    this.#session = locale;
    this.#applyLocale();
  };

  t = (key: MessageKey, params?: MessageParams): string => {
    const messages = this.#messages;
    if (key in messages) return formatMessage(messages as Messages, key, params);
    // Not among the phone's messages: blank until the whole dictionary is in.
    void this.loadAllMessages();
    return '';
  };

  /** The whole Spanish dictionary, for the screens beyond the phone's; settles once it is in or could not load. */
  loadAllMessages = (): Promise<void> => {
    this.#loadingSpanish ??= import('../../../shared/i18n/es-CL.ts').then(
      ({ esCL }) => {
        this.#dictionaries = { ...this.#dictionaries, 'es-CL': esCL };
      },
      () => {
        // No network: tried again on the next call.
        this.#loadingSpanish = null;
      },
    );
    return this.#loadingSpanish;
  };

  /** The message for an error code, in the current locale. */
  error = (code: UiErrorCode): string => this.t(`error.${code}`);

  /** Numbers as the locale writes them ("1.234" in es-CL). */
  number = (value: number, maximumFractionDigits = 0): string =>
    new Intl.NumberFormat(this.#locale, { maximumFractionDigits, minimumFractionDigits: maximumFractionDigits }).format(value);

  /** "1 respuesta", "3 respuestas": the count of answers, in the singular for one. */
  answers = (n: number): string => (n === 1 ? this.t('counts.answers.one') : this.t('console.respondents', { n: this.number(n) }));

  /** Sets the page's language and fetches the locale's dictionary when it is not here yet. */
  #applyLocale(): void {
    if (this.#locale === 'en' && !this.#dictionaries.en) void this.#loadEnglish();
    if (typeof document !== 'undefined') document.documentElement.lang = this.#locale === 'es-CL' ? 'es' : 'en';
  }

  async #loadEnglish(): Promise<void> {
    try {
      const { en } = await import('../../../shared/i18n/en.ts');
      this.#dictionaries = { ...this.#dictionaries, en };
    } catch {
      // Offline before English was ever fetched: Spanish, the default, is still shown.
    }
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
