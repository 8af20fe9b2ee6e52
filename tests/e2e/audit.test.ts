import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../integration/support/server.ts';
import { desktopContext, launchBrowser } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const CONSOLE = { width: 1440, height: 900 };

const ADMIN = { email: 'ana@serviciocivil.cl', name: 'Ana Pérez', password: 'contraseña-de-ana', role: 'admin' as const };
const FACILITATOR = { email: 'bea@serviciocivil.cl', name: 'Bea Soto', password: 'contraseña-de-bea', role: 'facilitator' as const };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  await server.app.accounts.createAccount(ADMIN);
  await server.app.accounts.createAccount(FACILITATOR);
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedInPage(email: string, password: string): Promise<Page> {
  const context = await desktopContext(browser, CONSOLE);
  await watchPolicyViolations(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/sessions');
  return page;
}

describe('the audit trail in the browser', () => {
  it('shows an administrator who did what, filters by action and account, pages, and links the CSV', async () => {
    // A failed sign-in, then 55 downloads by Bea: more than one page.
    await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: FACILITATOR.email, password: 'no-es-la-clave' }),
    });
    const bea = await signedInPage(FACILITATOR.email, FACILITATOR.password);
    const created = await bea.evaluate(async () => {
      const response = await fetch('/api/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Taller de bienestar', template: 'bienestar-sesion-2' }),
      });
      const { id } = (await response.json()) as { id: string };
      for (let i = 0; i < 55; i++) await fetch(`/api/sessions/${id}/report.json`);
      return id;
    });
    expect(created).toBeTruthy();

    const ana = await signedInPage(ADMIN.email, ADMIN.password);
    await ana.getByTestId('workspace-audit').click();
    await expect.poll(() => new URL(ana.url()).pathname).toBe('/admin/audit');
    const rows = ana.getByTestId('audit-list').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    // Newest first: Ana's own sign-in heads the list.
    await expect.poll(() => rows.first().textContent()).toContain('Inicio de sesión');
    expect(await rows.first().textContent()).toContain(ADMIN.email);
    await expect.poll(() => ana.getByTestId('audit-count').textContent()).toContain('página 1 de 2');
    await expectCleanPage(ana, 'audit trail, first page');
    await ana.screenshot({ path: `${shotsDir}audit-trail.png`, fullPage: false });

    await ana.getByTestId('audit-next').click();
    await expect.poll(() => ana.getByTestId('audit-count').textContent()).toContain('página 2 de 2');

    // The failed sign-in names Bea's account, never the password.
    await ana.getByTestId('audit-action').selectOption('sign-in.failed');
    await ana.getByTestId('audit-apply').click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(`Cuenta ${FACILITATOR.email}`);
    expect(await rows.first().textContent()).toContain('Desconocido');
    expect(await ana.getByTestId('audit-csv').getAttribute('href')).toBe('/api/audit.csv?action=sign-in.failed');

    // Bea's downloads only, from the keyboard: the account select, Tab to the button, Enter.
    await ana.getByTestId('audit-action').selectOption('report.downloaded');
    await ana.getByTestId('audit-account').focus();
    await ana.getByTestId('audit-account').selectOption({ label: `${FACILITATOR.name} (${FACILITATOR.email})` });
    await ana.keyboard.press('Tab');
    expect(await ana.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('audit-apply');
    await ana.keyboard.press('Enter');
    await expect.poll(() => ana.getByTestId('audit-count').textContent()).toContain('55 registros');
    expect(await rows.first().textContent()).toContain('Sesión «Taller de bienestar»');
    expect(await rows.first().textContent()).toContain('Formato JSON');
    await expectCleanPage(ana, 'audit trail, filtered');

    // The CSV link downloads the same selection.
    const csv = await ana.evaluate(async (href) => (await fetch(href)).text(), (await ana.getByTestId('audit-csv').getAttribute('href'))!);
    expect(csv.trim().split('\r\n')).toHaveLength(56);

    // A deleted session's title leaves the trail: the entry names it by id.
    await bea.evaluate(async (id) => fetch(`/api/sessions/${id}`, { method: 'DELETE' }), created);
    await ana.getByTestId('audit-action').selectOption('session.deleted');
    await ana.getByTestId('audit-apply').click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(`Sesión eliminada (${created})`);

    // A facilitator sees no link and gets a clear refusal.
    expect(await bea.getByTestId('workspace-audit').count()).toBe(0);
    await bea.goto(`${server.url}/admin/audit`);
    await expect
      .poll(() => bea.getByRole('alert').textContent())
      .toBe('Solo una cuenta de administración puede ver el registro de auditoría.');
    await expectCleanPage(bea, 'audit trail, refused');
    await bea.context().close();
    await ana.context().close();
  }, 60_000);
});
