import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../shared/types.ts';
import { choice, openQuestion, points } from '../unit/fixtures.ts';
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
import { launchBrowser, phoneContext, SMALL_PHONE } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';
import { PhoneNetwork } from './support/phone-network.ts';

/**
 * Issue 20: the kinds the live view does not carry load on demand (client/src/lib/phone-parts.svelte.ts):
 * the waiting card until a part is in, the next activity's part fetched ahead, and a part once
 * loaded still there when the phone reloads with no network. The phone's Spanish messages are
 * its own (server/cli/phone-messages.ts): it never fetches the whole dictionary.
 */

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

async function live(agenda: Activity[]) {
  const activities = agenda.map(({ id: _id, ...activity }) => activity);
  const created = await createSession(server.url, {
    title: 'Bienestar psicológico — Sesión 2',
    agenda: { format: 'plenario-agenda', version: 1, activities },
  });
  const facilitator = await connectFacilitator(server.url, created);
  sockets.push(facilitator);
  const ids = (await getSession(server.url, created)).session.agenda.map((activity) => activity.id);
  const goto = async (index: number) => ok(await request(facilitator, 'agenda:goto', { activityId: ids[index]! }));
  return { created, ids, goto };
}

async function openPhone(options: Parameters<typeof phoneContext>[1] = {}): Promise<Page> {
  const context = await phoneContext(browser, options);
  contexts.push(context);
  await watchPolicyViolations(context);
  return context.newPage();
}

/** The hashed files this page asked for, by name ("open-parts", "Participant"). */
function assetsAsked(page: Page): Set<string> {
  const names = new Set<string>();
  page.on('request', (request) => {
    const match = /\/assets\/(.+)-[\w-]{8}\.js$/.exec(new URL(request.url()).pathname);
    if (match) names.add(match[1]!);
  });
  return names;
}

const activityShown = (page: Page) => page.getByTestId('participant-activity').getAttribute('data-activity-id');
const waitingCard = (page: Page) => page.getByRole('heading', { name: 'Mira la pantalla principal…' });

describe("the phone's parts on demand", () => {
  it('shows the waiting card until a part is in, then its question; the next activity’s part is fetched ahead', async () => {
    const { created, ids, goto } = await live([choice('uno', ['a', 'b']), points('dos', ['x', 'y']), openQuestion('tres')]);
    await goto(0);
    // No service worker: the test holds the open question's part back itself.
    const page = await openPhone({ serviceWorkers: 'block' });
    const asked = assetsAsked(page);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/open-parts-[\w-]{8}\.js$/, async (route: Route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}/j/${created.code}`);
    await page.getByTestId('notice-accept').click();
    await page.locator('[data-testid="choice-option"]').first().waitFor();
    // The choice needs no part; the points question comes next, so its part is on its way already.
    expect(asked.has('open-parts')).toBe(false);
    await expect.poll(() => asked.has('rank-points-parts')).toBe(true);

    await goto(1);
    await page.getByTestId('points-item').first().waitFor();
    expect(await activityShown(page)).toBe(ids[1]);

    // The open question's part (fetched ahead too, and held back): the waiting card meanwhile.
    await expect.poll(() => asked.has('open-parts')).toBe(true);
    await goto(2);
    await waitingCard(page).waitFor();
    expect(await page.getByTestId('participant-activity').count()).toBe(0);
    await page.setViewportSize(SMALL_PHONE);
    await expectCleanPage(page, 'phone waiting for a part, 320×568');
    release();
    await page.getByTestId('open-input').first().waitFor();
    expect(await activityShown(page)).toBe(ids[2]);
    expect(await waitingCard(page).count()).toBe(0);
    // All along, the phone's own messages were enough: the whole dictionary was never fetched.
    expect(asked.has('es-CL')).toBe(false);
  });

  it('keeps a part once loaded: a phone on a points question reloads with no network and still shows it', async () => {
    const { created, goto } = await live([points('uno', ['x', 'y', 'z'])]);
    await goto(0);
    const page = await openPhone();
    const network = new PhoneNetwork();
    await network.install(page);
    await page.goto(`${server.url}/j/${created.code}`);
    await page.getByTestId('notice-accept').click();
    await page.getByTestId('points-item').first().waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await network.cut(page);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByTestId('points-item').first().waitFor();
    expect(await page.getByTestId('points-item').count()).toBe(3);
    await expect.poll(() => page.getByTestId('connection-banner').innerText()).toBe('Sin conexión. Reconectando…');
    await network.restore(page);
    await expect.poll(() => page.getByTestId('connection-banner').count()).toBe(0);
  });
});
