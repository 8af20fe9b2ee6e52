/**
 * The accounts screen's allow-list panel: which emails and domains become facilitators by
 * signing in with the agency's identity provider. Shown only when one is configured.
 */
import type { MeResponse } from '../../../shared/accounts.ts';
import type { AllowListEntry } from '../../../shared/sign-in-allowlist.ts';
import type { Outcome } from './api.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import type { AllowListApi } from './oidc.ts';

export class AllowListPanel {
  readonly #api: AllowListApi;
  readonly #me: () => Promise<Outcome<MeResponse>>;
  #provider = $state<string | null>(null);
  #entries = $state.raw<AllowListEntry[]>([]);
  #busy = $state(false);
  /** VALIDATION_FAILED: what was typed is neither an email nor a domain. */
  #error = $state<UiErrorCode | null>(null);
  draft = $state('');

  constructor(api: AllowListApi, me: () => Promise<Outcome<MeResponse>>) {
    this.#api = api;
    this.#me = me;
  }

  /** The provider's name; null: no provider configured, nothing to show. */
  get provider(): string | null {
    return this.#provider;
  }

  get entries(): readonly AllowListEntry[] {
    return this.#entries;
  }

  get busy(): boolean {
    return this.#busy;
  }

  get error(): UiErrorCode | null {
    return this.#error;
  }

  load = async (): Promise<void> => {
    const who = await this.#me();
    if (!who.ok || who.data.provider === null) return;
    const list = await this.#api.list();
    if (!list.ok) {
      this.#error = list.code;
      return;
    }
    this.#entries = list.data.entries;
    this.#provider = who.data.provider.name;
  };

  add = async (): Promise<void> => {
    if (this.#busy || this.draft.trim() === '') return;
    this.#busy = true;
    this.#error = null;
    const added = await this.#api.add(this.draft.trim());
    if (added.ok) {
      const others = this.#entries.filter((e) => e.entry !== added.data.entry);
      this.#entries = [...others, added.data].sort((a, b) => a.entry.localeCompare(b.entry));
      this.draft = '';
    } else {
      this.#error = added.code;
    }
    this.#busy = false;
  };

  remove = async (entry: string): Promise<void> => {
    this.#error = null;
    const removed = await this.#api.remove(entry);
    // Already gone (NOT_FOUND) is what was wanted.
    if (removed.ok || removed.code === 'NOT_FOUND') this.#entries = this.#entries.filter((e) => e.entry !== entry);
    else this.#error = removed.code;
  };
}
