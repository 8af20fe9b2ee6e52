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

  it('speaks Spanish until the English dictionary, fetched on first use, arrives, then English', async () => {
    englishBrowser();
    const i18n = new I18n();
    i18n.setLocale('en');
    expect(i18n.locale).toBe('en');
    expect(i18n.t('notice.accept')).toBe('Entendido, entrar');
    await vi.waitFor(() => expect(i18n.t('notice.accept')).toBe('Got it, join'));
    expect(i18n.t('error.NOT_FOUND')).toBe(i18n.error('NOT_FOUND'));
    i18n.setLocale('es-CL');
    expect(i18n.t('notice.accept')).toBe('Entendido, entrar');
  });

  it('ignores a stored value that is not a language it has', () => {
    const local = new MemoryStorage();
    local.setItem(storageKeys.locale, 'fr');
    englishBrowser(local);
    expect(new I18n().locale).toBe('es-CL');
  });

  it('counts answers in the singular for one, in either language', async () => {
    englishBrowser();
    const i18n = new I18n();
    expect([0, 1, 2, 1234].map(i18n.answers)).toEqual(['0 respuestas', '1 respuesta', '2 respuestas', '1.234 respuestas']);
    i18n.setLocale('en');
    // English arrives on first use (fetched): Spanish until then.
    await vi.waitFor(() => expect([1, 2].map((n) => i18n.answers(n))).toEqual(['1 answer', '2 answers']));
  });

  it("shows a message beyond the phone's own once the whole dictionary is in (blank until then), and loads it for a screen that asks", async () => {
    englishBrowser();
    const phone = new I18n({ 'notice.accept': 'Entendido, entrar' });
    expect(phone.t('notice.accept')).toBe('Entendido, entrar');
    expect(phone.t('console.title')).toBe('');
    await vi.waitFor(() => expect(phone.t('console.title')).toBe('Panel de facilitación'));

    const laptop = new I18n({ 'notice.accept': 'Entendido, entrar' });
    await laptop.loadAllMessages();
    expect(laptop.t('audit.title')).toBe('Registro de auditoría');
  });
});
