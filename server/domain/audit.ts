/**
 * The audit trail's rules (its shapes are in shared/audit.ts): how long entries are kept, how
 * the list pages, what an entry names as its target, and an entry as CSV fields. Targets hold
 * titles and staff emails only, never participant data.
 */
import type { AuditActor, AuditEntry, AuditTarget } from '../../shared/audit.ts';

/** The filters an administrator narrows the list to; both optional. */
export interface AuditFilter {
  action?: AuditEntry['action'];
  /** Entries whose actor is this account. */
  accountId?: string;
}

/** Entries are kept two years (docs/privacy.md); the hourly retention job then removes them. */
export const AUDIT_KEEP_DAYS = 730;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Entries made before this instant are past the keeping period. */
export function auditCutoff(now: number): number {
  return now - AUDIT_KEEP_DAYS * DAY_MS;
}

export const AUDIT_PAGE_SIZE = 50;

/** Offset and limit of a 1-based page; a page past the end is simply empty. */
export function auditPage(page: number): { offset: number; limit: number } {
  const safe = Number.isInteger(page) && page >= 1 ? page : 1;
  return { offset: (safe - 1) * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE };
}

/** An account as the actor, its email as it is now. */
export const accountActor = (account: { id: string; email: string }): AuditActor => ({
  kind: 'account',
  accountId: account.id,
  email: account.email,
});

export const sessionTarget = (session: { id: string; title: string; ownerAccountId: string | null }): AuditTarget => ({
  kind: 'session',
  id: session.id,
  label: session.title,
  ownerAccountId: session.ownerAccountId,
});

export const seriesTarget = (series: { id: string; title: string; ownerAccountId: string | null }): AuditTarget => ({
  kind: 'series',
  id: series.id,
  label: series.title,
  ownerAccountId: series.ownerAccountId,
});

/** An account's data is its own. */
export const accountTarget = (account: { id: string; email: string }): AuditTarget => ({
  kind: 'account',
  id: account.id,
  label: account.email,
  ownerAccountId: account.id,
});

export const settingTarget = (name: string): AuditTarget => ({ kind: 'settings', id: null, label: name, ownerAccountId: null });

/** The setting an allow-list change touches; the entry (a staff email or a domain) goes in the detail. */
export const ALLOW_LIST_SETTING = 'sign-in-allowlist';

/** The CSV columns, in order; the header row is these names. */
export const AUDIT_CSV_COLUMNS = [
  'at',
  'action',
  'actor_kind',
  'actor_account_id',
  'actor_email',
  'target_kind',
  'target_id',
  'target_label',
  'target_owner_account_id',
  'detail',
] as const;

/** One entry as CSV fields in AUDIT_CSV_COLUMNS order: the time in UTC ISO 8601, detail as JSON. */
export function auditCsvFields(entry: AuditEntry): string[] {
  const detail = Object.keys(entry.detail).length === 0 ? '' : JSON.stringify(entry.detail);
  return [
    new Date(entry.at).toISOString(),
    entry.action,
    entry.actor.kind,
    entry.actor.kind === 'account' ? entry.actor.accountId : '',
    entry.actor.kind === 'account' ? entry.actor.email : '',
    entry.target?.kind ?? '',
    entry.target?.id ?? '',
    entry.target?.label ?? '',
    entry.target?.ownerAccountId ?? '',
    detail,
  ];
}
