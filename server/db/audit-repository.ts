import type { Database } from 'better-sqlite3';
import type { AuditActor, AuditEntry, NewAuditEntry } from '../../shared/audit.ts';
import type { AuditFilter } from '../domain/audit.ts';

/** The audit trail as stored: append, list newest first, count, and forget by age. */
export interface AuditRepository {
  insert(entry: NewAuditEntry, at: number): void;
  /** Entries matching the filter, newest first (ties: the later written first). */
  list(filter: AuditFilter, offset: number, limit: number): AuditEntry[];
  count(filter: AuditFilter): number;
  /** Removes entries made before `at`; returns how many. */
  deleteBefore(at: number): number;
  /** Blanks the label (a title) of every entry about this session, once the session is deleted. */
  forgetSessionLabel(sessionId: string): void;
}

export interface AuditRow {
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

function toActor(row: AuditRow): AuditActor {
  if (row.actor_kind === 'account') return { kind: 'account', accountId: row.actor_account_id ?? '', email: row.actor_email ?? '' };
  return { kind: row.actor_kind };
}

export function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    action: row.action,
    actor: toActor(row),
    target:
      row.target_kind === null
        ? null
        : { kind: row.target_kind, id: row.target_id, label: row.target_label ?? '', ownerAccountId: row.target_owner_account_id },
    detail: JSON.parse(row.detail) as AuditEntry['detail'],
  };
}

// Each filter is optional: a null parameter matches every row.
const WHERE = 'WHERE (@action IS NULL OR action = @action) AND (@accountId IS NULL OR actor_account_id = @accountId)';
const params = (filter: AuditFilter) => ({ action: filter.action ?? null, accountId: filter.accountId ?? null });

export class SqliteAuditRepository implements AuditRepository {
  readonly #insert;
  readonly #list;
  readonly #count;
  readonly #deleteBefore;
  readonly #forgetSessionLabel;

  constructor(db: Database) {
    this.#insert = db.prepare(
      `INSERT INTO audit_entries (at, action, actor_kind, actor_account_id, actor_email, target_kind, target_id, target_label, target_owner_account_id, detail)
       VALUES (@at, @action, @actorKind, @actorAccountId, @actorEmail, @targetKind, @targetId, @targetLabel, @targetOwner, @detail)`,
    );
    this.#list = db.prepare(`SELECT * FROM audit_entries ${WHERE} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`);
    this.#count = db.prepare(`SELECT COUNT(*) AS n FROM audit_entries ${WHERE}`);
    this.#deleteBefore = db.prepare('DELETE FROM audit_entries WHERE at < ?');
    this.#forgetSessionLabel = db.prepare("UPDATE audit_entries SET target_label = '' WHERE target_kind = 'session' AND target_id = ?");
  }

  insert(entry: NewAuditEntry, at: number): void {
    const { actor, target } = entry;
    this.#insert.run({
      at,
      action: entry.action,
      actorKind: actor.kind,
      actorAccountId: actor.kind === 'account' ? actor.accountId : null,
      actorEmail: actor.kind === 'account' ? actor.email : null,
      targetKind: target?.kind ?? null,
      targetId: target?.id ?? null,
      targetLabel: target?.label ?? null,
      targetOwner: target?.ownerAccountId ?? null,
      detail: JSON.stringify(entry.detail),
    });
  }

  list(filter: AuditFilter, offset: number, limit: number): AuditEntry[] {
    return (this.#list.all({ ...params(filter), offset, limit }) as AuditRow[]).map(toEntry);
  }

  count(filter: AuditFilter): number {
    return (this.#count.get(params(filter)) as { n: number }).n;
  }

  deleteBefore(at: number): number {
    return this.#deleteBefore.run(at).changes;
  }

  forgetSessionLabel(sessionId: string): void {
    this.#forgetSessionLabel.run(sessionId);
  }
}
