/**
 * The audit trail screen (/admin/audit), for administrators: entries newest first, filtered by
 * action and by acting account, a page at a time, and the same selection as CSV.
 */
import type { Account } from '../../../shared/accounts.ts';
import type { AuditAction, AuditPageBody } from '../../../shared/audit.ts';
import { request, type Outcome } from './api.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import { signedIn, type WorkspacePort } from './workspace-port.ts';

export type AuditScreen =
  { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'forbidden' } | { kind: 'failed'; code: UiErrorCode } | { kind: 'ready' };

export interface AuditFilters {
  action: AuditAction | '';
  accountId: string;
}

/** The query string of a selection (and page); empty filters are left out. */
export function auditQuery(filters: AuditFilters, page?: number): string {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.accountId) params.set('accountId', filters.accountId);
  if (page !== undefined && page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const auditApi = {
  page: (filters: AuditFilters, page: number) => request<AuditPageBody>('GET', `/api/audit${auditQuery(filters, page)}`),
};

export class AuditPage {
  readonly #port: WorkspacePort;
  readonly #fetchPage: (filters: AuditFilters, page: number) => Promise<Outcome<AuditPageBody>>;
  #screen = $state.raw<AuditScreen>({ kind: 'loading' });
  #accounts = $state.raw<Account[]>([]);
  #body = $state.raw<AuditPageBody | null>(null);
  #busy = $state(false);
  /** The form's choices; applied with `apply`. */
  filters = $state<AuditFilters>({ action: '', accountId: '' });
  /** The selection the list and the CSV link show. */
  #applied = $state.raw<AuditFilters>({ action: '', accountId: '' });

  constructor(port: WorkspacePort, fetchPage = auditApi.page) {
    this.#port = port;
    this.#fetchPage = fetchPage;
  }

  get screen(): AuditScreen {
    return this.#screen;
  }

  get accounts(): readonly Account[] {
    return this.#accounts;
  }

  get body(): AuditPageBody | null {
    return this.#body;
  }

  get busy(): boolean {
    return this.#busy;
  }

  get pages(): number {
    return this.#body ? Math.max(1, Math.ceil(this.#body.total / this.#body.pageSize)) : 1;
  }

  /** The CSV of the applied selection (every page). */
  get csvHref(): string {
    return `/api/audit.csv${auditQuery(this.#applied)}`;
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
    const accounts = await this.#port.accounts.listAccounts();
    if (!accounts.ok) {
      this.#screen = { kind: 'failed', code: accounts.code };
      return;
    }
    this.#accounts = accounts.data;
    if (await this.#show(1)) this.#screen = { kind: 'ready' };
  };

  apply = async (): Promise<void> => {
    this.#applied = { ...this.filters };
    await this.#show(1);
  };

  goTo = async (page: number): Promise<void> => {
    await this.#show(Math.min(Math.max(1, page), this.pages));
  };

  async #show(page: number): Promise<boolean> {
    this.#busy = true;
    const result = await this.#fetchPage(this.#applied, page);
    this.#busy = false;
    if (!result.ok) {
      this.#screen = result.code === 'FORBIDDEN' ? { kind: 'forbidden' } : { kind: 'failed', code: result.code };
      return false;
    }
    this.#body = result.data;
    return true;
  }
}
