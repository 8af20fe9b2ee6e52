import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18n } from '../../../client/src/lib/i18n.svelte.ts';
import { storageKeys } from '../../../client/src/lib/storage.ts';
import { MemoryStorage, stubWindow } from './web-storage.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A browser whose own language is English, with this device's storage. */
function englishBrowser(local = new MemoryStorage()): MemoryStorage {
  stubWindow(local);
  vi.stubGlobal('navigator', { language: 'en-US', languages: ['en-US', 'en'] });
  return local;
}

describe('I18n', () => {
  it('speaks es-CL whatever the browser language, until the person picks English, which is remembered', () => {
    const local = englishBrowser();
    const first = new I18n();
    expect(first.locale).toBe('es-CL');
    expect(first.t('notice.accept')).toBe('Entendido, entrar');
    first.setLocale('en');
    expect(first.locale).toBe('en');
    expect(local.getItem(storageKeys.locale)).toBe('en');
    expect(new I18n().locale).toBe('en');
  });

  it("follows the session's language unless the person picked one", () => {
    englishBrowser();
    const i18n = new I18n();
    i18n.useSessionLocale('en');
    expect(i18n.locale).toBe('en');
    i18n.useSessionLocale(null);
    expect(i18n.locale).toBe('es-CL');
    i18n.setLocale('es-CL');
    i18n.useSessionLocale('en');
    expect(i18n.locale).toBe('es-CL');
  });

  it('ignores a stored value that is not a language it has', () => {
    const local = new MemoryStorage();
    local.setItem(storageKeys.locale, 'fr');
    englishBrowser(local);
    expect(new I18n().locale).toBe('es-CL');
  });
});
