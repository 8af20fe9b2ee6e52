import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits.ts';
import { createSession, getSession, startServer, type TestServer } from '../integration/support/server.ts';
import { phoneContext, launchBrowser, SMALL_PHONE, PHONE } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // Behind one trusted proxy, so the test can guess from many addresses; the browser, sending no
  // X-Forwarded-For, is its own address.
  server = await startServer({ env: { CLIENT_DIR: clientDir, TRUST_PROXY: '1' } });
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });

/** Spends everyone's misses on codes no session has, from many addresses. */
async function engageBrake(code: string) {
  for (let miss = 0; miss < LIMITS.joinMissesBurst; miss++) {
    const guess = String((Number(code) + 1 + miss) % 1_000_000).padStart(6, '0');
    const forwardedFor = `10.8.${Math.floor(miss / LIMITS.joinMissesPerAddressPerHour)}.1`;
    const response = await fetch(`${server.url}/api/join/${guess}`, { headers: { 'x-forwarded-for': forwardedFor } });
    expect(response.status).toBe(404);
  }
}

async function phonePage(): Promise<Page> {
  const context = await phoneContext(browser);
  await watchPolicyViolations(context);
  return context.newPage();
}

describe('joining through the link or QR while someone guesses codes', () => {
  it('tells a phone that typed the code to use the QR, and lets the link’s phone in', async () => {
    const session = await createSession(server.url);
    await engageBrake(session.code);
    const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);

    // Typed (or a bare link): refused, with a note that says what works.
    const typed = await phonePage();
    await typed.goto(`${server.url}/j/${session.code}`);
    await typed.getByTestId('join-needs-link').waitFor();
    expect(await typed.getByTestId('join-needs-link').innerText()).toMatch(/QR/);
    await expectCleanPage(typed, 'join needs link, 390×844');
    await shot(typed, 'join-needs-link-390');
    await typed.setViewportSize(SMALL_PHONE);
    await expectCleanPage(typed, 'join needs link, 320×568');
    await shot(typed, 'join-needs-link-320');
    await typed.setViewportSize(PHONE);

    // Through the link: in, the key gone from the address bar but kept for rejoins.
    const linked = await phonePage();
    await linked.goto(local(session.joinUrl));
    await linked.getByTestId('notice-accept').click();
    await expect.poll(async () => (await getSession(server.url, session)).session.live.participantCount).toBe(1);
    expect(new URL(linked.url()).hash).toBe('');
    await linked.reload();
    await linked.locator('.who').waitFor();
    expect((await getSession(server.url, session)).session.live.participantCount).toBe(1);
    expect(await linked.content()).not.toContain(new URL(session.joinUrl).hash.slice(3));
  });
});
