/**
 * The experience catalogue screen (/experiences): the cards told in the sessions the account may
 * read, filtered by agency, axis, approach and series and searched; one card's detail; the
 * exports with the filters applied. The server selects the cards (domain/experience-catalogue.ts).
 */
import type { Account } from '../../../shared/accounts.ts';
import type { AxisId } from '../../../shared/axes.ts';
import type { CatalogueCard, CatalogueList } from '../../../shared/experience-catalogue.ts';
import type { ExperienceApproach } from '../../../shared/experience.ts';
import { request } from './api.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import { workspaceAccount, type WorkspacePort } from './workspace-port.ts';

export type CatalogueScreen = { kind: 'loading' } | { kind: 'failed'; code: UiErrorCode } | { kind: 'ready'; account: Account };

/** The form's choices; '' is "any". */
export interface CatalogueFilters {
  agency: string;
  axis: AxisId | '';
  approach: ExperienceApproach | '';
  seriesId: string;
  q: string;
}

export const NO_FILTERS: CatalogueFilters = { agency: '', axis: '', approach: '', seriesId: '', q: '' };

/** The query string of a selection, empty filters and a blank search left out. */
export function catalogueQuery(filters: CatalogueFilters): string {
  const params = new URLSearchParams();
  for (const key of ['agency', 'axis', 'approach', 'seriesId'] as const) if (filters[key]) params.set(key, filters[key]);
  const q = filters.q.trim();
  if (q) params.set('q', q);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const catalogueApi = {
  list: (filters: CatalogueFilters) => request<CatalogueList>('GET', `/api/experiences${catalogueQuery(filters)}`),
};
export type CatalogueApi = typeof catalogueApi;

/** A card's key in the list: cards are identified within their activity and session. */
export const cardKey = (card: CatalogueCard) => `${card.sessionId}/${card.activityId}/${card.id}`;

export class CataloguePage {
  readonly #port: WorkspacePort;
  readonly #api: CatalogueApi;
  #screen = $state.raw<CatalogueScreen>({ kind: 'loading' });
  #list = $state.raw<CatalogueList>({ cards: [], agencies: [], series: [] });
  #applied = $state.raw<CatalogueFilters>(NO_FILTERS);
  #busy = $state(false);
  /** The latest list asked for: an older answer arriving after it (a select moved twice by keyboard) is dropped. */
  #asked = 0;
  filters = $state<CatalogueFilters>({ ...NO_FILTERS });
  /** The card shown in detail (its key), or null. */
  selected = $state<string | null>(null);
  #card = $derived(this.#list.cards.find((card) => cardKey(card) === this.selected) ?? null);

  constructor(port: WorkspacePort, api: CatalogueApi = catalogueApi) {
    this.#port = port;
    this.#api = api;
  }

  get screen(): CatalogueScreen {
    return this.#screen;
  }

  get account(): Account | null {
    return this.#screen.kind === 'ready' ? this.#screen.account : null;
  }

  get list(): CatalogueList {
    return this.#list;
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** The card in detail, while it is among the listed ones. */
  get card(): CatalogueCard | null {
    return this.#card;
  }

  /** Whether any filter is applied: the empty message then says so rather than "no cards yet". */
  get filtered(): boolean {
    return catalogueQuery(this.#applied) !== '';
  }

  /** The address of an export with the filters of the list shown. */
  exportHref(format: 'csv' | 'xlsx'): string {
    return `/api/experiences.${format}${catalogueQuery(this.#applied)}`;
  }

  load = async (): Promise<void> => {
    this.#screen = { kind: 'loading' };
    const account = await workspaceAccount(this.#port, (code) => (this.#screen = { kind: 'failed', code }));
    if (!account) return;
    if (await this.#show()) this.#screen = { kind: 'ready', account };
  };

  apply = async (): Promise<void> => {
    await this.#show();
  };

  clear = async (): Promise<void> => {
    this.filters = { ...NO_FILTERS };
    await this.#show();
  };

  async #show(): Promise<boolean> {
    this.#busy = true;
    const filters = { ...this.filters };
    const asked = ++this.#asked;
    const listed = await this.#api.list(filters);
    if (asked !== this.#asked) return false;
    this.#busy = false;
    if (!listed.ok) {
      this.#screen = { kind: 'failed', code: listed.code };
      return false;
    }
    this.#list = listed.data;
    this.#applied = filters;
    return true;
  }
}
