import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSnapshot } from '../../shared/types.ts';
import { startServer, type TestServer } from '../integration/support/server.ts';
import { desktopContext, launchBrowser, phoneContext } from './support/browser.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });

async function facilitatorSnapshot(id: string, token: string): Promise<SessionSnapshot> {
  const response = await fetch(`${server.url}/api/sessions/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as SessionSnapshot;
}

describe('a workshop in the browser', () => {
  it('facilitator creates a session, a phone joins by code and answers, the presenter counts it', async () => {
    // Facilitator: home page → create from the seed's template → console.
    const desk = await desktopContext(browser);
    const consolePage = await desk.newPage();
    await consolePage.goto(`${server.url}/`);
    await consolePage.getByTestId('create-title').fill('Bienestar psicológico — Sesión 2');
    await consolePage.getByTestId('create-template').selectOption('bienestar-sesion-2');
    await shot(consolePage, 'home-1920');
    await consolePage.getByTestId('create-submit').click();
    // Without an account, the console link is the session's only key: the home page says so first.
    await consolePage.getByTestId('created-console-link').waitFor();
    await shot(consolePage, 'home-keep-link');
    await consolePage.getByTestId('created-open-console').click();
    await consolePage.waitForURL(/\/facilitate\/[^/#]+#token=/);
    const consoleUrl = new URL(consolePage.url());
    const sessionId = consoleUrl.pathname.split('/').at(-1)!;
    const token = new URLSearchParams(consoleUrl.hash.slice(1)).get('token')!;
    const { session } = await facilitatorSnapshot(sessionId, token);
    expect(session.title).toBe('Bienestar psicológico — Sesión 2');

    // Presenter: opened from the console, shows the code grouped and a QR.
    const [presenter] = await Promise.all([desk.waitForEvent('page'), consolePage.getByTestId('console-open-presenter').click()]);
    await presenter.waitForLoadState();
    await expect
      .poll(() => presenter.getByTestId('presenter-code').innerText())
      .toContain(`${session.code.slice(0, 3)} ${session.code.slice(3)}`);
    expect(await presenter.getByTestId('presenter-qr').count()).toBe(1);
    await shot(presenter, 'presenter-join-1920');

    // Participant: phone, types the code, accepts the notice.
    const phone = await phoneContext(browser);
    const participant = await phone.newPage();
    await participant.goto(`${server.url}/`);
    await participant.getByTestId('join-code').fill(`${session.code.slice(0, 3)} ${session.code.slice(3)}`);
    await participant.getByTestId('join-submit').click();
    await participant.getByTestId('notice-accept').click();
    await expect.poll(() => consolePage.getByTestId('console-participant-count').innerText()).toContain('1');
    await shot(participant, 'participant-waiting-390');

    // Facilitator moves to the first question (cover slide, then the warm-up choice).
    await consolePage.getByTestId('console-next').click();
    await consolePage.getByTestId('console-next').click();
    const choice = session.agenda[1]!;
    await participant.locator(`[data-testid="participant-activity"][data-activity-id="${choice.id}"]`).waitFor();
    await shot(participant, 'participant-choice-390');
    await participant.locator('[data-testid="choice-option"][data-option-id="pensando"]').click();
    if (await participant.getByTestId('answer-send').isVisible()) await participant.getByTestId('answer-send').click();
    await participant.getByTestId('answer-confirmed').waitFor();
    await shot(participant, 'participant-confirmed-390');

    // The presenter shows the new count.
    await presenter.locator(`[data-testid="presenter-activity"][data-activity-id="${choice.id}"]`).waitFor();
    await expect.poll(() => presenter.getByTestId('respondent-count').innerText()).toMatch(/1 de 1/);
    await consolePage.getByTestId('console-toggle-results').click();
    await expect.poll(async () => (await facilitatorSnapshot(sessionId, token)).session.live.resultsVisible).toBe(true);
    await presenter.waitForTimeout(600); // chart animation
    await shot(presenter, 'presenter-choice-1920');
    await shot(consolePage, 'console-1920');

    // A reload brings the participant back with their answer.
    await participant.reload();
    await participant.getByTestId('answer-confirmed').waitFor();
    const stored = await facilitatorSnapshot(sessionId, token);
    expect(stored.results[choice.id]).toMatchObject({ respondents: 1, counts: { pensando: 1 } });

    // The five-axis rating: rate three axes, skip two.
    const rating = session.agenda.find((a) => a.kind === 'rating')!;
    await consolePage.locator(`[data-testid="console-agenda-item"][data-activity-id="${rating.id}"]`).click();
    await participant.locator(`[data-testid="participant-activity"][data-activity-id="${rating.id}"]`).waitFor();
    for (const [axis, value] of [
      ['liderazgo', 4],
      ['normativo', 2],
      ['promocion', 5],
    ] as const) {
      await participant
        .locator(`[data-testid="rating-item"][data-item-id="${axis}"] [data-testid="rating-value"][data-value="${value}"]`)
        .click();
    }
    await shot(participant, 'participant-rating-390');
    await participant.getByTestId('answer-send').click();
    await participant.getByTestId('answer-confirmed').waitFor();
    await expect.poll(() => presenter.getByTestId('respondent-count').innerText()).toMatch(/1 de 1/);
    await presenter.keyboard.press('h'); // the presenter's own key shows results
    await expect.poll(async () => (await facilitatorSnapshot(sessionId, token)).session.live.resultsVisible).toBe(true);
    await presenter.waitForTimeout(600);
    await shot(presenter, 'presenter-rating-1920');
    const rated = (await facilitatorSnapshot(sessionId, token)).results[rating.id];
    expect(rated).toMatchObject({
      respondents: 1,
      items: { liderazgo: { n: 1, mean: 4 }, normativo: { n: 1, mean: 2 }, servicios: { n: 0, mean: null } },
    });

    await desk.close();
    await phone.close();
  });

  it('tells a participant clearly that a code is unknown', async () => {
    const phone = await phoneContext(browser);
    const page = await phone.newPage();
    await page.goto(`${server.url}/j/000001`);
    await page.getByTestId('join-error').waitFor();
    expect((await page.getByTestId('join-error').innerText()).length).toBeGreaterThan(10);
    await shot(page, 'participant-unknown-code-390');
    await phone.close();
  });

  it('shows the participation notice again when a code this phone used belongs to a new session', async () => {
    const created = (await (
      await fetch(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Código reutilizado', template: 'blank' }),
      })
    ).json()) as { id: string; code: string; facilitatorToken: string };
    const { createdAt } = (await (await fetch(`${server.url}/api/join/${created.code}`)).json()) as { createdAt: number };
    const phone = await phoneContext(browser);
    const page = await phone.newPage();
    await page.goto(`${server.url}/`);
    // This phone once joined an earlier session that had the same code, and accepted its notice.
    await page.evaluate(
      ({ code, earlier }) => {
        localStorage.setItem(
          `plenario:participant:${code}`,
          JSON.stringify({ token: 'earlier-token-0123456789', sessionId: 'earlier', displayName: null }),
        );
        localStorage.setItem(`plenario:notice:${code}:${earlier}`, '1');
      },
      { code: created.code, earlier: createdAt - 86_400_000 },
    );
    await page.goto(`${server.url}/j/${created.code}`);
    await page.getByTestId('notice-accept').click();
    await expect.poll(async () => (await facilitatorSnapshot(created.id, created.facilitatorToken)).session.live.participantCount).toBe(1);
    await phone.close();
  });

  it('shows the join screen legibly on a 1280×720 projector', async () => {
    const created = (await (
      await fetch(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Proyector pequeño', template: 'bienestar-sesion-2' }),
      })
    ).json()) as { presenterUrl: string; code: string };
    const small = await desktopContext(browser, { width: 1280, height: 720 });
    const page = await small.newPage();
    await page.goto(created.presenterUrl.replace(/^http:\/\/localhost:\d+/, server.url));
    await page.getByTestId('presenter-code').waitFor();
    const box = await page.getByTestId('presenter-code').boundingBox();
    // The code must be big enough to read from the back of a room, and fit on screen.
    expect(box!.height).toBeGreaterThan(60);
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    await shot(page, 'presenter-join-1280');
    await small.close();
  });
});
