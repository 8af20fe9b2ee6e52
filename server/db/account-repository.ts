import type { Database } from 'better-sqlite3';
import type { Account, AccountRole } from '../../shared/accounts.ts';

/** A signed-in browser as stored: the SHA-256 of its cookie token, never the token. */
export interface AuthSessionRecord {
  tokenHash: string;
  accountId: string;
  createdAt: number;
  expiresAt: number;
}

/** The provider's person behind an account (sign-in with OpenID Connect). */
export interface AccountIdentity {
  issuer: string;
  subject: string;
}

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: AccountRole;
  created_at: number;
}

export function toAccount(row: AccountRow): Account {
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.created_at };
}

// The password hash is selected only where a sign-in needs it, so no other path can leak it.
export const ACCOUNT_COLUMNS = 'a.id, a.email, a.name, a.role, a.created_at';

/**
 * Accounts and their sign-in sessions (one aggregate: a session dies with its account).
 * Emails are matched without regard to case; the service stores them lower-cased anyway.
 */
export interface AccountRepository {
  /** Stores a new account; false when its email is already taken (checked by the database). */
  insert(account: Account, passwordHash: string): boolean;
  findById(id: string): Account | null;
  findByEmail(email: string): Account | null;
  /** The account and its password hash, for checking a sign-in. */
  findCredentials(email: string): { account: Account; passwordHash: string } | null;
  /** Every account, oldest first. */
  list(): Account[];
  count(): number;
  /** Removes an account, its sign-in sessions with it; false when there was none. */
  delete(id: string): boolean;
  createAuthSession(session: AuthSessionRecord): void;
  /** The account signed in with this token hash, unless the session has expired by `now`. */
  accountByTokenHash(tokenHash: string, now: number): Account | null;
  deleteAuthSession(tokenHash: string): void;
  /** Forgets sessions expired by `now`; returns how many. */
  deleteExpiredAuthSessions(now: number): number;
  /** The account linked to this identity, or null. */
  findByIdentity(identity: AccountIdentity): Account | null;
  /** Links an identity to an existing account. */
  linkIdentity(accountId: string, identity: AccountIdentity, at: number): void;
  /** Stores a new account and its identity together; false when the email is already taken. */
  insertWithIdentity(account: Account, passwordHash: string, identity: AccountIdentity): boolean;
}

/** Emails are matched without regard to case by the column's COLLATE NOCASE. */
export class SqliteAccountRepository implements AccountRepository {
  readonly #insert;
  readonly #byId;
  readonly #credentialsByEmail;
  readonly #list;
  readonly #count;
  readonly #delete;
  readonly #insertAuthSession;
  readonly #accountByTokenHash;
  readonly #deleteAuthSession;
  readonly #deleteExpired;
  readonly #insertIdentity;
  readonly #byIdentity;
  readonly #db;

  constructor(db: Database) {
    this.#db = db;
    this.#insert = db.prepare(
      'INSERT INTO accounts (id, email, name, password_hash, role, created_at) VALUES (@id, @email, @name, @passwordHash, @role, @createdAt)',
    );
    this.#byId = db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = ?`);
    this.#credentialsByEmail = db.prepare(`SELECT ${ACCOUNT_COLUMNS}, a.password_hash FROM accounts a WHERE a.email = ?`);
    this.#list = db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a ORDER BY a.created_at, a.email`);
    this.#count = db.prepare('SELECT COUNT(*) AS n FROM accounts');
    this.#delete = db.prepare('DELETE FROM accounts WHERE id = ?');
    this.#insertAuthSession = db.prepare(
      'INSERT INTO auth_sessions (token_hash, account_id, created_at, expires_at) VALUES (@tokenHash, @accountId, @createdAt, @expiresAt)',
    );
    this.#accountByTokenHash = db.prepare(
      `SELECT ${ACCOUNT_COLUMNS} FROM auth_sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ? AND s.expires_at > ?`,
    );
    this.#deleteAuthSession = db.prepare('DELETE FROM auth_sessions WHERE token_hash = ?');
    this.#deleteExpired = db.prepare('DELETE FROM auth_sessions WHERE expires_at <= ?');
    this.#insertIdentity = db.prepare(
      'INSERT INTO account_identities (issuer, subject, account_id, created_at) VALUES (@issuer, @subject, @accountId, @createdAt)',
    );
    this.#byIdentity = db.prepare(
      `SELECT ${ACCOUNT_COLUMNS} FROM account_identities i JOIN accounts a ON a.id = i.account_id WHERE i.issuer = ? AND i.subject = ?`,
    );
  }

  /** Stores a new account; false when its email is already taken (checked by the database). */
  insert(account: Account, passwordHash: string): boolean {
    try {
      this.#insert.run({ ...account, passwordHash });
      return true;
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
      throw error;
    }
  }

  findById(id: string): Account | null {
    const row = this.#byId.get(id) as AccountRow | undefined;
    return row ? toAccount(row) : null;
  }

  findByEmail(email: string): Account | null {
    return this.findCredentials(email)?.account ?? null;
  }

  /** The account and its password hash, for checking a sign-in. */
  findCredentials(email: string): { account: Account; passwordHash: string } | null {
    const row = this.#credentialsByEmail.get(email) as (AccountRow & { password_hash: string }) | undefined;
    return row ? { account: toAccount(row), passwordHash: row.password_hash } : null;
  }

  /** Every account, oldest first. */
  list(): Account[] {
    return (this.#list.all() as AccountRow[]).map(toAccount);
  }

  count(): number {
    return (this.#count.get() as { n: number }).n;
  }

  /** Removes an account, its sign-in sessions with it; false when there was none. */
  delete(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }

  createAuthSession(session: AuthSessionRecord): void {
    this.#insertAuthSession.run(session);
  }

  /** The account signed in with this token hash, unless the session has expired by `now`. */
  accountByTokenHash(tokenHash: string, now: number): Account | null {
    const row = this.#accountByTokenHash.get(tokenHash, now) as AccountRow | undefined;
    return row ? toAccount(row) : null;
  }

  deleteAuthSession(tokenHash: string): void {
    this.#deleteAuthSession.run(tokenHash);
  }

  /** Forgets sessions expired by `now`; returns how many. */
  deleteExpiredAuthSessions(now: number): number {
    return this.#deleteExpired.run(now).changes;
  }

  /** The account linked to this identity, or null. */
  findByIdentity(identity: AccountIdentity): Account | null {
    const row = this.#byIdentity.get(identity.issuer, identity.subject) as AccountRow | undefined;
    return row ? toAccount(row) : null;
  }

  /** Links an identity to an existing account. */
  linkIdentity(accountId: string, identity: AccountIdentity, at: number): void {
    this.#insertIdentity.run({ ...identity, accountId, createdAt: at });
  }

  /** Stores a new account and its identity together; false when the email is already taken. */
  insertWithIdentity(account: Account, passwordHash: string, identity: AccountIdentity): boolean {
    return this.#db.transaction(() => {
      if (!this.insert(account, passwordHash)) return false;
      this.linkIdentity(account.id, identity, account.createdAt);
      return true;
    })();
  }
}
