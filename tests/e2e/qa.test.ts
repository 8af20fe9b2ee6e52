import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  connectFacilitator,
  createSession,
  getSession,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from '../integration/support/server.ts';
import { desktopContext, launchBrowser, phoneContext, SMALL_PHONE } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

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

const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });
const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);

async function page(context: Promise<BrowserContext>): Promise<Page> {
  const made = await context;
  contexts.push(made);
  await watchPolicyViolations(made);
  return made.newPage();
}

async function phoneIn(code: string, name?: string): Promise<Page> {
  const phone = await page(phoneContext(browser));
  await phone.goto(`${server.url}/j/${code}`);
  if (name) await phone.getByTestId('join-display-name').fill(name);
  await phone.getByTestId('notice-accept').click();
  await phone.getByTestId('qa-phone').waitFor();
  return phone;
}

describe('questions from the room in the browser', () => {
  it('phones ask and upvote by keyboard and by touch; the console approves, marks answered and projects one question', async () => {
    const agenda = {
      format: 'plenario-agenda',
      version: 1,
      title: 'Preguntas',
      activities: [
        { kind: 'content', title: 'Bienvenida', bullets: [] },
        { kind: 'qa', title: '¿Qué preguntas tienen para el Servicio Civil?', maxLength: 120, moderated: true, openAllSession: false },
      ],
    };
    const created = await createSession(server.url, { title: 'Preguntas del público', agenda });
    const facilitator = await connectFacilitator(server.url, created);
    sockets.push(facilitator);
    const qaId = (await facilitator.snapshot).session.agenda[1]!.id;
    ok(await request(facilitator, 'agenda:goto', { activityId: qaId }));

    // Others in the room ask by socket, and the facilitator approves two of them on the console.
    const others: ClientSocket[] = [];
    for (const [i, text] of ['¿Habrá formación para jefaturas?', '¿Cómo medimos el bienestar?', 'Texto fuera de lugar'].entries()) {
      const socket = await connect(server.url);
      sockets.push(socket);
      others.push(socket);
      ok(await request(socket, 'session:join', { code: created.code }));
      ok(await request(socket, 'qa:ask', { activityId: qaId, clientQuestionId: `e2e-question-${i}`, text, named: false }));
    }

    const consolePage = await page(desktopContext(browser, { width: 1440, height: 900 }));
    await consolePage.goto(local(created.facilitatorUrl));
    await consolePage.getByTestId('qa-console').waitFor();
    await expect.poll(() => consolePage.getByTestId('qa-console-question').count()).toBe(3);
    await expectCleanPage(consolePage, 'console, questions waiting');
    await shot(consolePage, 'qa-console-pending-1440');
    const pending = (text: string) => consolePage.getByTestId('qa-console-question').filter({ hasText: text });
    await pending('formación').getByTestId('qa-approve').click();
    await pending('bienestar').getByTestId('qa-approve').click();
    await pending('fuera de lugar').getByTestId('qa-hide').click();

    // Phone one, by keyboard alone: type, Tab to the button, Enter; its question waits, marked pending.
    const keyboard = await phoneIn(created.code);
    await keyboard.getByTestId('qa-input').focus();
    await keyboard.keyboard.type('¿Se puede sumar a las asociaciones de funcionarios y funcionarias?');
    await keyboard.keyboard.press('Tab');
    await keyboard.keyboard.press('Enter');
    await keyboard.getByTestId('qa-sent').waitFor();
    const mine = keyboard.locator('[data-testid="qa-question"][data-status="pending"]');
    await expect.poll(() => mine.innerText()).toContain('Pendiente de aprobación');
    // Upvote by keyboard: focus the first vote button, Space.
    await keyboard.getByTestId('qa-vote').first().focus();
    await keyboard.keyboard.press('Space');
    await expect.poll(() => keyboard.getByTestId('qa-vote').first().getAttribute('aria-pressed')).toBe('true');
    await expectCleanPage(keyboard, 'phone asking (keyboard)');
    await shot(keyboard, 'qa-phone-keyboard-390');

    // Phone two, by touch, with its name shown: taps to write, send and vote.
    const touch = await phoneIn(created.code, 'Carolina');
    await touch.getByTestId('qa-input').tap();
    await touch.getByTestId('qa-input').fill('¿Quién coordina la red de apoyo?');
    await touch.getByTestId('qa-named').tap();
    await touch.getByTestId('qa-send').tap();
    await touch.getByTestId('qa-sent').waitFor();
    const formation = touch.getByTestId('qa-question').filter({ hasText: 'formación' });
    await formation.getByTestId('qa-vote').tap();
    await expect.poll(() => formation.getByTestId('qa-vote').getAttribute('aria-pressed')).toBe('true');

    // The console approves the phones' questions, marks one answered and projects the most voted.
    await consolePage.getByTestId('qa-filter-pending').click();
    await expect.poll(() => consolePage.getByTestId('qa-approve').count()).toBe(2);
    await consolePage.getByTestId('qa-approve').first().click();
    await expect.poll(() => consolePage.getByTestId('qa-approve').count()).toBe(1);
    await consolePage.getByTestId('qa-approve').first().click();
    await consolePage.getByTestId('qa-filter-shown').click();
    await expect.poll(() => consolePage.getByTestId('qa-console-question').count()).toBe(4);
    const top = consolePage.getByTestId('qa-console-question').first();
    expect(await top.innerText()).toContain('formación');
    await top.getByTestId('qa-highlight').click();
    await consolePage.getByTestId('qa-console-question').filter({ hasText: 'bienestar' }).getByTestId('qa-mark-answered').click();
    // The console's projector preview shows what the room sees: the projected question first, marked, and no hidden one.
    const preview = consolePage.getByTestId('preview-qa');
    await expect.poll(async () => (await preview.locator('li.highlighted').allInnerTexts()).join(' ')).toContain('formación');
    expect(await preview.locator('li').count()).toBe(4);
    expect(await preview.innerText()).not.toContain('fuera de lugar');
    await expectCleanPage(consolePage, 'console, questions shown');
    await shot(consolePage, 'qa-console-1440');

    // The phone: the approved question is no longer pending, the answered one says so; sorted both ways.
    await expect.poll(() => keyboard.locator('[data-testid="qa-question"][data-status="pending"]').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => keyboard.getByTestId('qa-answered').count(), { timeout: 10_000 }).toBe(1);
    const order = async () => (await keyboard.getByTestId('qa-question').allInnerTexts()).map((text) => text.split('\n')[0]);
    expect((await order())[0]).toContain('formación');
    await keyboard.getByTestId('qa-order-recent').click();
    expect((await order())[0]).toContain('red de apoyo');
    await expectCleanPage(keyboard, 'phone, answered and recent');
    await shot(keyboard, 'qa-phone-recent-390');
    await expectCleanPage(touch, 'phone asking (touch)');
    await shot(touch, 'qa-phone-touch-390');
    await touch.setViewportSize(SMALL_PHONE);
    await expectCleanPage(touch, 'phone at 320 px');
    await shot(touch, 'qa-phone-320');

    // The projector: the projected question in large type, the others by votes.
    const presenter = await page(desktopContext(browser));
    await presenter.goto(local(created.presenterUrl));
    await presenter.getByTestId('qa-highlighted').waitFor();
    expect(await presenter.getByTestId('qa-highlighted').innerText()).toContain('¿Habrá formación para jefaturas?');
    const bigSize = await presenter
      .locator('[data-testid="qa-highlighted"] .big')
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(bigSize).toBeGreaterThanOrEqual(60);
    expect(await presenter.getByTestId('qa-stage').innerText()).not.toContain('fuera de lugar');
    await expectCleanPage(presenter, 'projector, a question up');
    await shot(presenter, 'qa-projector-1920');

    // Off the screen again: the top list alone.
    await consolePage.getByTestId('qa-console-question').first().getByTestId('qa-highlight').click();
    await presenter.getByTestId('qa-highlighted').waitFor({ state: 'detached' });
    await presenter.getByTestId('qa-top').waitFor();
    await expectCleanPage(presenter, 'projector, top questions');
    await shot(presenter, 'qa-projector-top-1920');

    const board = (await getSession(server.url, created)).qa[qaId]!;
    expect(board.questions.map((q) => [q.text, q.votes, q.status, q.answered, q.author])).toEqual([
      ['¿Habrá formación para jefaturas?', 2, 'shown', false, null],
      ['¿Cómo medimos el bienestar?', 0, 'shown', true, null],
      ['Texto fuera de lugar', 0, 'hidden', false, null],
      ['¿Se puede sumar a las asociaciones de funcionarios y funcionarias?', 0, 'shown', false, null],
      ['¿Quién coordina la red de apoyo?', 0, 'shown', false, 'Carolina'],
    ]);
  });
});
