/**
 * The facilitators' workspace (/sessions): their sessions (every session for administrators),
 * the series, the templates a new session may start from, and, for administrators, the
 * retention period. Someone the server does not know is sent to sign in.
 */
import type { Account } from '../../../shared/accounts.ts';
import type { TemplateSummary } from '../../../shared/types.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import { NewSessionForm } from './new-session-form.svelte.ts';
import { RetentionForm } from './retention-form.svelte.ts';
import type { SeriesSummary, SessionListing } from './workspace.ts';
import { toSignIn, workspaceAccount, type WorkspacePort } from './workspace-port.ts';

/** Filter values that are not series ids. */
export const ALL_SESSIONS = '*all';
export const NO_SERIES = '*none';

export type SessionsScreen = { kind: 'loading' } | { kind: 'failed'; code: UiErrorCode } | { kind: 'ready'; account: Account };

/** The sessions a filter keeps, newest first. */
export function filterSessions(sessions: readonly SessionListing[], filter: string): SessionListing[] {
  return sessions
    .filter((session) => (filter === ALL_SESSIONS ? true : filter === NO_SERIES ? session.series === null : session.series?.id === filter))
    .sort((a, b) => b.createdAt - a.createdAt);
}

export class SessionsPage {
  readonly #port: WorkspacePort;
  #screen = $state.raw<SessionsScreen>({ kind: 'loading' });
  #sessions = $state.raw<SessionListing[]>([]);
  #series = $state.raw<SeriesSummary[]>([]);
  #templates = $state.raw<TemplateSummary[]>([]);
  #filter = $state(ALL_SESSIONS);
  #visible = $derived(filterSessions(this.#sessions, this.#filter));
  readonly create: NewSessionForm;
  readonly retention: RetentionForm;

  constructor(port: WorkspacePort) {
    this.#port = port;
    this.create = new NewSessionForm(
      port,
      () => this.#sessions,
      () => this.#series,
      (series) => (this.#series = [series, ...this.#series]),
    );
    this.retention = new RetentionForm(port, () => this.#sessions, this.refresh);
  }

  get screen(): SessionsScreen {
    return this.#screen;
  }

  get account(): Account | null {
    return this.#screen.kind === 'ready' ? this.#screen.account : null;
  }

  get isAdmin(): boolean {
    return this.account?.role === 'admin';
  }

  get sessions(): readonly SessionListing[] {
    return this.#sessions;
  }

  get series(): readonly SeriesSummary[] {
    return this.#series;
  }

  get templates(): readonly TemplateSummary[] {
    return this.#templates;
  }

  /** ALL_SESSIONS, NO_SERIES or a series id. */
  get filter(): string {
    return this.#filter;
  }
  set filter(value: string) {
    this.#filter = value;
  }

  /** The sessions the filter keeps, newest first. */
  get visible(): readonly SessionListing[] {
    return this.#visible;
  }

  load = async (): Promise<void> => {
    this.#screen = { kind: 'loading' };
    const account = await workspaceAccount(this.#port, (code) => (this.#screen = { kind: 'failed', code }));
    if (!account) return;
    const api = this.#port.workspace;
    const [listed, seriesList, templateList] = await Promise.all([api.sessions(), api.series(), api.templates()]);
    if (!listed.ok || !seriesList.ok) {
      const code = !listed.ok ? listed.code : !seriesList.ok ? seriesList.code : 'INTERNAL';
      if (code === 'UNAUTHORIZED') toSignIn(this.#port);
      else this.#screen = { kind: 'failed', code };
      return;
    }
    this.#sessions = listed.data;
    this.#series = seriesList.data;
    // Without templates a session still starts blank or from an earlier one.
    this.#templates = templateList.ok ? templateList.data : [];
    this.create.offerTemplates(this.#templates);
    if (account.role === 'admin') {
      const retention = await api.retention();
      if (retention.ok) this.retention.show(retention.data.days);
    }
    this.#screen = { kind: 'ready', account };
  };

  /** Lists the sessions and series again (after the retention period cleared some). */
  refresh = async (): Promise<void> => {
    const api = this.#port.workspace;
    const [listed, seriesList] = await Promise.all([api.sessions(), api.series()]);
    if (listed.ok) this.#sessions = listed.data;
    if (seriesList.ok) this.#series = seriesList.data;
  };
}
