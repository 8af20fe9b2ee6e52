/**
 * An administrator's form for a new account: name, email, role and an initial password (typed
 * or generated), checked as the server checks them. Problems show once a send was tried.
 */
import { isValidEmail, normalizeEmail, passwordProblem, type Account, type AccountRole } from '../../../shared/accounts.ts';
import { generatePassword } from './account.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import type { AccountApi } from './workspace-port.ts';

/** Why the server refused the account; `emailTaken` when another account has that address. */
export type NewAccountError = { code: UiErrorCode; emailTaken: boolean };

export class NewAccountForm {
  readonly #api: AccountApi;
  #name = $state('');
  #email = $state('');
  #role = $state<AccountRole>('facilitator');
  #password = $state('');
  #showPassword = $state(false);
  #submitting = $state(false);
  /** Shown once tried, so an empty form does not start out red. */
  #tried = $state(false);
  #error = $state.raw<NewAccountError | null>(null);
  #emailValid = $derived(isValidEmail(normalizeEmail(this.#email)));
  #passwordProblem = $derived(passwordProblem(this.#password));

  constructor(api: AccountApi) {
    this.#api = api;
  }

  get name(): string {
    return this.#name;
  }
  set name(value: string) {
    this.#name = value;
  }
  get email(): string {
    return this.#email;
  }
  set email(value: string) {
    this.#email = value;
  }
  get role(): AccountRole {
    return this.#role;
  }
  set role(value: AccountRole) {
    this.#role = value;
  }
  get password(): string {
    return this.#password;
  }
  set password(value: string) {
    this.#password = value;
  }
  get showPassword(): boolean {
    return this.#showPassword;
  }
  set showPassword(value: boolean) {
    this.#showPassword = value;
  }

  get submitting(): boolean {
    return this.#submitting;
  }

  get tried(): boolean {
    return this.#tried;
  }

  get emailValid(): boolean {
    return this.#emailValid;
  }

  get passwordProblem(): 'tooShort' | 'tooLong' | null {
    return this.#passwordProblem;
  }

  get valid(): boolean {
    return this.#name.trim().length > 0 && this.#emailValid && this.#passwordProblem === null;
  }

  get error(): NewAccountError | null {
    return this.#error;
  }

  /** A generated password, shown so it can be handed over. */
  generate = (): void => {
    this.#password = generatePassword();
    this.#showPassword = true;
  };

  /**
   * Sends the account. The outcome, with the password sent (it is shown once, to hand over);
   * null when the form is not valid or already sending. The form empties on success.
   */
  submit = async (): Promise<{ ok: true; account: Account; password: string } | { ok: false; code: UiErrorCode } | null> => {
    this.#tried = true;
    if (!this.valid || this.#submitting) return null;
    this.#submitting = true;
    this.#error = null;
    const password = this.#password;
    const outcome = await this.#api.createAccount({
      name: this.#name.trim(),
      email: normalizeEmail(this.#email),
      role: this.#role,
      password,
    });
    this.#submitting = false;
    if (!outcome.ok) {
      this.#error = { code: outcome.code, emailTaken: outcome.code === 'VALIDATION_FAILED' && outcome.field === 'email' };
      return { ok: false, code: outcome.code };
    }
    this.#name = '';
    this.#email = '';
    this.#password = '';
    this.#role = 'facilitator';
    this.#showPassword = false;
    this.#tried = false;
    return { ok: true, account: outcome.data, password };
  };
}
