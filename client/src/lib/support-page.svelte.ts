/**
 * The support register screen (/support): what the salas asked of Servicio Civil, filtered by
 * series and status, grouped by kind of support or by agency, each entry's status and public
 * note edited in place. The server lists only the entries of sessions the account may read.
 */
import type { Account } from '../../../shared/accounts.ts';
import type { SupportEntry, SupportStatus, SupportUpdateBody } from '../../../shared/support-register.ts';
import { request, type Outcome } from './api.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import type { SeriesSummary } from './workspace.ts';
import { workspaceAccount, type WorkspacePort } from './workspace-port.ts';

export type SupportScreen = { kind: 'loading' } | { kind: 'failed'; code: UiErrorCode } | { kind: 'ready'; account: Account };

export interface SupportFilters {
  seriesId: string;
  status: SupportStatus | '';
}

export type SupportGrouping = 'kind' | 'agency';

/** A group of entries under a heading; `key` null: entries of no kind, or of no agency. */
export interface SupportGroup {
  key: string | null;
  label: string | null;
  entries: SupportEntry[];
}

/**
 * Entries under their kind (in the order first met), or under each agency they name (an entry of
 * several agencies shows under each), those with none last.
 */
export function groupSupport(entries: readonly SupportEntry[], by: SupportGrouping): SupportGroup[] {
  const groups = new Map<string | null, SupportGroup>();
  const add = (key: string | null, label: string | null, entry: SupportEntry) => {
    const group = groups.get(key) ?? { key, label, entries: [] };
    group.entries.push(entry);
    groups.set(key, group);
  };
  for (const entry of entries) {
    if (by === 'kind') add(entry.kind?.id ?? null, entry.kind?.label ?? null, entry);
    else if (entry.agencies.length === 0) add(null, null, entry);
    else for (const agency of entry.agencies) add(agency, agency, entry);
  }
  return [...groups.values()].sort((a, b) => Number(a.key === null) - Number(b.key === null));
}

/** The query string of a selection; empty filters are left out. */
export function supportQuery(filters: SupportFilters): string {
  const params = new URLSearchParams();
  if (filters.seriesId) params.set('seriesId', filters.seriesId);
  if (filters.status) params.set('status', filters.status);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const supportApi = {
  list: (filters: SupportFilters) => request<SupportEntry[]>('GET', `/api/support${supportQuery(filters)}`),
  update: (entryId: string, body: SupportUpdateBody) => request<SupportEntry>('PUT', `/api/support/${encodeURIComponent(entryId)}`, body),
};

export type SupportApi = typeof supportApi;

/** One entry's form: the status and note being edited, and how its last save went. */
export interface SupportDraft {
  status: SupportStatus;
  note: string;
  saving: boolean;
  outcome: 'saved' | UiErrorCode | null;
}

export class SupportPage {
  readonly #port: WorkspacePort;
  readonly #api: SupportApi;
  #screen = $state.raw<SupportScreen>({ kind: 'loading' });
  #series = $state.raw<SeriesSummary[]>([]);
  #entries = $state.raw<SupportEntry[]>([]);
  #busy = $state(false);
  /** The form's choices; applied with `apply`. */
  filters = $state<SupportFilters>({ seriesId: '', status: '' });
  groupBy = $state<SupportGrouping>('kind');
  /** Each entry's form, by entry id. */
  drafts = $state<Record<string, SupportDraft>>({});
  #groups = $derived(groupSupport(this.#entries, this.groupBy));

  constructor(port: WorkspacePort, api: SupportApi = supportApi) {
    this.#port = port;
    this.#api = api;
  }

  get screen(): SupportScreen {
    return this.#screen;
  }

  get account(): Account | null {
    return this.#screen.kind === 'ready' ? this.#screen.account : null;
  }

  get series(): readonly SeriesSummary[] {
    return this.#series;
  }

  get entries(): readonly SupportEntry[] {
    return this.#entries;
  }

  get groups(): readonly SupportGroup[] {
    return this.#groups;
  }

  get busy(): boolean {
    return this.#busy;
  }

  load = async (): Promise<void> => {
    this.#screen = { kind: 'loading' };
    const account = await workspaceAccount(this.#port, (code) => (this.#screen = { kind: 'failed', code }));
    if (!account) return;
    const series = await this.#port.workspace.series();
    this.#series = series.ok ? series.data : [];
    if (await this.#show()) this.#screen = { kind: 'ready', account };
  };

  apply = async (): Promise<void> => {
    await this.#show();
  };

  /** Saves an entry's status and note; the list keeps the server's answer. */
  save = async (entryId: string): Promise<void> => {
    const draft = this.drafts[entryId];
    if (!draft || draft.saving) return;
    draft.saving = true;
    draft.outcome = null;
    const saved = await this.#api.update(entryId, { status: draft.status, note: draft.note });
    draft.saving = false;
    if (!saved.ok) {
      draft.outcome = saved.code;
      return;
    }
    draft.note = saved.data.note;
    draft.outcome = 'saved';
    this.#entries = this.#entries.map((entry) => (entry.id === entryId ? saved.data : entry));
  };

  async #show(): Promise<boolean> {
    this.#busy = true;
    const listed: Outcome<SupportEntry[]> = await this.#api.list({ ...this.filters });
    this.#busy = false;
    if (!listed.ok) {
      this.#screen = { kind: 'failed', code: listed.code };
      return false;
    }
    this.#entries = listed.data;
    this.drafts = Object.fromEntries(listed.data.map((e) => [e.id, { status: e.status, note: e.note, saving: false, outcome: null }]));
    return true;
  }
}
