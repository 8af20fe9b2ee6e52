/**
 * Deleting a session from the workspace: asked for, then confirmed by typing its join code (so a
 * slip of the mouse cannot do it). A session already gone counts as deleted.
 */
import { normalizeJoinCode } from '../../../shared/join-code.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import type { WorkspacePort } from './workspace-port.ts';

export class DeleteSession {
  readonly #port: WorkspacePort;
  readonly #sessionId: string;
  readonly #code: () => string | null;
  #open = $state(false);
  #typed = $state('');
  #deleting = $state(false);
  #error = $state<UiErrorCode | null>(null);

  /** `code` is the session's join code, once known. */
  constructor(port: WorkspacePort, sessionId: string, code: () => string | null) {
    this.#port = port;
    this.#sessionId = sessionId;
    this.#code = code;
  }

  get open(): boolean {
    return this.#open;
  }

  /** The join code as typed. */
  get typed(): string {
    return this.#typed;
  }
  set typed(value: string) {
    this.#typed = value;
  }

  get confirmed(): boolean {
    const code = this.#code();
    return code !== null && normalizeJoinCode(this.#typed) === code;
  }

  get deleting(): boolean {
    return this.#deleting;
  }

  get error(): UiErrorCode | null {
    return this.#error;
  }

  start = (): void => {
    this.#open = true;
  };

  cancel = (): void => {
    this.#open = false;
    this.#typed = '';
  };

  /** Deletes once confirmed, forgets this tab's console token and goes back to the list. */
  confirm = async (): Promise<void> => {
    if (!this.confirmed || this.#deleting) return;
    this.#deleting = true;
    this.#error = null;
    const outcome = await this.#port.workspace.deleteSession(this.#sessionId);
    this.#deleting = false;
    if (!outcome.ok && outcome.code !== 'SESSION_NOT_FOUND') {
      this.#error = outcome.code;
      return;
    }
    this.#port.forgetFacilitatorToken(this.#sessionId);
    this.#port.navigate('/sessions');
  };
}
