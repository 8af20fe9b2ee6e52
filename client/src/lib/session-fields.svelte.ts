/**
 * The fields a session keeps for reports and series (title, series, agencies, names in
 * reports) and the language of its phones and projector, as both the new-session form and a
 * session's details form edit them.
 */
import { DEFAULT_LOCALE, type Locale } from '../../../shared/i18n/messages.ts';
import type { SessionDetailsBody } from '../../../shared/types.ts';
import type { Outcome } from './api.ts';
import type { WorkspaceApi } from './workspace-port.ts';
import {
  NEW_SERIES,
  agenciesProblem,
  agenciesText,
  parseAgencies,
  resolveSeries,
  seriesChoice,
  type SeriesSummary,
  type SessionDetails,
} from './workspace.ts';

type Facts = Pick<SessionDetails, 'title' | 'seriesId' | 'agencies' | 'namesInReports' | 'locale'>;

export class SessionFieldsForm {
  #title = $state('');
  /** '' for none, a series id, or NEW_SERIES. */
  #series = $state('');
  #newSeriesTitle = $state('');
  #agenciesText = $state('');
  #namesInReports = $state(false);
  #locale = $state<Locale>(DEFAULT_LOCALE);
  #agencies = $derived(parseAgencies(this.#agenciesText));

  get title(): string {
    return this.#title;
  }
  set title(value: string) {
    this.#title = value;
  }
  get series(): string {
    return this.#series;
  }
  set series(value: string) {
    this.#series = value;
  }
  get newSeriesTitle(): string {
    return this.#newSeriesTitle;
  }
  set newSeriesTitle(value: string) {
    this.#newSeriesTitle = value;
  }
  get agenciesText(): string {
    return this.#agenciesText;
  }
  set agenciesText(value: string) {
    this.#agenciesText = value;
  }
  get namesInReports(): boolean {
    return this.#namesInReports;
  }
  set namesInReports(value: boolean) {
    this.#namesInReports = value;
  }
  /** The language of the session's phones and projector (a person's own pick still wins on their screen). */
  get locale(): Locale {
    return this.#locale;
  }
  set locale(value: Locale) {
    this.#locale = value;
  }

  /** The agencies as they would be sent: one per line, repeats once. */
  get agencies(): string[] {
    return this.#agencies;
  }

  /** Nothing the server would refuse: a title, agencies within limits, a name for a new series. */
  get complete(): boolean {
    return (
      this.#title.trim().length > 0 &&
      agenciesProblem(this.#agencies) === null &&
      (this.#series !== NEW_SERIES || this.#newSeriesTitle.trim().length > 0)
    );
  }

  fill = (facts: Facts): void => {
    this.#title = facts.title;
    this.#series = facts.seriesId ?? '';
    this.#newSeriesTitle = '';
    this.#agenciesText = agenciesText(facts.agencies);
    this.#namesInReports = facts.namesInReports;
    this.#locale = facts.locale;
  };

  /** Whether the fields say something other than these facts. */
  differsFrom = (facts: Facts): boolean =>
    this.#title.trim() !== facts.title ||
    this.#series !== (facts.seriesId ?? '') ||
    agenciesText(this.#agencies) !== agenciesText(facts.agencies) ||
    this.#namesInReports !== facts.namesInReports ||
    this.#locale !== facts.locale;

  /**
   * The fields as the server takes them, creating the new series first when asked to. A series
   * created here is then selected (and passed to `seriesCreated`), so a retry after a later
   * failure does not make a second one.
   */
  toSend = async (api: WorkspaceApi, seriesCreated: (series: SeriesSummary) => void): Promise<Outcome<SessionDetailsBody>> => {
    const resolved = await resolveSeries(seriesChoice(this.#series, this.#newSeriesTitle), api);
    if (!resolved.ok) return resolved;
    const { seriesId, created } = resolved.data;
    if (created) {
      this.#series = created.id;
      this.#newSeriesTitle = '';
      seriesCreated(created);
    }
    const data = {
      title: this.#title.trim(),
      seriesId,
      agencies: this.#agencies,
      namesInReports: this.#namesInReports,
      locale: this.#locale,
    };
    return { ok: true, data };
  };

  /**
   * Copies an earlier session's series (when `usableSeries` allows it) and agencies where the
   * form has none of its own; true when it did.
   */
  copyFrom = (
    earlier: { series: { id: string } | null; agencies: readonly string[] },
    usableSeries: (id: string) => boolean = () => true,
  ): boolean => {
    let copied = false;
    if (this.#series === '' && earlier.series && usableSeries(earlier.series.id)) {
      this.#series = earlier.series.id;
      copied = true;
    }
    if (this.#agenciesText.trim().length === 0 && earlier.agencies.length > 0) {
      this.#agenciesText = agenciesText(earlier.agencies);
      copied = true;
    }
    return copied;
  };
}
