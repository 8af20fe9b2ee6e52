import { nanoid } from 'nanoid';
import { ACCOUNT_LIMITS, isValidEmail, normalizeEmail, passwordProblem, type Account, type AccountRole } from '../../shared/accounts.ts';
import { AppError, type ErrorBody } from '../../shared/errors.ts';
import type { Async } from '../db/async.ts';
import type { AccountIdentity, AccountRepository } from '../db/account-repository.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** A sign-in lasts a workshop day; after that the facilitator signs in again. */
export const AUTH_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** One message for an unknown email and a wrong password, so neither tells the other apart. */
export const SIGN_IN_FAILED_MESSAGE = 'El correo o la contraseña no son correctos.';

export interface NewAccount {
  email: string;
  name: string;
  password: string;
  role: AccountRole;
}

export interface SignedIn {
  /** Goes in the cookie; only its SHA-256 is stored. */
  token: string;
  account: Account;
  expiresAt: number;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** The password hash of an account made by signing in with the provider: no password matches it (migrations/0019). */
const NO_PASSWORD = 'oidc';

/**
 * Facilitator accounts: creation by an administrator (or the admin:create command), sign-in
 * with email and password, and the browser sessions that a cookie token stands for.
 */
export class AccountService {
  readonly #accounts: Async<AccountRepository>;
  readonly #now: () => number;
  readonly #newId: () => string;
  /** Once an account exists none is ever removed to zero (an administrator cannot remove themself), so true stays true. */
  #anyAccount = false;

  constructor(deps: { accounts: Async<AccountRepository>; now?: () => number; newId?: () => string }) {
    this.#accounts = deps.accounts;
    this.#now = deps.now ?? Date.now;
    this.#newId = deps.newId ?? (() => nanoid());
  }

  /**
   * Adds an account. Only administrators reach this, so saying that an email is taken reveals
   * nothing they could not see in the list.
   */
  async createAccount(input: NewAccount): Promise<Account> {
    const email = normalizeEmail(input.email);
    const name = input.name.trim();
    const details: NonNullable<ErrorBody['details']> = [];
    if (!isValidEmail(email)) details.push({ path: '/email', message: 'El correo no es válido.' });
    if (name.length === 0 || name.length > ACCOUNT_LIMITS.nameMax) {
      details.push({ path: '/name', message: `El nombre debe tener entre 1 y ${ACCOUNT_LIMITS.nameMax} caracteres.` });
    }
    const problem = passwordProblem(input.password);
    if (problem) {
      details.push({
        path: '/password',
        message:
          problem === 'tooShort'
            ? `La contraseña debe tener al menos ${ACCOUNT_LIMITS.passwordMin} caracteres.`
            : `La contraseña puede tener como máximo ${ACCOUNT_LIMITS.passwordMax} caracteres.`,
      });
    }
    if (input.role !== 'admin' && input.role !== 'facilitator')
      details.push({ path: '/role', message: 'El rol debe ser admin o facilitator.' });
    const first = details[0];
    if (first) throw new AppError('VALIDATION_FAILED', first.message, details);

    const taken = () =>
      new AppError('VALIDATION_FAILED', `Ya existe una cuenta con el correo ${email}.`, [
        { path: '/email', message: 'Ya existe una cuenta con ese correo.' },
      ]);
    // Checked before hashing (no need to spend scrypt on it) and again by the database's unique index.
    if (await this.#accounts.findByEmail(email)) throw taken();
    const passwordHash = await hashPassword(input.password);
    const account: Account = { id: this.#newId(), email, name, role: input.role, createdAt: this.#now() };
    if (!(await this.#accounts.insert(account, passwordHash))) throw taken();
    this.#anyAccount = true;
    return account;
  }

  /**
   * Checks email and password and opens a browser session. Every failure is the same
   * UNAUTHORIZED, and an unknown email costs one scrypt like a known one, so neither the answer
   * nor its timing tells whether the address has an account.
   */
  async signIn(email: string, password: string): Promise<SignedIn> {
    const credentials = await this.#accounts.findCredentials(normalizeEmail(email));
    const matches = credentials ? await verifyPassword(password, credentials.passwordHash) : await verifyAgainstDummy(password);
    // Read again after the wait: the account may have been removed meanwhile.
    const account = credentials && matches ? await this.#accounts.findById(credentials.account.id) : null;
    if (!account) throw new AppError('UNAUTHORIZED', SIGN_IN_FAILED_MESSAGE);
    return this.openSession(account);
  }

  /** Opens a browser session for an account whose sign-in was checked (password or provider). */
  async openSession(account: Account): Promise<SignedIn> {
    const now = this.#now();
    await this.#accounts.deleteExpiredAuthSessions(now);
    const token = newSecret();
    const expiresAt = now + AUTH_SESSION_TTL_MS;
    await this.#accounts.createAuthSession({ tokenHash: hashSecret(token), accountId: account.id, createdAt: now, expiresAt });
    return { token, account, expiresAt };
  }

  /** The account linked to the provider's identity, or null. */
  findByIdentity(identity: AccountIdentity): Promise<Account | null> {
    return this.#accounts.findByIdentity(identity);
  }

  /** Links an identity to an existing account (its first sign-in with the provider). */
  linkIdentity(account: Account, identity: AccountIdentity): Promise<void> {
    return this.#accounts.linkIdentity(account.id, identity, this.#now());
  }

  /**
   * A facilitator account made by a first sign-in with the provider (the caller checked the
   * allow-list), linked to its identity, without a password; null when the email was taken meanwhile.
   */
  async createFromIdentity(email: string, name: string, identity: AccountIdentity): Promise<Account | null> {
    const account: Account = { id: this.#newId(), email: normalizeEmail(email), name, role: 'facilitator', createdAt: this.#now() };
    if (!(await this.#accounts.insertWithIdentity(account, NO_PASSWORD, identity))) return null;
    this.#anyAccount = true;
    return account;
  }

  /** The account a cookie token stands for; null when unknown, expired or signed out. */
  async accountForToken(token: string | undefined | null): Promise<Account | null> {
    if (!token || !TOKEN_PATTERN.test(token)) return null;
    return this.#accounts.accountByTokenHash(hashSecret(token), this.#now());
  }

  /** Ends the browser session of this token (nothing happens if there is none). */
  async signOut(token: string | undefined | null): Promise<void> {
    if (!token || !TOKEN_PATTERN.test(token)) return;
    await this.#accounts.deleteAuthSession(hashSecret(token));
  }

  /** Every account, oldest first; never with password hashes. */
  list(): Promise<Account[]> {
    return this.#accounts.list();
  }

  find(id: string): Promise<Account | null> {
    return this.#accounts.findById(id);
  }

  /** The account with this email (any case, spaces around ignored), or null. */
  findByEmail(email: string): Promise<Account | null> {
    return this.#accounts.findByEmail(normalizeEmail(email));
  }

  /**
   * Whether sign-in is in use. Checked on every session creation: once true it is remembered
   * and costs nothing; while false it is a single indexed count, so an account made by the
   * admin:create command in another process is seen at once.
   */
  async hasAnyAccount(): Promise<boolean> {
    if (!this.#anyAccount) this.#anyAccount = (await this.#accounts.count()) > 0;
    return this.#anyAccount;
  }

  /**
   * Removes an account and signs it out everywhere. An administrator cannot remove themself.
   * `accounts`: a transaction's, when the removal is part of one (with its audit entry).
   */
  async removeAccount(id: string, by: Account, accounts: Async<AccountRepository> = this.#accounts): Promise<void> {
    if (id === by.id) throw new AppError('VALIDATION_FAILED', 'No puedes eliminar tu propia cuenta.');
    if (!(await accounts.delete(id))) throw new AppError('NOT_FOUND', 'Esa cuenta no existe.');
  }
}
