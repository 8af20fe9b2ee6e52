import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceActivity, CommentedActivity } from '../../shared/types.ts';
import { connectFacilitator, createSession, ok, request, startServer, type TestServer } from '../integration/support/server.ts';
import { PHONE, SMALL_PHONE, desktopContext, launchBrowser, phoneContext } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const CONSOLE = { width: 1440, height: 900 };

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

async function open(context: Promise<BrowserContext>): Promise<Page> {
  const made = await context;
  contexts.push(made);
  await watchPolicyViolations(made);
  return made.newPage();
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });
const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);
const ticked = (page: Page, optionId: string) =>
  page.locator(`[data-testid="choice-option"][data-option-id="${optionId}"] input`).isChecked();

describe('notes, comments, the exclusive option and the premise in the browser', () => {
  it('the console shows notes and saves comments; the phone keeps "Nada" alone; the premise comes first', async () => {
    const created = await createSession(server.url);
    const facilitator = await connectFacilitator(server.url, created);
    const { session } = await facilitator.snapshot;
    const [warmUp, pandemic] = session.agenda.filter((a): a is ChoiceActivity => a.kind === 'choice');

    const consolePage = await open(desktopContext(browser, CONSOLE));
    await consolePage.goto(local(created.facilitatorUrl));
    const presenter = await open(desktopContext(browser));
    await presenter.goto(local(created.presenterUrl));
    const phone = await open(phoneContext(browser));
    await phone.goto(`${server.url}/`);
    await phone.getByTestId('join-code').fill(created.code);
    await phone.getByTestId('join-submit').click();
    await phone.getByTestId('notice-accept').click();
    await phone.locator('main .waiting').waitFor();

    // The warm-up question: its notes on the console, a comment typed and saved by itself.
    ok(await request(facilitator, 'agenda:goto', { activityId: warmUp!.id }));
    await consolePage.getByTestId('console-notes').waitFor();
    expect(await consolePage.getByTestId('console-notes').innerText()).toContain('«Nada» va sola');
    const box = consolePage.getByTestId('comments-input');
    await expect.poll(() => box.isEnabled()).toBe(true);
    await box.fill('Casi nadie eligió «Nada»: la primera sesión sigue trabajando.');
    await consolePage.locator('[data-testid="comments-status"][data-state="saved"]').waitFor();
    const listed = (await (
      await fetch(`${server.url}/api/sessions/${created.id}/comments`, { headers: { authorization: `Bearer ${created.facilitatorToken}` } })
    ).json()) as CommentedActivity[];
    expect(listed.find((a) => a.activityId === warmUp!.id)?.comment?.text).toBe(
      'Casi nadie eligió «Nada»: la primera sesión sigue trabajando.',
    );
    await shot(consolePage, 'console-notes-comments-1440');
    await expectCleanPage(consolePage, 'console with notes and comments');

    // The phone: ticking "Nada" unticks the rest, ticking another unticks "Nada".
    await phone.locator(`[data-testid="participant-activity"][data-activity-id="${warmUp!.id}"]`).waitFor();
    expect(await phone.locator('body').innerText()).not.toContain('«Nada» va sola');
    await phone.locator('[data-testid="choice-option"][data-option-id="pensando"]').click();
    await phone.locator('[data-testid="choice-option"][data-option-id="realizando"]').click();
    await phone.locator('[data-testid="choice-option"][data-option-id="nada"]').click();
    expect([await ticked(phone, 'nada'), await ticked(phone, 'pensando'), await ticked(phone, 'realizando')]).toEqual([true, false, false]);
    await shot(phone, 'participant-exclusive-390');
    await phone.locator('[data-testid="choice-option"][data-option-id="escuchar"]').click();
    expect([await ticked(phone, 'nada'), await ticked(phone, 'escuchar')]).toEqual([false, true]);
    await phone.locator('[data-testid="choice-option"][data-option-id="nada"]').click();
    await phone.getByTestId('answer-send').click();
    await phone.getByTestId('answer-confirmed').waitFor();
    await expectCleanPage(phone, 'phone, exclusive option');

    // The pandemic question: its premise before it, on the phone and the projector.
    ok(await request(facilitator, 'agenda:goto', { activityId: pandemic!.id }));
    await phone.locator(`[data-testid="participant-activity"][data-activity-id="${pandemic!.id}"]`).waitFor();
    const phoneText = await phone.locator('main').innerText();
    expect(phoneText.indexOf('La situación pandémica')).toBeGreaterThanOrEqual(0);
    expect(phoneText.indexOf('La situación pandémica')).toBeLessThan(phoneText.indexOf('¿Se trata'));
    expect(phoneText).toContain('Ambas: coyuntural en su origen, estructural en sus efectos');
    await shot(phone, 'participant-premise-390');
    await phone.setViewportSize(SMALL_PHONE);
    await shot(phone, 'participant-premise-320');
    await expectCleanPage(phone, 'phone, premise, 320');
    await phone.setViewportSize(PHONE);
    await presenter.locator(`[data-testid="presenter-activity"][data-activity-id="${pandemic!.id}"] [data-testid="premise"]`).waitFor();
    expect(await presenter.getByTestId('presenter-notes').count()).toBe(0);

    // The facilitator asks for the notes on the projector, then hides them again.
    await consolePage.getByTestId('console-toggle-notes').click();
    await presenter.getByTestId('presenter-notes').waitFor();
    expect(await presenter.getByTestId('presenter-notes').innerText()).toContain('ambas');
    await shot(presenter, 'presenter-premise-notes-1920');
    await expectCleanPage(presenter, 'presenter with premise and notes');
    await consolePage.getByTestId('console-toggle-notes').click();
    await presenter.getByTestId('presenter-notes').waitFor({ state: 'detached' });
    facilitator.close();
  }, 180_000);
});
