import { describe, expect, it, vi } from 'vitest';
import type { MeResponse } from '../../../shared/accounts.ts';
import type { AllowListEntry } from '../../../shared/sign-in-allowlist.ts';
import type { Outcome } from '../../../client/src/lib/api.ts';
import { oidcRefusal, type AllowListApi } from '../../../client/src/lib/oidc.ts';
import { AllowListPanel } from '../../../client/src/lib/sign-in-allowlist.svelte.ts';
import { ADMIN, refused } from './workspace-fakes.ts';

const ok = <T>(data: T): Outcome<T> => ({ ok: true, data });

/** A panel over a fake API holding `entries`, for a workspace whose provider is `provider`. */
function panel(provider: string | null, entries: AllowListEntry[] = []) {
  let stored = [...entries];
  const api = {
    list: vi.fn<AllowListApi['list']>(async () => ok({ entries: stored })),
    add: vi.fn<AllowListApi['add']>(async (text) => {
      if (!text.includes('.')) return refused('VALIDATION_FAILED');
      const entry = { entry: text.includes('@') ? text : `@${text}`, createdAt: 1 };
      stored = [...stored.filter((e) => e.entry !== entry.entry), entry];
      return ok(entry);
    }),
    remove: vi.fn<AllowListApi['remove']>(async (entry) => {
      if (!stored.some((e) => e.entry === entry)) return refused('NOT_FOUND');
      stored = stored.filter((e) => e.entry !== entry);
      return ok(null);
    }),
  } satisfies AllowListApi;
  const me = async (): Promise<Outcome<MeResponse>> =>
    ok({ account: ADMIN, accountsExist: true, provider: provider === null ? null : { name: provider } });
  return { api, panel: new AllowListPanel(api, me) };
}

describe('oidcRefusal', () => {
  it('reads a known reason from the address the server sent the browser back to, and nothing else', () => {
    expect(oidcRefusal('?oidc=not-allowed')).toBe('not-allowed');
    expect(oidcRefusal('?x=1&oidc=attempt-expired')).toBe('attempt-expired');
    expect(oidcRefusal('?oidc=<script>')).toBeNull();
    expect(oidcRefusal('')).toBeNull();
  });
});

describe('AllowListPanel', () => {
  it('shows nothing and asks for no list when no provider is configured', async () => {
    const { api, panel: p } = panel(null);
    await p.load();
    expect(p.provider).toBeNull();
    expect(api.list).not.toHaveBeenCalled();
  });

  it('adds entries in order, says when one is neither an email nor a domain, and removes one', async () => {
    const { panel: p } = panel('Microsoft', [{ entry: '@servicio.cl', createdAt: 1 }]);
    await p.load();
    expect(p.provider).toBe('Microsoft');
    p.draft = 'ana@externa.cl';
    await p.add();
    expect(p.entries.map((e) => e.entry)).toEqual(['@servicio.cl', 'ana@externa.cl']);
    expect(p.draft).toBe('');

    p.draft = 'servicio';
    await p.add();
    expect(p.error).toBe('VALIDATION_FAILED');
    expect(p.draft).toBe('servicio');
    expect(p.entries).toHaveLength(2);

    await p.remove('@servicio.cl');
    expect(p.entries.map((e) => e.entry)).toEqual(['ana@externa.cl']);
    expect(p.error).toBeNull();
    // One already gone elsewhere leaves the list as wanted, without an error.
    await p.remove('@servicio.cl');
    expect(p.error).toBeNull();
  });
});
