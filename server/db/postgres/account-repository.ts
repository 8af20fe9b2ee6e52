import type { Account } from '../../../shared/accounts.ts';
import {
  ACCOUNT_COLUMNS,
  toAccount,
  type AccountIdentity,
  type AccountRepository,
  type AccountRow,
  type AuthSessionRecord,
} from '../account-repository.ts';
import type { Async } from '../async.ts';
import { atomically, type Queryable } from './queryable.ts';

/**
 * AccountRepository on PostgreSQL. Emails are compared without regard to case through
 * lower(email), which a unique index covers (SQLite: the column's COLLATE NOCASE).
 */
export class PgAccountRepository implements Async<AccountRepository> {
  constructor(private readonly db: Queryable) {}

  /**
   * False when the email (or id) is taken. ON CONFLICT DO NOTHING rather than catching 23505:
   * a failed statement would abort a surrounding transaction, where SQLite's only undoes itself.
   */
  async insert(account: Account, passwordHash: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO accounts (id, email, name, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [account.id, account.email, account.name, passwordHash, account.role, account.createdAt],
    );
    return rowCount === 1;
  }

  async findById(id: string): Promise<Account | null> {
    const { rows } = await this.db.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1`, [id]);
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async findByEmail(email: string): Promise<Account | null> {
    return (await this.findCredentials(email))?.account ?? null;
  }

  async findCredentials(email: string): Promise<{ account: Account; passwordHash: string } | null> {
    const { rows } = await this.db.query<AccountRow & { password_hash: string }>(
      `SELECT ${ACCOUNT_COLUMNS}, a.password_hash FROM accounts a WHERE lower(a.email) = lower($1)`,
      [email],
    );
    return rows[0] ? { account: toAccount(rows[0]), passwordHash: rows[0].password_hash } : null;
  }

  async list(): Promise<Account[]> {
    const { rows } = await this.db.query<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts a ORDER BY a.created_at, lower(a.email) COLLATE "C"`,
    );
    return rows.map(toAccount);
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM accounts');
    return rows[0]!.n;
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM accounts WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  async createAuthSession(session: AuthSessionRecord): Promise<void> {
    await this.db.query('INSERT INTO auth_sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      session.tokenHash,
      session.accountId,
      session.createdAt,
      session.expiresAt,
    ]);
  }

  async accountByTokenHash(tokenHash: string, now: number): Promise<Account | null> {
    const { rows } = await this.db.query<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM auth_sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [tokenHash, now],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async deleteAuthSession(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM auth_sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteExpiredAuthSessions(now: number): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM auth_sessions WHERE expires_at <= $1', [now]);
    return rowCount ?? 0;
  }

  async findByIdentity(identity: AccountIdentity): Promise<Account | null> {
    const { rows } = await this.db.query<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM account_identities i JOIN accounts a ON a.id = i.account_id WHERE i.issuer = $1 AND i.subject = $2`,
      [identity.issuer, identity.subject],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async linkIdentity(accountId: string, identity: AccountIdentity, at: number): Promise<void> {
    await this.db.query('INSERT INTO account_identities (issuer, subject, account_id, created_at) VALUES ($1, $2, $3, $4)', [
      identity.issuer,
      identity.subject,
      accountId,
      at,
    ]);
  }

  async insertWithIdentity(account: Account, passwordHash: string, identity: AccountIdentity): Promise<boolean> {
    return atomically(this.db, async (db) => {
      const accounts = new PgAccountRepository(db);
      if (!(await accounts.insert(account, passwordHash))) return false;
      await accounts.linkIdentity(account.id, identity, account.createdAt);
      return true;
    });
  }
}
