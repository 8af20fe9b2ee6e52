import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMITS } from '../../../shared/accounts.ts';
import { AccountsPage } from '../../../client/src/lib/accounts-page.svelte.ts';
import { ADMIN, FACILITATOR, fakePort, refused } from './workspace-fakes.ts';

async function loaded(start: Parameters<typeof fakePort>[0] = {}) {
  const fake = fakePort({ accounts: [ADMIN, FACILITATOR], ...start });
  const page = new AccountsPage(fake.port);
  await page.load();
  return { ...fake, page };
}

function fill(page: AccountsPage, email = 'carla@serviciocivil.cl') {
  page.form.name = ' Carla Ruiz ';
  page.form.email = ` ${email.toUpperCase()} `;
  page.form.password = 'una-contraseña-larga';
}

describe('AccountsPage.load', () => {
  it('lists the accounts for an administrator', async () => {
    const { page } = await loaded();
    expect(page.screen).toEqual({ kind: 'ready', me: ADMIN });
    expect(page.accounts).toEqual([ADMIN, FACILITATOR]);
  });

  it('asks to sign in, refuses a facilitator, and keeps other failures to retry', async () => {
    expect((await loaded({ me: null })).page.screen).toEqual({ kind: 'signed-out' });
    const facilitator = await loaded({ me: FACILITATOR });
    expect(facilitator.page.screen).toEqual({ kind: 'forbidden' });
    expect(facilitator.accounts.listAccounts).not.toHaveBeenCalled();
    for (const [code, screen] of [
      ['UNAUTHORIZED', { kind: 'signed-out' }],
      ['FORBIDDEN', { kind: 'forbidden' }],
      ['OFFLINE', { kind: 'failed', code: 'OFFLINE' }],
    ] as const) {
      const fake = fakePort();
      fake.accounts.listAccounts.mockResolvedValueOnce(refused(code));
      const page = new AccountsPage(fake.port);
      await page.load();
      expect(page.screen, code).toEqual(screen);
    }
  });
});

describe('adding an account', () => {
  it('checks the form only once a send was tried, and sends nothing invalid', async () => {
    const { page, accounts } = await loaded();
    expect(page.form.tried).toBe(false);
    page.form.name = 'Carla';
    page.form.email = 'carla@';
    page.form.password = 'corta';
    await page.add();
    expect(page.form.tried).toBe(true);
    expect(page.form.emailValid).toBe(false);
    expect(page.form.passwordProblem).toBe('tooShort');
    page.form.password = 'x'.repeat(ACCOUNT_LIMITS.passwordMax + 1);
    expect(page.form.passwordProblem).toBe('tooLong');
    expect(accounts.createAccount).not.toHaveBeenCalled();
  });

  it('adds it to the list, shows its password once, and empties the form', async () => {
    const { page, accounts } = await loaded();
    fill(page);
    page.form.role = 'admin';
    page.form.showPassword = true;
    await page.add();
    expect(accounts.createAccount).toHaveBeenCalledWith({
      name: 'Carla Ruiz',
      email: 'carla@serviciocivil.cl',
      role: 'admin',
      password: 'una-contraseña-larga',
    });
    expect(page.accounts.map((a) => a.email)).toEqual([ADMIN.email, FACILITATOR.email, 'carla@serviciocivil.cl']);
    expect(page.created).toEqual({ account: expect.objectContaining({ name: 'Carla Ruiz' }), password: 'una-contraseña-larga' });
    expect([page.form.name, page.form.email, page.form.password, page.form.role, page.form.showPassword, page.form.tried]).toEqual([
      '',
      '',
      '',
      'facilitator',
      false,
      false,
    ]);
  });

  it('says when the email is taken, and goes to the sign-in screen when the sign-in expired', async () => {
    const { page, accounts } = await loaded();
    accounts.createAccount
      .mockResolvedValueOnce(refused('VALIDATION_FAILED', 'email'))
      .mockResolvedValueOnce(refused('VALIDATION_FAILED', 'name'));
    fill(page);
    await page.add();
    expect(page.form.error).toEqual({ code: 'VALIDATION_FAILED', emailTaken: true });
    expect(page.form.name).toBe(' Carla Ruiz ');
    await page.add();
    expect(page.form.error).toEqual({ code: 'VALIDATION_FAILED', emailTaken: false });
    accounts.createAccount.mockResolvedValueOnce(refused('UNAUTHORIZED'));
    await page.add();
    expect(page.screen).toEqual({ kind: 'signed-out' });
  });

  it('generates a password that can be dictated, and shows it', async () => {
    const { page } = await loaded();
    page.form.generate();
    expect(page.form.password).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    expect(page.form.showPassword).toBe(true);
    expect(page.form.passwordProblem).toBeNull();
  });
});

describe('removing an account', () => {
  it('takes it off the list and says so; one already gone counts as removed', async () => {
    const { page, accounts } = await loaded();
    await page.remove(FACILITATOR);
    expect(accounts.deleteAccount).toHaveBeenCalledWith(FACILITATOR.id);
    expect(page.accounts).toEqual([ADMIN]);
    expect(page.notice).toEqual({ kind: 'removed', name: FACILITATOR.name });

    const again = await loaded();
    again.accounts.deleteAccount.mockResolvedValueOnce(refused('NOT_FOUND'));
    await again.page.remove(FACILITATOR);
    expect(again.page.accounts).toEqual([ADMIN]);
  });

  it('forgets the password shown of an account it removes', async () => {
    const { page } = await loaded();
    fill(page);
    await page.add();
    const added = page.created!.account;
    await page.remove(added);
    expect(page.created).toBeNull();
  });

  it('keeps the list and says why when the server refuses', async () => {
    const { page, accounts } = await loaded();
    accounts.deleteAccount.mockResolvedValueOnce(refused('VALIDATION_FAILED'));
    await page.remove(FACILITATOR);
    expect(page.listError).toBe('VALIDATION_FAILED');
    expect(page.accounts).toEqual([ADMIN, FACILITATOR]);
    expect(page.notice).toBeNull();
  });
});

it('signs out and goes to the sign-in screen', async () => {
  const { page, accounts, navigations } = await loaded();
  await page.signOut();
  expect(accounts.signOut).toHaveBeenCalledTimes(1);
  expect(page.signingOut).toBe(false);
  expect(navigations).toEqual([{ href: '/signin', replace: false }]);
});
