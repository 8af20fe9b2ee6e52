/** A session's details form in the workspace: its fields, saved with PUT …/details. */
import type { UiErrorCode } from './i18n.svelte.ts';
import { SessionFieldsForm } from './session-fields.svelte.ts';
import type { SeriesSummary, SessionDetails } from './workspace.ts';
import type { WorkspacePort } from './workspace-port.ts';

export class DetailsForm {
  readonly fields = new SessionFieldsForm();
  readonly #port: WorkspacePort;
  readonly #sessionId: string;
  readonly #savedAs: (details: SessionDetails) => void;
  readonly #seriesCreated: (series: SeriesSummary) => void;
  /** What the server holds: the form is compared with it. */
  #stored = $state.raw<SessionDetails | null>(null);
  #saving = $state(false);
  #saved = $state(false);
  #error = $state<UiErrorCode | null>(null);
  #dirty = $derived(this.#stored !== null && this.fields.differsFrom(this.#stored));

  /** `savedAs` receives what the server stored; `seriesCreated` a series made on the way. */
  constructor(
    port: WorkspacePort,
    sessionId: string,
    savedAs: (details: SessionDetails) => void,
    seriesCreated: (series: SeriesSummary) => void,
  ) {
    this.#port = port;
    this.#sessionId = sessionId;
    this.#savedAs = savedAs;
    this.#seriesCreated = seriesCreated;
  }

  get dirty(): boolean {
    return this.#dirty;
  }

  get canSave(): boolean {
    return this.#dirty && this.fields.complete;
  }

  get saving(): boolean {
    return this.#saving;
  }

  /** Saved, and not edited since. */
  get saved(): boolean {
    return this.#saved && !this.#dirty;
  }

  get error(): UiErrorCode | null {
    return this.#error;
  }

  /** Shows what the server holds. */
  fill = (details: SessionDetails): void => {
    this.#stored = details;
    this.fields.fill(details);
  };

  /** Typing in the title withdraws the last "saved". */
  edited = (): void => {
    this.#saved = false;
  };

  save = async (): Promise<void> => {
    if (!this.canSave || this.#saving) return;
    this.#saving = true;
    this.#error = null;
    this.#saved = false;
    const facts = await this.fields.toSend(this.#port.workspace, this.#seriesCreated);
    const outcome = facts.ok ? await this.#port.workspace.saveDetails(this.#sessionId, facts.data) : facts;
    this.#saving = false;
    if (!outcome.ok) {
      this.#error = outcome.code;
      return;
    }
    this.fill(outcome.data);
    this.#savedAs(outcome.data);
    this.#saved = true;
  };
}
