/**
 * A workspace port for the state classes' unit tests: every HTTP call a vi.fn that answers
 * from a small in-memory workspace (override one with mockResolvedValueOnce to make it fail),
 * and the navigations and console tokens recorded.
 */
import { vi } from 'vitest';
import type { Account } from '../../../shared/accounts.ts';
import type { CreatedSession, TemplateSummary } from '../../../shared/types.ts';
import type { Outcome } from '../../../client/src/lib/api.ts';
import type { UiErrorCode } from '../../../client/src/lib/i18n.svelte.ts';
import type { SeriesSummary, SessionDetails, SessionListing } from '../../../client/src/lib/workspace.ts';
import type { AccountApi, WorkspaceApi, WorkspacePort } from '../../../client/src/lib/workspace-port.ts';

export const DAY = 24 * 60 * 60 * 1000;
export const NOW = 1_000 * DAY;

export const ADMIN: Account = { id: 'a-ana', email: 'ana@serviciocivil.cl', name: 'Ana Pérez', role: 'admin', createdAt: 1 };
export const FACILITATOR: Account = { id: 'a-bea', email: 'bea@serviciocivil.cl', name: 'Bea Soto', role: 'facilitator', createdAt: 2 };

export const ok = <T>(data: T): Outcome<T> => ({ ok: true, data });
export const refused = (code: UiErrorCode, field: string | null = null): Outcome<never> => ({ ok: false, code, field });

/** What every view of a session in the workspace tells. */
const facts = (id: string) => ({
  id,
  title: `Sesión ${id}`,
  code: '123456',
  status: 'open' as const,
  createdAt: NOW - DAY,
  closedAt: null,
  agencies: [],
  participantDataRemovedAt: null,
});

export function listing(id: string, overrides: Partial<SessionListing> = {}): SessionListing {
  return { ...facts(id), series: null, participants: 0, ...overrides };
}

export function details(id: string, overrides: Partial<SessionDetails> = {}): SessionDetails {
  return { ...facts(id), seriesId: null, namesInReports: false, locale: 'es-CL', ...overrides };
}

export const created = (id: string): CreatedSession => ({
  id,
  code: '654321',
  facilitatorToken: `token-${id}`,
  joinUrl: `https://plenario.example/j/654321`,
  presenterUrl: `https://plenario.example/present/${id}`,
  facilitatorUrl: `/facilitate/${id}#token=token-${id}`,
});

export interface FakeWorkspace {
  me: Account | null;
  sessions: SessionListing[];
  series: SeriesSummary[];
  templates: TemplateSummary[];
  details: SessionDetails[];
  retentionDays: number | null;
  accounts: Account[];
}

export function fakePort(start: Partial<FakeWorkspace> = {}) {
  const state: FakeWorkspace = {
    me: ADMIN,
    sessions: [],
    series: [],
    templates: [],
    details: [],
    retentionDays: null,
    accounts: [ADMIN],
    ...start,
  };
  let nextId = 1;
  const detailsOf = (id: string) => state.details.find((d) => d.id === id);

  const workspace = {
    sessions: vi.fn<WorkspaceApi['sessions']>(async () => ok(state.sessions)),
    series: vi.fn<WorkspaceApi['series']>(async () => ok(state.series)),
    createSeries: vi.fn<WorkspaceApi['createSeries']>(async (title) => {
      const series = { id: `r${nextId++}`, title, createdAt: NOW, sessions: 0 };
      state.series = [series, ...state.series];
      return ok(series);
    }),
    templates: vi.fn<WorkspaceApi['templates']>(async () => ok(state.templates)),
    createSession: vi.fn<WorkspaceApi['createSession']>(async () => ok(created(`s${nextId++}`))),
    details: vi.fn<WorkspaceApi['details']>(async (id) => {
      const found = detailsOf(id);
      return found ? ok(found) : refused('SESSION_NOT_FOUND');
    }),
    saveDetails: vi.fn<WorkspaceApi['saveDetails']>(async (id, body) => {
      const found = detailsOf(id);
      if (!found) return refused('SESSION_NOT_FOUND');
      const saved = { ...found, ...body };
      state.details = state.details.map((d) => (d.id === id ? saved : d));
      return ok(saved);
    }),
    deleteSession: vi.fn<WorkspaceApi['deleteSession']>(async () => ok(null)),
    facilitatorLink: vi.fn<WorkspaceApi['facilitatorLink']>(async (id) => ok(created(id))),
    retention: vi.fn<WorkspaceApi['retention']>(async () => ok({ days: state.retentionDays })),
    setRetention: vi.fn<WorkspaceApi['setRetention']>(async (days) => {
      state.retentionDays = days;
      return ok({ days, cleared: 0 });
    }),
  } satisfies WorkspaceApi;

  const accounts = {
    me: vi.fn<AccountApi['me']>(async () => ok({ account: state.me, accountsExist: true, provider: null })),
    signIn: vi.fn<AccountApi['signIn']>(async () => refused('UNAUTHORIZED')),
    signOut: vi.fn<AccountApi['signOut']>(async () => ok(null)),
    listAccounts: vi.fn<AccountApi['listAccounts']>(async () => ok(state.accounts)),
    createAccount: vi.fn<AccountApi['createAccount']>(async (body) =>
      ok({ id: `a${nextId++}`, email: body.email, name: body.name, role: body.role, createdAt: NOW }),
    ),
    deleteAccount: vi.fn<AccountApi['deleteAccount']>(async () => ok(null)),
  } satisfies AccountApi;

  /** This tab's console tokens, by session id. */
  const tokens = new Map<string, string>();
  const navigations: Array<{ href: string; replace: boolean }> = [];
  const port: WorkspacePort = {
    workspace,
    accounts,
    navigate: (href, options) => navigations.push({ href, replace: options?.replace ?? false }),
    facilitatorToken: (sessionId, token) => {
      if (token) tokens.set(sessionId, token);
      return tokens.get(sessionId) ?? null;
    },
    forgetFacilitatorToken: (sessionId) => tokens.delete(sessionId),
    now: () => NOW,
  };
  return { port, state, workspace, accounts, tokens, navigations };
}
