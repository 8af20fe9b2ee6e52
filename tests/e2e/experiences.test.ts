import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectFacilitator,
  createSession,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from '../integration/support/server.ts';
import { formedSalas } from '../integration/support/salas.ts';
import { desktopContext, launchBrowser, phoneContext, PROJECTOR } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

/** Issue 16: an experience card written on a phone with the keyboard, shown on the console and the projected screen. */

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const AGENCIES = ['Instituto de Previsión Social', 'Servicio de Impuestos Internos'];

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

async function open(context: Promise<BrowserContext>): Promise<Page> {
  const made = await context;
  contexts.push(made);
  await watchPolicyViolations(made);
  return made.newPage();
}

const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);

describe('experience cards in the browser', () => {
  it('a phone writes a card by keyboard; the console shows it with the contact, the projector large and without it', async () => {
    const created = await createSession(server.url, { title: 'Bienestar psicológico — Sesión 2', template: 'blank', agencies: AGENCIES });
    const facilitator = await connectFacilitator(server.url, created);
    sockets.push(facilitator);
    await facilitator.snapshot;
    const { activityId } = ok(
      await request(facilitator, 'agenda:insert', {
        index: 0,
        activity: { kind: 'experience', title: '¿Qué están haciendo en su servicio?', body: 'Cuéntenlo en una tarjeta.' },
      }),
    );
    ok(await request(facilitator, 'agenda:goto', { activityId }));

    const consolePage = await open(desktopContext(browser, { width: 1440, height: 900 }));
    await consolePage.goto(local(created.facilitatorUrl));
    const presenter = await open(desktopContext(browser, PROJECTOR));
    await presenter.goto(local(created.presenterUrl));
    await presenter.getByTestId('experience-board').waitFor();
    await expectCleanPage(presenter, 'experience board, empty');

    const phone = await open(phoneContext(browser));
    await phone.goto(`${server.url}/j/${created.code}`);
    await phone.getByTestId('notice-accept').click();
    await phone.getByLabel(/De qué servicio vienes/).selectOption(AGENCIES[0]!);
    await phone.getByTestId('agency-accept').click();
    const add = phone.getByTestId('experience-add');
    await add.waitFor();
    await expectCleanPage(phone, 'experience activity on the phone');
    await add.focus();
    await phone.keyboard.press('Enter');

    // The agency said at join is there already; the name is typed; saving without axes or kind shows what to fix.
    const name = phone.getByLabel('Nombre de la iniciativa');
    await name.focus();
    await phone.keyboard.type('Plan IPS Conversa, Contiene y Cobija');
    await phone.getByTestId('experience-save').focus();
    await phone.keyboard.press('Enter');
    await expect
      .poll(() => phone.locator('.field-error').allInnerTexts())
      .toEqual(['Elige al menos un eje.', 'Elige el tipo de iniciativa.']);
    // The first field to fix has the focus.
    expect(await phone.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('checkbox');
    await expectCleanPage(phone, 'experience form with problems');
    await phone.keyboard.press('Space');
    await phone.getByLabel('Prestación de servicios').focus();
    await phone.keyboard.press('Space');
    await phone.getByLabel('Preventiva y reactiva').focus();
    await phone.keyboard.press('Space');
    await phone.getByLabel('Cantidad').focus();
    await phone.keyboard.type('1.332');
    await phone.keyboard.press('Tab');
    await phone.keyboard.type('personas');
    await phone.getByLabel('Año').focus();
    await phone.keyboard.type('2021');
    await phone.getByLabel('Aprendizaje (opcional)').focus();
    await phone.keyboard.type('Contener primero, derivar después.');
    await phone.getByTestId('experience-contact-opt-in').focus();
    await phone.keyboard.press('Space');
    await phone.getByLabel('Unidad de contacto').focus();
    await phone.keyboard.type('Unidad de Calidad de Vida');
    await phone.keyboard.press('Tab');
    await phone.keyboard.type('calidaddevida@ips.gob.cl');
    await phone.screenshot({ path: `${shotsDir}experience-form-390.png`, fullPage: true });
    await phone.keyboard.press('Enter');

    const card = phone.getByTestId('experience-card');
    await card.waitFor();
    expect(await card.innerText()).toContain('1.332 personas');
    expect(await card.textContent()).toContain('Instituto de Previsión Social');
    await expectCleanPage(phone, 'experience card on the phone');
    await phone.screenshot({ path: `${shotsDir}experience-phone-390.png`, fullPage: true });

    // The console: the card with its contact.
    const consoleCard = consolePage.getByTestId('experience-card');
    await consoleCard.waitFor();
    expect(await consoleCard.innerText()).toContain('calidaddevida@ips.gob.cl');
    await expectCleanPage(consolePage, 'experience console');
    await consolePage.screenshot({ path: `${shotsDir}experience-console-1440.png` });

    // The projector: large, on the screen, no contact.
    const projected = presenter.getByTestId('experience-card');
    await projected.waitFor();
    const text = await projected.innerText();
    expect(text).toContain('Plan IPS Conversa, Contiene y Cobija');
    expect(text).not.toContain('ips.gob.cl');
    const box = (await projected.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(PROJECTOR.height);
    const titleSize = await projected.locator('h3').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
    expect(titleSize).toBeGreaterThanOrEqual(32);
    await expectCleanPage(presenter, 'experience board with a card');
    await presenter.screenshot({ path: `${shotsDir}experience-presenter-1920.png` });
  }, 120_000);

  it('a sala in the plenary spotlight shows its secretary’s cards, large and without the contact', async () => {
    const r = await formedSalas(server.url, 10, (socket) => void sockets.push(socket));
    const sala = r.salas[0]!;
    expect(r.salas.length).toBeGreaterThan(1);
    const secretary = r.roles.secretary.get(sala.id)!;
    ok(
      await request(secretary.socket, 'experience:save', {
        activityId: r.synthesis.id,
        cardId: 'sala-card-1',
        salaId: sala.id,
        card: {
          agency: AGENCIES[0]!,
          name: 'Plan IPS Conversa, Contiene y Cobija',
          axes: ['promocion', 'servicios'],
          approach: 'both',
          reach: { count: 1332, unit: 'personas' },
          since: { year: 2021, month: 4 },
          lesson: 'Contener primero, derivar después.',
          contact: { optIn: true, unit: 'Unidad de Calidad de Vida', email: 'calidaddevida@ips.gob.cl' },
        },
      }),
    );
    ok(await request(r.facilitator, 'agenda:goto', { activityId: r.synthesis.id }));
    ok(await request(r.facilitator, 'synthesis:timer', { activityId: r.synthesis.id, action: 'start' }));
    ok(await request(r.facilitator, 'plenary:focus', { activityId: r.synthesis.id, fieldKey: null, spotlightSalaId: sala.id }));

    const presenter = await open(desktopContext(browser, PROJECTOR));
    await presenter.goto(local(r.session.presenterUrl));
    const spotlight = presenter.getByTestId('plenary-spotlight-card');
    await spotlight.waitFor();
    const cards = spotlight.getByTestId('plenary-sala-cards');
    await cards.waitFor();
    const text = await cards.innerText();
    expect(text).toContain('Plan IPS Conversa, Contiene y Cobija');
    expect(text).not.toContain('ips.gob.cl');
    const box = (await cards.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(PROJECTOR.height);
    await expectCleanPage(presenter, 'plenary spotlight with the sala’s card');
    await presenter.screenshot({ path: `${shotsDir}experience-spotlight-1920.png` });

    // Another sala in the spotlight has no card to show.
    ok(await request(r.facilitator, 'plenary:focus', { activityId: r.synthesis.id, fieldKey: null, spotlightSalaId: r.salas[1]!.id }));
    await expect.poll(() => spotlight.getAttribute('data-sala-id')).toBe(r.salas[1]!.id);
    expect(await spotlight.getByTestId('plenary-sala-cards').count()).toBe(0);
  }, 120_000);
});
