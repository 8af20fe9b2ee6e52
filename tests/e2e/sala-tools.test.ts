import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from '../../server/cli/build.ts';
import type { BreakoutActivity, CreatedSession, SynthesisActivity } from '../../shared/types.ts';
import { exited, freePort, startServerProcess, type ServerProcess } from '../integration/support/process.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  getSession,
  ok,
  request,
  tempDataDir,
  type ClientSocket,
} from '../integration/support/server.ts';
import { desktopContext, launchBrowser, phoneContext, SMALL_PHONE } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const CONSOLE = { width: 1440, height: 900 };

let proc: ServerProcess | null = null;
let port = 0;
const dataDir = tempDataDir();
let browser: Browser;
const contexts: BrowserContext[] = [];
let sockets: ClientSocket[] = [];

const start = async () => (proc = await startServerProcess(dataDir, { port, env: { CLIENT_DIR: clientDir } }));

beforeAll(async () => {
  await ensureServerBuilt();
  port = await freePort();
  await start();
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const context of contexts) await context.close();
  await browser?.close();
  proc?.child.kill('SIGKILL');
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });

async function page(context: Promise<BrowserContext>): Promise<Page> {
  const made = await context;
  await watchPolicyViolations(made);
  contexts.push(made);
  return made.newPage();
}

async function joinOnPhone(url: string, code: string, displayName: string): Promise<Page> {
  const phone = await page(phoneContext(browser));
  await phone.goto(`${url}/`);
  await phone.getByTestId('join-code').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await phone.getByTestId('join-submit').click();
  await phone.getByTestId('join-display-name').fill(displayName);
  await phone.getByTestId('notice-accept').click();
  await phone.waitForFunction((c) => localStorage.getItem(`plenario:participant:${c}`) !== null, code);
  return phone;
}

async function joinSocket(url: string, code: string, displayName: string): Promise<{ socket: ClientSocket; participantId: string }> {
  const socket = await connect(url);
  sockets.push(socket);
  const joined = ok(await request(socket, 'session:join', { code, displayName }));
  return { socket, participantId: joined.snapshot.participantId };
}

describe('the sala’s tools on the phone and the console', () => {
  it('notes during the conversation survive kill -9, members follow them, turns and a call reach everyone, the synthesis step submits', async () => {
    const url = proc!.url;
    const created: CreatedSession = await createSession(url, { title: 'Taller con notas', template: 'bienestar-sesion-2' });
    const { session } = await getSession(url, created);
    const breakout = session.agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
    const synthesis = session.agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
    let facilitator = await connectFacilitator(url, created);
    sockets.push(facilitator);

    const secretary = await joinOnPhone(url, created.code, 'Ana');
    const member = await joinOnPhone(url, created.code, 'Beto');
    const moderator = await joinOnPhone(url, created.code, 'Carla');
    const diego = await joinSocket(url, created.code, 'Diego');
    ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    expect(formed.salas).toHaveLength(1);
    const sala = formed.salas[0]!;
    await moderator.locator('[data-testid="role-claim"][data-role="moderator"]').click();
    await expect.poll(() => moderator.getByTestId('turns-queue').count()).toBe(0);
    await secretary.locator('[data-testid="role-claim"][data-role="secretary"]').click();
    ok(await request(facilitator, 'breakout:timer', { activityId: breakout.id, action: 'start' }));

    // The secretary's notebook: one question at a time, the guide question above the notes.
    const field = secretary.getByTestId('synthesis-field').first();
    await field.fill('Pausas activas cada mañana');
    await expect.poll(() => secretary.getByTestId('synthesis-status').getAttribute('data-version')).toBe('1');
    await expect.poll(() => secretary.getByTestId('synthesis-status').innerText()).toMatch(/Guardado (recién|hace \d+ s)/);
    await expect.poll(() => member.getByTestId('notebook-readonly').innerText()).toContain('Pausas activas cada mañana');
    await secretary.getByTestId('notebook-pick').nth(2).click();
    await expect.poll(() => secretary.getByTestId('synthesis-field').first().getAttribute('data-field-key')).toBe('apoyo');
    await secretary.getByTestId('synthesis-field').first().fill('Redes entre servicios');
    await expect.poll(() => secretary.getByTestId('synthesis-status').getAttribute('data-version')).toBe('2');
    await secretary.getByTestId('sala-notebook').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await shot(secretary, 'sala-notebook-390');
    await expectCleanPage(secretary, 'secretary notebook');
    await expectCleanPage(member, 'member following the notes');

    // Turns: hands in order, the floor from the moderator's phone, shown on every phone.
    await member.getByTestId('turns-raise').click();
    await expect.poll(() => member.getByTestId('turns-queue').innerText()).toContain('Beto');
    ok(await request(diego.socket, 'hand:raise', { activityId: breakout.id, salaId: sala.id }));
    await expect.poll(() => moderator.getByTestId('turns-queue').innerText()).toMatch(/Beto[\s\S]*Diego/);
    await moderator.getByTestId('sala-turns').scrollIntoViewIfNeeded();
    await shot(moderator, 'sala-turns-moderator-390');
    await expectCleanPage(moderator, 'moderator with a queue');
    await moderator.getByTestId('turns-give-next').click();
    await moderator.getByTestId('turns-timer-start').click();
    await expect.poll(() => secretary.getByTestId('turns-floor').innerText()).toContain('Beto');
    await expect.poll(() => member.getByTestId('turn-timer').isVisible()).toBe(true);
    const memberId = (await getSession(url, created)).turns[sala.id]!.floor!.participantId;
    await member.getByTestId('sala-turns').scrollIntoViewIfNeeded();
    await shot(member, 'sala-turns-member-390');
    await expectCleanPage(member, 'turns with the floor and a timer');

    // The secretary calls the facilitator: the console shows which sala, until acknowledged.
    await secretary.getByTestId('call-facilitator').click();
    await expect.poll(() => secretary.getByTestId('call-waiting').isVisible()).toBe(true);
    const console = await page(desktopContext(browser, CONSOLE));
    await console.goto(`${url}/facilitate/${created.id}#token=${created.facilitatorToken}`);
    await expect.poll(() => console.getByTestId('sala-call').innerText()).toContain(sala.name);
    await shot(console, 'console-sala-call');
    await expectCleanPage(console, 'console with a sala calling');
    await console.getByTestId('sala-call-ack').click();
    await expect.poll(() => console.getByTestId('sala-calls').count()).toBe(0);
    await expect.poll(() => secretary.getByTestId('call-facilitator').isVisible()).toBe(true);

    // kill -9 of the server: the notes, the queue and the floor are there after the restart.
    proc!.child.kill('SIGKILL');
    await exited(proc!.child);
    for (const socket of sockets) socket.close();
    sockets = [];
    await start();
    const after = (await getSession(url, created)).syntheses[synthesis.id]!;
    expect(after.salas[0]).toMatchObject({ version: 2 });
    expect(after.salas[0]!.content?.fields).toMatchObject({ experiencias: 'Pausas activas cada mañana', apoyo: 'Redes entre servicios' });
    expect((await getSession(url, created)).turns[sala.id]!.floor?.participantId).toBe(memberId);
    // The phones reconnect by themselves and show it all again.
    await expect.poll(() => member.getByTestId('notebook-readonly').innerText()).toContain('Redes entre servicios');
    await expect.poll(() => member.getByTestId('turns-floor').innerText()).toContain('Beto');

    // The small phone keeps the notebook usable.
    await expect.poll(() => secretary.getByTestId('connection-banner').count()).toBe(0);
    await secretary.setViewportSize(SMALL_PHONE);
    await secretary.getByTestId('notebook-pick').first().click();
    await secretary.getByTestId('sala-notebook').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await shot(secretary, 'sala-notebook-320');
    await expectCleanPage(secretary, 'secretary notebook at 320');

    // The 5-minute step finishes and submits the same document.
    facilitator = await connectFacilitator(url, created);
    sockets.push(facilitator);
    ok(await request(facilitator, 'agenda:goto', { activityId: synthesis.id }));
    // On the synthesis screen before its step, the members go on following the notes live.
    await expect.poll(() => member.getByTestId('synthesis-readonly').innerText()).toContain('Redes entre servicios');
    expect(await member.getByTestId('synthesis-sala').innerText()).toContain('toma estas notas en vivo');
    await secretary.getByTestId('notebook-pick').nth(2).click();
    await expect.poll(() => secretary.getByTestId('synthesis-field').first().getAttribute('data-field-key')).toBe('apoyo');
    await secretary.getByTestId('synthesis-field').first().fill('Redes entre servicios públicos');
    await expect.poll(() => member.getByTestId('synthesis-readonly').innerText()).toContain('Redes entre servicios públicos');
    await shot(member, 'synthesis-pending-member-390');
    await expectCleanPage(member, 'member following the notes before the synthesis step');
    ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'start' }));
    await expect.poll(() => secretary.getByTestId('synthesis-submit').isEnabled()).toBe(true);
    await secretary.getByTestId('synthesis-submit').click();
    await expect.poll(async () => (await getSession(url, created)).syntheses[synthesis.id]!.salas[0]!.submittedAt).not.toBeNull();
    const submitted = (await getSession(url, created)).syntheses[synthesis.id]!.salas[0]!;
    expect(submitted.content?.fields.experiencias).toBe('Pausas activas cada mañana');
  });
});
