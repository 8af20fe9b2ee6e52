import type { AuditEntry, NewAuditEntry } from '../../../shared/audit.ts';
import type { AuditFilter } from '../../domain/audit.ts';
import type { Async } from '../async.ts';
import { toEntry, type AuditRepository, type AuditRow } from '../audit-repository.ts';
import type { Queryable } from './queryable.ts';

// Each filter is optional: a null parameter ($1 action, $2 account) matches every row.
const WHERE = 'WHERE ($1::text IS NULL OR action = $1) AND ($2::text IS NULL OR actor_account_id = $2)';
const filterValues = (filter: AuditFilter) => [filter.action ?? null, filter.accountId ?? null];

/** AuditRepository on PostgreSQL (entries numbered by an identity column where SQLite uses rowid). */
export class PgAuditRepository implements Async<AuditRepository> {
  constructor(private readonly db: Queryable) {}

  async insert(entry: NewAuditEntry, at: number): Promise<void> {
    const { actor, target } = entry;
    await this.db.query(
      `INSERT INTO audit_entries (at, action, actor_kind, actor_account_id, actor_email, target_kind, target_id, target_label,
         target_owner_account_id, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        at,
        entry.action,
        actor.kind,
        actor.kind === 'account' ? actor.accountId : null,
        actor.kind === 'account' ? actor.email : null,
        target?.kind ?? null,
        target?.id ?? null,
        target?.label ?? null,
        target?.ownerAccountId ?? null,
        JSON.stringify(entry.detail),
      ],
    );
  }

  async list(filter: AuditFilter, offset: number, limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<AuditRow>(`SELECT * FROM audit_entries ${WHERE} ORDER BY at DESC, id DESC LIMIT $3 OFFSET $4`, [
      ...filterValues(filter),
      limit,
      offset,
    ]);
    return rows.map(toEntry);
  }

  async count(filter: AuditFilter): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_entries ${WHERE}`, filterValues(filter));
    return rows[0]!.n;
  }

  async deleteBefore(at: number): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM audit_entries WHERE at < $1', [at]);
    return rowCount ?? 0;
  }

  async forgetSessionLabel(sessionId: string): Promise<void> {
    await this.db.query("UPDATE audit_entries SET target_label = '' WHERE target_kind = 'session' AND target_id = $1", [sessionId]);
  }
}
