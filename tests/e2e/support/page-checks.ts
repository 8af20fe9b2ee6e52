import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';

/** WCAG 2.2 AA, every level up to it (axe tags a rule by the version that introduced it). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Chromium's console reports of what a Content-Security-Policy blocked. */
const CSP_CONSOLE = /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i;
/** Per page: the console's CSP reports not yet checked. */
const consoleReports = new WeakMap<Page, string[]>();

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

declare global {
  interface Window {
    /** CSP violations the page saw since the last check (set by watchPolicyViolations). */
    __policyViolations?: Violation[];
  }
}

/**
 * Makes every page of the context keep its CSP violations, from the DOM's
 * `securitypolicyviolation` events and from the console, for checkPage. Call it before
 * opening the context's pages.
 */
export async function watchPolicyViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: Violation[] = [];
    window.__policyViolations = seen;
    document.addEventListener(
      'securitypolicyviolation',
      (event) =>
        seen.push({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          source: `${event.sourceFile}:${event.lineNumber}`,
          sample: event.sample,
        }),
      true,
    );
  });
  context.on('console', (message) => {
    const page = message.page();
    if (!page || !CSP_CONSOLE.test(message.text())) return;
    consoleReports.set(page, [...(consoleReports.get(page) ?? []), message.text()]);
  });
}

/** The page's CSP violations since the last check, as readable lines (the context must be watched). */
export async function policyViolations(page: Page): Promise<string[]> {
  const fromPage = await page.evaluate(() => (window.__policyViolations ?? []).splice(0));
  const fromConsole = consoleReports.get(page) ?? [];
  consoleReports.delete(page);
  return [
    ...fromPage.map((v) => `CSP ${v.directive} blocked ${v.blocked || '(inline)'} at ${v.source}${v.sample ? `: ${v.sample}` : ''}`),
    ...fromConsole.map((text) => `console: ${text}`),
  ];
}

function describeAxeViolation(violation: Result): string {
  const nodes = violation.nodes.slice(0, 5).map((node) => {
    const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim();
    return `    ${node.target.join(' ')}\n      ${node.html.slice(0, 160)}\n      ${summary}`;
  });
  const more = violation.nodes.length > 5 ? [`    … and ${violation.nodes.length - 5} more`] : [];
  return [`axe ${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help} — ${violation.helpUrl}`, ...nodes, ...more].join(
    '\n',
  );
}

/** Waits until CSS transitions and finite animations are over, so axe sees the final colours. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().iterations === Infinity),
  );
}

async function runAxe(page: Page): Promise<Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    WCAG_TAGS,
  );
  return results.violations;
}

/**
 * What is wrong with the page as it stands, as readable lines: CSP violations since the last
 * check (the context must be watched: watchPolicyViolations), then axe's WCAG 2.2 AA violations.
 * An empty list means clean. `label` names the screen and state in the report.
 */
export async function checkPage(page: Page, label: string): Promise<string[]> {
  await settle(page);
  const policy = await policyViolations(page);
  const axe = (await runAxe(page)).map(describeAxeViolation);
  return [...policy, ...axe].map((problem) => `[${label}] ${problem}`);
}

/** checkPage, failing the test with every problem listed. */
export async function expectCleanPage(page: Page, label: string): Promise<void> {
  const problems = await checkPage(page, label);
  if (problems.length > 0) throw new Error(`${problems.length} problem(s) on ${label}:\n${problems.join('\n')}`);
}
