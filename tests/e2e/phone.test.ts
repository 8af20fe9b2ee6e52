import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity, BreakoutActivity, CreatedSession, SynthesisActivity } from '../../shared/types.ts';
import { choice, openQuestion, rating } from '../unit/fixtures.ts';
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
import { desktopContext, launchBrowser, PHONE, phoneContext, SMALL_PHONE } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';
import { PhoneNetwork } from './support/phone-network.ts';

/** Issue 15 on the phone: the answer's state in sight, the notice's first screen, Spanish first, keyboard and touch, the end. */

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

const track = <T extends ClientSocket>(socket: T): T => {
  sockets.push(socket);
  return socket;
};

const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });

async function openPhone(options: Parameters<typeof phoneContext>[1] = {}): Promise<Page> {
  const context = await phoneContext(browser, options);
  contexts.push(context);
  await watchPolicyViolations(context);
  return context.newPage();
}

/** The page clean (CSP, axe) at 390×844 and at 320×568, with a screenshot at each size. */
async function checkBothSizes(page: Page, label: string): Promise<void> {
  for (const size of [PHONE, SMALL_PHONE]) {
    await page.setViewportSize(size);
    await expectCleanPage(page, `${label}, ${size.width}×${size.height}`);
    await shot(page, `phone-${label.replaceAll(' ', '-')}-${size.width}`);
  }
  await page.setViewportSize(PHONE);
}

/** The element entirely on the first screen, without scrolling. */
async function inFirstScreen(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const { height } = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

/** A session with this agenda (imported: activities get new ids, listed in order) and its facilitator's socket. */
async function session(
  agenda: Activity[],
  extra: Record<string, unknown> = {},
): Promise<{ created: CreatedSession; facilitator: ClientSocket; ids: string[] }> {
  const activities = agenda.map(({ id: _id, ...activity }) => activity);
  const document = { format: 'plenario-agenda', version: 1, activities };
  const created = await createSession(server.url, { title: 'Bienestar psicológico — Sesión 2', agenda: document, ...extra });
  const facilitator = await connectFacilitator(server.url, created);
  sockets.push(facilitator);
  const ids = (await getSession(server.url, created)).session.agenda.map((activity) => activity.id);
  return { created, facilitator, ids };
}

async function join(page: Page, code: string): Promise<void> {
  await page.goto(`${server.url}/j/${code}`);
  await page.getByTestId('notice-accept').click();
  await page.waitForFunction((c) => localStorage.getItem(`plenario:participant:${c}`) !== null, code);
}

const status = (page: Page) => page.getByTestId('answer-status');

describe('the phone', () => {
  it('fits the notice and its button on the first screen, in Spanish on an English browser, the rest one tap away', async () => {
    const { created } = await session([choice('uno', ['a', 'b'])]);
    for (const viewport of [PHONE, SMALL_PHONE]) {
      const page = await openPhone({ locale: 'en-US', viewport });
      await page.goto(`${server.url}/j/${created.code}`);
      const accept = page.getByTestId('notice-accept');
      await accept.waitFor();
      expect(await accept.innerText()).toBe('Entendido, entrar');
      await shot(page, `phone-notice-${viewport.width}`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
      expect(await inFirstScreen(page, accept)).toBe(true);
      expect(await inFirstScreen(page, page.getByTestId('notice-essential'))).toBe(true);
      expect(await page.getByTestId('notice-essential').innerText()).toMatch(/voluntario y anónimo.*saltarte cualquier pregunta/);
      await expectCleanPage(page, `join notice, ${viewport.width}×${viewport.height}`);
      await shot(page, `phone-notice-${viewport.width}`);
      // The rest: one tap.
      expect(await page.getByText('la realiza el Servicio Civil').isVisible()).toBe(false);
      await page.locator('[data-testid="notice-more"] summary').click();
      expect(await page.getByText('la realiza el Servicio Civil').isVisible()).toBe(true);
      await expectCleanPage(page, `join notice opened, ${viewport.width}×${viewport.height}`);
    }
  });

  it('speaks English only when the person picks it (remembered), or when the session set it', async () => {
    const { created } = await session([choice('uno', ['a', 'b'])]);
    const page = await openPhone({ locale: 'en-US' });
    await page.goto(`${server.url}/j/${created.code}`);
    await page.getByTestId('notice-accept').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    // English is fetched on first use (the phone's first load carries Spanish only).
    await expect.poll(() => page.getByTestId('notice-accept').innerText()).toBe('Got it, join');
    await page.reload();
    await expect.poll(() => page.getByTestId('notice-accept').innerText()).toBe('Got it, join');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    const english = await session([choice('uno', ['a', 'b'])], { locale: 'en' });
    const chilean = await openPhone();
    await chilean.goto(`${server.url}/j/${english.created.code}`);
    await expect.poll(() => chilean.getByTestId('notice-accept').innerText()).toBe('Got it, join');
    await expectCleanPage(chilean, 'join notice of an English session');
    // Its projector too, on a Chilean laptop.
    const desk = await desktopContext(browser);
    contexts.push(desk);
    const presenter = await desk.newPage();
    await presenter.goto(english.created.presenterUrl.replace(/^https?:\/\/[^/]+/, server.url));
    await presenter.getByTestId('presenter-code').first().waitFor();
    await expect.poll(() => presenter.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('keeps the answer and where it stands in sight, in words true at each moment; both choice kinds send alike', async () => {
    const axes = rating('ejes', ['liderazgo', 'normativo', 'servicios', 'promocion', 'informacion']);
    const { created, facilitator, ids } = await session([
      choice('uno', ['a', 'b', 'c']),
      choice('varios', ['x', 'y', 'z'], true),
      axes,
      openQuestion('ideas'),
    ]);
    const [uno, varios, ejes, abierta] = ids as [string, string, string, string];
    const page = await openPhone();
    const network = new PhoneNetwork();
    await network.install(page);
    await join(page, created.code);
    const goto = async (activityId: string) => {
      ok(await request(facilitator, 'agenda:goto', { activityId }));
      await page.locator(`[data-testid="participant-activity"][data-activity-id="${activityId}"]`).waitFor();
    };

    // One choice: a tap chooses, the button sends, as for several and for the rating.
    await goto(uno);
    await page.locator('[data-testid="choice-option"][data-option-id="b"]').click();
    expect(await status(page).innerText()).toBe('Aún no enviada.');
    expect(await page.getByTestId('answer-confirmed').count()).toBe(0);
    expect(await inFirstScreen(page, page.getByTestId('answer-send'))).toBe(true);
    await page.getByTestId('answer-send').click();
    await page.getByTestId('answer-confirmed').waitFor();
    expect(await inFirstScreen(page, page.getByTestId('answer-bar'))).toBe(true);
    expect(await status(page).getAttribute('role')).toBe('status');
    await checkBothSizes(page, 'choice received');

    // Offline: the answer waits on the phone, and nothing says it was saved.
    await network.cut(page);
    await page.getByTestId('connection-banner').waitFor();
    await page.locator('[data-testid="choice-option"][data-option-id="c"]').click();
    await page.getByTestId('answer-send').click();
    await expect.poll(() => status(page).getAttribute('data-status')).toBe('queued');
    expect(await status(page).innerText()).toMatch(/En este teléfono, sin enviar/);
    expect(await page.getByTestId('connection-banner').innerText()).not.toMatch(/guardad/i);
    expect(await inFirstScreen(page, status(page))).toBe(true);
    await checkBothSizes(page, 'choice queued offline');
    await network.restore(page);
    await page.getByTestId('answer-confirmed').waitFor();
    expect((await getSession(server.url, created)).results[uno]).toMatchObject({ counts: { c: 1, b: 0 } });

    // Several choices: the same gesture.
    await goto(varios);
    await page.locator('[data-testid="choice-option"][data-option-id="x"]').click();
    await page.locator('[data-testid="choice-option"][data-option-id="z"]').click();
    expect(await status(page).innerText()).toBe('Aún no enviada.');
    await page.getByTestId('answer-send').click();
    await page.getByTestId('answer-confirmed').waitFor();
    expect((await getSession(server.url, created)).results[varios]).toMatchObject({ counts: { x: 1, y: 0, z: 1 } });

    // The rating: a radio group per item (Tab between items, arrows within), the button and status in sight.
    await goto(ejes);
    const item = (id: string) => page.locator(`[data-testid="rating-item"][data-item-id="${id}"]`);
    expect(await item('liderazgo').getByRole('radiogroup').count()).toBe(1);
    expect(await item('liderazgo').getByRole('radio').count()).toBe(5);
    await item('liderazgo').locator('[data-value="1"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        return `${element.closest<HTMLElement>('[data-item-id]')?.dataset.itemId}:${element.dataset.value}`;
      });
    expect(await focused()).toBe('servicios:2');
    const checked = (id: string) => item(id).locator('[aria-checked="true"]').getAttribute('data-value');
    expect([await checked('liderazgo'), await checked('normativo'), await checked('servicios')]).toEqual(['3', '5', '2']);
    expect(await inFirstScreen(page, page.getByTestId('answer-bar'))).toBe(true);
    await checkBothSizes(page, 'rating by keyboard');
    await page.getByTestId('answer-send').click();
    await page.getByTestId('answer-confirmed').waitFor();
    expect((await getSession(server.url, created)).results[ejes]).toMatchObject({
      items: { liderazgo: { mean: 3 }, normativo: { mean: 5 }, servicios: { mean: 2 }, promocion: { n: 0 } },
    });

    // Touch targets of 44 px or more at 320 px wide, on the rating and on an open question.
    await page.setViewportSize(SMALL_PHONE);
    const tooSmall = (selector: string) =>
      page.locator(selector).evaluateAll((elements) =>
        elements
          .map((e) => e.getBoundingClientRect())
          .filter((box) => box.width < 44 || box.height < 44)
          .map((box) => `${box.width}×${box.height}`),
      );
    expect(await tooSmall('[data-testid="rating-value"], [data-testid="answer-send"], .switcher button')).toEqual([]);
    await goto(abierta);
    await page.getByTestId('open-add').click();
    expect(await page.getByTestId('open-input').count()).toBe(2);
    expect(await tooSmall('[data-testid="open-add"], [data-testid="open-send"], .remove, .switcher button')).toEqual([]);
    await expectCleanPage(page, 'open question with two texts, 320×568');
  });

  it('shows a calm, read-only end to a phone that reloads a closed session, and to a stranger', async () => {
    const { created, facilitator, ids } = await session([choice('uno', ['a', 'b'])]);
    const page = await openPhone();
    await join(page, created.code);
    ok(await request(facilitator, 'agenda:goto', { activityId: ids[0]! }));
    ok(await request(facilitator, 'session:close', {}));
    await page.getByTestId('session-closed').waitFor();
    await page.reload();
    await page.getByTestId('session-closed').waitFor();
    expect(await page.locator('.alert-error, [data-testid="join-error"]').count()).toBe(0);
    expect(await page.getByTestId('session-closed').innerText()).toMatch(/La sesión terminó[\s\S]*Gracias por participar/);
    await checkBothSizes(page, 'closed after reload');

    const stranger = await openPhone();
    await stranger.goto(`${server.url}/j/${created.code}`);
    await stranger.getByTestId('session-closed').waitFor();
    expect(await stranger.locator('.alert-error').count()).toBe(0);
    await expectCleanPage(stranger, 'closed session, a phone that never joined');
  });

  it("still shows its sala's synthesis, read-only, after the session closed and the phone reloaded", async () => {
    const created = await createSession(server.url, { title: 'Con síntesis', template: 'bienestar-sesion-2' });
    const facilitator = track(await connectFacilitator(server.url, created));
    const { agenda } = (await facilitator.snapshot).session;
    const breakout = agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
    const synthesis = agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
    const page = await openPhone();
    await join(page, created.code);
    ok(await request(track(await connect(server.url)), 'session:join', { code: created.code, displayName: 'Beto' }));
    ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    const sala = formed.salas.find((s) => s.members.some((m) => m.displayName === null))!;
    ok(await request(facilitator, 'agenda:goto', { activityId: synthesis.id }));
    ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'start' }));
    const content = { fields: { experiencias: 'Conversamos sobre las pausas activas.' }, support: [] };
    ok(
      await request(facilitator, 'synthesis:save', {
        activityId: synthesis.id,
        salaId: sala.id,
        baseVersion: 0,
        clientSaveId: 'save-1-aaaa',
        content,
      }),
    );
    ok(await request(facilitator, 'session:close', {}));

    await page.reload();
    await page.getByTestId('session-closed').waitFor();
    const kept = page.getByTestId('closed-synthesis');
    await kept.waitFor();
    expect(await kept.innerText()).toContain(sala.name);
    expect(await kept.innerText()).toContain('Conversamos sobre las pausas activas.');
    expect(await kept.locator('textarea, input, button').count()).toBe(0);
    await checkBothSizes(page, 'closed with the sala synthesis');
  });
});
