import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../../shared/types.ts';
import { createSession, startServer, tempDataDir, type TestServer } from '../integration/support/server.ts';
import { PHONE, SMALL_PHONE, desktopContext, launchBrowser, phoneContext } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 24"><rect width="60" height="24" rx="4" fill="#e4002b"/></svg>';

let server: TestServer;
let browser: Browser;
let session: CreatedSession;

beforeAll(async () => {
  const dataDir = tempDataDir();
  const logo = join(dataDir, 'logo.svg');
  writeFileSync(logo, LOGO);
  server = await startServer({
    dataDir,
    env: { CLIENT_DIR: clientDir, THEME_NAME: 'Servicio Civil', THEME_PRIMARY: '#1b365d', THEME_ACCENT: '#e4002b', THEME_LOGO: logo },
  });
  session = await createSession(server.url, { title: 'Bienestar psicológico — Sesión 2', template: 'bienestar-sesion-2' });
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);

async function watched(context: Promise<BrowserContext>): Promise<Page> {
  const made = await context;
  await watchPolicyViolations(made);
  return made.newPage();
}

/** What the page's brand shows, and the colours the theme's stylesheet gave app.css's tokens. */
async function look(page: Page) {
  const brand = page.locator('.brand').first();
  await brand.waitFor();
  return {
    name: (await brand.textContent())?.trim(),
    logo: await brand.locator('img').getAttribute('src'),
    title: await page.title(),
    tokens: await page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return { primary: style.getPropertyValue('--color-primary').trim(), accent: style.getPropertyValue('--color-accent').trim() };
    }),
  };
}

describe("a deployment's look in the browser", () => {
  it('brands the home page with its name, logo and colours, under the CSP and without axe violations', async () => {
    const page = await watched(desktopContext(browser, { width: 1440, height: 900 }));
    await page.goto(`${server.url}/`);
    const seen = await look(page);
    expect(seen).toMatchObject({ name: 'Servicio Civil', title: 'Servicio Civil', tokens: { primary: '#1b365d', accent: '#e4002b' } });
    expect(seen.logo).toMatch(/^\/theme\/logo-[0-9a-f]{10}\.svg$/);
    expect(await page.locator('.brand img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // The main card's band is the accent; the brand's name the primary's darker shade (#1b365d × 0.75).
    expect(
      await page
        .locator('.card-accent')
        .first()
        .evaluate((el) => getComputedStyle(el).borderTopColor),
    ).toBe('rgb(228, 0, 43)');
    expect(
      await page
        .locator('.brand')
        .first()
        .evaluate((el) => getComputedStyle(el).color),
    ).toBe('rgb(20, 41, 70)');
    await expectCleanPage(page, 'themed home');
    await page.screenshot({ path: `${shotsDir}theme-home-1440.png`, fullPage: true });
    await page.context().close();
  });

  it('brands the phones at 390 and 320 px wide', async () => {
    for (const viewport of [PHONE, SMALL_PHONE]) {
      const context = await phoneContext(browser);
      await watchPolicyViolations(context);
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      await page.goto(local(session.joinUrl));
      expect((await look(page)).tokens.primary).toBe('#1b365d');
      await expectCleanPage(page, `themed join notice ${viewport.width}`);
      await page.screenshot({ path: `${shotsDir}theme-phone-${viewport.width}.png` });
      await context.close();
    }
  });

  it("names the deployment on the projector's join screen and in the console", async () => {
    const projector = await watched(desktopContext(browser));
    await projector.goto(local(session.presenterUrl));
    await projector.getByTestId('presenter-code').first().waitFor();
    expect(await look(projector)).toMatchObject({ name: 'Servicio Civil', tokens: { primary: '#1b365d' } });
    await expectCleanPage(projector, 'themed projector');
    await projector.screenshot({ path: `${shotsDir}theme-projector.png` });
    await projector.context().close();

    const console = await watched(desktopContext(browser, { width: 1440, height: 900 }));
    await console.goto(local(session.facilitatorUrl));
    await expect.poll(() => console.locator('.top-bar .app').textContent()).toMatch(/^Servicio Civil · /);
    await expectCleanPage(console, 'themed console');
    await console.screenshot({ path: `${shotsDir}theme-console.png` });
    await console.context().close();
  });
});
