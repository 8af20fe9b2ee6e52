/**
 * One session in the workspace (/sessions/:id): its facts, the way into its console, its
 * details form, the next session with the same agenda, and deleting it.
 */
import type { Account } from '../../../shared/accounts.ts';
import type { CreateSessionBody } from '../../../shared/types.ts';
import { DeleteSession } from './delete-session.svelte.ts';
import { DetailsForm } from './details-form.svelte.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import {
  nextSessionTitle,
  sessionState,
  type SeriesSummary,
  type SessionDetails,
  type SessionListing,
  type ListedSessionStatus,
} from './workspace.ts';
import { openConsole, toSignIn, workspaceAccount, type WorkspacePort } from './workspace-port.ts';

export type SessionScreen =
  | { kind: 'loading' }
  | { kind: 'failed'; code: UiErrorCode }
  | { kind: 'missing' }
  | { kind: 'forbidden'; account: Account }
  | { kind: 'ready'; account: Account };

/** Refusals that mean there is no such session to show. */
const MISSING: readonly UiErrorCode[] = ['NOT_FOUND', 'SESSION_NOT_FOUND', 'VALIDATION_FAILED'];

export class SessionPage {
  readonly sessionId: string;
  readonly #port: WorkspacePort;
  #screen = $state.raw<SessionScreen>({ kind: 'loading' });
  #details = $state.raw<SessionDetails | null>(null);
  /** The session as the list shows it: its participant count. */
  #listing = $state.raw<SessionListing | null>(null);
  #series = $state.raw<SeriesSummary[]>([]);
  #phase = $derived(this.#details ? sessionState(this.#details) : null);
  #seriesTitle = $derived(this.#series.find((item) => item.id === this.#details?.seriesId)?.title ?? null);
  // The console link: this tab's token, or a new link from the server.
  #token = $state<string | null>(null);
  #opening = $state(false);
  #openError = $state<UiErrorCode | null>(null);
  // The next session.
  #nextTitle = $state('');
  /** Opens the next session's "Retomando" with a slide made from the support register. */
  fromRegister = $state(true);
  #continuing = $state(false);
  #continueError = $state<UiErrorCode | null>(null);
  readonly form: DetailsForm;
  readonly deletion: DeleteSession;

  constructor(port: WorkspacePort, sessionId: string) {
    this.#port = port;
    this.sessionId = sessionId;
    this.#token = port.facilitatorToken(sessionId, null);
    this.form = new DetailsForm(
      port,
      sessionId,
      (details) => (this.#details = details),
      (series) => (this.#series = [series, ...this.#series]),
    );
    this.deletion = new DeleteSession(port, sessionId, () => this.#details?.code ?? null);
  }

  get screen(): SessionScreen {
    return this.#screen;
  }

  get account(): Account | null {
    return this.#screen.kind === 'ready' || this.#screen.kind === 'forbidden' ? this.#screen.account : null;
  }

  get details(): SessionDetails | null {
    return this.#details;
  }

  get listing(): SessionListing | null {
    return this.#listing;
  }

  get series(): readonly SeriesSummary[] {
    return this.#series;
  }

  get phase(): ListedSessionStatus | null {
    return this.#phase;
  }

  /** The title of the session's series, if it has one. */
  get seriesTitle(): string | null {
    return this.#seriesTitle;
  }

  /** This tab's console token, when it has one. */
  get token(): string | null {
    return this.#token;
  }

  get opening(): boolean {
    return this.#opening;
  }

  get openError(): UiErrorCode | null {
    return this.#openError;
  }

  get nextTitle(): string {
    return this.#nextTitle;
  }
  set nextTitle(value: string) {
    this.#nextTitle = value;
  }

  get continuing(): boolean {
    return this.#continuing;
  }

  get continueError(): UiErrorCode | null {
    return this.#continueError;
  }

  load = async (): Promise<void> => {
    this.#screen = { kind: 'loading' };
    const account = await workspaceAccount(this.#port, (code) => (this.#screen = { kind: 'failed', code }));
    if (!account) return;
    const api = this.#port.workspace;
    const [found, seriesList, listed] = await Promise.all([api.details(this.sessionId), api.series(), api.sessions()]);
    if (!found.ok) {
      if (found.code === 'UNAUTHORIZED') toSignIn(this.#port);
      else if (found.code === 'FORBIDDEN') this.#screen = { kind: 'forbidden', account };
      else if (MISSING.includes(found.code)) this.#screen = { kind: 'missing' };
      else this.#screen = { kind: 'failed', code: found.code };
      return;
    }
    this.#series = seriesList.ok ? seriesList.data : [];
    this.#listing = listed.ok ? (listed.data.find((session) => session.id === this.sessionId) ?? null) : null;
    this.#details = found.data;
    this.form.fill(found.data);
    this.#nextTitle = nextSessionTitle(found.data.title);
    this.#screen = { kind: 'ready', account };
  };

  /** Asks the server for a new console link (the token is never kept in clear there), then opens the console. */
  openConsole = async (): Promise<void> => {
    if (this.#opening) return;
    this.#opening = true;
    this.#openError = null;
    const outcome = await this.#port.workspace.facilitatorLink(this.sessionId);
    this.#opening = false;
    if (!outcome.ok) {
      this.#openError = outcome.code;
      return;
    }
    this.#token = openConsole(this.#port, outcome.data);
  };

  /** Starts the next session of the series: this agenda, series, agencies and report setting. */
  continueSeries = async (): Promise<void> => {
    const details = this.#details;
    const title = this.#nextTitle.trim();
    if (!details || this.#continuing || title.length === 0) return;
    this.#continuing = true;
    this.#continueError = null;
    const body: CreateSessionBody = {
      title,
      fromSessionId: this.sessionId,
      retomandoFromRegister: this.fromRegister,
      agencies: details.agencies,
      namesInReports: details.namesInReports,
    };
    // Only into a series of one's own (seriesTitle comes from that list), as the hint says.
    if (details.seriesId !== null && this.#seriesTitle !== null) body.seriesId = details.seriesId;
    const outcome = await this.#port.workspace.createSession(body);
    this.#continuing = false;
    if (!outcome.ok) {
      this.#continueError = outcome.code;
      return;
    }
    openConsole(this.#port, outcome.data);
  };
}
