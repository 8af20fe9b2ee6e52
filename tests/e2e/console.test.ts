import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BreakoutActivity, CreatedSession, SynthesisActivity } from '../../shared/types.ts';
import { END_UNDO_MS } from '../../server/domain/clock.ts';
import { ManualClock } from '../integration/support/clock.ts';
import {
  connect,
  createSession,
  getSession,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from '../integration/support/server.ts';
import { desktopContext, launchBrowser } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
/** The console's size on a facilitator's laptop. */
const LAPTOP = { width: 1440, height: 900 };

let server: TestServer;
/** The server's clock, standing still; the console is set to the same time, so countdowns are exact. */
const clock = new ManualClock();
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir }, now: clock.now });
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });

async function openConsole(session: CreatedSession): Promise<Page> {
  const context = await desktopContext(browser, LAPTOP);
  contexts.push(context);
  await watchPolicyViolations(context);
  await context.clock.setFixedTime(clock.ms);
  const page = await context.newPage();
  await page.goto(`${server.url}/facilitate/${session.id}#token=${session.facilitatorToken}`);
  await page.getByTestId('console-agenda-item').first().waitFor();
  return page;
}

/** Whether the agenda's current item lies within the agenda's visible box. */
const currentInSight = (page: Page) =>
  page.evaluate(() => {
    const item = document.querySelector('nav [aria-current="step"]')!.getBoundingClientRect();
    const box = document.querySelector('nav')!.getBoundingClientRect();
    return item.top >= box.top && item.bottom <= box.bottom;
  });

const agendaItem = (page: Page, activityId: string) =>
  page.locator(`[data-testid="console-agenda-item"][data-activity-id="${activityId}"]`);

describe('the console at 1440×900', () => {
  it('follows the current item, previews the projector and what comes next, and closes questions left unless kept open', async () => {
    const session = await createSession(server.url);
    const page = await openConsole(session);
    const { agenda } = (await getSession(server.url, session)).session;
    await page.getByTestId('console-projector').waitFor();
    await expectCleanPage(page, 'console, join screen with the projector preview');
    await shot(page, 'console-join-1440');

    // To the last item from the keyboard: the agenda scrolls to keep it in sight.
    const last = agenda.at(-1)!;
    await agendaItem(page, last.id).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => agendaItem(page, last.id).getAttribute('aria-current')).toBe('step');
    await expect.poll(() => currentInSight(page)).toBe(true);
    expect(await page.getByTestId('console-up-next').count()).toBe(0);
    await shot(page, 'console-last-item-1440');

    // Back to the first question with the keyboard's Previous: the agenda follows up again.
    const [first, second] = agenda.filter((a) => a.kind === 'choice');
    await agendaItem(page, first!.id).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => agendaItem(page, first!.id).getAttribute('aria-current')).toBe('step');
    await expect.poll(() => currentInSight(page)).toBe(true);
    const next = agenda[agenda.findIndex((a) => a.id === first!.id) + 1]!;
    expect(await page.getByTestId('console-up-next').innerText()).toContain(next.title);
    expect(await page.getByTestId('console-projector').innerText()).toContain('Resultados ocultos');

    // Kept open from the keyboard: moving on leaves it open, and the agenda says so.
    await page.getByTestId('console-keep-open').focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await getSession(server.url, session)).session.live.keepOpen).toEqual([first!.id]);
    // The console draws the badge when the server's update reaches it, which may follow the ack.
    await expect.poll(() => agendaItem(page, first!.id).getByTestId('console-keep-open-badge').count()).toBe(1);
    await expectCleanPage(page, 'console, a question kept open');
    await shot(page, 'console-keep-open-1440');
    await page.getByTestId('console-next').click();
    await page.getByTestId('console-next').click();
    await agendaItem(page, second!.id).click();
    await expect.poll(() => agendaItem(page, first!.id).innerText()).toContain('Votación abierta');
    expect(await page.getByTestId('console-keep-open').isChecked()).toBe(false);

    // Not kept: moving on closes it, on the server.
    await page.getByTestId('console-next').click();
    await expect.poll(() => agendaItem(page, second!.id).innerText()).toContain('Votación cerrada');
    const live = (await getSession(server.url, session)).session.live;
    expect(live.answering).toMatchObject({ [first!.id]: 'open', [second!.id]: 'closed' });

    // Blanked: the preview says the projector is black.
    await page.getByTestId('console-toggle-blank').click();
    await page.getByTestId('console-projector-blank').waitFor();
    await expectCleanPage(page, 'console, projector blanked');
  });

  it('asks before ending a phase, then offers its undo, which brings it back with its time', async () => {
    const session = await createSession(server.url);
    const facilitator = await connect(server.url, { auth: { sessionId: session.id, facilitatorToken: session.facilitatorToken } });
    sockets.push(facilitator);
    for (let i = 0; i < 2; i++) {
      const phone = await connect(server.url);
      sockets.push(phone);
      ok(await request(phone, 'session:join', { code: session.code }));
    }
    const { agenda } = (await getSession(server.url, session)).session;
    const breakout = agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
    ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
    ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'start' }));
    clock.advance(10 * 60_000);
    const page = await openConsole(session);
    const timer = page.getByTestId('console-breakout-timer');
    const left = breakout.discussionSeconds - 10 * 60;
    const mmss = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    await expect.poll(() => timer.innerText()).toBe(mmss(left));

    // The dialog names the consequence; Escape (or Cancel) changes nothing.
    await page.getByTestId('breakout-end').click();
    const dialog = page.getByTestId('breakout-end-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`Le quedan ${mmss(left)} a la conversación`);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('breakout-end-cancel');
    await expectCleanPage(page, 'console, confirm ending the discussion');
    await shot(page, 'console-confirm-end-1440');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await getSession(server.url, session)).breakouts[breakout.id]!.phase).toBe('discussion');

    // Confirmed: the phase ends, and the undo is offered for its 15 s of server clock.
    await page.getByTestId('breakout-end').click();
    await page.getByTestId('breakout-end-confirm').click();
    await expect.poll(async () => (await getSession(server.url, session)).breakouts[breakout.id]!.phase).toBe('return');
    const undo = page.getByTestId('breakout-undo-button');
    await expect.poll(() => undo.innerText()).toContain(`Deshacer (${END_UNDO_MS / 1000} s)`);
    await expectCleanPage(page, 'console, undo of an ended phase');
    await shot(page, 'console-undo-1440');

    // Five seconds later the undo brings the conversation back with the time it had left.
    clock.advance(5_000);
    await page.clock.setFixedTime(clock.ms);
    await expect.poll(() => undo.innerText()).toContain('Deshacer (10 s)');
    await undo.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await getSession(server.url, session)).breakouts[breakout.id]!.phase).toBe('discussion');
    await expect.poll(() => timer.innerText()).toBe(mmss(left));
    expect(await undo.count()).toBe(0);

    // Past its window the undo is gone from the console.
    await page.getByTestId('breakout-end').click();
    await page.getByTestId('breakout-end-confirm').click();
    await undo.waitFor();
    clock.advance(END_UNDO_MS + 1_000);
    await page.clock.setFixedTime(clock.ms);
    await undo.waitFor({ state: 'detached' });
    expect((await getSession(server.url, session)).breakouts[breakout.id]!.phase).toBe('return');

    // Closing the syntheses' writing asks too, and comes back the same way.
    const synthesis = agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
    const writingPhase = async () => (await getSession(server.url, session)).syntheses[synthesis.id]?.phase;
    ok(await request(facilitator, 'agenda:goto', { activityId: synthesis.id }));
    ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'start' }));
    await page.getByTestId('synthesis-end').click();
    expect(await page.getByTestId('synthesis-end-dialog').innerText()).toContain(`Les quedan ${mmss(synthesis.seconds)}`);
    await expectCleanPage(page, 'console, confirm closing the writing');
    await page.getByTestId('synthesis-end-confirm').click();
    await expect.poll(writingPhase).toBe('closed');
    await page.getByTestId('synthesis-undo-button').click();
    await expect.poll(writingPhase).toBe('writing');
    await shot(page, 'console-writing-reopened-1440');
  });

  it('asks before ending the session, then shows a calm closed console without code, link or QR', async () => {
    const session = await createSession(server.url);
    const page = await openConsole(session);
    await page.getByTestId('console-close-session').click();
    const dialog = page.getByTestId('console-close-session-dialog');
    expect(await dialog.innerText()).toContain('Esto no se puede deshacer');
    await page.getByTestId('console-close-session-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await getSession(server.url, session)).session.live.status).toBe('open');

    await page.getByTestId('console-close-session').click();
    await page.getByTestId('console-close-session-confirm').click();
    await page.getByTestId('console-closed').waitFor();
    expect(await page.getByTestId('console-closed').innerText()).toContain('La sesión terminó');
    const body = await page.locator('body').innerText();
    expect(body).not.toContain(`${session.code.slice(0, 3)} ${session.code.slice(3)}`);
    expect(body).not.toContain('/j/');
    // Nothing is on screen any more, and nothing offers to show it.
    expect(body).not.toMatch(/en pantalla/i);
    expect(await page.getByTestId('console-open-presenter').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('La sesión terminó');
    expect(await page.locator('.qr, [data-testid="console-projector"]').count()).toBe(0);
    expect(await page.getByTestId('console-close-session').count()).toBe(0);
    expect(await page.getByTestId('console-next').isVisible()).toBe(false);
    await expectCleanPage(page, 'console, session closed');
    await shot(page, 'console-closed-1440');
  });
});
