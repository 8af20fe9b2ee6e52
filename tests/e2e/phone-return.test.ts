import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
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
import { launchBrowser, phoneContext } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

/**
 * Issue 20: the phone connects while the notice is read but joins only once it is accepted; a
 * phone coming back shows what it last saw at once, then what the session shows now.
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

async function twoQuestions(): Promise<{ created: CreatedSession; facilitator: ClientSocket; first: string; second: string }> {
  const activities = [choice('uno', ['a', 'b']), choice('dos', ['c', 'd'])].map(({ id: _id, ...activity }) => activity);
  const created = await createSession(server.url, {
    title: 'Bienestar psicológico — Sesión 3',
    agenda: { format: 'plenario-agenda', version: 1, activities },
  });
  const facilitator = await connectFacilitator(server.url, created);
  sockets.push(facilitator);
  const [first, second] = (await getSession(server.url, created)).session.agenda.map((activity) => activity.id);
  ok(await request(facilitator, 'agenda:goto', { activityId: first! }));
  return { created, facilitator, first: first!, second: second! };
}

async function openPhone(): Promise<Page> {
  const context = await phoneContext(browser);
  contexts.push(context);
  await watchPolicyViolations(context);
  return context.newPage();
}

const participants = async (created: CreatedSession) => (await getSession(server.url, created)).session.live.participantCount;
const shownActivity = (page: Page) => page.getByTestId('participant-activity').getAttribute('data-activity-id');

describe('the phone joining and coming back', () => {
  it('connects while the notice is read, and joins only once it is accepted', async () => {
    const { created } = await twoQuestions();
    const page = await openPhone();
    await page.goto(`${server.url}/j/${created.code}`);
    await page.getByTestId('notice-accept').waitFor();
    // The phone's socket is up (the facilitator's is the other one), and nobody has joined.
    await expect.poll(async () => (await server.app.io.fetchSockets()).length).toBe(2);
    expect(await participants(created)).toBe(0);

    await page.getByTestId('notice-accept').click();
    await page.locator('[data-testid="choice-option"][data-option-id="a"]').waitFor();
    expect(await participants(created)).toBe(1);
  });

  it('shows what it last saw at once, then what the session shows now', async () => {
    const { created, facilitator, second } = await twoQuestions();
    const page = await openPhone();
    await page.goto(`${server.url}/j/${created.code}`);
    await page.getByTestId('notice-accept').click();
    await page.locator('[data-testid="choice-option"][data-option-id="a"]').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // Away from the page, the facilitator moves on; the page comes back with its code check held.
    await page.goto('about:blank');
    ok(await request(facilitator, 'agenda:goto', { activityId: second }));
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.context().route(/\/api\/join\//, async (route: Route) => {
      await held;
      await route.continue();
    });
    const back = await page.goto(`${server.url}/j/${created.code}`);
    expect(back?.fromServiceWorker()).toBe(true);
    // The question it last saw, answerable, with no word of a lost connection: it is only on its way.
    await page.locator('[data-testid="choice-option"][data-option-id="a"]').waitFor();
    expect(await page.getByTestId('connection-banner').count()).toBe(0);
    await expectCleanPage(page, 'phone back, what it last saw');

    release();
    await expect.poll(() => shownActivity(page)).toBe(second);
    await page.locator('[data-testid="choice-option"][data-option-id="c"]').waitFor();
    expect(await participants(created)).toBe(1);
  });
});
