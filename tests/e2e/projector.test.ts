import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity, BreakoutActivity, ChoiceActivity, ContentActivity, RatingActivity, SynthesisActivity } from '../../shared/types.ts';
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

/**
 * The projected screen carries the room (issue 15 items 1, 7, 11): a question's options or items
 * large while the room votes, content slides that fill the screen, the five axes as pillars, and
 * the plenary's overview live while the salas write. Checked on a 1920×1080 projector and a
 * 1280×720 one, each state under the CSP and axe.
 */

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

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

/** The server's URLs name its public host; the test server listens elsewhere. */
const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);

async function projector(size: { width: number; height: number }, url: string): Promise<Page> {
  const context = await desktopContext(browser, size);
  contexts.push(context);
  await watchPolicyViolations(context);
  const page = await context.newPage();
  await page.goto(local(url));
  await page.getByTestId('presenter-code').first().waitFor();
  return page;
}

/** Each projector once the activity is on it: checked under the CSP and axe, and photographed. */
async function onEvery(pages: Page[], activityId: string, label: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
  for (const page of pages) {
    await page.locator(`[data-testid="presenter-activity"][data-activity-id="${activityId}"]`).waitFor();
    await ready(page);
    const { width } = page.viewportSize()!;
    await expectCleanPage(page, `presenter, ${label}, ${width}`);
    await page.screenshot({ path: `${shotsDir}projector-${label.replaceAll(' ', '-')}-${width}.png` });
  }
}

/** How much of the window's height a part of the screen takes. */
async function heightShare(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  const height = await locator.page().evaluate(() => window.innerHeight);
  return box ? box.height / height : 0;
}

const fontPx = (locator: Locator) => locator.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));

/** Whether everything inside the box is in view (the fitting found a size at which it does not overflow). */
const fits = (locator: Locator) =>
  locator.evaluate((element) => element.scrollHeight <= element.clientHeight + 1 && element.scrollWidth <= element.clientWidth + 1);

/** Whether the element's bottom edge is inside the window. */
const inView = (locator: Locator) =>
  locator.evaluate((element) => element.getBoundingClientRect().bottom <= window.innerHeight && element.getBoundingClientRect().top >= 0);

describe('the projector carries the room', () => {
  it('voting open: the options and items large, "N de M han respondido", results hidden until revealed', async () => {
    const created = await createSession(server.url, { title: 'Bienestar psicológico — Sesión 2', template: 'bienestar-sesion-2' });
    const { session } = await getSession(server.url, created);
    const facilitator = await connectFacilitator(server.url, created);
    sockets.push(facilitator);
    const people: ClientSocket[] = [];
    for (let i = 0; i < 8; i++) {
      const socket = await connect(server.url);
      sockets.push(socket);
      ok(await request(socket, 'session:join', { code: created.code }));
      people.push(socket);
    }
    const pages = [await projector(SIZES[0], created.presenterUrl), await projector(SIZES[1], created.presenterUrl)];
    const choice = session.agenda.find((a): a is ChoiceActivity => a.kind === 'choice')!;
    const rating = session.agenda.find((a): a is RatingActivity => a.kind === 'rating')!;
    const goto = async (activityId: string) => ok(await request(facilitator, 'agenda:goto', { activityId }));
    const reveal = async (resultsVisible: boolean) => ok(await request(facilitator, 'display:set', { resultsVisible }));
    const submit = async (socket: ClientSocket, activity: Activity, n: number) =>
      ok(
        await request(socket, 'answer:submit', {
          activityId: activity.id,
          clientAnswerId: `answer-${activity.id}-${n}`.slice(0, 64),
          value:
            activity.kind === 'choice'
              ? { kind: 'choice' as const, optionIds: [activity.options[n % 2]!.id] }
              : {
                  kind: 'rating' as const,
                  ratings: Object.fromEntries((activity as RatingActivity).items.map((item) => [item.id, 1 + (n % 5)])),
                },
        }),
      );

    // A choice question, voting open: every option large on screen, nobody's answer yet.
    await goto(choice.id);
    await onEvery(pages, choice.id, 'choice voting', async (page) => {
      await expect.poll(() => page.getByTestId('respondent-count').innerText()).toBe('0 de 8 han respondido');
    });
    for (const page of pages) {
      const height = page.viewportSize()!.height;
      const options = page.getByTestId('stage-option');
      expect(await options.allInnerTexts()).toEqual(choice.options.map((option) => option.label));
      expect((await page.getByTestId('stage-option-value').allInnerTexts()).every((text) => text.trim() === '')).toBe(true);
      expect(await page.getByTestId('results-hidden').innerText()).toBe('Resultados ocultos');
      // The options take the screen, at a size the back of the room reads, and all of them fit.
      expect(await heightShare(page.getByTestId('stage-options'))).toBeGreaterThan(0.5);
      expect(await fontPx(page.getByTestId('stage-options'))).toBeGreaterThanOrEqual(height * 0.03);
      expect(await fits(page.getByTestId('stage-options'))).toBe(true);
      expect(await inView(page.getByTestId('respondent-count'))).toBe(true);
    }

    // Three phones answer: the count grows, the results stay hidden.
    for (const [n, socket] of people.slice(0, 3).entries()) await submit(socket, choice, n);
    for (const page of pages) {
      await expect.poll(() => page.getByTestId('respondent-count').innerText()).toBe('3 de 8 han respondido');
      expect(await page.locator('[data-testid="respondent-count"] + [role="meter"]').getAttribute('aria-valuenow')).toBe('3');
      expect((await page.getByTestId('stage-option-value').allInnerTexts()).join('')).toBe('');
    }

    // Revealed: the same rows show each option's count and share.
    await reveal(true);
    await onEvery(pages, choice.id, 'choice revealed', async (page) => {
      await expect.poll(() => page.getByTestId('stage-options').getAttribute('data-revealed')).toBe('true');
    });
    for (const page of pages) {
      const values = await page.getByTestId('stage-option-value').allInnerTexts();
      expect(values[0]).toBe('2 · 67%');
      expect(values[1]).toBe('1 · 33%');
      expect(await page.getByTestId('results-hidden').count()).toBe(0);
      expect(await fits(page.getByTestId('stage-options'))).toBe(true);
      expect(await page.getByTestId('answering-closed').count()).toBe(0);
    }
    // The facilitator closes the voting: the screen says so.
    ok(await request(facilitator, 'answering:set', { activityId: choice.id, open: false }));
    for (const page of pages) await expect.poll(() => page.getByTestId('answering-closed').innerText()).toBe('Votación cerrada');

    // The rating of the five axes, voting open: the items and the 1–5 scale, no means yet.
    await goto(rating.id);
    await onEvery(pages, rating.id, 'rating voting', async (page) => {
      await expect.poll(() => page.getByTestId('stage-items').getAttribute('data-revealed')).toBe('false');
    });
    for (const page of pages) {
      const height = page.viewportSize()!.height;
      expect(await page.getByTestId('stage-item').allInnerTexts()).toEqual(rating.items.map((item) => item.label));
      expect(await page.getByTestId('stage-scale').innerText()).toMatch(/1.*5/s);
      expect(await page.getByTestId('stage-item-count').count()).toBe(0);
      expect(await heightShare(page.getByTestId('stage-items'))).toBeGreaterThan(0.5);
      expect(await fontPx(page.getByTestId('stage-items'))).toBeGreaterThanOrEqual(height * 0.025);
      expect(await fits(page.getByTestId('stage-items'))).toBe(true);
      expect(await page.getByTestId('respondent-count').innerText()).toBe('0 de 8 han respondido');
    }
    for (const [n, socket] of people.entries()) await submit(socket, rating, n);
    await reveal(true);
    await onEvery(pages, rating.id, 'rating revealed', async (page) => {
      await expect.poll(() => page.getByTestId('stage-items').getAttribute('data-revealed')).toBe('true');
    });
    for (const page of pages) {
      expect(await page.getByTestId('respondent-count').innerText()).toBe('8 de 8 han respondido');
      // Every item was rated 1, 2, 3, 4, 5, 1, 2, 3: a mean of 2,6.
      expect(await page.getByTestId('stage-item-mean').allTextContents()).toEqual(rating.items.map(() => 'Promedio: 2,6'));
      // Revealing moved nothing out of view.
      expect(await fits(page.getByTestId('stage-items'))).toBe(true);
    }

    // An open question while the room writes: where to answer, never an empty screen.
    const open = ok(
      await request(facilitator, 'agenda:insert', {
        index: 8,
        activity: { kind: 'open', title: '¿Con qué palabra asocias el bienestar?', maxLength: 80, maxPerPerson: 3, display: 'cloud' },
      }),
    );
    await goto(open.activityId);
    await reveal(false);
    await onEvery(pages, open.activityId, 'open writing', (page) => page.getByTestId('stage-open-prompt').waitFor());
    for (const page of pages) {
      expect(await page.getByTestId('stage-open-prompt').innerText()).toContain(`${created.code.slice(0, 3)} ${created.code.slice(3)}`);
      expect(await page.getByTestId('results-hidden').count()).toBe(1);
    }
  });

  it('content slides fill the screen; the five axes stand as three pillars on a base', async () => {
    const created = await createSession(server.url, { title: 'Bienestar psicológico — Sesión 2', template: 'bienestar-sesion-2' });
    const { session } = await getSession(server.url, created);
    const facilitator = await connectFacilitator(server.url, created);
    sockets.push(facilitator);
    const pages = [await projector(SIZES[0], created.presenterUrl), await projector(SIZES[1], created.presenterUrl)];
    const slides = session.agenda.filter((a): a is ContentActivity => a.kind === 'content');
    const longest = slides.reduce((a, b) => (b.bullets.length > a.bullets.length ? b : a));
    const axes = slides.find((slide) => slide.layout === 'pillars')!;

    ok(await request(facilitator, 'agenda:goto', { activityId: longest.id }));
    await onEvery(pages, longest.id, 'slide points', (page) => page.getByTestId('slide-body').waitFor());
    for (const page of pages) {
      const body = page.getByTestId('slide-body');
      expect(await page.locator('[data-testid="slide-body"] li').count()).toBe(longest.bullets.length);
      expect(await fits(body)).toBe(true);
      expect(await inView(page.locator('[data-testid="slide-body"] li').last())).toBe(true);
      expect(await fontPx(body)).toBeGreaterThanOrEqual(page.viewportSize()!.height * 0.025);
    }

    ok(await request(facilitator, 'agenda:goto', { activityId: axes.id }));
    await onEvery(pages, axes.id, 'slide pillars', (page) => page.getByTestId('pillars-diagram').waitFor());
    for (const page of pages) {
      expect(await page.getByTestId('pillar').allInnerTexts()).toEqual(axes.bullets.filter((b) => b.level === 0).map((b) => b.text));
      expect(await page.getByTestId('pillars-base').allInnerTexts()).toEqual([
        'Promoción y prevención',
        'Fortalecimiento de los sistemas de información',
      ]);
      // The base lies under the pillars, as wide as they stand.
      const pillars = await page.getByTestId('pillar').evaluateAll((items) => items.map((item) => item.getBoundingClientRect().toJSON()));
      const base = (await page.getByTestId('pillars-base').first().boundingBox())!;
      for (const pillar of pillars) expect(pillar.bottom).toBeLessThanOrEqual(base.y + 1);
      expect(base.width).toBeGreaterThanOrEqual(pillars.at(-1)!.right - pillars[0]!.left);
      expect(await heightShare(page.getByTestId('pillars-diagram'))).toBeGreaterThan(0.45);
      expect(await fits(page.getByTestId('slide-body'))).toBe(true);
    }

    // On a phone the same drawing, scaled to its width: nothing wider than the screen.
    const phoneContextMade = await phoneContext(browser);
    contexts.push(phoneContextMade);
    await watchPolicyViolations(phoneContextMade);
    const phone = await phoneContextMade.newPage();
    await phone.goto(`${server.url}/j/${created.code}`);
    await phone.getByTestId('notice-accept').click();
    await phone.locator(`[data-testid="participant-activity"][data-activity-id="${axes.id}"]`).waitFor();
    for (const size of [PHONE, SMALL_PHONE]) {
      await phone.setViewportSize(size);
      await expect.poll(() => phone.getByTestId('pillar').count()).toBe(3);
      // (A mobile browser widens its layout to what overflows, so the check is against the phone's width.)
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      const diagram = phone.getByTestId('pillars-diagram');
      expect(await diagram.evaluate((element) => element.getBoundingClientRect().right)).toBeLessThanOrEqual(size.width);
      expect(await fits(diagram)).toBe(true);
      await expectCleanPage(phone, `phone, pillars, ${size.width}`);
      await phone.screenshot({ path: `${shotsDir}phone-slide-pillars-${size.width}.png`, fullPage: true });
    }

    // The agenda editor switches the drawing; the projector follows.
    const editorContext = await desktopContext(browser, { width: 1440, height: 900 });
    contexts.push(editorContext);
    await watchPolicyViolations(editorContext);
    const editor = await editorContext.newPage();
    await editor.goto(`${server.url}/facilitate/${created.id}/agenda#token=${created.facilitatorToken}`);
    await editor.locator(`[data-testid="agenda-item"][data-activity-id="${axes.id}"] .item`).click();
    const layout = (name: string) => editor.locator(`[data-testid="content-layout"][data-layout="${name}"]`);
    await expect.poll(() => layout('pillars').isChecked()).toBe(true);
    await expectCleanPage(editor, 'agenda editor, pillars layout');
    await editor.screenshot({ path: `${shotsDir}agenda-editor-pillars-1440.png` });
    await layout('list').check();
    for (const page of pages) await expect.poll(() => page.getByTestId('stage-slide').getAttribute('data-layout')).toBe('list');
    expect(await pages[0]!.getByTestId('pillars-diagram').count()).toBe(0);
    await layout('pillars').check();
    for (const page of pages) await page.getByTestId('pillars-diagram').waitFor();
  });

  it('the plenary overview is live while the salas write, beside each sala’s progress', async () => {
    const created = await createSession(server.url, { title: 'Bienestar psicológico — Sesión 2', template: 'bienestar-sesion-2' });
    const { session } = await getSession(server.url, created);
    const facilitator = await connectFacilitator(server.url, created);
    sockets.push(facilitator);
    const rating = session.agenda.find((a): a is RatingActivity => a.kind === 'rating')!;
    const breakout = session.agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
    const synthesis = session.agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
    const people: ClientSocket[] = [];
    for (let i = 0; i < 10; i++) {
      const socket = await connect(server.url);
      sockets.push(socket);
      ok(await request(socket, 'session:join', { code: created.code }));
      people.push(socket);
    }
    ok(await request(facilitator, 'agenda:goto', { activityId: rating.id }));
    for (const [n, socket] of people.entries())
      ok(
        await request(socket, 'answer:submit', {
          activityId: rating.id,
          clientAnswerId: `rating-${n}`,
          value: { kind: 'rating', ratings: Object.fromEntries(rating.items.map((item, i) => [item.id, 1 + ((n + i) % 5)])) },
        }),
      );
    ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    ok(await request(facilitator, 'agenda:goto', { activityId: synthesis.id }));
    ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'start' }));
    const pages = [await projector(SIZES[0], created.presenterUrl), await projector(SIZES[1], created.presenterUrl)];

    // Writing has begun and nobody has saved: the progress, and the radars the rating already gives.
    await onEvery(pages, synthesis.id, 'plenary writing', async (page) => {
      await page.locator('[data-testid="plenary"][data-screen="progress"]').waitFor();
      await page.getByTestId('plenary-radars').waitFor();
    });
    for (const page of pages) {
      expect(await page.getByTestId('plenary-progress').count()).toBe(formed.salas.length);
      expect(await page.getByTestId('plenary-live-note').innerText()).toMatch(/en vivo/);
      expect(await page.getByTestId('support-chart').innerText()).toContain('Aún no hay apoyos marcados.');
    }

    // One sala saves what it asks for: the support chart draws it before the writing closes.
    ok(
      await request(facilitator, 'synthesis:save', {
        activityId: synthesis.id,
        salaId: formed.salas[0]!.id,
        baseVersion: 0,
        clientSaveId: 'live-overview',
        content: { fields: { experiencias: 'Pausas activas.' }, support: ['formacion', 'redes'] },
      }),
    );
    await onEvery(pages, synthesis.id, 'plenary live overview', async (page) => {
      await expect
        .poll(() => page.locator(`[data-testid="plenary-progress"][data-sala-id="${formed.salas[0]!.id}"]`).getAttribute('data-status'))
        .toBe('writing');
      await page.locator('[data-testid="support-chart"] canvas').waitFor();
      await page.waitForTimeout(600); // the chart's animation, for the photograph
    });
    for (const page of pages) {
      expect(await page.locator('[data-testid="plenary"]').getAttribute('data-screen')).toBe('progress');
      expect(await inView(page.getByTestId('plenary-radars'))).toBe(true);
    }
  });
});
