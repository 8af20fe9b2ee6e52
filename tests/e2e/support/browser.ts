import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { ensureChromium } from './chromium.ts';

/** Headless Debian Chromium, with the flags our closed network needs (no background calls home). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const PROJECTOR = { width: 1920, height: 1080 };
export const PHONE = { width: 390, height: 844 };
/** The narrowest phone Plenario is made for. */
export const SMALL_PHONE = { width: 320, height: 568 };

/**
 * A phone-sized, touch context, as participants use Plenario (a browser language and size of the
 * test's choosing). `serviceWorkers: 'block'` for a test that holds back the page's own requests
 * (page.route does not see what a service worker fetches).
 */
export function phoneContext(
  browser: Browser,
  options: { locale?: string; viewport?: typeof PHONE; serviceWorkers?: 'allow' | 'block' } = {},
): Promise<BrowserContext> {
  const { locale = 'es-CL', viewport = PHONE, serviceWorkers = 'allow' } = options;
  return browser.newContext({ viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale, serviceWorkers });
}

export function desktopContext(browser: Browser, viewport = PROJECTOR): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'es-CL' });
}
