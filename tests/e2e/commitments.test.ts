import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitmentActivity, CreatedSession } from '../../shared/types.ts';
import {
  connect,
  connectFacilitator,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from '../integration/support/server.ts';
import { desktopContext, launchBrowser, PHONE, phoneContext, PROJECTOR, SMALL_PHONE } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

/** Issue 16 item 5: a commitment written on the phone at the close comes back at the next session of the series. */

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const PASSWORD = 'contraseña-segura-1';

let server: TestServer;
let browser: Browser;
let cookie: string;
const contexts: BrowserContext[] = [];
const sockets: ClientSocket[] = [];
const track = <T extends ClientSocket>(s: T): T => (sockets.push(s), s);

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
  await server.app.accounts.createAccount({ email: 'ana@serviciocivil.cl', name: 'Ana', password: PASSWORD, role: 'facilitator' });
  const response = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ana@serviciocivil.cl', password: PASSWORD }),
  });
  cookie = response.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as T;
}

/** A session of the series with a commitment activity first, on screen. */
async function sessionWith(seriesId: string, title: string, activity: Omit<CommitmentActivity, 'id'>) {
  const session = await post<CreatedSession>('/api/sessions', { title, template: 'bienestar-sesion-2', seriesId });
  const facilitator = track(await connectFacilitator(server.url, session));
  await facilitator.snapshot;
  const { activityId } = ok(await request(facilitator, 'agenda:insert', { index: 0, activity }));
  ok(await request(facilitator, 'agenda:goto', { activityId }));
  return { session, activityId };
}

async function newContext(size = PHONE): Promise<BrowserContext> {
  const context =
    size === PHONE || size === SMALL_PHONE ? await phoneContext(browser, { viewport: size }) : await desktopContext(browser, size);
  contexts.push(context);
  await watchPolicyViolations(context);
  return context;
}

async function phoneIn(context: BrowserContext, session: CreatedSession): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/j/${session.code}`);
  await page.getByTestId('notice-accept').click();
  return page;
}

const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);

async function joinedSocket(session: CreatedSession): Promise<ClientSocket> {
  const socket = track(await connect(server.url));
  ok(await request(socket, 'session:join', { code: session.code }));
  return socket;
}

const key = (n: number) => `clave-de-prueba-del-navegador-${n}`;
const TEXT = 'Conversar con mi jefatura sobre las pausas activas';

describe('commitments on the phone and the projector', () => {
  it('are written by keyboard, kept after a reload, and come back at the next session by browser and by code', async () => {
    const { id: seriesId } = await post<{ id: string }>('/api/series', { title: 'Bienestar 2026 — Región de Valparaíso' });
    const first = await sessionWith(seriesId, 'Sesión 1', {
      kind: 'commitment',
      mode: 'write',
      title: '¿Qué harás antes de la próxima sesión?',
    });

    // The phone writes with the keyboard alone.
    const own = await newContext();
    const phone = await phoneIn(own, first.session);
    const input = phone.getByTestId('commitment-input');
    await input.waitFor();
    await expectCleanPage(phone, 'commitment to write, 390×844');
    await input.focus();
    await phone.keyboard.type(TEXT);
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('Enter');
    await phone.getByTestId('commitment-saved').waitFor();
    const code = (await phone.getByTestId('commitment-code').innerText()).trim();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    await expectCleanPage(phone, 'commitment saved, 390×844');
    await phone.screenshot({ path: `${shotsDir}commitment-written-390.png`, fullPage: true });

    // Reloaded: the phone shows it back, with its code.
    await phone.reload();
    await phone.getByTestId('commitment-saved').waitFor();
    expect(await phone.getByTestId('commitment-input').inputValue()).toBe(TEXT);
    expect((await phone.getByTestId('commitment-code').innerText()).trim()).toBe(code);

    // Another phone writes too; three more people by socket.
    const other = await phoneIn(await newContext(), first.session);
    await other.getByTestId('commitment-input').fill('Proponer un protocolo de contención en mi servicio');
    await other.getByTestId('commitment-save').click();
    const otherCode = (await other.getByTestId('commitment-code').innerText()).trim();
    for (const n of [1, 2, 3]) {
      ok(
        await request(await joinedSocket(first.session), 'commitment:write', {
          activityId: first.activityId,
          text: `Compromiso por socket ${n}`,
          key: key(n),
        }),
      );
    }

    // The projector: a count, no text.
    const projector = await (await newContext(PROJECTOR)).newPage();
    await projector.goto(local(first.session.presenterUrl));
    await expect.poll(() => projector.getByTestId('commitment-written').innerText()).toBe('5 compromisos escritos');
    expect(await projector.locator('body').innerText()).not.toContain(TEXT);
    await expectCleanPage(projector, 'commitments written on the projector, 1920×1080');
    await projector.screenshot({ path: `${shotsDir}commitment-written-projector-1920.png` });

    // The next session of the series, "Retomando": this browser sees its own commitment and answers by keyboard.
    const second = await sessionWith(seriesId, 'Sesión 2', {
      kind: 'commitment',
      mode: 'review',
      section: 'Retomando…',
      title: 'Tu compromiso de la sesión anterior',
    });
    const back = await phoneIn(own, second.session);
    await expect.poll(() => back.getByTestId('commitment-found').innerText()).toBe(TEXT);
    await expectCleanPage(back, 'own commitment found, 390×844');
    const started = back.locator('[data-testid="commitment-outcome"][data-outcome="started"]');
    await started.focus();
    await back.keyboard.press('Enter');
    await back.getByTestId('commitment-answered').waitFor();
    expect(await started.getAttribute('aria-pressed')).toBe('true');
    await back.screenshot({ path: `${shotsDir}commitment-review-390.png`, fullPage: true });

    // A new browser types the code: a wrong one is refused, the right one finds the other commitment.
    const stranger = await phoneIn(await newContext(), second.session);
    const codeInput = stranger.getByTestId('commitment-code-input');
    await codeInput.waitFor();
    await expectCleanPage(stranger, 'commitment code form, 390×844');
    await codeInput.fill(code.startsWith('A') ? 'BBBB-BBBB' : 'AAAA-AAAA');
    await stranger.getByTestId('commitment-find').click();
    await stranger.getByTestId('commitment-not-found').waitFor();
    await stranger.screenshot({ path: `${shotsDir}commitment-code-refused-390.png`, fullPage: true });
    await codeInput.fill(otherCode.toLowerCase());
    await codeInput.press('Enter');
    await expect
      .poll(() => stranger.getByTestId('commitment-found').innerText())
      .toBe('Proponer un protocolo de contención en mi servicio');
    await stranger.locator('[data-testid="commitment-outcome"][data-outcome="done"]').click();
    await stranger.getByTestId('commitment-answered').waitFor();
    // Reloaded, the tab finds it again with the code it was given, with the answer.
    await stranger.reload();
    await expect
      .poll(() => stranger.getByTestId('commitment-found').innerText())
      .toBe('Proponer un protocolo de contención en mi servicio');
    expect(await stranger.locator('[data-testid="commitment-outcome"][data-outcome="done"]').getAttribute('aria-pressed')).toBe('true');

    // The projector: two answers are too few for figures; five bring them out.
    const secondProjector = await (await newContext(PROJECTOR)).newPage();
    await secondProjector.goto(local(second.session.presenterUrl));
    await expect.poll(() => secondProjector.getByTestId('commitment-answered-count').innerText()).toBe('2 personas han respondido');
    await expectCleanPage(secondProjector, 'follow-up with few answers, 1920×1080');
    await secondProjector.screenshot({ path: `${shotsDir}commitment-review-few-1920.png` });
    for (const [n, outcome] of [
      [1, 'started'],
      [2, 'notYet'],
      [3, 'started'],
    ] as const) {
      const socket = await joinedSocket(second.session);
      ok(await request(socket, 'commitment:review', { activityId: second.activityId, proof: { key: key(n) }, outcome }));
    }
    await expect.poll(() => secondProjector.getByTestId('commitment-began').innerText()).toBe('4 de 5 lo comenzaron');
    expect(await secondProjector.locator('body').innerText()).not.toContain(TEXT);
    await expectCleanPage(secondProjector, 'follow-up counts, 1920×1080');
    await secondProjector.screenshot({ path: `${shotsDir}commitment-review-projector-1920.png` });

    // The console: the same counts, and no text.
    const console_ = await (await newContext({ width: 1440, height: 900 })).newPage();
    await console_.goto(local(second.session.facilitatorUrl));
    await expect.poll(() => console_.getByTestId('commitment-began').innerText()).toBe('4 de 5 lo comenzaron');
    expect(await console_.locator('body').innerText()).not.toContain(TEXT);
    await expectCleanPage(console_, 'follow-up on the console, 1440×900');
    await console_.screenshot({ path: `${shotsDir}commitment-review-console-1440.png` });
  });

  it('is added in the agenda editor, its moment chosen by keyboard, with both previews', async () => {
    const { id: seriesId } = await post<{ id: string }>('/api/series', { title: 'Serie del editor' });
    const session = await post<CreatedSession>('/api/sessions', { title: 'Sesión del editor', template: 'bienestar-sesion-2', seriesId });
    const editor = await (await newContext({ width: 1440, height: 900 })).newPage();
    await editor.goto(`${server.url}/facilitate/${session.id}/agenda#token=${session.facilitatorToken}`);
    await editor.getByTestId('agenda-add-kind').selectOption('commitment');
    await editor.getByTestId('agenda-add').click();
    await expect.poll(() => editor.getByTestId('field-title').inputValue()).toBe('¿Qué harás antes de la próxima sesión?');
    expect(await editor.getByTestId('commitment-mode-write').isChecked()).toBe(true);
    await editor.getByTestId('commitment-mode-write').focus();
    await editor.keyboard.press('ArrowDown');
    await expect.poll(() => editor.getByTestId('commitment-mode-review').isChecked()).toBe(true);
    await expect.poll(() => editor.getByTestId('agenda-saved').getAttribute('data-state')).toBe('saved');
    await expect.poll(() => editor.locator('.phone').innerText()).toContain('Todavía no');
    expect(await editor.locator('[data-testid="agenda-item"] .kind-commitment').last().innerText()).toContain('RETOMAR');
    await expectCleanPage(editor, 'agenda editor, a commitment to take up');
    await editor.screenshot({ path: `${shotsDir}commitment-editor-1440.png` });
  });

  it('reads in English on a small phone', async () => {
    const { id: seriesId } = await post<{ id: string }>('/api/series', { title: 'Serie en inglés' });
    const first = await sessionWith(seriesId, 'Session 1', { kind: 'commitment', mode: 'write', title: 'What will you do?' });
    const page = await phoneIn(await newContext(SMALL_PHONE), first.session);
    await page.locator('button[lang="en"]').click();
    await page.getByTestId('commitment-input').fill('Talk to my team about breaks');
    await page.getByRole('button', { name: 'Save my commitment' }).click();
    await expect.poll(() => page.getByTestId('commitment-saved').innerText()).toContain('Saved.');
    await expectCleanPage(page, 'commitment saved in English, 320×568');
    await page.screenshot({ path: `${shotsDir}commitment-written-en-320.png`, fullPage: true });
  });
});
