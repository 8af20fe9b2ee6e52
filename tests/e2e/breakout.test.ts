import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BreakoutActivity } from '../../shared/types.ts';
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
import { desktopContext, launchBrowser, phoneContext } from './support/browser.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let server: TestServer;
/**
 * The server's clock, standing still; the phone and projector that show countdowns are set to
 * the same fixed time, so they show exactly the time the server gives, however slow this run.
 */
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
/** The server's URLs name its public host; the test server listens elsewhere. */
const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);
/** Seconds in an "mm:ss" found in a text. */
const seconds = (text: string): number => {
  const match = /(\d{2,}):(\d{2})/.exec(text);
  if (!match) throw new Error(`no mm:ss in ${JSON.stringify(text)}`);
  return Number(match[1]) * 60 + Number(match[2]);
};

/**
 * Holds back `breakout:updated` messages on their way to a page while `holding`, so that a test
 * can make the page act on a stale view (a role someone else took a moment ago).
 */
class BreakoutUpdatesValve {
  holding = false;
  #held: Array<() => void> = [];

  async install(page: Page): Promise<void> {
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) => upstream.send(message));
      upstream.onMessage((message) => {
        if (this.holding && typeof message === 'string' && message.includes('"breakout:updated"')) this.#held.push(() => ws.send(message));
        else ws.send(message);
      });
    });
  }

  release(): void {
    this.holding = false;
    for (const send of this.#held.splice(0)) send();
  }
}

async function joinOnPhone(
  code: string,
  displayName: string | null,
  options: { valve?: BreakoutUpdatesValve; fixedClock?: boolean } = {},
): Promise<Page> {
  const { valve, fixedClock = false } = options;
  const context = await phoneContext(browser);
  contexts.push(context);
  if (fixedClock) await context.clock.setFixedTime(clock.ms);
  const page = await context.newPage();
  await valve?.install(page);
  await page.goto(`${server.url}/`);
  await page.getByTestId('join-code').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await page.getByTestId('join-submit').click();
  if (displayName) await page.getByTestId('join-display-name').fill(displayName);
  await page.getByTestId('notice-accept').click();
  // Joined once the server's ack stored the participant token: salas are dealt to those present.
  await page.waitForFunction((c) => localStorage.getItem(`plenario:participant:${c}`) !== null, code);
  return page;
}

describe('breakout salas in the browser', () => {
  it('forms salas, a phone claims the secretary role, the timer runs and the presenter counts down the return', async () => {
    const created = await createSession(server.url, { title: 'Bienestar psicológico — Sesión 2', template: 'bienestar-sesion-2' });
    const { session } = await getSession(server.url, created);
    const breakout = session.agenda.find((activity): activity is BreakoutActivity => activity.kind === 'breakout')!;
    expect(breakout).toBeDefined();

    // Facilitator: console and presenter (projector, 1920×1080), plus a small projector. Each
    // in its own context, as on separate screens: a background tab would not repaint.
    const desk = await desktopContext(browser);
    contexts.push(desk);
    const consolePage = await desk.newPage();
    await consolePage.goto(local(created.facilitatorUrl));
    const projector = await desktopContext(browser);
    contexts.push(projector);
    await projector.clock.setFixedTime(clock.ms);
    const presenter = await projector.newPage();
    await presenter.goto(local(created.presenterUrl));
    await presenter.getByTestId('presenter-code').first().waitFor();
    const small = await desktopContext(browser, { width: 1280, height: 720 });
    contexts.push(small);
    const presenterSmall = await small.newPage();
    await presenterSmall.goto(local(created.presenterUrl));

    // Two phones join by code and accept the notice; one gives a name, one stays anonymous.
    const ana = await joinOnPhone(created.code, 'Ana', { fixedClock: true });
    const valve = new BreakoutUpdatesValve();
    const anonymous = await joinOnPhone(created.code, null, { valve });
    // More people in the room (plain sockets), so there are several salas to show.
    const socketIds = new Map<string, ClientSocket>();
    for (let i = 0; i < 11; i++) {
      const socket = await connect(server.url);
      sockets.push(socket);
      const joined = ok(
        await request(socket, 'session:join', { code: created.code, ...(i % 2 === 0 ? { displayName: `Persona ${i + 1}` } : {}) }),
      );
      socketIds.set(joined.snapshot.participantId, socket);
    }
    await expect.poll(() => consolePage.getByTestId('console-participant-count').innerText()).toBe('13');

    // The facilitator goes to the breakout: everyone sees that salas are coming.
    await consolePage.locator(`[data-testid="console-agenda-item"][data-activity-id="${breakout.id}"]`).click();
    await ana.locator(`[data-testid="participant-activity"][data-activity-id="${breakout.id}"]`).waitFor();
    await presenter.locator(`[data-testid="presenter-activity"][data-activity-id="${breakout.id}"]`).waitFor();
    await shot(presenter, 'breakout-presenter-pending-1920');
    await shot(ana, 'breakout-participant-pending-390');

    // Forming the salas: groups of up to six, so 13 people make three salas.
    await consolePage.getByTestId('breakout-form').click();
    await consolePage.getByTestId('console-sala').first().waitFor();
    expect(await consolePage.getByTestId('console-sala').count()).toBe(3);

    // Each phone lands in a sala.
    for (const phone of [ana, anonymous]) {
      await phone.getByTestId('sala-panel').waitFor();
      expect(await phone.getByTestId('sala-name').innerText()).toMatch(/^Sala \d$/);
    }

    // Ana claims the secretary role and sees herself as its holder.
    await ana.locator('[data-testid="role-claim"][data-role="secretary"]').click();
    await expect.poll(() => ana.locator('[data-testid="role-holder"][data-role="secretary"]').innerText()).toMatch(/Ana \(tú\)/);
    await ana.locator('[data-testid="role-release"][data-role="secretary"]').waitFor();
    const anaSala = await ana.getByTestId('sala-panel').getAttribute('data-sala-id');
    await expect
      .poll(() =>
        consolePage
          .locator(`[data-testid="sala-role-select"][data-sala-id="${anaSala}"][data-role="secretary"] option:checked`)
          .innerText(),
      )
      .toBe('Ana');

    // Two people want to moderate the same sala: the phone, still showing the role as free,
    // claims it just after someone else got it, and is told so.
    const otherSala = (await anonymous.getByTestId('sala-panel').getAttribute('data-sala-id'))!;
    const formed = (await getSession(server.url, created)).breakouts[breakout.id]!;
    const members = formed.salas.find((s) => s.id === otherSala)!.members;
    const rival = members.find((m) => socketIds.has(m.participantId))!;
    const anonymousId = members.find((m) => !socketIds.has(m.participantId) && m.displayName !== 'Ana')!.participantId;
    valve.holding = true;
    ok(await request(socketIds.get(rival.participantId)!, 'role:claim', { activityId: breakout.id, salaId: otherSala, role: 'moderator' }));
    await anonymous.locator('[data-testid="role-claim"][data-role="moderator"]').click();
    await expect.poll(() => anonymous.getByTestId('role-error').innerText()).toContain('Alguien más tomó ese rol primero');
    valve.release();
    const rivalName = rival.displayName ?? `Participante ${rival.number}`;
    await expect.poll(() => anonymous.locator('[data-testid="role-holder"][data-role="moderator"]').innerText()).toBe(rivalName);
    await shot(anonymous, 'breakout-participant-role-taken-390');

    // The facilitator moves the anonymous phone into Ana's sala with the member's select.
    if (otherSala !== anaSala) {
      await consolePage.locator(`[data-testid="sala-move"][data-participant-id="${anonymousId}"]`).selectOption(anaSala!);
      await expect.poll(() => anonymous.getByTestId('sala-panel').getAttribute('data-sala-id')).toBe(anaSala);
    }
    await expect.poll(() => anonymous.locator('[data-testid="role-holder"][data-role="secretary"]').innerText()).toBe('Ana');

    // The conversation starts: 40 minutes on the phone, and the grid on the projector.
    await consolePage.getByTestId('breakout-start').click();
    await ana.getByTestId('sala-timer').waitFor();
    expect(seconds(await ana.getByTestId('sala-timer').innerText())).toBe(40 * 60);
    await presenter.getByTestId('salas-grid').waitFor();
    expect(await presenter.getByTestId('sala-card').count()).toBe(3);
    expect(seconds(await presenter.getByTestId('breakout-timer').innerText())).toBe(40 * 60);

    // Pause, resume and more time: every screen follows the server's clock.
    await consolePage.getByTestId('breakout-pause').click();
    await expect.poll(() => ana.getByTestId('sala-panel').innerText()).toMatch(/en pausa/i);
    await expect.poll(() => presenter.getByTestId('presenter-activity').innerText()).toMatch(/en pausa/i);
    await consolePage.getByTestId('breakout-resume').click();
    await consolePage.getByTestId('breakout-add-1').click();
    await expect.poll(async () => seconds(await presenter.getByTestId('breakout-timer').innerText())).toBe(41 * 60);
    await expect.poll(async () => seconds(await ana.getByTestId('sala-timer').innerText())).toBe(41 * 60);

    // A message to every sala reaches the phones and the projector; screen readers hear it through
    // a live region that was already in the page, empty, before the message came.
    const announcement = anonymous.getByTestId('broadcast-announcement');
    expect([await announcement.getAttribute('role'), await announcement.textContent()]).toEqual(['status', '']);
    await consolePage.getByRole('button', { name: 'Quedan 5 minutos' }).click();
    await consolePage.getByTestId('breakout-broadcast-send').click();
    await expect.poll(() => anonymous.getByTestId('broadcast-banner').innerText()).toContain('Quedan 5 minutos');
    expect(await announcement.textContent()).toBe('Mensaje de quien facilita: Quedan 5 minutos');
    await presenterSmall.getByTestId('salas-grid').waitFor();

    // The grid is legible on both projectors: big enough, nothing outside the screen.
    for (const [page, width, height] of [
      [presenter, 1920, 1080],
      [presenterSmall, 1280, 720],
    ] as const) {
      const timer = await page.getByTestId('breakout-timer').boundingBox();
      expect(timer!.height).toBeGreaterThan(height / 14);
      for (const card of await page.getByTestId('sala-card').all()) {
        const box = await card.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        expect(box!.y + box!.height).toBeLessThanOrEqual(height);
      }
    }

    await shot(ana, 'breakout-participant-390');
    await shot(anonymous, 'breakout-participant-anonymous-390');
    await shot(presenter, 'breakout-presenter-grid-1920');
    await shot(presenterSmall, 'breakout-presenter-grid-1280');
    await shot(consolePage, 'breakout-console-1920');
    await consolePage.screenshot({ path: `${shotsDir}breakout-console-full-1920.png`, fullPage: true });

    // Ending the discussion starts the 90-second return countdown, huge on the projector.
    await consolePage.getByTestId('breakout-end').click();
    await consolePage.getByTestId('breakout-end-confirm').click();
    await presenter.getByTestId('return-countdown').waitFor();
    expect(seconds(await presenter.getByTestId('return-countdown').innerText())).toBe(90);
    expect(await presenter.getByTestId('return-countdown').innerText()).toContain('Vuelvan a la sala principal');
    // The phones alert their members once.
    await ana.getByTestId('sala-alert').waitFor();
    await shot(presenter, 'breakout-presenter-return-1920');
    await shot(presenterSmall, 'breakout-presenter-return-1280');
    await shot(ana, 'breakout-participant-return-390');

    // Ending the return closes the breakout.
    await consolePage.getByTestId('breakout-end').click();
    await consolePage.getByTestId('breakout-end-confirm').click();
    await expect.poll(() => presenter.getByTestId('presenter-activity').innerText()).toContain('Tiempo terminado');
    expect(await presenter.getByTestId('return-countdown').count()).toBe(0);
  });
});
