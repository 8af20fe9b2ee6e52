import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession, PointsActivity, RankingActivity } from '../../shared/types.ts';
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
import { desktopContext, launchBrowser, PROJECTOR, phoneContext, SMALL_PHONE } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

/**
 * Ranking and points on the phone and the projector (issue 17 items 2–3): each answered by
 * keyboard alone and by touch on a 390×844 phone, the results on a 1920×1080 projector, every
 * state under the CSP and axe.
 */

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const ALL_KINDS = JSON.parse(readFileSync(new URL('../../docs/examples/all-kinds.agenda.json', import.meta.url), 'utf8')) as unknown;

let server: TestServer;
let browser: Browser;
let created: CreatedSession;
let facilitator: ClientSocket;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
  created = await createSession(server.url, { title: 'Prioridades', agenda: ALL_KINDS });
  facilitator = await connectFacilitator(server.url, created);
});

afterAll(async () => {
  facilitator?.close();
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);
const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });

async function phone(): Promise<Page> {
  const context = await phoneContext(browser);
  contexts.push(context);
  await watchPolicyViolations(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/j/${created.code}`);
  await page.getByTestId('notice-accept').click();
  return page;
}

async function activityOf<K extends 'ranking' | 'points'>(kind: K) {
  const { session } = await getSession(server.url, created);
  return session.agenda.find((a) => a.kind === kind) as K extends 'ranking' ? RankingActivity : PointsActivity;
}

/** Tabs forward until the focused element matches; fails after a bounded number of presses. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function answerOf(activityId: string) {
  return (await getSession(server.url, created)).results[activityId];
}

async function projectorShows(kind: 'ranking' | 'points', activityId: string): Promise<Page> {
  const context = await desktopContext(browser, PROJECTOR);
  contexts.push(context);
  await watchPolicyViolations(context);
  const page = await context.newPage();
  await page.goto(local(created.presenterUrl));
  await page.locator(`[data-testid="presenter-activity"][data-activity-id="${activityId}"]`).waitFor();
  await expectCleanPage(page, `presenter, ${kind}, while answering`);
  await shot(page, `projector-${kind}-answering-1920`);
  ok(await request(facilitator, 'display:set', { resultsVisible: true }));
  await page.locator(`[data-testid="${kind}-board"][data-revealed="true"]`).waitFor();
  await page.waitForTimeout(900); // the bars' transition
  await expectCleanPage(page, `presenter, ${kind}, results`);
  // Every row on screen: the fitted text leaves nothing cut off.
  expect(await page.getByTestId(`${kind}-board`).evaluate((board) => board.scrollHeight <= board.clientHeight)).toBe(true);
  await shot(page, `projector-${kind}-results-1920`);
  return page;
}

describe('ranking', () => {
  it('is ranked by keyboard alone and by touch (buttons and dragging), and shown best first on the projector', async () => {
    const activity = await activityOf('ranking');
    const ids = activity.items.map((item) => item.id);
    ok(await request(facilitator, 'agenda:goto', { activityId: activity.id }));

    // Keyboard: the first item goes down twice (focus follows it), then send.
    const keys = await phone();
    await keys.locator(`[data-testid="participant-activity"][data-activity-id="${activity.id}"]`).waitFor();
    await expectCleanPage(keys, 'phone, ranking');
    await shot(keys, 'phone-ranking-390');
    await tabTo(keys, `[data-item-id="${ids[0]}"] [data-testid="ranking-down"]`);
    await keys.keyboard.press('Enter');
    await keys.keyboard.press('Enter');
    const keyOrder = [ids[1], ids[2], ids[0], ids[3], ids[4]];
    await expect
      .poll(() => keys.getByTestId('ranking-item').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item-id'))))
      .toEqual(keyOrder);
    await tabTo(keys, '[data-testid="answer-send"]');
    await keys.keyboard.press('Enter');
    await keys.getByTestId('answer-confirmed').waitFor();
    await expectCleanPage(keys, 'phone, ranking sent');

    // Touch: the last item tapped up to first place; then the new second one dragged to the end.
    const touch = await phone();
    await touch.locator(`[data-testid="participant-activity"][data-activity-id="${activity.id}"]`).waitFor();
    for (let i = 0; i < 4; i++) await touch.locator(`[data-item-id="${ids[4]}"] [data-testid="ranking-up"]`).tap();
    const handle = touch.locator(`[data-item-id="${ids[0]}"] [data-testid="ranking-handle"]`);
    const last = touch.locator(`[data-item-id="${ids[3]}"]`);
    const from = (await handle.boundingBox())!;
    const to = (await last.boundingBox())!;
    await touch.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await touch.mouse.down();
    await touch.mouse.move(from.x + from.width / 2, to.y + to.height - 2, { steps: 8 });
    await touch.mouse.up();
    const touchOrder = [ids[4], ids[1], ids[2], ids[3], ids[0]];
    await expect
      .poll(() => touch.getByTestId('ranking-item').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item-id'))))
      .toEqual(touchOrder);
    expect(await touch.locator('[data-testid="ranking-item"].dragging').count()).toBe(0);
    await touch.getByTestId('answer-send').tap();
    await touch.getByTestId('answer-confirmed').waitFor();
    await touch.setViewportSize(SMALL_PHONE);
    expect(await touch.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SMALL_PHONE.width);
    await expectCleanPage(touch, 'phone 320, ranking sent');
    await shot(touch, 'phone-ranking-320');

    await expect.poll(async () => (await answerOf(activity.id))?.respondents).toBe(2);
    const results = await answerOf(activity.id);
    if (results?.kind !== 'ranking') throw new Error('expected ranking results');
    const mean = (id: string) => (keyOrder.indexOf(id) + 1 + touchOrder.indexOf(id) + 1) / 2;
    for (const id of ids) expect(results.items[id]?.meanPosition).toBe(mean(id));

    const projector = await projectorShows('ranking', activity.id);
    const shown = await projector.getByTestId('ranking-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item-id')));
    expect(shown.map((id) => mean(id!))).toEqual([...ids.map(mean)].sort((a, b) => a - b));
    // The phones see the results too once shown.
    await keys.getByTestId('ranking-board').waitFor();
    await expectCleanPage(keys, 'phone, ranking results');
    await shot(keys, 'phone-ranking-results-390');
    ok(await request(facilitator, 'display:set', { resultsVisible: false }));
  }, 120_000);
});

describe('points', () => {
  it('are split by keyboard alone and by touch, never over the budget, and shown on the projector', async () => {
    const activity = await activityOf('points');
    const [a, b, c] = activity.items.map((item) => item.id) as [string, string, string];
    ok(await request(facilitator, 'agenda:goto', { activityId: activity.id }));

    // Keyboard: the first slider to its end (all 100), back to − four times (80), then + four times on the second (20).
    const keys = await phone();
    await keys.locator(`[data-testid="participant-activity"][data-activity-id="${activity.id}"]`).waitFor();
    await expectCleanPage(keys, 'phone, points');
    await shot(keys, 'phone-points-390');
    await tabTo(keys, `[data-item-id="${a}"] [data-testid="points-slider"]`);
    await keys.keyboard.press('End');
    await expect.poll(() => keys.getByTestId('points-left').innerText()).toContain('100');
    await keys.keyboard.press('Shift+Tab'); // + is disabled with nothing left: back to −
    for (let i = 0; i < 4; i++) await keys.keyboard.press('Enter');
    await tabTo(keys, `[data-item-id="${b}"] [data-testid="points-more"]`);
    for (let i = 0; i < 5; i++) await keys.keyboard.press('Enter'); // the fifth finds nothing left
    await expect.poll(() => keys.locator(`[data-item-id="${b}"] [data-testid="points-value"]`).innerText()).toBe('20');
    await expectCleanPage(keys, 'phone, points spent');
    await tabTo(keys, '[data-testid="answer-send"]');
    await keys.keyboard.press('Enter');
    await keys.getByTestId('answer-confirmed').waitFor();

    // Touch: + on the third item until the budget is spent; send is off until then.
    const touch = await phone();
    await touch.locator(`[data-testid="participant-activity"][data-activity-id="${activity.id}"]`).waitFor();
    expect(await touch.getByTestId('answer-send').isDisabled()).toBe(true);
    for (let i = 0; i < 20; i++) await touch.locator(`[data-item-id="${c}"] [data-testid="points-more"]`).tap();
    expect(await touch.locator(`[data-item-id="${c}"] [data-testid="points-more"]`).isDisabled()).toBe(true);
    await touch.getByTestId('answer-send').tap();
    await touch.getByTestId('answer-confirmed').waitFor();
    await touch.setViewportSize(SMALL_PHONE);
    expect(await touch.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SMALL_PHONE.width);
    await expectCleanPage(touch, 'phone 320, points sent');
    await shot(touch, 'phone-points-320');

    await expect.poll(async () => (await answerOf(activity.id))?.respondents).toBe(2);
    const results = await answerOf(activity.id);
    if (results?.kind !== 'points') throw new Error('expected points results');
    expect(results.items[a]?.mean).toBe(40);
    expect(results.items[b]?.mean).toBe(10);
    expect(results.items[c]?.mean).toBe(50);

    const projector = await projectorShows('points', activity.id);
    const shown = await projector.getByTestId('points-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item-id')));
    expect(shown.slice(0, 3)).toEqual([c, a, b]);

    // The console previews the same results at its own size.
    const desk = await desktopContext(browser, { width: 1440, height: 900 });
    contexts.push(desk);
    await watchPolicyViolations(desk);
    const consolePage = await desk.newPage();
    await consolePage.goto(local(created.facilitatorUrl));
    await consolePage.locator('[data-testid="points-board"][data-revealed="true"]').first().waitFor();
    await expectCleanPage(consolePage, 'console, points results');
    await shot(consolePage, 'console-points-1440');
    ok(await request(facilitator, 'display:set', { resultsVisible: false }));
  }, 120_000);
});
