/**
 * The workspace's new-session form: a title, where the agenda comes from (a template, nothing,
 * or an earlier session), the session's fields; on success the console opens.
 */
import type { CreateSessionBody, SessionDetailsBody, TemplateSummary } from '../../../shared/types.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import { SessionFieldsForm } from './session-fields.svelte.ts';
import { DEFAULT_TEMPLATE, type SeriesSummary, type SessionListing } from './workspace.ts';
import { openConsole, type WorkspacePort } from './workspace-port.ts';

/** A source value: "template:<id>", "blank" or "session:<id>". */
export const templateSource = (id: string): string => `template:${id}`;
export const sessionSource = (id: string): string => `session:${id}`;
export const BLANK_SOURCE = 'blank';

export class NewSessionForm {
  readonly fields = new SessionFieldsForm();
  readonly #port: WorkspacePort;
  readonly #sessions: () => readonly SessionListing[];
  /** The series this account may use (its own; all of them for an administrator). */
  readonly #series: () => readonly SeriesSummary[];
  readonly #seriesCreated: (series: SeriesSummary) => void;
  #source = $state(templateSource(DEFAULT_TEMPLATE));
  /** The earlier session whose series or agencies were copied into the form. */
  #copiedFrom = $state<string | null>(null);
  #creating = $state(false);
  #error = $state<UiErrorCode | null>(null);

  constructor(
    port: WorkspacePort,
    sessions: () => readonly SessionListing[],
    series: () => readonly SeriesSummary[],
    seriesCreated: (series: SeriesSummary) => void,
  ) {
    this.#port = port;
    this.#sessions = sessions;
    this.#series = series;
    this.#seriesCreated = seriesCreated;
  }

  get source(): string {
    return this.#source;
  }

  /** Picking an earlier session brings its series and agencies, unless the form has its own. */
  set source(value: string) {
    this.#source = value;
    this.#copiedFrom = null;
    const earlier = this.#sessions().find((session) => sessionSource(session.id) === value);
    // Only a series of one's own: an administrator may have filed the earlier session in another's.
    const usable = (id: string) => this.#series().some((item) => item.id === id);
    if (earlier && this.fields.copyFrom(earlier, usable)) this.#copiedFrom = earlier.title;
  }

  get copiedFrom(): string | null {
    return this.#copiedFrom;
  }

  get creating(): boolean {
    return this.#creating;
  }

  get error(): UiErrorCode | null {
    return this.#error;
  }

  get canSubmit(): boolean {
    return this.fields.complete;
  }

  /** Keeps the chosen template when the server offers it; otherwise its first, or a blank agenda. */
  offerTemplates = (templates: readonly TemplateSummary[]): void => {
    if (templates.some((template) => templateSource(template.id) === this.#source)) return;
    this.#source = templates[0] ? templateSource(templates[0].id) : BLANK_SOURCE;
  };

  submit = async (): Promise<void> => {
    if (!this.canSubmit || this.#creating) return;
    this.#creating = true;
    this.#error = null;
    // A new series is listed even if creating the session fails below: it exists now.
    const facts = await this.fields.toSend(this.#port.workspace, this.#seriesCreated);
    const outcome = facts.ok ? await this.#port.workspace.createSession(this.#body(facts.data)) : facts;
    this.#creating = false;
    if (!outcome.ok) {
      this.#error = outcome.code;
      return;
    }
    openConsole(this.#port, outcome.data);
  };

  #body = ({ seriesId, ...facts }: SessionDetailsBody): CreateSessionBody => {
    const body: CreateSessionBody = seriesId === null ? facts : { ...facts, seriesId };
    if (this.#source.startsWith('template:')) body.template = this.#source.slice('template:'.length);
    else if (this.#source.startsWith('session:')) body.fromSessionId = this.#source.slice('session:'.length);
    return body;
  };
}
