import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT, startProvider, type TestProvider } from '../integration/support/oidc-provider.ts';
import { freePort } from '../integration/support/process.ts';
import { startServer, type TestServer } from '../integration/support/server.ts';
import { PHONE, desktopContext, launchBrowser, phoneContext } from './support/browser.ts';
import { expectCleanPage, watchPolicyViolations } from './support/page-checks.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const ADMIN = { email: 'irene@servicio.cl', name: 'Irene Admin', password: 'contraseña-de-irene', role: 'admin' as const };
const CONSOLE = { width: 1440, height: 900 };

let provider: TestProvider;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  provider = await startProvider(`${url}/api/auth/oidc/callback`, {
    ana: { email: 'ana.rojas@servicio.cl', email_verified: true, name: 'Ana Rojas' },
    pedro: { email: 'pedro@otra-institucion.cl', email_verified: true, name: 'Pedro' },
  });
  server = await startServer({
    port,
    env: {
      CLIENT_DIR: clientDir,
      PUBLIC_URL: url,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_NAME: 'Clave Institucional',
    },
  });
  await server.app.accounts.createAccount(ADMIN);
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await provider?.close();
});

/** Signs in with the provider's development login and consent pages, as `login`. */
async function signInWithProvider(page: Page, login: string): Promise<void> {
  await page.goto(`${server.url}/signin`);
  await page.getByTestId('signin-oidc').click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('cualquiera');
  await page.locator('button[type="submit"]').click();
  await page.locator('input[name="prompt"][value="consent"]').waitFor({ state: 'attached' });
  await page.locator('button[type="submit"]').click();
}

describe('sign-in with the identity provider in the browser', () => {
  it('an administrator allows a domain; someone from it signs in with the provider; someone else is told why not', async () => {
    const adminContext = await desktopContext(browser, CONSOLE);
    await watchPolicyViolations(adminContext);
    const admin = await adminContext.newPage();
    await admin.goto(`${server.url}/signin`);
    await expect.poll(() => admin.getByTestId('signin-oidc').textContent()).toBe('Ingresar con Clave Institucional');
    await expectCleanPage(admin, 'sign-in with a provider');
    await admin.screenshot({ path: `${shotsDir}signin-oidc.png`, fullPage: true });
    await admin.getByTestId('signin-email').fill(ADMIN.email);
    await admin.getByTestId('signin-password').fill(ADMIN.password);
    await admin.getByTestId('signin-submit').click();
    await expect.poll(() => new URL(admin.url()).pathname).toBe('/sessions');

    await admin.goto(`${server.url}/admin/accounts`);
    const panel = admin.getByTestId('allow-list');
    await expect.poll(() => panel.textContent()).toContain('La lista está vacía');
    await admin.getByTestId('allow-list-entry').fill('no es un dominio');
    await admin.getByTestId('allow-list-add').click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('Escribe un correo (ana@servicio.cl) o un dominio');
    await admin.getByTestId('allow-list-entry').fill('servicio.cl');
    await admin.getByTestId('allow-list-add').click();
    await expect.poll(() => panel.getByRole('list').textContent()).toContain('Todo el dominio servicio.cl');
    expect(await panel.getByRole('alert').count()).toBe(0);
    await expectCleanPage(admin, 'accounts with the allow-list');
    await admin.screenshot({ path: `${shotsDir}accounts-allow-list.png`, fullPage: true });

    const anaContext = await phoneContext(browser, { viewport: PHONE });
    const ana = await anaContext.newPage();
    await signInWithProvider(ana, 'ana');
    await expect.poll(() => new URL(ana.url()).pathname).toBe('/sessions');
    await ana.goto(`${server.url}/signin`);
    await expect.poll(() => ana.getByTestId('signin-already').textContent()).toContain('Ana Rojas');

    const pedroContext = await phoneContext(browser, { viewport: PHONE });
    await watchPolicyViolations(pedroContext);
    const pedro = await pedroContext.newPage();
    await signInWithProvider(pedro, 'pedro');
    await expect.poll(() => new URL(pedro.url()).search).toBe('?oidc=not-allowed');
    await expect
      .poll(() => pedro.getByTestId('signin-oidc-refused').textContent())
      .toBe(
        'Tu correo no está autorizado para facilitar en Plenario. Pide a quien administra Plenario que lo agregue a la lista de ingreso.',
      );
    await expectCleanPage(pedro, 'sign-in refused');
    await pedro.screenshot({ path: `${shotsDir}signin-oidc-refused.png`, fullPage: true });

    // The trail says who came in through the provider, and that someone was refused, without their email.
    await admin.goto(`${server.url}/admin/audit`);
    const rows = admin.getByTestId('audit-list').locator('tbody tr');
    await expect.poll(() => rows.first().textContent()).toContain('Con cuenta institucional: correo no autorizado');
    expect(await admin.getByTestId('audit-list').textContent()).not.toContain('otra-institucion');
    await expectCleanPage(admin, 'audit trail with provider sign-ins');
    await admin.screenshot({ path: `${shotsDir}audit-oidc.png`, fullPage: false });
    await Promise.all([adminContext.close(), anaContext.close(), pedroContext.close()]);
  });
});
