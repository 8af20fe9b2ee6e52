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
import { desktopContext, launchBrowser, phoneContext } from './support/browser.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: ClientSocket[] = [];
const dialogs: string[] = [];

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
const XSS = '<script>alert(1)</script><b onmouseover="alert(2)">negrita</b>';

async function page(context: Promise<BrowserContext>): Promise<Page> {
  const made = await context;
  contexts.push(made);
  const opened = await made.newPage();
  opened.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return opened;
}

const ANSWERS = [
  ['Escucha activa', 'Salud mental'],
  ['Salud mental en los equipos'],
  ['Contención', 'Escucha'],
  ['SALUD MENTAL', 'Autocuidado'],
  ['Autocuidado y pausas', 'Liderazgo empático'],
  ['Redes de apoyo'],
  ['Escucha', 'Confianza'],
  ['Pausas activas', 'Contención emocional'],
  ['Bienestar', 'Salud'],
  ['Confianza y cuidado'],
];

describe('open answers in the browser', () => {
  it('a phone sends several texts, the presenter shows the cloud and the list as text, the console hides an answer', async () => {
    const created = await createSession(server.url, { title: 'Palabras', template: 'blank' });
    const facilitator = await connectFacilitator(server.url, created);
    sockets.push(facilitator);
    const cloud = ok(
      await request(facilitator, 'agenda:insert', {
        index: 0,
        activity: {
          kind: 'open',
          title: '¿Con qué palabra asocias el bienestar en tu servicio?',
          maxLength: 80,
          maxPerPerson: 3,
          display: 'cloud',
        },
      }),
    );
    const list = ok(
      await request(facilitator, 'agenda:insert', {
        index: 1,
        activity: { kind: 'open', title: '¿Qué te llevas de hoy?', maxLength: 200, maxPerPerson: 1, display: 'list' },
      }),
    );

    const consolePage = await page(desktopContext(browser));
    await consolePage.goto(local(created.facilitatorUrl));
    const presenter = await page(desktopContext(browser));
    await presenter.goto(local(created.presenterUrl));
    await presenter.getByTestId('presenter-code').first().waitFor();

    const phone = await page(phoneContext(browser));
    await phone.goto(`${server.url}/j/${created.code}`);
    await phone.getByTestId('notice-accept').click();
    await phone.waitForFunction((c) => localStorage.getItem(`plenario:participant:${c}`) !== null, created.code);

    const people: ClientSocket[] = [];
    for (let i = 0; i < ANSWERS.length; i++) {
      const socket = await connect(server.url);
      sockets.push(socket);
      ok(await request(socket, 'session:join', { code: created.code }));
      people.push(socket);
    }

    // The cloud question: everyone answers, the phone with two texts (one of them markup).
    await consolePage.locator(`[data-testid="console-agenda-item"][data-activity-id="${cloud.activityId}"]`).click();
    for (const [i, socket] of people.entries()) {
      ok(
        await request(socket, 'answer:submit', {
          activityId: cloud.activityId,
          clientAnswerId: `cloud-answer-${i}`,
          value: { kind: 'open', texts: ANSWERS[i]! },
        }),
      );
    }
    await phone.getByTestId('open-input').first().fill('Salud mental');
    await phone.getByTestId('open-add').click();
    await phone.getByTestId('open-input').nth(1).fill(XSS.slice(0, 80));
    expect(await phone.getByTestId('participant-activity').innerText()).toMatch(/\d+ de 80/);
    await shot(phone, 'open-participant-390');
    await phone.getByTestId('open-send').click();
    await phone.getByTestId('answer-confirmed').waitFor();
    const stored = (await getSession(server.url, created)).results[cloud.activityId];
    expect(stored).toMatchObject({ kind: 'open', respondents: 11 });

    // On screen: the cloud, its words sized by their counts; "salud" counted across spellings.
    await consolePage.getByTestId('console-toggle-results').click();
    await presenter.getByTestId('word-cloud').waitFor();
    const words = await presenter.getByTestId('cloud-word').evaluateAll((items) =>
      items.map((item) => ({
        word: item.textContent ?? '',
        count: Number(item.getAttribute('data-count')),
        size: parseFloat(getComputedStyle(item).fontSize),
      })),
    );
    const salud = words.find((w) => w.word.toLowerCase() === 'salud')!;
    expect(salud.count).toBeGreaterThanOrEqual(5);
    const rare = words.find((w) => w.count === 1)!;
    expect(salud.size).toBeGreaterThan(rare.size * 2);
    expect(await presenter.locator('[data-testid="word-cloud"] script, [data-testid="word-cloud"] b').count()).toBe(0);
    await shot(presenter, 'word-cloud-1920');
    await shot(consolePage, 'open-console-1920');

    // The console hides the phone's markup answer: gone from the cloud's counts.
    const markup = consolePage.locator('[data-testid="open-answer"]', { hasText: '<script>' });
    await markup.getByTestId('open-hide').click();
    await expect
      .poll(
        async () =>
          (
            (await getSession(server.url, created)).results[cloud.activityId] as { answers: Array<{ text: string; hidden: boolean }> }
          ).answers.find((a) => a.text.includes('<script>'))?.hidden,
      )
      .toBe(true);
    await expect.poll(() => markup.getByTestId('open-hide').innerText()).toBe('Mostrar');

    // The list question: answers as text, the markup never run.
    await consolePage.locator(`[data-testid="console-agenda-item"][data-activity-id="${list.activityId}"]`).click();
    // Type only once the phone shows the new question, or its re-render would drop the text.
    await phone.locator(`[data-testid="participant-activity"][data-activity-id="${list.activityId}"]`).waitFor();
    await phone.getByTestId('open-input').first().fill(XSS);
    await phone.getByTestId('open-send').click();
    await phone.getByTestId('answer-confirmed').waitFor();
    ok(
      await request(people[0]!, 'answer:submit', {
        activityId: list.activityId,
        clientAnswerId: 'list-answer-0',
        value: { kind: 'open', texts: ['Ideas para cuidar a los equipos que atienden público.'] },
      }),
    );
    await consolePage.getByTestId('console-toggle-results').click();
    await expect.poll(() => presenter.getByTestId('open-answers').innerText()).toContain(XSS);
    expect(await presenter.locator('[data-testid="open-answers"] script, [data-testid="open-answers"] b').count()).toBe(0);
    await shot(presenter, 'open-list-1920');
    expect(dialogs).toEqual([]);
  });
});
