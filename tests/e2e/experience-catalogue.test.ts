import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nanoid } from 'nanoid';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperienceCardInput } from '../../shared/experience.ts';
import type { CreatedSession } from '../../shared/types.ts';
import {
  connect,
  connectFacilitator,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from '../integration/support/server.ts';
import { desktopContext, launchBrowser } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

/**
 * The experience catalogue in the browser (issue 16 item 3): a facilitator finds the cards told
 * in her sessions, filters and searches them, reads one in detail, by keyboard, at 1440×900.
 */

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const CONSOLE = { width: 1440, height: 900 };
const ANA = { email: 'ana@serviciocivil.cl', name: 'Ana Pérez', password: 'contraseña-de-ana', role: 'facilitator' as const };

const CARDS: ExperienceCardInput[] = [
  {
    agency: 'Instituto de Previsión Social',
    name: 'Plan IPS Conversa, Contiene y Cobija',
    axes: ['promocion', 'servicios'],
    approach: 'both',
    reach: { count: 1332, unit: 'personas' },
    since: { year: 2021, month: 4 },
    lesson: 'Contener primero, derivar después: las jefaturas necesitan saber a quién llamar.',
    contact: { optIn: true, unit: 'Unidad de Calidad de Vida', email: 'calidaddevida@ips.gob.cl' },
  },
  {
    agency: 'Servicio de Impuestos Internos',
    name: 'Pausas activas guiadas',
    axes: ['promocion'],
    approach: 'preventive',
    reach: { count: 392, unit: 'instancias' },
    since: { year: 2023, month: null },
    lesson: null,
    contact: { optIn: false },
  },
  {
    agency: 'FONASA',
    name: 'Protocolo de acompañamiento tras incidentes críticos',
    axes: ['liderazgo', 'normativo'],
    approach: 'reactive',
    reach: { count: 126, unit: 'jefaturas' },
    since: null,
    lesson: 'Un protocolo escrito da calma cuando algo pasa.',
    contact: { optIn: false },
  },
];

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  await server.app.accounts.createAccount(ANA);
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

/** Presses Tab until `target` has the focus (a keyboard user's way there). */
async function tabTo(page: Page, target: Locator, most = 60): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('never reached by Tab');
}

/** A participant tells the cards at an experience activity of the session. */
async function tell(session: CreatedSession, cards: ExperienceCardInput[]): Promise<void> {
  const facilitator = await connectFacilitator(server.url, session);
  sockets.push(facilitator);
  await facilitator.snapshot;
  const { activityId } = ok(
    await request(facilitator, 'agenda:insert', { index: 0, activity: { kind: 'experience', title: 'Cuéntanos una experiencia' } }),
  );
  ok(await request(facilitator, 'agenda:goto', { activityId }));
  const participant = await connect(server.url);
  sockets.push(participant);
  ok(await request(participant, 'session:join', { code: session.code }));
  for (const card of cards) ok(await request(participant, 'experience:save', { activityId, cardId: nanoid(), card }));
}

describe('the experience catalogue in the browser', () => {
  it('lists, filters, searches and shows a card in detail, by keyboard', async () => {
    const context = await desktopContext(browser, CONSOLE);
    contexts.push(context);
    await watchPolicyViolations(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/signin`);
    await page.getByTestId('signin-email').fill(ANA.email);
    await page.getByTestId('signin-password').fill(ANA.password);
    await page.getByTestId('signin-submit').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sessions');
    const session = await page.evaluate(async () => {
      const series = await (
        await fetch('/api/series', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'Bienestar 2026' }),
        })
      ).json();
      const response = await fetch('/api/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Sesión 1', template: 'bienestar-sesion-2', seriesId: (series as { id: string }).id }),
      });
      return (await response.json()) as CreatedSession;
    });
    await tell(session, CARDS);

    const link = page.getByTestId('workspace-experiences');
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/experiences');
    await expect.poll(() => page.getByTestId('catalogue-card').count()).toBe(3);
    expect(await page.getByTestId('catalogue-count').innerText()).toBe('3 experiencias');
    await expectCleanPage(page, 'experience catalogue');

    // Approach "Reactiva" by keyboard: the reactive card and the one that is both.
    await tabTo(page, page.getByTestId('catalogue-approach'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    // "Preventiva", passed on the way, lists two cards too: wait for the link, then count.
    await expect.poll(() => page.getByTestId('catalogue-csv').getAttribute('href')).toBe('/api/experiences.csv?approach=reactive');
    await expect.poll(() => page.getByTestId('catalogue-card').count()).toBe(2);

    // A search on top of it, submitted with Enter.
    await tabTo(page, page.getByTestId('catalogue-search'));
    await page.keyboard.type('derivar');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('catalogue-card').count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('catalogue-xlsx').getAttribute('href'))
      .toBe('/api/experiences.xlsx?approach=reactive&q=derivar');

    // The detail by keyboard: all fields and the contact (opted in), the focus on its heading.
    await tabTo(page, page.getByTestId('catalogue-card').getByRole('button'));
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('catalogue-detail');
    await detail.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    const text = await detail.innerText();
    for (const said of ['Plan IPS Conversa', '1.332 personas', 'abril de 2021', 'Contener primero', 'Sesión 1', 'Bienestar 2026'])
      expect(text).toContain(said);
    expect(await page.getByTestId('catalogue-contact').innerText()).toBe('Unidad de Calidad de Vida · calidaddevida@ips.gob.cl');
    await expectCleanPage(page, 'experience catalogue, detail');
    await page.screenshot({ path: `${shotsDir}experience-catalogue-detail.png`, fullPage: false });

    // Closing gives the focus back to the card; clearing shows all three, and one without contact says so.
    await tabTo(page, page.getByTestId('catalogue-close'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-card-key') ?? '')).not.toBe('');
    await page.getByTestId('catalogue-clear').click();
    await expect.poll(() => page.getByTestId('catalogue-card').count()).toBe(3);
    await page.getByRole('button', { name: 'Pausas activas guiadas' }).click();
    expect(await page.getByTestId('catalogue-contact').innerText()).toBe('Sin autorización para contactar.');
    await page.getByTestId('catalogue-close').click();
    await page.screenshot({ path: `${shotsDir}experience-catalogue.png`, fullPage: false });
  });
});
