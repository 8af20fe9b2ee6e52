import type { AuditEntry, AuditPageBody, NewAuditEntry } from '../../shared/audit.ts';
import type { Storage } from '../db/storage.ts';
import {
  AUDIT_CSV_COLUMNS,
  AUDIT_KEEP_DAYS,
  AUDIT_PAGE_SIZE,
  auditCsvFields,
  auditCutoff,
  auditPage,
  type AuditFilter,
} from '../domain/audit.ts';
import { neutraliseFormula } from '../reports/cells.ts';
import { quote } from '../reports/csv.ts';

/** Enough for years of a workshop programme's entries; past it the CSV is cut, newest kept. */
export const AUDIT_CSV_MAX_ROWS = 100_000;

/**
 * The audit trail: routes record what an account did (in the command's own transaction where
 * there is one, so an entry exists exactly when the change does), administrators list and
 * export it, and the retention job forgets entries past AUDIT_KEEP_DAYS.
 */
export class AuditService {
  readonly #storage: Pick<Storage, 'audit' | 'transaction'>;
  readonly #now: () => number;

  constructor(deps: { storage: Pick<Storage, 'audit' | 'transaction'>; now?: () => number }) {
    this.#storage = deps.storage;
    this.#now = deps.now ?? Date.now;
  }

  /** Records something already done that has no transaction of its own (a sign-in, a download). */
  record(entry: NewAuditEntry): Promise<void> {
    return this.#storage.audit.insert(entry, this.#now());
  }

  /**
   * Runs a command's writes (through `tx`) and records its entry in one transaction: both are
   * stored, or neither.
   */
  within<T>(entry: NewAuditEntry, work: (tx: Storage) => Promise<T>): Promise<T> {
    return this.#storage.transaction(async (tx) => {
      const result = await work(tx);
      await tx.audit.insert(entry, this.#now());
      return result;
    });
  }

  /**
   * Deletes a session (`work`) and records it, in one transaction; the trail then forgets the
   * session's title (deletion removes the title too, docs/privacy.md) and keeps its id and owner.
   */
  sessionDeleted<T>(entry: NewAuditEntry & { target: { kind: 'session'; id: string } }, work: (tx: Storage) => Promise<T>): Promise<T> {
    return this.within({ ...entry, target: { ...entry.target, label: '' } }, async (tx) => {
      const result = await work(tx);
      await tx.audit.forgetSessionLabel(entry.target.id);
      return result;
    });
  }

  /** One page of entries, newest first. */
  async list(filter: AuditFilter, page = 1): Promise<AuditPageBody> {
    const { offset, limit } = auditPage(page);
    return {
      entries: await this.#storage.audit.list(filter, offset, limit),
      total: await this.#storage.audit.count(filter),
      page: Math.max(1, page),
      pageSize: AUDIT_PAGE_SIZE,
      keepDays: AUDIT_KEEP_DAYS,
    };
  }

  /** The matching entries as CSV (UTF-8 with BOM, comma, CRLF), newest first. */
  async csv(filter: AuditFilter): Promise<string> {
    const entries: AuditEntry[] = await this.#storage.audit.list(filter, 0, AUDIT_CSV_MAX_ROWS);
    const lines = [AUDIT_CSV_COLUMNS.join(',')];
    for (const entry of entries)
      lines.push(
        auditCsvFields(entry)
          .map((field) => quote(neutraliseFormula(field), ','))
          .join(','),
      );
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  }

  /** Forgets entries older than the keeping period; returns how many. */
  prune(): Promise<number> {
    return this.#storage.audit.deleteBefore(auditCutoff(this.#now()));
  }
}
