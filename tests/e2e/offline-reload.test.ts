import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../../shared/types.ts';
import { choice } from '../unit/fixtures.ts';
import {
  connectFacilitator,
  createSession,
  getSession,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from '../integration/support/server.ts';
import { launchBrowser, PHONE, phoneContext, SMALL_PHONE } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';
import { PhoneNetwork } from './support/phone-network.ts';

/** Issue 20: a joined phone that loses its signal reloads the page and still has its question and its answer. */

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

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

async function liveChoice(): Promise<{ created: CreatedSession; activityId: string }> {
  const { id: _id, ...activity } = choice('uno', ['a', 'b', 'c']);
  const created = await createSession(server.url, {
    title: 'Bienestar psicológico — Sesión 2',
    agenda: { format: 'plenario-agenda', version: 1, activities: [activity] },
  });
  const facilitator = await connectFacilitator(server.url, created);
  sockets.push(facilitator);
  const activityId = (await getSession(server.url, created)).session.agenda[0]!.id;
  ok(await request(facilitator, 'agenda:goto', { activityId }));
  return { created, activityId };
}

async function openPhone(): Promise<Page> {
  const context = await phoneContext(browser);
  contexts.push(context);
  await watchPolicyViolations(context);
  return context.newPage();
}

const question = (page: Page) => page.locator('[data-testid="choice-option"][data-option-id="b"]');
const answerState = (page: Page) => page.getByTestId('answer-status').getAttribute('data-status');

describe('the phone offline', () => {
  it('reloads with no network showing its question, its queued answer and that it is offline; back online the answer counts once', async () => {
    const { created, activityId } = await liveChoice();
    const page = await openPhone();
    const network = new PhoneNetwork();
    await network.install(page);
    await page.goto(`${server.url}/j/${created.code}`);
    await page.getByTestId('notice-accept').click();
    await question(page).waitFor();
    // The page's service worker is in charge of it before the signal goes.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server.url}/sw.js`);

    await network.cut(page);
    await page.getByTestId('connection-banner').waitFor();
    await question(page).click();
    await page.getByTestId('answer-send').click();
    await expect.poll(() => answerState(page)).toBe('queued');

    // The reload: the page comes from the service worker, the session from what the phone kept.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await question(page).waitFor();
    expect(await page.locator('.session-title').innerText()).toBe('Bienestar psicológico — Sesión 2');
    await expect.poll(() => answerState(page)).toBe('queued');
    expect(await question(page).locator('input').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('connection-banner').innerText()).toBe('Sin conexión. Reconectando…');
    for (const size of [PHONE, SMALL_PHONE]) {
      await page.setViewportSize(size);
      await expectCleanPage(page, `phone reloaded offline, ${size.width}×${size.height}`);
      await page.screenshot({ path: `${shotsDir}phone-offline-reload-${size.width}.png` });
    }

    await network.restore(page);
    await page.getByTestId('answer-confirmed').waitFor();
    expect(await page.getByTestId('connection-banner').count()).toBe(0);
    const counted = (await getSession(server.url, created)).results[activityId];
    expect(counted).toMatchObject({ kind: 'choice', respondents: 1, counts: { a: 0, b: 1, c: 0 } });
    // Once more, online: still one answer, confirmed.
    await page.reload();
    await page.getByTestId('answer-confirmed').waitFor();
    expect((await getSession(server.url, created)).results[activityId]).toMatchObject({ respondents: 1, counts: { b: 1 } });
  });

  it('shows a phone that never joined, reloading with no network, the page and a word about the connection, no session', async () => {
    const { created } = await liveChoice();
    const page = await openPhone();
    await page.goto(`${server.url}/j/${created.code}`);
    await page.getByTestId('notice-accept').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // The notice was never accepted here: offline, the page loads but shows no session it never joined.
    await page.context().setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect
      .poll(() => page.getByTestId('join-error').innerText())
      .toBe('Sin conexión con el servidor. Revisa tu conexión y vuelve a intentarlo.');
    expect(await question(page).count()).toBe(0);
  });
});
