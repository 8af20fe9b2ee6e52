import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../integration/support/server.ts';
import { desktopContext, launchBrowser } from './support/browser.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const ADMIN = { email: 'ana@serviciocivil.cl', name: 'Ana Pérez', password: 'contraseña-de-ana', role: 'admin' as const };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  await server.app.accounts.createAccount(ADMIN);
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}${name}.png`, fullPage: true });

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/signin`);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

describe('accounts in the browser', () => {
  it('refuses a wrong password with one clear message, then signs the administrator in', async () => {
    const page = await (await desktopContext(browser, { width: 1280, height: 900 })).newPage();
    await signIn(page, ADMIN.email, 'no-es-la-contraseña');
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toBe('El correo o la contraseña no son correctos.');
    await shot(page, 'signin-error');
    await page.getByTestId('signin-password').fill(ADMIN.password);
    await page.getByTestId('signin-submit').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sessions');
    // The cookie is httpOnly: the page's scripts cannot read it.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.context().close();
  });

  it('lets the administrator add a facilitator with a generated password, who can then sign in', async () => {
    const admin = await (await desktopContext(browser, { width: 1280, height: 900 })).newPage();
    await signIn(admin, ADMIN.email, ADMIN.password);
    await expect.poll(() => new URL(admin.url()).pathname).toBe('/sessions');
    await admin.goto(`${server.url}/admin/accounts`);
    await admin.getByTestId('account-name').fill('Bea Soto');
    await admin.getByTestId('account-email').fill('bea@serviciocivil.cl');
    await admin.getByTestId('account-generate').click();
    const generated = await admin.getByTestId('account-password').inputValue();
    expect(generated).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    await admin.getByTestId('account-submit').click();
    await expect.poll(() => admin.getByTestId('account-created-password').textContent()).toBe(generated);
    await expect.poll(() => admin.getByTestId('account-list').textContent()).toContain('bea@serviciocivil.cl');
    await shot(admin, 'accounts-admin');

    // The same email again: the form says it is taken.
    await admin.getByTestId('account-name').fill('Otra Bea');
    await admin.getByTestId('account-email').fill('BEA@serviciocivil.cl');
    await admin.getByTestId('account-password').fill('otra-contraseña-larga');
    await admin.getByTestId('account-submit').click();
    await expect.poll(() => admin.getByTestId('account-error').textContent()).toBe('Ya existe una cuenta con ese correo.');

    const facilitator = await (await desktopContext(browser, { width: 1280, height: 900 })).newPage();
    await signIn(facilitator, 'bea@serviciocivil.cl', generated);
    await expect.poll(() => new URL(facilitator.url()).pathname).toBe('/sessions');
    // A facilitator is not an administrator.
    await facilitator.goto(`${server.url}/admin/accounts`);
    await expect
      .poll(() => facilitator.getByRole('alert').textContent())
      .toBe('Solo una cuenta de administración puede gestionar las cuentas.');
    await facilitator.context().close();
    await admin.context().close();
  });

  it('signs out from the accounts screen, after which the screen asks to sign in', async () => {
    const page = await (await desktopContext(browser, { width: 1280, height: 900 })).newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sessions');
    await page.goto(`${server.url}/admin/accounts`);
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/signin');
    await page.goto(`${server.url}/admin/accounts`);
    await expect.poll(() => page.getByText('Inicia sesión con una cuenta de administración para ver esta página.').count()).toBe(1);
    await page.context().close();
  });
});
