import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgendaDocument, ChoiceActivity, CreatedSession } from '../../shared/types.ts';
import { createSession, getSession, startServer, tempDataDir, type TestServer } from '../integration/support/server.ts';
import { desktopContext, launchBrowser, phoneContext } from './support/browser.ts';
import { ACTIVITY_KINDS } from '../../client/src/lib/agenda-drafts.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });

async function desk(viewport?: { width: number; height: number }): Promise<BrowserContext> {
  const context = await desktopContext(browser, viewport);
  contexts.push(context);
  return context;
}

async function phone(): Promise<BrowserContext> {
  const context = await phoneContext(browser);
  contexts.push(context);
  return context;
}

const editorUrl = (session: CreatedSession) => `${server.url}/facilitate/${session.id}/agenda#token=${session.facilitatorToken}`;
const consoleUrl = (session: CreatedSession) => `${server.url}/facilitate/${session.id}#token=${session.facilitatorToken}`;

/** Whether the focused element is (or is inside) the element with that test id, or matches a selector. */
const focusedIn = (page: Page, target: string) =>
  page.evaluate((wanted) => {
    const active = document.activeElement;
    return wanted.includes('[') ? active?.matches(wanted) === true : active?.closest(`[data-testid="${wanted}"]`) != null;
  }, target);

/** The button that selects an activity in the editor's list (the list's one tab stop). */
const LIST_ITEM = '[data-testid="agenda-item"] > .item';

/** Moves focus with Tab (or Shift+Tab) until it reaches the element with that test id. */
async function tabTo(page: Page, testId: string, { backwards = false, max = 120 } = {}): Promise<void> {
  for (let presses = 0; presses < max; presses += 1) {
    if (await focusedIn(page, testId)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

async function waitFocused(page: Page, testId: string): Promise<void> {
  await expect.poll(() => focusedIn(page, testId)).toBe(true);
}

/** Everything typed has reached the server. */
async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('agenda-saved').getAttribute('data-state')).toBe('saved');
}

// The editor's own list, in its order: adding by keyboard steps through it.
const KINDS = ACTIVITY_KINDS;

/** Chooses a kind in the add menu with the arrow keys and adds it, with the keyboard only. */
async function addByKeyboard(page: Page, kind: (typeof KINDS)[number]): Promise<void> {
  await tabTo(page, 'agenda-add-kind', { backwards: true });
  const current = KINDS.indexOf((await page.getByTestId('agenda-add-kind').inputValue()) as (typeof KINDS)[number]);
  const steps = KINDS.indexOf(kind) - current;
  for (let i = 0; i < Math.abs(steps); i += 1) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
  expect(await page.getByTestId('agenda-add-kind').inputValue()).toBe(kind);
  await page.keyboard.press('Tab');
  await waitFocused(page, 'agenda-add');
  await page.keyboard.press('Enter');
  // The new activity is selected and its title focused, its text selected: typing replaces it.
  await waitFocused(page, 'field-title');
}

/** The activity of the list row that has focus. */
const focusedActivity = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-testid="agenda-item"]')?.getAttribute('data-activity-id') ?? null);

const itemIds = (page: Page) =>
  page.getByTestId('agenda-item').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-activity-id')));

async function joinByPhone(page: Page, code: string): Promise<void> {
  await page.goto(`${server.url}/j/${code}`);
  await page.getByTestId('notice-accept').click();
}

describe('the agenda editor', () => {
  it('builds a three-activity agenda with the keyboard only, then runs it with a phone', async () => {
    const session = await createSession(server.url, { title: 'Taller armado a mano', template: 'blank' });
    const page = await (await desk()).newPage();
    await page.goto(editorUrl(session));
    await page.getByTestId('agenda-editor').waitFor();
    await waitSaved(page);
    expect(await page.getByTestId('agenda-item').count()).toBe(0);

    // 1. A content slide with two bullets.
    await addByKeyboard(page, 'content');
    await page.keyboard.type('Bienvenida al taller');
    await tabTo(page, 'bullet-add');
    await page.keyboard.press('Enter');
    await waitFocused(page, 'bullet-input');
    await page.keyboard.type('Presentación del equipo');
    await page.keyboard.press('Enter'); // Enter adds the next point
    await page.keyboard.type('Acuerdos de conversación');
    await page.keyboard.press('Tab');
    await waitSaved(page);

    // 2. A choice question with three options (the list starts with two; Enter in the last adds one).
    await addByKeyboard(page, 'choice');
    await page.keyboard.type('¿Qué me ha pasado desde la primera sesión?');
    await tabTo(page, 'choice-option-input');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Nada');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Me quedé pensando');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Comencé a realizar algunas cosas');
    await page.keyboard.press('Tab');
    await waitSaved(page);
    expect(await page.getByTestId('choice-option-input').count()).toBe(3);

    // 3. A rating on the five axes (the default items).
    await addByKeyboard(page, 'rating');
    await page.keyboard.type('¿Cuánto hemos avanzado en cada eje?');
    await page.keyboard.press('Tab');
    await waitSaved(page);

    // Reorder with the keyboard: the list is one tab stop; Alt+↑ moves the selected activity.
    const [contentId, choiceId, ratingId] = (await itemIds(page)) as [string, string, string];
    await tabTo(page, LIST_ITEM, { backwards: true });
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => itemIds(page)).toEqual([contentId, ratingId, choiceId]);
    await waitFocused(page, LIST_ITEM); // focus follows the moved activity
    expect(await focusedActivity(page)).toBe(ratingId);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => itemIds(page)).toEqual([ratingId, contentId, choiceId]);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => itemIds(page)).toEqual([contentId, ratingId, choiceId]);
    await waitSaved(page);

    // ↓ selects the choice; its form and previews show.
    expect(await focusedActivity(page)).toBe(ratingId);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedActivity(page)).toBe(choiceId); // focus moves once the list has re-rendered
    await expect.poll(() => page.getByTestId('activity-form').getAttribute('data-activity-id')).toBe(choiceId);
    await page.waitForTimeout(500); // the preview chart's animation
    await shot(page, 'agenda-editor-1920');

    // Everything is on the server, in order.
    const { session: stored } = await getSession(server.url, session);
    expect(stored.agenda.map((a) => a.kind)).toEqual(['content', 'rating', 'choice']);
    expect(stored.agenda[0]).toMatchObject({
      title: 'Bienvenida al taller',
      bullets: [
        { text: 'Presentación del equipo', level: 0 },
        { text: 'Acuerdos de conversación', level: 0 },
      ],
    });
    expect(stored.agenda[1]).toMatchObject({
      kind: 'rating',
      title: '¿Cuánto hemos avanzado en cada eje?',
      items: [{ id: 'liderazgo' }, { id: 'normativo' }, { id: 'servicios' }, { id: 'promocion' }, { id: 'informacion' }],
    });
    const choice = stored.agenda[2] as ChoiceActivity;
    expect(choice).toMatchObject({ title: '¿Qué me ha pasado desde la primera sesión?', multiple: false });
    expect(choice.options.map((o) => o.label)).toEqual(['Nada', 'Me quedé pensando', 'Comencé a realizar algunas cosas']);

    // Run it: back to the console (keyboard), a phone joins and answers the choice.
    await tabTo(page, 'agenda-back', { backwards: true });
    await page.keyboard.press('Enter');
    await page.getByTestId('console-next').waitFor();
    const participant = await (await phone()).newPage();
    await joinByPhone(participant, stored.code);
    await page.locator(`[data-testid="console-agenda-item"][data-activity-id="${choiceId}"]`).click(); // showing a question opens its voting
    await participant.locator(`[data-testid="participant-activity"][data-activity-id="${choiceId}"]`).waitFor();
    const pensando = choice.options[1]!.id;
    await participant.locator(`[data-testid="choice-option"][data-option-id="${pensando}"]`).click();
    await participant.getByTestId('answer-send').click();
    await participant.getByTestId('answer-confirmed').waitFor();

    const after = await getSession(server.url, session);
    expect(after.session.agenda.map((a) => a.id)).toEqual([contentId, ratingId, choiceId]);
    expect(after.results[choiceId]).toMatchObject({ respondents: 1, counts: { [pensando]: 1 } });
  });

  it('edits during a live session reach the phone and the other windows at once, and answers are protected', async () => {
    const session = await createSession(server.url, { title: 'Sesión 2 en vivo', template: 'bienestar-sesion-2' });
    const { session: initial } = await getSession(server.url, session);
    const choice = initial.agenda.find((a): a is ChoiceActivity => a.kind === 'choice' && a.multiple)!;

    const facilitator = await desk();
    const consolePage = await facilitator.newPage();
    await consolePage.goto(consoleUrl(session));
    await consolePage.getByTestId('console-next').waitFor();
    const editor = await facilitator.newPage();
    await editor.goto(editorUrl(session));
    await waitSaved(editor);
    const otherEditor = await (await desk()).newPage();
    await otherEditor.goto(editorUrl(session));
    await waitSaved(otherEditor);

    // A phone is on the choice question, voting open, and chooses two options.
    const participant = await (await phone()).newPage();
    await joinByPhone(participant, initial.code);
    await consolePage.locator(`[data-testid="console-agenda-item"][data-activity-id="${choice.id}"]`).click();
    const onPhone = participant.locator(`[data-testid="participant-activity"][data-activity-id="${choice.id}"]`);
    await onPhone.waitFor();
    await participant.locator(`[data-testid="choice-option"][data-option-id="realizando"]`).click();
    await participant.locator(`[data-testid="choice-option"][data-option-id="pensando"]`).click();
    await participant.getByTestId('answer-send').click();
    await participant.getByTestId('answer-confirmed').waitFor();

    // The editor warns before editing an activity with answers.
    await editor.locator(`[data-testid="agenda-item"][data-activity-id="${choice.id}"] .item`).click();
    await editor.getByTestId('agenda-answered-warning').waitFor();
    expect(await editor.getByTestId('field-title').isDisabled()).toBe(true);
    await editor.getByTestId('agenda-edit-anyway').click();
    expect(await editor.getByTestId('field-title').isDisabled()).toBe(false);
    // An option with votes cannot be removed.
    const answeredRow = editor.locator('[data-testid="choice-option-input"][data-option-id="realizando"]').locator('xpath=..');
    expect(await answeredRow.locator('button').isDisabled()).toBe(true);

    // The title changes: the phone, the console and the other editor see it.
    const newTitle = '¿Qué te ha pasado desde la primera sesión?';
    await editor.getByTestId('field-title').fill(newTitle);
    await waitSaved(editor);
    await expect.poll(() => onPhone.innerText()).toContain(newTitle);
    await expect
      .poll(() => consolePage.locator(`[data-testid="console-agenda-item"][data-activity-id="${choice.id}"]`).innerText())
      .toContain(newTitle);
    await expect
      .poll(() => otherEditor.locator(`[data-testid="agenda-item"][data-activity-id="${choice.id}"]`).innerText())
      .toContain(newTitle);

    // A change that would corrupt the answers is refused, with the server's reason, and undone in the form.
    await editor.getByTestId('choice-single').click(); // refused and put back, so not .check()
    await editor.getByTestId('agenda-error').waitFor();
    expect(await editor.getByTestId('agenda-error').getAttribute('data-code')).toBe('INVALID_STATE');
    expect(await editor.getByTestId('agenda-error').innerText()).toContain('varias opciones');
    await expect.poll(() => editor.getByTestId('choice-multiple').isChecked()).toBe(true);
    const stored = await getSession(server.url, session);
    expect(stored.session.agenda.find((a) => a.id === choice.id)).toMatchObject({ multiple: true, title: newTitle });
    expect(stored.results[choice.id]).toMatchObject({ respondents: 1, counts: { realizando: 1, pensando: 1 } });

    // Delete (not the activity on screen) and undo, seen live in the other editor.
    const last = initial.agenda.at(-1)!;
    await otherEditor.locator(`[data-testid="agenda-item"][data-activity-id="${last.id}"] .item`).click();
    await otherEditor.getByTestId('agenda-delete').click();
    await expect.poll(() => editor.locator(`[data-testid="agenda-item"][data-activity-id="${last.id}"]`).count()).toBe(0);
    await otherEditor.getByTestId('agenda-undo').click();
    await expect.poll(() => editor.locator(`[data-testid="agenda-item"][data-activity-id="${last.id}"]`).count()).toBe(1);
    expect((await getSession(server.url, session)).session.agenda.map((a) => a.id)).toEqual(initial.agenda.map((a) => a.id));

    // The activity on screen cannot be deleted: the refusal is shown.
    await editor.locator(`[data-testid="agenda-item"][data-activity-id="${choice.id}"] .item`).click();
    await editor.getByTestId('agenda-delete').click();
    // The banner may still show the previous refusal until this one's answer arrives.
    await expect.poll(() => editor.getByTestId('agenda-error').innerText()).toContain('en pantalla');
  });

  it('exports the agenda, reports every problem of a bad file, and starts session 2 from session 1', async () => {
    const session = await createSession(server.url, { title: 'Bienestar — Sesión 1', template: 'bienestar-sesion-2' });
    const page = await (await desk({ width: 1280, height: 800 })).newPage();
    await page.goto(editorUrl(session));
    await waitSaved(page);
    const rating = (await getSession(server.url, session)).session.agenda.find((a) => a.kind === 'rating')!;
    await page.locator(`[data-testid="agenda-item"][data-activity-id="${rating.id}"] .item`).click();
    await page.waitForTimeout(500);
    await shot(page, 'agenda-editor-1280');

    // Export: a JSON file in the documented format.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('agenda-export').click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as AgendaDocument;
    expect(exported).toMatchObject({ format: 'plenario-agenda', version: 1 });
    expect(exported.activities).toHaveLength(11);

    // A broken file: every problem, with its place in the file.
    const broken = structuredClone(exported) as unknown as { version: number; activities: Array<Record<string, unknown>> };
    broken.version = 2;
    broken.activities[1]!.options = [];
    const dir = tempDataDir();
    const file = join(dir, 'agenda-rota.json');
    writeFileSync(file, JSON.stringify(broken));
    await page.getByTestId('agenda-import').setInputFiles(file);
    const errors = page.getByTestId('agenda-import-errors');
    await errors.waitFor();
    const text = await errors.innerText();
    expect(text).toContain('/version');
    expect(text).toContain('/activities/1/options');
    expect(text).not.toContain('/agenda/');
    await shot(page, 'agenda-editor-import-errors-1280');

    // Session 2 from session 1: a new session with the same agenda, and its console opens.
    await page.getByTestId('agenda-new-title').fill('Bienestar — Sesión 2');
    await page.getByTestId('agenda-new-session').click();
    await page.waitForURL((url) => url.pathname.startsWith('/facilitate/') && !url.pathname.includes(session.id));
    await page.getByTestId('console-next').waitFor();
    const url = new URL(page.url());
    const second: CreatedSession = {
      ...session,
      id: url.pathname.split('/').at(-1)!,
      facilitatorToken: new URLSearchParams(url.hash.slice(1)).get('token')!,
    };
    const { session: copy } = await getSession(server.url, second);
    expect(copy.title).toBe('Bienestar — Sesión 2');
    const strip = (agenda: typeof copy.agenda) => agenda.map(({ id: _id, ...rest }) => rest);
    expect(strip(copy.agenda)).toEqual(strip(exported.activities));

    // The console links to the editor of the new session, in the same tab.
    await page.getByTestId('console-edit-agenda').click();
    await page.getByTestId('agenda-editor').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/facilitate/${second.id}/agenda`);
    await waitSaved(page);
    expect(await page.getByTestId('agenda-item').count()).toBe(11);
  });
});
