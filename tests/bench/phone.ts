/**
 * `npm run bench:phone`: a phone on a weak mobile link opens the join link of a live session in
 * Chromium, with DevTools' network emulation, and this prints what it cost (issue 20, see
 * docs/performance.md):
 *
 *   npm run bench:phone -- --runs 3 --json /tmp/phone.json
 *
 * For each profile (Slow 3G, Fast 3G) and run, a fresh browser context (empty cache):
 * 1. first visit: bytes over the wire, time to the consent notice, time to an answerable question
 *    (the notice accepted as soon as it shows);
 * 2. reload: asset bytes over the wire (0 when the cache serves them), time to the question, and
 *    time until an answer tapped then is acknowledged (the phone really back in the session);
 * 3. offline: an answer sent with no network (queued on the phone), then a reload with no network:
 *    does the page show the question and the queued answer? Back online, is the answer counted once?
 *
 * The server runs as `npm start` runs it (its bundle, NODE_ENV=production), with the built client.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { CreatedSession } from '../../shared/types.ts';
import { ensureServerBuilt } from '../../server/cli/build.ts';
import { choice } from '../unit/fixtures.ts';
import { startServerProcess, type ServerProcess } from '../integration/support/process.ts';
import { connectFacilitator, createSession, getSession, ok, request, type ClientSocket } from '../integration/support/server.ts';
import { launchBrowser, phoneContext } from '../e2e/support/browser.ts';

interface Profile {
  name: string;
  /** Bytes per second, as DevTools' Network.emulateNetworkConditions takes them. */
  download: number;
  upload: number;
  latencyMs: number;
}

/** DevTools' presets: Slow 3G ~400 kbit/s down, 400 ms; Fast 3G ~1.6 Mbit/s down, 150 ms. */
const PROFILES: Profile[] = [
  { name: 'Slow 3G', download: 50_000, upload: 50_000, latencyMs: 400 },
  { name: 'Fast 3G', download: 200_000, upload: 93_750, latencyMs: 150 },
];

interface RunFigures {
  firstBytes: number;
  noticeMs: number;
  questionMs: number;
  reloadAssetBytes: number;
  reloadBytes: number;
  reloadQuestionMs: number;
  reloadConfirmedMs: number;
  offlineQuestion: boolean;
  offlineQueuedAnswer: boolean;
  countedOnce: boolean;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** How long a step may take before the run calls it failed (a busy machine is slow, not wrong). */
const STEP_TIMEOUT_MS = 60_000;
/** How long an offline reload gets to show the question before it counts as "no". */
const OFFLINE_TIMEOUT_MS = 10_000;

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, json: { type: 'string' } },
});
const runs = Math.max(1, Number(values.runs));

/** Bytes received for each finished request (headers and body as sent, i.e. compressed). */
class WireMeter {
  #urls = new Map<string, string>();
  #bytes: { url: string; bytes: number }[] = [];

  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (event) => this.#urls.set(event.requestId, event.request.url));
    cdp.on('Network.loadingFinished', (event) =>
      this.#bytes.push({ url: this.#urls.get(event.requestId) ?? '', bytes: event.encodedDataLength }),
    );
  }

  reset(): void {
    this.#bytes = [];
  }

  total(filter: (url: string) => boolean = () => true): number {
    return this.#bytes.filter((entry) => filter(entry.url)).reduce((sum, entry) => sum + entry.bytes, 0);
  }
}

const isAsset = (url: string) => new URL(url).pathname.startsWith('/assets/');
const question = (page: Page) => page.locator('[data-testid="choice-option"]').first();
const answerStatus = (page: Page) => page.getByTestId('answer-status');

async function emulate(cdp: CDPSession, profile: Profile, offline = false): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', {
    offline,
    latency: profile.latencyMs,
    downloadThroughput: profile.download,
    uploadThroughput: profile.upload,
  });
}

const countOfB = async (server: ServerProcess, created: CreatedSession, activityId: string) =>
  ((await getSession(server.url, created)).results[activityId] as { counts: Record<string, number> }).counts.b ?? 0;

async function onePhone(context: BrowserContext, server: ServerProcess, created: CreatedSession, activityId: string, profile: Profile) {
  const before = await countOfB(server, created, activityId);
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const meter = new WireMeter(cdp);
  await emulate(cdp, profile);

  const start = performance.now();
  await page.goto(`${server.url}/j/${created.code}`, { waitUntil: 'commit' });
  await page.getByTestId('notice-accept').waitFor();
  const noticeMs = Math.round(performance.now() - start);
  await page.getByTestId('notice-accept').click();
  await question(page).waitFor();
  const questionMs = Math.round(performance.now() - start);
  const firstBytes = meter.total();

  meter.reset();
  const reloadStart = performance.now();
  await page.reload({ waitUntil: 'commit' });
  await question(page).waitFor();
  const reloadQuestionMs = Math.round(performance.now() - reloadStart);
  const reloadBytes = meter.total();
  const reloadAssetBytes = meter.total(isAsset);
  // The answer's acknowledgement says when the reloaded phone is really back in the session.
  await page.locator('[data-testid="choice-option"][data-option-id="a"]').click();
  await page.getByTestId('answer-send').click();
  await page.getByTestId('answer-confirmed').waitFor();
  const reloadConfirmedMs = Math.round(performance.now() - reloadStart);

  // No network: the answer waits on the phone; then the page is reloaded without network.
  await emulate(cdp, profile, true);
  await context.setOffline(true);
  await page.getByTestId('connection-banner').waitFor();
  await page.locator('[data-testid="choice-option"][data-option-id="b"]').click();
  await page.getByTestId('answer-send').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="answer-status"]')?.getAttribute('data-status') === 'queued');
  await page.reload({ waitUntil: 'commit' }).catch(() => undefined);
  const offlineQuestion = await question(page)
    .waitFor({ timeout: OFFLINE_TIMEOUT_MS })
    .then(() => true)
    .catch(() => false);
  const offlineQueuedAnswer =
    offlineQuestion &&
    (await answerStatus(page)
      .getAttribute('data-status', { timeout: OFFLINE_TIMEOUT_MS })
      .catch(() => null)) === 'queued';

  // Back online: the answer reaches the server once (a reload when the offline one showed an error page).
  await context.setOffline(false);
  await emulate(cdp, profile);
  if (!offlineQuestion) await page.reload();
  await page.getByTestId('answer-confirmed').waitFor();
  // Each run is a new person whose answer ends as b: the count of b grows by exactly one.
  const countedOnce = (await countOfB(server, created, activityId)) === before + 1;
  await page.close();
  return {
    firstBytes,
    noticeMs,
    questionMs,
    reloadAssetBytes,
    reloadBytes,
    reloadQuestionMs,
    reloadConfirmedMs,
    offlineQuestion,
    offlineQueuedAnswer,
    countedOnce,
  };
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const yesNo = (values: boolean[]) => (values.every(Boolean) ? 'yes' : values.some(Boolean) ? 'sometimes' : 'no');

async function main(): Promise<void> {
  await ensureServerBuilt();
  const dataDir = mkdtempSync(join(os.tmpdir(), 'plenario-bench-phone-'));
  const server = await startServerProcess(dataDir, { env: { NODE_ENV: 'production', CLIENT_DIR: join(repoRoot, 'client/dist') } });
  const browser = await launchBrowser();
  let facilitator: ClientSocket | null = null;
  try {
    const { id: _id, ...activity } = choice('uno', ['a', 'b', 'c']);
    const agenda = { format: 'plenario-agenda', version: 1, activities: [activity] };
    const created = await createSession(server.url, { title: 'Bienestar psicológico — Sesión 2', agenda });
    facilitator = await connectFacilitator(server.url, created);
    const activityId = (await getSession(server.url, created)).session.agenda[0]!.id;
    ok(await request(facilitator, 'agenda:goto', { activityId }));

    const report: Record<string, RunFigures[]> = {};
    for (const profile of PROFILES) {
      report[profile.name] = [];
      for (let run = 0; run < runs; run++) {
        // A new person each run (the count per person stays one), with an empty cache.
        const context = await phoneContext(browser);
        try {
          report[profile.name]!.push(await onePhone(context, server, created, activityId, profile));
        } finally {
          await context.close();
        }
      }
    }

    console.log(
      `\nThe phone on a weak link (${runs} run(s) each, medians; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)})\n`,
    );
    const rows: [string, (figures: RunFigures[]) => string][] = [
      ['first visit, bytes over the wire', (f) => kb(median(f.map((x) => x.firstBytes)))],
      ['first visit, consent notice', (f) => seconds(median(f.map((x) => x.noticeMs)))],
      ['first visit, answerable question', (f) => seconds(median(f.map((x) => x.questionMs)))],
      ['reload, asset bytes over the wire', (f) => kb(median(f.map((x) => x.reloadAssetBytes)))],
      ['reload, all bytes (page, API)', (f) => kb(median(f.map((x) => x.reloadBytes)))],
      ['reload, answerable question', (f) => seconds(median(f.map((x) => x.reloadQuestionMs)))],
      ['reload, an answer sent and acknowledged', (f) => seconds(median(f.map((x) => x.reloadConfirmedMs)))],
      ['offline reload shows the question', (f) => yesNo(f.map((x) => x.offlineQuestion))],
      ['offline reload shows the queued answer', (f) => yesNo(f.map((x) => x.offlineQueuedAnswer))],
      ['back online, answer counted once', (f) => yesNo(f.map((x) => x.countedOnce))],
    ];
    const names = PROFILES.map((p) => p.name);
    console.log(`| | ${names.join(' | ')} |\n|---|${names.map(() => '---').join('|')}|`);
    for (const [label, format] of rows) console.log(`| ${label} | ${names.map((n) => format(report[n]!)).join(' | ')} |`);
    if (values.json)
      writeFileSync(values.json, JSON.stringify({ machine: { cores: os.cpus().length, load: os.loadavg() }, runs: report }, null, 2));
  } finally {
    facilitator?.close();
    await browser.close();
    server.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
