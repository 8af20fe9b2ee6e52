/**
 * The accounts screen (/admin/accounts), for administrators: every account, adding one (its
 * initial password shown once, to hand over) and removing one.
 */
import type { Account } from '../../../shared/accounts.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import { NewAccountForm } from './new-account-form.svelte.ts';
import { signedIn, type WorkspacePort } from './workspace-port.ts';

export type AccountsScreen =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'forbidden' }
  | { kind: 'failed'; code: UiErrorCode }
  | { kind: 'ready'; me: Account };

/** What the list says after a change. */
export type AccountsNotice = { kind: 'removed'; name: string };

export class AccountsPage {
  readonly #port: WorkspacePort;
  readonly form: NewAccountForm;
  #screen = $state.raw<AccountsScreen>({ kind: 'loading' });
  #accounts = $state.raw<Account[]>([]);
  #notice = $state.raw<AccountsNotice | null>(null);
  #listError = $state<UiErrorCode | null>(null);
  /** The account just added and its initial password, shown once to hand over. */
  #created = $state.raw<{ account: Account; password: string } | null>(null);
  #signingOut = $state(false);

  constructor(port: WorkspacePort) {
    this.#port = port;
    this.form = new NewAccountForm(port.accounts);
  }

  get screen(): AccountsScreen {
    return this.#screen;
  }

  get accounts(): readonly Account[] {
    return this.#accounts;
  }

  get notice(): AccountsNotice | null {
    return this.#notice;
  }

  get listError(): UiErrorCode | null {
    return this.#listError;
  }

  get created(): { account: Account; password: string } | null {
    return this.#created;
  }

  get signingOut(): boolean {
    return this.#signingOut;
  }

  load = async (): Promise<void> => {
    this.#screen = { kind: 'loading' };
    const who = await signedIn(this.#port);
    if (who.kind !== 'account') {
      this.#screen = who;
      return;
    }
    if (who.account.role !== 'admin') {
      this.#screen = { kind: 'forbidden' };
      return;
    }
    const list = await this.#port.accounts.listAccounts();
    if (!list.ok) {
      this.#refused(list.code);
      return;
    }
    this.#accounts = list.data;
    this.#screen = { kind: 'ready', me: who.account };
  };

  /** Sends the new account's form; the account joins the list and its password is shown once. */
  add = async (): Promise<void> => {
    if (this.form.valid && !this.form.submitting) this.#notice = null;
    const outcome = await this.form.submit();
    if (!outcome) return;
    if (!outcome.ok) {
      if (outcome.code === 'UNAUTHORIZED' || outcome.code === 'FORBIDDEN') this.#refused(outcome.code);
      return;
    }
    this.#accounts = [...this.#accounts, outcome.account];
    this.#created = { account: outcome.account, password: outcome.password };
  };

  /** Removes an account (already confirmed by the administrator); one already gone counts as removed. */
  remove = async (account: Account): Promise<void> => {
    this.#listError = null;
    this.#notice = null;
    const outcome = await this.#port.accounts.deleteAccount(account.id);
    if (!outcome.ok && outcome.code !== 'NOT_FOUND') {
      this.#listError = outcome.code;
      return;
    }
    this.#accounts = this.#accounts.filter((a) => a.id !== account.id);
    if (this.#created?.account.id === account.id) this.#created = null;
    this.#notice = { kind: 'removed', name: account.name };
  };

  signOut = async (): Promise<void> => {
    this.#signingOut = true;
    await this.#port.accounts.signOut();
    this.#signingOut = false;
    this.#port.navigate('/signin');
  };

  #refused = (code: UiErrorCode): void => {
    this.#screen =
      code === 'UNAUTHORIZED' ? { kind: 'signed-out' } : code === 'FORBIDDEN' ? { kind: 'forbidden' } : { kind: 'failed', code };
  };
}
