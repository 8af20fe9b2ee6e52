import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceActivity, CreatedSession, RatingActivity } from '../../shared/types.ts';
import {
  connect,
  connectFacilitator,
  eventually,
  getSession,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from '../integration/support/server.ts';
import { desktopContext, launchBrowser, PHONE, PROJECTOR } from './support/browser.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const ADMIN = { email: 'ana@serviciocivil.cl', name: 'Ana Pérez', password: 'contraseña-de-ana', role: 'admin' as const };
const SERIES = 'Bien-Estar psicológico 2026';
const AGENCIES = ['Instituto de Previsión Social', 'Servicio de Registro Civil e Identificación', 'Fondo Nacional de Salud'];
const PARTICIPANTS = 6;

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  await server.app.accounts.createAccount(ADMIN);
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

async function desk(viewport = PROJECTOR): Promise<Page> {
  const context = await desktopContext(browser, viewport);
  contexts.push(context);
  return context.newPage();
}

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${shotsDir}${name}.png`, fullPage });
const pathOf = (page: Page) => new URL(page.url()).pathname;

async function signIn(page: Page, account: { email: string; password: string } = ADMIN): Promise<void> {
  await page.goto(`${server.url}/signin`);
  await page.getByTestId('signin-email').fill(account.email);
  await page.getByTestId('signin-password').fill(account.password);
  await page.getByTestId('signin-submit').click();
  // A sign-in spends a scrypt: on a loaded machine that alone can outlast expect.poll's default second.
  await expect.poll(() => pathOf(page), { timeout: 15_000 }).toBe('/sessions');
}

/** Clicks what starts a download and gives the file's bytes and suggested name. */
async function downloadBy(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** Participants join by code and answer the session's first choice and its rating, as phones would. */
async function participantsAnswer(session: CreatedSession): Promise<void> {
  const facilitator = await connectFacilitator(server.url, session);
  sockets.push(facilitator);
  const { session: view } = await facilitator.snapshot;
  const choice = view.agenda.find((a): a is ChoiceActivity => a.kind === 'choice')!;
  const rating = view.agenda.find((a): a is RatingActivity => a.kind === 'rating')!;
  const people = await Promise.all(
    Array.from({ length: PARTICIPANTS }, async () => {
      const socket = await connect(server.url);
      sockets.push(socket);
      ok(await request(socket, 'session:join', { code: session.code }));
      return socket;
    }),
  );
  ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
  await Promise.all(
    people.map(async (socket, i) =>
      ok(
        await request(socket, 'answer:submit', {
          activityId: choice.id,
          clientAnswerId: `choice-answer-${i}`,
          value: { kind: 'choice', optionIds: [choice.options[i % 3]!.id] },
        }),
      ),
    ),
  );
  ok(await request(facilitator, 'agenda:goto', { activityId: rating.id }));
  await Promise.all(
    people.map(async (socket, i) => {
      const ratings = Object.fromEntries(rating.items.map((item, k) => [item.id, 1 + ((i + k) % 5)]));
      return ok(
        await request(socket, 'answer:submit', {
          activityId: rating.id,
          clientAnswerId: `rating-answer-${i}`,
          value: { kind: 'rating', ratings },
        }),
      );
    }),
  );
  await eventually(async () => (await getSession(server.url, session)).results[rating.id]?.respondents === PARTICIPANTS);
}

describe('the facilitators’ workspace', () => {
  let first: CreatedSession;

  it('sends a visitor who is not signed in to the sign-in screen', async () => {
    const page = await desk({ width: 1280, height: 800 });
    await page.goto(`${server.url}/sessions`);
    await expect.poll(() => pathOf(page)).toBe('/signin');
    // Once accounts exist, the home screen asks to sign in before it offers creation.
    await page.goto(`${server.url}/`);
    await page.getByTestId('create-sign-in-first').waitFor();
    expect(await page.getByTestId('create-title').count()).toBe(0);
    expect(await page.getByTestId('home-sign-in').count()).toBe(0);
    await page.getByTestId('create-sign-in-first').click();
    await expect.poll(() => pathOf(page)).toBe('/signin');
  });

  it('signs in, creates a session in a new series with its agencies, and lands in its console', async () => {
    const page = await desk();
    await signIn(page);
    await expect.poll(() => page.getByTestId('workspace-account').textContent()).toContain(ADMIN.name);
    await page.getByTestId('workspace-empty').waitFor();

    await page.getByTestId('workspace-create-title').fill('Bien-Estar psicológico · sesión 1');
    await page.getByTestId('workspace-create-series').selectOption({ label: 'Nueva serie…' });
    await page.getByTestId('workspace-create-series-new').fill(SERIES);
    await page.getByTestId('workspace-create-agencies').fill(`${AGENCIES.join('\n')}\n\n${AGENCIES[0]}\n`);
    expect(await page.getByTestId('workspace-create-names').isChecked()).toBe(false);
    await page.getByTestId('workspace-create-submit').click();

    await expect.poll(() => pathOf(page)).toMatch(/^\/facilitate\/[\w-]+$/);
    const id = pathOf(page).split('/')[2]!;
    const token = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('token')!;
    await page.getByTestId('console-participant-count').waitFor();
    const details = await getSession(server.url, { id, facilitatorToken: token } as CreatedSession);
    first = { id, code: details.session.code, facilitatorToken: token, joinUrl: '', presenterUrl: '', facilitatorUrl: '' };

    // The server kept the series and the agencies (repeats dropped).
    const listed = (await (await page.request.get(`${server.url}/api/workspace/sessions`)).json()) as Array<{
      id: string;
      series: { title: string } | null;
      agencies: string[];
    }>;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id, series: { title: SERIES }, agencies: AGENCIES });

    // The console downloads the report with its token.
    await participantsAnswer(first);
    const fromConsole = await downloadBy(page, 'console-download-xlsx');
    expect(fromConsole.name).toMatch(/^informe-.+\.xlsx$/);
    expect(fromConsole.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const deckFromConsole = await downloadBy(page, 'console-download-pptx');
    expect(deckFromConsole.name).toMatch(/^informe-.+\.pptx$/);
    expect(deckFromConsole.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await page.getByTestId('console-download-pdf').scrollIntoViewIfNeeded();
    await shot(page, 'workspace-console-report-1920');
  });

  it('lists the session and downloads its XLSX and PDF from the session page', async () => {
    const page = await desk();
    await signIn(page);
    const row = page.getByTestId('workspace-session');
    await expect.poll(() => row.count()).toBe(1);
    const text = await row.innerText();
    expect(text).toContain('Bien-Estar psicológico · sesión 1');
    expect(text).toContain(SERIES);
    expect(text).toContain(String(PARTICIPANTS));
    expect(text).toContain('Abierta');
    await expect.poll(() => page.getByTestId('workspace-series').innerText()).toContain('1 sesión');
    await shot(page, 'workspace-sessions-1920');

    await row.getByRole('link').click();
    await expect.poll(() => pathOf(page)).toBe(`/sessions/${first.id}`);
    await expect.poll(() => page.getByTestId('detail-title').textContent()).toBe('Bien-Estar psicológico · sesión 1');
    expect(await page.getByTestId('detail-form-agencies').inputValue()).toBe(AGENCIES.join('\n'));
    await shot(page, 'workspace-session-1920');

    // The facilitator's comments, written after the fact from here, go into the report.
    const comments = page.getByTestId('session-comments');
    await expect.poll(() => comments.getByTestId('comments-input').first().isEnabled()).toBe(true);
    await comments.getByTestId('comments-input').first().fill('Escrito después de la sesión.');
    await comments.getByTestId('comments-input').first().blur();
    await comments.locator('[data-testid="comments-status"][data-state="saved"]').first().waitFor();

    const xlsx = await downloadBy(page, 'download-xlsx');
    expect(xlsx.name).toMatch(/^informe-bien-estar-psicologico-sesion-1-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(xlsx.bytes.length).toBeGreaterThan(4_000);

    const pdf = await downloadBy(page, 'download-pdf');
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.bytes.length).toBeGreaterThan(4_000);

    const deck = await downloadBy(page, 'download-pptx');
    expect(deck.name).toMatch(/^informe-bien-estar-psicologico-sesion-1-\d{4}-\d{2}-\d{2}\.pptx$/);
    expect(deck.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const csv = await downloadBy(page, 'download-csv');
    expect(csv.bytes.toString('utf8')).toContain(';');
    // The screen says which format keeps every text exactly.
    expect(await page.getByTestId('download-note').innerText()).toContain('(XLSX) conserva cada texto exactamente');
    const json = await downloadBy(page, 'download-json');
    const report = JSON.parse(json.bytes.toString('utf8')) as {
      session: { id: string };
      questions: Array<{ facilitatorComments: string | null }>;
    };
    expect(report.session.id).toBe(first.id);
    expect(report.questions[0]!.facilitatorComments).toBe('Escrito después de la sesión.');

    await page.setViewportSize(PHONE);
    await shot(page, 'workspace-session-390', true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize(PROJECTOR);

    // This browser never held the session's token: the page asks the server for a new console link.
    await page.getByTestId('detail-open-console').click();
    await expect.poll(() => pathOf(page)).toBe(`/facilitate/${first.id}`);
    await expect.poll(() => page.getByTestId('console-participant-count').textContent()).toBe(String(PARTICIPANTS));
  });

  it('saves the details, starts session 2 with the same agenda and series, compares the series, and deletes a session', async () => {
    const page = await desk();
    await signIn(page);
    await page.goto(`${server.url}/sessions/${first.id}`);
    await page.getByTestId('detail-form-names').check();
    await page.getByTestId('detail-form-save').click();
    await page.getByTestId('detail-saved').waitFor();
    const saved = (await (await page.request.get(`${server.url}/api/sessions/${first.id}/details`)).json()) as { namesInReports: boolean };
    expect(saved.namesInReports).toBe(true);

    // Session 2 from session 1: same series and agencies, a fresh agenda, and its console.
    expect(await page.getByTestId('detail-next-title').inputValue()).toBe('Bien-Estar psicológico · sesión 2');
    await page.getByTestId('detail-next-submit').click();
    await expect.poll(() => pathOf(page)).toMatch(/^\/facilitate\/[\w-]+$/);
    const secondId = pathOf(page).split('/')[2]!;
    expect(secondId).not.toBe(first.id);

    await page.goto(`${server.url}/sessions`);
    await expect.poll(() => page.getByTestId('workspace-session').count()).toBe(2);
    await expect.poll(() => page.getByTestId('workspace-series').innerText()).toContain('2 sesiones');
    // Newest first.
    expect(await page.getByTestId('workspace-session').first().innerText()).toContain('sesión 2');
    await shot(page, 'workspace-sessions-series-1920');

    const comparison = await downloadBy(page, 'series-download-pdf');
    expect(comparison.name).toMatch(/^serie-.+\.pdf$/);
    expect(comparison.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');

    // A phone-wide window still shows every session readably.
    await page.setViewportSize(PHONE);
    await shot(page, 'workspace-sessions-390', true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize(PROJECTOR);

    // Deleting session 2 asks for its code first.
    await page.goto(`${server.url}/sessions/${secondId}`);
    await page.getByTestId('detail-delete').click();
    const confirm = page.getByTestId('detail-delete-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    const code = (await (await page.request.get(`${server.url}/api/sessions/${secondId}/details`)).json()) as { code: string };
    await page.getByTestId('detail-delete-code').fill(`${code.code.slice(0, 3)} ${code.code.slice(3)}`);
    await shot(page, 'workspace-session-delete-1920');
    await confirm.click();
    await expect.poll(() => pathOf(page)).toBe('/sessions');
    await expect.poll(() => page.getByTestId('workspace-session').count()).toBe(1);
    expect((await page.request.get(`${server.url}/api/sessions/${secondId}/details`)).status()).toBe(404);
  });

  it('lets an administrator set the retention period and says how many sessions it cleared', async () => {
    const page = await desk();
    await signIn(page);
    await page.getByTestId('workspace-retention-days').fill('30');
    await page.getByTestId('workspace-retention-save').click();
    await expect.poll(() => page.getByTestId('workspace-retention-saved').innerText()).toContain('30 días');
    expect(await page.getByTestId('workspace-retention-saved').innerText()).toContain('Sesiones depuradas ahora: 0.');
    await page.getByTestId('workspace-retention-days').fill('');
    await page.getByTestId('workspace-retention-save').click();
    await expect.poll(() => page.getByTestId('workspace-retention-saved').innerText()).toContain('sin plazo');
  });
});

describe('a facilitator’s own series', () => {
  const BEA = { email: 'bea@serviciocivil.cl', name: 'Bea Soto', password: 'contraseña-de-bea', role: 'facilitator' as const };
  const SERIES_OF_ADMIN = 'Bien-Estar psicológico 2026 — Región de Aysén';

  it('offers only their own series, and continues a session an administrator filed in another’s series without it', async () => {
    await server.app.accounts.createAccount(BEA);
    const bea = await desk();
    await signIn(bea, BEA);
    expect((await bea.request.post(`${server.url}/api/series`, { data: { title: 'Serie de Bea' } })).status()).toBe(201);
    const created = await bea.request.post(`${server.url}/api/sessions`, {
      data: { title: 'Taller de Bea', template: 'bienestar-sesion-2' },
    });
    expect(created.status()).toBe(201);
    const session = (await created.json()) as CreatedSession;

    // The administrator files Bea's session in one of the administrator's series.
    const admin = await desk();
    await signIn(admin);
    const adminSeriesCreated = await admin.request.post(`${server.url}/api/series`, { data: { title: SERIES_OF_ADMIN } });
    expect(adminSeriesCreated.status()).toBe(201);
    const adminSeries = (await adminSeriesCreated.json()) as { id: string };
    const filed = await admin.request.put(`${server.url}/api/sessions/${session.id}/details`, {
      data: { title: 'Taller de Bea', seriesId: adminSeries.id, agencies: [], namesInReports: false },
    });
    expect(filed.status()).toBe(200);

    // Bea's workspace names that series on her session but offers only her own.
    await bea.goto(`${server.url}/sessions`);
    await expect.poll(() => bea.getByTestId('workspace-session').innerText()).toContain(SERIES_OF_ADMIN);
    expect(await bea.getByTestId('workspace-series').innerText()).toContain('Serie de Bea');
    expect(await bea.getByTestId('workspace-series').innerText()).not.toContain(SERIES_OF_ADMIN);
    const offered = await bea.getByTestId('workspace-create-series').locator('option').allInnerTexts();
    expect(offered).toContain('Serie de Bea');
    expect(offered).not.toContain(SERIES_OF_ADMIN);
    const seriesOfNew = async () => {
      await expect.poll(() => pathOf(bea)).toMatch(/^\/facilitate\/[\w-]+$/);
      return (
        (await (await bea.request.get(`${server.url}/api/sessions/${pathOf(bea).split('/')[2]}/details`)).json()) as {
          seriesId: string | null;
        }
      ).seriesId;
    };

    // A new session from that one does not pick the series up, and is made without an error.
    await bea.getByTestId('workspace-create-title').fill('Taller de Bea · sesión 2');
    await bea.getByTestId('workspace-create-source').selectOption(`session:${session.id}`);
    await bea.getByTestId('workspace-create-submit').click();
    expect(await seriesOfNew()).toBeNull();

    // Nor does its next session from the session's page.
    await bea.goto(`${server.url}/sessions/${session.id}`);
    await bea.getByTestId('detail-next-submit').click();
    expect(await seriesOfNew()).toBeNull();
  });
});
