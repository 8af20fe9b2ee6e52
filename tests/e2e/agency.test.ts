import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantSnapshot } from '../../shared/types.ts';
import { connect, createSession, ok, request, startServer, type ClientSocket, type TestServer } from '../integration/support/server.ts';
import { launchBrowser, PHONE, phoneContext, SMALL_PHONE } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

/** Issue 16: the participant picks their agency on the join notice and changes it later from the phone. */

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const AGENCIES = ['Instituto de Previsión Social', 'Servicio de Registro Civil e Identificación', 'Servicio de Impuestos Internos'];

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

/** The agency the server holds for the participant this page joined as. */
async function storedAgency(page: Page, code: string): Promise<string | null> {
  const token = await page.evaluate(
    (c) => (JSON.parse(localStorage.getItem(`plenario:participant:${c}`)!) as { token: string }).token,
    code,
  );
  const socket = await connect(server.url);
  sockets.push(socket);
  return (ok(await request(socket, 'session:join', { code, participantToken: token })).snapshot as ParticipantSnapshot).agency;
}

/** The element entirely on the first screen, without scrolling. */
async function inFirstScreen(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const { height } = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

describe('agency on the phone', () => {
  for (const viewport of [PHONE, SMALL_PHONE]) {
    it(`is picked on a step after the join notice (both on the first screen) and changed later (${viewport.width}×${viewport.height})`, async () => {
      const created = await createSession(server.url, {
        title: 'Bienestar psicológico — Sesión 2',
        template: 'bienestar-sesion-2',
        agencies: AGENCIES,
      });
      const context = await phoneContext(browser, { viewport });
      contexts.push(context);
      await watchPolicyViolations(context);
      const page = await context.newPage();
      await page.goto(`${server.url}/j/${created.code}`);
      // The notice as in any session (its button on the first screen), then the agency on a step of its own.
      const accept = page.getByTestId('notice-accept');
      await accept.waitFor();
      expect(await inFirstScreen(page, accept)).toBe(true);
      expect(await page.getByTestId('agency-select').count()).toBe(0);
      await accept.click();
      const select = page.getByLabel(/De qué servicio vienes/);
      expect(await select.inputValue()).toBe('');
      expect(await page.locator('[data-testid="agency-select"] option').allInnerTexts()).toEqual(['Prefiero no decirlo', ...AGENCIES]);
      await select.selectOption(AGENCIES[1]!);
      expect(await inFirstScreen(page, page.getByTestId('agency-accept'))).toBe(true);
      await expectCleanPage(page, `agency step, ${viewport.width}×${viewport.height}`);
      await page.screenshot({ path: `${shotsDir}agency-step-${viewport.width}.png` });
      await page.getByTestId('agency-accept').click();
      const change = page.getByTestId('agency-change');
      await expect.poll(() => change.locator('summary').innerText()).toBe(`Servicio: ${AGENCIES[1]}`);
      expect(await storedAgency(page, created.code)).toBe(AGENCIES[1]);
      await expectCleanPage(page, `phone with an agency, ${viewport.width}×${viewport.height}`);

      await change.locator('summary').click();
      await change.getByLabel(/De qué servicio vienes/).selectOption('');
      await expect.poll(() => page.getByTestId('agency-status').innerText()).toBe('Guardado');
      expect(await change.locator('summary').innerText()).toBe('Servicio: sin indicar');
      expect(await storedAgency(page, created.code)).toBeNull();
      await expectCleanPage(page, `phone changing its agency, ${viewport.width}×${viewport.height}`);
      await page.screenshot({ path: `${shotsDir}agency-change-${viewport.width}.png` });

      // Reloaded: the notice was accepted, so straight in, with the agency as the server holds it.
      await page.reload();
      await expect.poll(() => page.getByTestId('agency-change').locator('summary').innerText()).toBe('Servicio: sin indicar');
    });
  }

  it('asks nothing about agencies when the session lists none', async () => {
    const created = await createSession(server.url);
    const context = await phoneContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/j/${created.code}`);
    await page.getByTestId('notice-accept').click();
    await page.getByText('Participas de forma anónima').waitFor();
    expect(await page.getByTestId('agency-select').count()).toBe(0);
    expect(await page.getByTestId('agency-change').count()).toBe(0);
  });
});
