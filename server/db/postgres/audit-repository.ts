import type { AuditActor, AuditEntry, NewAuditEntry } from '../../../shared/audit.ts';
import type { AuditFilter } from '../../domain/audit.ts';
import type { Async } from '../async.ts';
import type { AuditRepository } from '../audit-repository.ts';
import type { Queryable } from './queryable.ts';

interface AuditRow {
  id: number;
  at: number;
  action: AuditEntry['action'];
  actor_kind: AuditActor['kind'];
  actor_account_id: string | null;
  actor_email: string | null;
  target_kind: NonNullable<AuditEntry['target']>['kind'] | null;
  target_id: string | null;
  target_label: string | null;
  target_owner_account_id: string | null;
  detail: string;
}

const toActor = (row: AuditRow): AuditActor =>
  row.actor_kind === 'account'
    ? { kind: 'account', accountId: row.actor_account_id ?? '', email: row.actor_email ?? '' }
    : { kind: row.actor_kind };

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at,
  action: row.action,
  actor: toActor(row),
  target:
    row.target_kind === null
      ? null
      : { kind: row.target_kind, id: row.target_id, label: row.target_label ?? '', ownerAccountId: row.target_owner_account_id },
  detail: JSON.parse(row.detail) as AuditEntry['detail'],
});

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
