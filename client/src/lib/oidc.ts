/**
 * Sign-in with the agency's identity provider, on the client: the address that starts it (a
 * full navigation: the server redirects to the provider), why the server refused one, and the
 * administrators' allow-list calls.
 */
import { OIDC_REFUSALS, type AllowList, type AllowListEntry, type OidcRefusal } from '../../../shared/sign-in-allowlist.ts';
import { request } from './api.ts';

export const OIDC_START_PATH = '/api/auth/oidc/start';

/** The refusal the server sent the browser back with (/signin?oidc=<reason>), or null. */
export function oidcRefusal(search: string): OidcRefusal | null {
  const reason = new URLSearchParams(search).get('oidc');
  return (OIDC_REFUSALS as readonly string[]).includes(reason ?? '') ? (reason as OidcRefusal) : null;
}

export const allowListApi = {
  list: () => request<AllowList>('GET', '/api/auth/oidc/allowed'),
  add: (entry: string) => request<AllowListEntry>('POST', '/api/auth/oidc/allowed', { entry }),
  remove: (entry: string) => request<null>('DELETE', `/api/auth/oidc/allowed/${encodeURIComponent(entry)}`),
};

export type AllowListApi = typeof allowListApi;
