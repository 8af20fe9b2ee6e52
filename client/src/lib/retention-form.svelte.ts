/**
 * The retention period (administrators): days after which participant data is removed. Saving
 * a period that would clear sessions now asks once more, naming how many.
 */
import type { UiErrorCode } from './i18n.svelte.ts';
import { parseRetentionDays, sessionsToClear, type RetentionSaved, type SessionListing } from './workspace.ts';
import type { WorkspacePort } from './workspace-port.ts';

const daysText = (days: number | null): string => (days === null ? '' : String(days));

export class RetentionForm {
  readonly #port: WorkspacePort;
  readonly #sessions: () => readonly SessionListing[];
  readonly #cleared: () => Promise<void>;
  #text = $state('');
  #parsed = $derived(parseRetentionDays(this.#text));
  #saving = $state(false);
  #saved = $state.raw<RetentionSaved | null>(null);
  #error = $state<UiErrorCode | null>(null);
  /** Set when saving would clear sessions now: the next save confirms it. */
  #confirm = $state.raw<{ days: number; count: number } | null>(null);

  /** `cleared` runs after a save that cleared sessions (to list them again). */
  constructor(port: WorkspacePort, sessions: () => readonly SessionListing[], cleared: () => Promise<void>) {
    this.#port = port;
    this.#sessions = sessions;
    this.#cleared = cleared;
  }

  get text(): string {
    return this.#text;
  }

  /** Typing withdraws a pending confirmation and the last "saved". */
  set text(value: string) {
    this.#text = value;
    this.#confirm = null;
    this.#saved = null;
  }

  get parsed(): ReturnType<typeof parseRetentionDays> {
    return this.#parsed;
  }

  get saving(): boolean {
    return this.#saving;
  }

  get saved(): RetentionSaved | null {
    return this.#saved;
  }

  get error(): UiErrorCode | null {
    return this.#error;
  }

  get confirm(): { days: number; count: number } | null {
    return this.#confirm;
  }

  /** Shows the period the server keeps. */
  show = (days: number | null): void => {
    this.#text = daysText(days);
  };

  save = async (): Promise<void> => {
    const parsed = this.#parsed;
    if (this.#saving || !parsed.ok) return;
    const { days } = parsed;
    this.#error = null;
    this.#saved = null;
    const count = sessionsToClear(this.#sessions(), days, this.#port.now());
    if (days !== null && count > 0 && (this.#confirm?.days !== days || this.#confirm.count !== count)) {
      this.#confirm = { days, count };
      return;
    }
    this.#saving = true;
    const outcome = await this.#port.workspace.setRetention(days);
    this.#saving = false;
    this.#confirm = null;
    if (!outcome.ok) {
      this.#error = outcome.code;
      return;
    }
    this.#saved = outcome.data;
    this.#text = daysText(outcome.data.days);
    if (outcome.data.cleared > 0) await this.#cleared();
  };
}
