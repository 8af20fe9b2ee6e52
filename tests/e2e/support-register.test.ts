import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportEntry } from '../../shared/support-register.ts';
import type { CreatedSession } from '../../shared/types.ts';
import { playedSynthesis } from '../integration/support/played-synthesis.ts';
import { connectFacilitator, ok, request, startServer, type ClientSocket, type TestServer } from '../integration/support/server.ts';
import { desktopContext, launchBrowser, PROJECTOR } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

/**
 * The support register in the browser (issue 16 item 4): a facilitator follows up what a sala
 * asked, by keyboard, at 1440×900, in both languages; the next session of the series opens its
 * "Retomando" with the slide made from it, legible on a 1920×1080 projector.
 */

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const CONSOLE = { width: 1440, height: 900 };
const ANA = { email: 'ana@serviciocivil.cl', name: 'Ana Pérez', password: 'contraseña-de-ana', role: 'facilitator' as const };
const AGENCIES = ['Instituto de Previsión Social', 'Servicio de Impuestos Internos'];
const ASKED = 'Talleres de contención emocional para jefaturas y una guía para acompañar equipos en crisis';
const DONE = 'Curso de contención emocional para 40 jefaturas, dictado en marzo';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  await server.app.accounts.createAccount(ANA);
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

async function signedIn(): Promise<Page> {
  const context = await desktopContext(browser, CONSOLE);
  contexts.push(context);
  await watchPolicyViolations(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  await page.getByTestId('signin-email').fill(ANA.email);
  await page.getByTestId('signin-password').fill(ANA.password);
  await page.getByTestId('signin-submit').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/sessions');
  return page;
}

/** Presses Tab until `target` has the focus (a keyboard user's way there). */
async function tabTo(page: Page, target: Locator, most = 60): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('never reached by Tab');
}

const fits = (locator: Locator) =>
  locator.evaluate((element) => element.scrollHeight <= element.clientHeight + 1 && element.scrollWidth <= element.clientWidth + 1);

describe('the support register in the browser', () => {
  let page: Page;
  let session: CreatedSession;

  it('lists what a sala asked, grouped by kind or agency, and saves a status and note by keyboard', async () => {
    page = await signedIn();
    session = await page.evaluate(async (agencies) => {
      const series = await (
        await fetch('/api/series', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'Bienestar 2026' }),
        })
      ).json();
      const response = await fetch('/api/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Sesión 1', template: 'bienestar-sesion-2', seriesId: (series as { id: string }).id, agencies }),
      });
      return (await response.json()) as CreatedSession;
    }, AGENCIES);
    const content = { fields: { apoyo: ASKED }, support: ['formacion', 'redes'] };
    await playedSynthesis(server.url, session, [AGENCIES[0]!, AGENCIES[1]!, null, AGENCIES[0]!], content, (s) => sockets.push(s));

    const link = page.getByTestId('workspace-support');
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/support');
    await expect.poll(() => page.getByTestId('support-entry').count()).toBe(2);
    expect(await page.getByTestId('support-group').locator('h2').allInnerTexts()).toEqual(['Formación (1)', 'Generación de redes (1)']);
    expect(await page.getByTestId('support-entry').first().innerText()).toContain(ASKED);
    await expectCleanPage(page, 'support register, by kind');

    // The first entry's status and note, by keyboard only.
    const first = page.getByTestId('support-entry').first();
    await tabTo(page, first.getByTestId('support-status'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DONE);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await first.getByTestId('support-saved').waitFor();
    const stored = await server.app.services.support.list({ accountId: '', admin: true }, {});
    expect(stored[0]).toMatchObject<Partial<SupportEntry>>({ status: 'entregado', note: DONE });
    expect(stored[1]).toMatchObject<Partial<SupportEntry>>({ status: 'recibido', note: '' });
    await expectCleanPage(page, 'support register, saved');
    await page.screenshot({ path: `${shotsDir}support-register.png`, fullPage: false });

    // By agency: the sala's two agencies, each with both entries.
    await tabTo(page, page.getByTestId('support-group-by'));
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.getByTestId('support-group').locator('h2').allInnerTexts())
      .toEqual([`${AGENCIES[0]} (2)`, `${AGENCIES[1]} (2)`]);
    await expectCleanPage(page, 'support register, by agency');

    // Only what was delivered.
    await tabTo(page, page.getByTestId('support-filter-status'));
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    await tabTo(page, page.getByTestId('support-apply'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('support-entry').count()).toBe(2);
    await expect.poll(() => page.getByTestId('support-count').innerText()).toBe('1 registro(s)');

    // In English.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Support register');
    expect(await page.getByTestId('support-status').first().locator('option:checked').innerText()).toBe('Delivered');
    await expectCleanPage(page, 'support register, English');
    await page.screenshot({ path: `${shotsDir}support-register-en.png`, fullPage: false });
    await page.getByRole('button', { name: /Español/ }).click();
  });

  it('opens the next session’s Retomando with what was asked and done, legible on the projector', async () => {
    await page.goto(`${server.url}/sessions/${session.id}`);
    const register = page.getByTestId('detail-next-register');
    await register.waitFor();
    expect(await register.isChecked()).toBe(true);
    await expectCleanPage(page, 'session page, next session with the register');
    await page.getByTestId('detail-next-submit').click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/facilitate\//);
    const nextId = new URL(page.url()).pathname.split('/')[2]!;
    // The console keeps its link's secret in this tab.
    const kept = () => page.evaluate((id) => sessionStorage.getItem(`plenario:facilitator:${id}`) ?? '', nextId);
    await expect.poll(kept).not.toBe('');
    const token = await kept();
    const next = { id: nextId, facilitatorToken: token } as CreatedSession;

    const facilitator = await connectFacilitator(server.url, next);
    sockets.push(facilitator);
    const slide = (await facilitator.snapshot).session.agenda[1]!;
    expect(slide).toMatchObject({ kind: 'content', title: 'Lo que pidieron y lo que hicimos' });
    ok(await request(facilitator, 'agenda:goto', { activityId: slide.id }));

    const context = await desktopContext(browser, PROJECTOR);
    contexts.push(context);
    await watchPolicyViolations(context);
    const projector = await context.newPage();
    await projector.goto(`${server.url}/present/${nextId}#token=${encodeURIComponent(token)}`);
    const body = projector.getByTestId('slide-body');
    await body.waitFor();
    const text = await body.innerText();
    expect(text).toContain('Formación (1 sala(s))');
    expect(text).toContain(`lo que hicimos: ${DONE}`);
    expect(text).toContain('Generación de redes (1 sala(s))');
    expect(await fits(body)).toBe(true);
    const size = await body.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(size).toBeGreaterThanOrEqual(PROJECTOR.height * 0.025);
    await expectCleanPage(projector, 'projector, Retomando slide from the register');
    await projector.screenshot({ path: `${shotsDir}support-retomando-slide.png` });

    // The agenda editor makes the same slide again on demand, by keyboard, as an ordinary slide.
    await page.goto(`${server.url}/facilitate/${nextId}/agenda#token=${encodeURIComponent(token)}`);
    const items = page.getByTestId('agenda-item');
    await expect.poll(() => items.count()).toBeGreaterThan(1);
    const before = await items.count();
    await tabTo(page, page.getByTestId('agenda-support-slide'), 200);
    await page.keyboard.press('Enter');
    await page.getByTestId('agenda-support-slide-done').waitFor();
    await expect.poll(() => items.count()).toBe(before + 1);
    await expect.poll(() => page.getByTestId('field-title').inputValue()).toBe('Lo que pidieron y lo que hicimos');
    await expectCleanPage(page, 'agenda editor, slide from the register');
    await page.screenshot({ path: `${shotsDir}support-editor-slide.png`, fullPage: false });
  });
});
