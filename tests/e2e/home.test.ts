import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateSummary } from '../../shared/types.ts';
import { startServer, type TestServer } from '../integration/support/server.ts';
import { PHONE, desktopContext, launchBrowser, phoneContext } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let server: TestServer;
let browser: Browser;
let templates: TemplateSummary[];

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  templates = (await (await fetch(`${server.url}/api/templates`)).json()) as TemplateSummary[];
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function home(viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = viewport === PHONE ? await phoneContext(browser) : await desktopContext(browser, viewport);
  await watchPolicyViolations(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  return page;
}

const titleOf = (id: string) => templates.find((item) => item.id === id)!.title;

describe('the home page', () => {
  it("fills the title from the chosen template until the facilitator writes one's own", async () => {
    expect(templates.length).toBeGreaterThan(1);
    const page = await home();
    const title = page.getByTestId('create-title');
    const template = page.getByTestId('create-template');
    await expect.poll(() => title.inputValue()).toBe(titleOf(await template.inputValue()));
    const other = templates.find((item) => item.id !== 'bienestar-sesion-2')!;
    await template.selectOption(other.id);
    expect(await title.inputValue()).toBe(other.title);
    await template.selectOption('');
    expect(await title.inputValue()).toBe('');
    await title.fill('Mi taller de marzo');
    await template.selectOption(other.id);
    expect(await title.inputValue()).toBe('Mi taller de marzo');
    await page.context().close();
  });

  it('tells an account-less facilitator to keep the console link before going on', async () => {
    for (const viewport of [{ width: 1440, height: 900 }, PHONE]) {
      const page = await home(viewport);
      await expect.poll(() => page.getByTestId('create-title').inputValue()).not.toBe('');
      await page.getByTestId('create-title').fill('Bienestar psicológico — Sesión 2');
      await page.getByTestId('create-submit').click();
      const link = page.getByTestId('created-console-link');
      await link.waitFor();
      expect(await link.textContent()).toMatch(/\/facilitate\/[^/#]+#token=\S{20,}$/);
      const card = page.locator('section', { has: link });
      expect(await card.textContent()).toContain(
        'La sesión «Bienestar psicológico — Sesión 2» está creada. Este enlace es la única llave de su consola',
      );
      // The change is announced by moving focus to its heading.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Guarda el enlace de la consola');
      expect(new URL(page.url()).pathname).toBe('/');
      await expectCleanPage(page, `home, keep the console link ${viewport.width}`);
      await page.screenshot({ path: `${shotsDir}home-keep-link-${viewport.width}.png`, fullPage: true });
      await page.getByTestId('created-open-console').click();
      await page.waitForURL(/\/facilitate\/[^/#]+#token=/);
      await page.context().close();
    }
  });

  it('asks to sign in before offering creation once accounts exist', async () => {
    await server.app.accounts.createAccount({
      email: 'ana@serviciocivil.cl',
      name: 'Ana Pérez',
      password: 'contraseña-de-ana',
      role: 'admin',
    });
    const page = await home();
    await page.getByTestId('create-sign-in-first').waitFor();
    expect(await page.getByTestId('create-title').count()).toBe(0);
    await expectCleanPage(page, 'home, sign in first');
    await page.screenshot({ path: `${shotsDir}home-sign-in-first.png`, fullPage: true });
    await page.getByTestId('create-sign-in-first').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/signin');
    await page.context().close();
  });
});
