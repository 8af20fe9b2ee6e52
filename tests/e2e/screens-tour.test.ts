import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BreakoutActivity, ChoiceActivity, RatingActivity, SynthesisActivity } from '../../shared/types.ts';
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
import { checkPage, expectCleanPage, policyViolations, watchPolicyViolations } from './support/page-checks.ts';

/**
 * Every screen and its main states, under the server's Content-Security-Policy, checked for
 * CSP violations and for axe's WCAG 2.2 AA rules. Problems are gathered over the whole tour
 * and reported together, so one run shows all of them.
 */

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const ADMIN = { email: 'ana@serviciocivil.cl', name: 'Ana Pérez', password: 'contraseña-de-ana', role: 'admin' as const };
const CONSOLE = { width: 1440, height: 900 };

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: ClientSocket[] = [];
const problems: string[] = [];
/** The pages opened by the running test, swept for late CSP violations at its end. */
const pages: Page[] = [];

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  browser = await launchBrowser();
});

beforeEach(() => {
  problems.length = 0;
  pages.length = 0;
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

async function open(context: Promise<BrowserContext>): Promise<Page> {
  const made = await context;
  contexts.push(made);
  await watchPolicyViolations(made);
  const page = await made.newPage();
  pages.push(page);
  return page;
}

/** Checks the page as it stands; a phone's also at 320×568, the narrowest phone we support. */
async function check(page: Page, label: string): Promise<void> {
  const size = page.viewportSize()!;
  problems.push(...(await checkPage(page, `${label}, ${size.width}×${size.height}`)));
  if (size.width !== PHONE.width) return;
  await page.setViewportSize(SMALL_PHONE);
  problems.push(...(await checkPage(page, `${label}, ${SMALL_PHONE.width}×${SMALL_PHONE.height}`)));
  await page.setViewportSize(PHONE);
}

/** Every problem of the test: those found at each check, and CSP violations since the last. */
async function expectNoProblems(): Promise<void> {
  for (const page of pages)
    problems.push(...(await policyViolations(page)).map((problem) => `[after the last check of ${page.url()}] ${problem}`));
  expect(problems).toEqual([]);
}

/** The server's URLs name its public host; the test server listens elsewhere. */
const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);
const showing = (page: Page, testId: string, activityId: string) =>
  page.locator(`[data-testid="${testId}"][data-activity-id="${activityId}"]`).waitFor();

describe('every screen under the CSP, without accessibility violations', () => {
  it('the checks see a blocked inline style, a blocked image and an image without text; no site can frame a page', async () => {
    const page = await open(desktopContext(browser, CONSOLE));
    await page.goto(`${server.url}/`);
    await page.getByTestId('create-title').waitFor();
    await expectCleanPage(page, 'home');
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('beforeend', '<p style="color: red">rojo</p><img src="https://example.invalid/x.png">'),
    );
    const found = (await checkPage(page, 'home with injected markup')).join('\n');
    expect(found).toMatch(/CSP style-src-attr blocked/);
    expect(found).toMatch(/CSP img-src blocked https:\/\/example\.invalid/);
    expect(found).toMatch(/axe image-alt/);
    // A CSP violation is reported once; what axe sees is there as long as the markup is.
    const again = await checkPage(page, 'home, checked again');
    expect(again.filter((problem) => problem.includes('CSP'))).toEqual([]);
    expect(again.some((problem) => problem.includes('axe image-alt'))).toBe(true);
    await expect(expectCleanPage(page, 'home with an image without text')).rejects.toThrow(
      /problem\(s\) on home with an image without text:\n.*axe image-alt/,
    );

    // Another site frames the console: the browser refuses to render it.
    const created = await createSession(server.url, { title: 'Enmarcada', template: 'blank' });
    const framing = await open(desktopContext(browser, CONSOLE));
    await framing.setContent(`<iframe src="${local(created.facilitatorUrl)}" width="800" height="600"></iframe>`);
    await expect.poll(() => framing.mainFrame().childFrames()[0]?.url()).toBe('chrome-error://chromewebdata/');
  });

  it('the live workshop: phone, presenter and console through each kind of activity', async () => {
    const created = await createSession(server.url, { title: 'Bienestar psicológico — Sesión 2', template: 'bienestar-sesion-2' });
    const facilitator = await connectFacilitator(server.url, created);
    sockets.push(facilitator);
    // The template has no open question: one goes between the rating and the breakout.
    const openQuestion = ok(
      await request(facilitator, 'agenda:insert', {
        index: 8,
        activity: {
          kind: 'open',
          title: '¿Con qué palabra asocias el bienestar en tu servicio?',
          maxLength: 80,
          maxPerPerson: 3,
          display: 'cloud',
        },
      }),
    );
    const { session } = await getSession(server.url, created);
    const choice = session.agenda.find((a): a is ChoiceActivity => a.kind === 'choice')!;
    const rating = session.agenda.find((a): a is RatingActivity => a.kind === 'rating')!;
    const breakout = session.agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
    const synthesis = session.agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
    const goto = async (activityId: string) => ok(await request(facilitator, 'agenda:goto', { activityId }));
    const showResults = async () => ok(await request(facilitator, 'display:set', { resultsVisible: true }));

    // The phone: home, the code form, an unknown code, the notice.
    const phone = await open(phoneContext(browser));
    const webSockets: string[] = [];
    phone.on('websocket', (socket) => webSockets.push(socket.url()));
    await phone.goto(`${server.url}/`);
    await phone.getByTestId('join-code').waitFor();
    await check(phone, 'home');
    await phone.goto(`${server.url}/j/000001`);
    await phone.getByTestId('join-error').waitFor();
    await check(phone, 'unknown code');
    await phone.goto(`${server.url}/j`);
    await phone.getByTestId('join-code').waitFor();
    await check(phone, '/j join by code');
    await phone.getByTestId('join-code').fill(created.code);
    await phone.getByTestId('join-submit').click();
    await phone.getByTestId('notice-accept').waitFor();
    await check(phone, 'join notice');
    await phone.getByTestId('join-display-name').fill('Ana');
    await phone.getByTestId('notice-accept').click();
    await phone.waitForFunction((code) => localStorage.getItem(`plenario:participant:${code}`) !== null, created.code);
    await phone.locator('main .waiting').waitFor();
    await check(phone, 'waiting for the start');
    // connect-src 'self' lets the page open its WebSocket (CSP Level 3 counts ws: of the same host as 'self').
    expect(webSockets.some((url) => url.startsWith(server.url.replace(/^http/, 'ws')) && url.includes('/socket.io/'))).toBe(true);

    // Seven more people, so the breakout makes two salas.
    for (let i = 0; i < 7; i++) {
      const socket = await connect(server.url);
      sockets.push(socket);
      ok(await request(socket, 'session:join', { code: created.code, displayName: `Persona ${i + 1}` }));
    }

    // The facilitator's screens before the first question.
    const desk = await open(desktopContext(browser));
    await desk.goto(local(created.presenterUrl));
    await desk.getByTestId('presenter-code').first().waitFor();
    await check(desk, 'presenter, join screen');
    const consolePage = await open(desktopContext(browser, CONSOLE));
    await consolePage.goto(local(created.facilitatorUrl));
    await expect.poll(() => consolePage.getByTestId('console-participant-count').innerText()).toBe('8');
    await check(consolePage, 'console');
    await consolePage.goto(`${server.url}/facilitate/${created.id}/agenda#token=${created.facilitatorToken}`);
    await consolePage.getByTestId('agenda-editor').waitFor();
    await check(consolePage, 'agenda editor');
    await consolePage.goto(local(created.facilitatorUrl));

    // The cover slide.
    await goto(session.agenda[0]!.id);
    await showing(phone, 'participant-activity', session.agenda[0]!.id);
    await check(phone, 'content slide');
    await showing(desk, 'presenter-activity', session.agenda[0]!.id);
    await check(desk, 'presenter, content slide');

    // A question, answered; its results on the presenter.
    await goto(choice.id);
    await showing(phone, 'participant-activity', choice.id);
    await check(phone, 'question');
    await phone.locator(`[data-testid="choice-option"][data-option-id="${choice.options[1]!.id}"]`).click();
    if (await phone.getByTestId('answer-send').isVisible()) await phone.getByTestId('answer-send').click();
    await phone.getByTestId('answer-confirmed').waitFor();
    await check(phone, 'question answered');
    await showResults();
    await showing(desk, 'presenter-activity', choice.id);
    await expect.poll(() => desk.getByTestId('respondent-count').innerText()).toMatch(/^1 /);
    await check(desk, 'presenter, question results');

    // The rating of the five axes.
    await goto(rating.id);
    await showing(phone, 'participant-activity', rating.id);
    await check(phone, 'rating');
    await phone.locator('[data-testid="rating-item"][data-item-id="liderazgo"] [data-testid="rating-value"][data-value="4"]').click();
    await phone.getByTestId('answer-send').click();
    await phone.getByTestId('answer-confirmed').waitFor();
    await showResults();
    await showing(desk, 'presenter-activity', rating.id);
    await check(desk, 'presenter, rating results');

    // An open answer and its word cloud.
    await goto(openQuestion.activityId);
    await showing(phone, 'participant-activity', openQuestion.activityId);
    await check(phone, 'open answer');
    await phone.getByTestId('open-input').first().fill('Escucha activa');
    await phone.getByTestId('open-send').click();
    await phone.getByTestId('answer-confirmed').waitFor();
    await showResults();
    await desk.getByTestId('word-cloud').waitFor();
    await check(desk, 'presenter, word cloud');

    // The breakout: Ana's sala with her role, the timer on the presenter and in the console.
    await goto(breakout.id);
    ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    await phone.getByTestId('sala-panel').waitFor();
    await phone.locator('[data-testid="role-claim"][data-role="secretary"]').click();
    await phone.locator('[data-testid="role-release"][data-role="secretary"]').waitFor();
    await check(phone, 'sala with a role');
    ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'start' }));
    await phone.getByTestId('sala-timer').waitFor();
    await check(phone, 'sala discussion timer');
    await desk.getByTestId('breakout-timer').waitFor();
    await check(desk, 'presenter, breakout timer');
    await consolePage.getByTestId('console-sala').first().waitFor();
    await check(consolePage, 'console during the breakout');
    // Time is up: the return countdown on the projector, the alert on the phone.
    ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'end' }));
    await desk.getByTestId('return-countdown').waitFor();
    await check(desk, 'presenter, return countdown');
    await phone.getByTestId('sala-alert').waitFor();
    await check(phone, 'sala, time to return');

    // The synthesis: Ana writes, the presenter follows, then shows question 1 of every sala.
    await goto(synthesis.id);
    ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'start' }));
    const experiences = phone.locator('[data-testid="synthesis-field"][data-field-key="experiencias"]');
    await experiences.fill('Creamos pausas activas y un espacio mensual de conversación.');
    await expect.poll(() => phone.getByTestId('synthesis-status').getAttribute('data-status')).toBe('saved');
    await check(phone, 'synthesis editor');
    await desk.locator('[data-testid="plenary"][data-screen="progress"]').waitFor();
    await check(desk, 'presenter, plenary progress');
    ok(await request(facilitator, 'plenary:focus', { activityId: synthesis.id, fieldKey: 'experiencias', spotlightSalaId: null }));
    await desk.locator('[data-testid="plenary"][data-screen="field"]').waitFor();
    await check(desk, 'presenter, plenary, one question');
    // A section label reads the same on the projector as on the phone: upper case (innerText applies the CSS).
    const label = (page: Page) => page.getByText('Pregunta 1', { exact: true }).first().innerText();
    expect([await label(desk), await label(phone)]).toEqual(['PREGUNTA 1', 'PREGUNTA 1']);
    await check(consolePage, 'console during the synthesis');
    // Writing closed: the overview of what the salas asked for.
    ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'end' }));
    ok(await request(facilitator, 'plenary:focus', { activityId: synthesis.id, fieldKey: null, spotlightSalaId: null }));
    await desk.locator('[data-testid="plenary"][data-screen="overview"]').waitFor();
    await check(desk, 'presenter, plenary overview');
    // No sala has enough answers for a radar: the panel says so, without a key to charts it does not draw.
    await desk.getByTestId('plenary-radar-note').waitFor();
    expect(await desk.getByTestId('plenary-radar-axes').count()).toBe(0);

    await expectNoProblems();
  });

  it('the workspace: sign-in, sessions, a session, accounts', async () => {
    await server.app.accounts.createAccount(ADMIN);
    const page = await open(desktopContext(browser, CONSOLE));
    await page.goto(`${server.url}/signin`);
    await page.getByTestId('signin-email').waitFor();
    await check(page, '/signin');
    await page.getByTestId('signin-email').fill(ADMIN.email);
    await page.getByTestId('signin-password').fill('no-es-la-contraseña');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('signin-error').waitFor();
    await check(page, '/signin refused');
    await page.getByTestId('signin-password').fill(ADMIN.password);
    await page.getByTestId('signin-submit').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sessions');
    await page.getByTestId('workspace-create-title').waitFor();
    await check(page, '/sessions');

    await page.getByTestId('workspace-create-title').fill('Bien-Estar psicológico · sesión 1');
    await page.getByTestId('workspace-create-submit').click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/facilitate\/[\w-]+$/);
    const id = new URL(page.url()).pathname.split('/')[2]!;
    await page.goto(`${server.url}/sessions`);
    await page.getByTestId('workspace-session').first().waitFor();
    await check(page, '/sessions with a session');
    await page.goto(`${server.url}/sessions/${id}`);
    await page.getByTestId('detail-title').waitFor();
    await check(page, '/sessions/:id');
    await page.goto(`${server.url}/admin/accounts`);
    await page.getByTestId('account-list').waitFor();
    await check(page, '/admin/accounts');

    await expectNoProblems();
  });
});
