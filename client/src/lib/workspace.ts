/**
 * The facilitators' workspace over HTTP: their sessions, series, a session's details, reports,
 * deletion and the retention period. The browser sends the httpOnly auth cookie by itself;
 * failures come back as an error code (shown as `error.<CODE>`), never as a throw. The pure
 * helpers below (agencies, file names, titles, retention) are tested without a browser.
 */
import { LIMITS } from '../../../shared/limits.ts';
import type { ReportSeparator, SeriesReportFormat, SessionReportFormat } from '../../../shared/report.ts';
import type { CreateSessionBody, CreatedSession, SessionDetailsBody, TemplateSummary } from '../../../shared/types.ts';
import { failure, request, type Outcome } from './api.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import {
  retentionCutoff,
  type Retention,
  type RetentionSaved,
  type SeriesSummary,
  type SessionDetails,
  type SessionListing,
} from '../../../shared/workspace.ts';

export type { Retention, RetentionSaved, SeriesSummary, SessionDetails, SessionListing } from '../../../shared/workspace.ts';

/** The template of the seed's session 2, preselected when the server offers it. */
export const DEFAULT_TEMPLATE = 'bienestar-sesion-2';

const sessionPath = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;

export const workspaceApi = {
  /** The signed-in facilitator's sessions (every session for administrators), newest first. */
  sessions: () => request<SessionListing[]>('GET', '/api/workspace/sessions'),
  series: () => request<SeriesSummary[]>('GET', '/api/series'),
  createSeries: (title: string) => request<SeriesSummary>('POST', '/api/series', { title }),
  templates: () => request<TemplateSummary[]>('GET', '/api/templates'),
  createSession: (body: CreateSessionBody) => request<CreatedSession>('POST', '/api/sessions', body),
  details: (sessionId: string) => request<SessionDetails>('GET', `${sessionPath(sessionId)}/details`),
  saveDetails: (sessionId: string, body: SessionDetailsBody) => request<SessionDetails>('PUT', `${sessionPath(sessionId)}/details`, body),
  deleteSession: (sessionId: string) => request<null>('DELETE', sessionPath(sessionId)),
  /** A new console link for the signed-in owner (or an administrator): the token is never kept in clear. */
  facilitatorLink: (sessionId: string) => request<CreatedSession>('POST', `${sessionPath(sessionId)}/facilitator-links`),
  retention: () => request<Retention>('GET', '/api/settings/retention'),
  setRetention: (days: number | null) => request<RetentionSaved>('PUT', '/api/settings/retention', { days }),
};

// ---------------------------------------------------------------------------------------------
// Reports

/** The address of a session's report; the server's defaults (es-CL, semicolons) are left out. */
export function sessionReportUrl(
  sessionId: string,
  format: SessionReportFormat,
  options: { locale?: string; separator?: ReportSeparator } = {},
): string {
  const query = new URLSearchParams();
  if (options.locale && options.locale !== 'es-CL') query.set('locale', options.locale);
  if (format === 'csv' && options.separator === 'comma') query.set('separator', 'comma');
  const search = query.toString();
  return `${sessionPath(sessionId)}/report.${format}${search ? `?${search}` : ''}`;
}

/** The address of a series comparison. */
export function seriesReportUrl(seriesId: string, format: SeriesReportFormat, options: { locale?: string } = {}): string {
  const search = options.locale && options.locale !== 'es-CL' ? `?locale=${encodeURIComponent(options.locale)}` : '';
  return `/api/series/${encodeURIComponent(seriesId)}/report.${format}${search}`;
}

/**
 * The file name of a Content-Disposition header: `filename*` (RFC 5987, UTF-8) wins over
 * `filename`; anything with a path in it is cut to its last part. Null when there is none.
 */
export function fileNameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  let name: string | null = null;
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (extended?.[1]) {
    const value = extended[1].trim().replace(/^"(.*)"$/, '$1');
    const match = /^[\w-]*'[\w-]*'(.*)$/.exec(value);
    try {
      name = decodeURIComponent(match?.[1] ?? value);
    } catch {
      name = null;
    }
  }
  if (name === null) {
    const plain = /(?:^|;)\s*filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]*)/i.exec(header);
    if (plain) name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : (plain[1] ?? '').trim();
  }
  if (name === null) return null;
  const base = name.split(/[/\\]/).pop()?.trim() ?? '';
  return base.length > 0 && base !== '.' && base !== '..' ? base : null;
}

export type Download = { ok: true; blob: Blob; fileName: string } | { ok: false; code: UiErrorCode };

/** Fetches a report with the console's facilitator token (no cookie needed). */
export async function fetchReport(url: string, token: string, fallbackName: string): Promise<Download> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, credentials: 'same-origin' });
  } catch {
    return { ok: false, code: 'OFFLINE' };
  }
  if (!response.ok) {
    const parsed: unknown = await response.json().catch(() => null);
    return { ok: false, code: failure(response.status, parsed).code };
  }
  try {
    const blob = await response.blob();
    return { ok: true, blob, fileName: fileNameFromDisposition(response.headers.get('content-disposition')) ?? fallbackName };
  } catch {
    return { ok: false, code: 'OFFLINE' };
  }
}

/** Hands a blob to the browser as a download, through a temporary object URL and link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns: revoke a little later.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

// ---------------------------------------------------------------------------------------------
// Forms

/** Agencies typed one per line: trimmed, blank lines dropped, repeats (ignoring case) once. */
export function parseAgencies(text: string): string[] {
  const seen = new Set<string>();
  const agencies: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const name = line.trim().replace(/\s+/g, ' ');
    const key = name.toLocaleLowerCase('es');
    if (name.length === 0 || seen.has(key)) continue;
    seen.add(key);
    agencies.push(name);
  }
  return agencies;
}

/** Agencies back into the one-per-line text of the form. */
export function agenciesText(agencies: readonly string[]): string {
  return agencies.join('\n');
}

export type AgenciesProblem = { kind: 'tooMany'; max: number } | { kind: 'tooLong'; name: string; max: number };

/** What the server would refuse in a list of agencies, said before sending it. */
export function agenciesProblem(agencies: readonly string[]): AgenciesProblem | null {
  if (agencies.length > LIMITS.agenciesMax) return { kind: 'tooMany', max: LIMITS.agenciesMax };
  const long = agencies.find((name) => name.length > LIMITS.agencyNameMax);
  return long === undefined ? null : { kind: 'tooLong', name: long, max: LIMITS.agencyNameMax };
}

/** The series field's choice: none, an existing series, or a new one to create first. */
export type SeriesChoice = { kind: 'none' } | { kind: 'existing'; id: string } | { kind: 'new'; title: string };

/** The value of the series select for "a new series". Never an id: ids are nanoids. */
export const NEW_SERIES = '+new';

export function seriesChoice(selected: string, newTitle: string): SeriesChoice {
  if (selected === NEW_SERIES) return { kind: 'new', title: newTitle.trim() };
  return selected === '' ? { kind: 'none' } : { kind: 'existing', id: selected };
}

/** The series id to send: creates the new series first when asked to. */
export async function resolveSeries(
  choice: SeriesChoice,
  api: Pick<typeof workspaceApi, 'createSeries'> = workspaceApi,
): Promise<Outcome<{ seriesId: string | null; created: SeriesSummary | null }>> {
  if (choice.kind === 'none') return { ok: true, data: { seriesId: null, created: null } };
  if (choice.kind === 'existing') return { ok: true, data: { seriesId: choice.id, created: null } };
  if (choice.title.length === 0) return { ok: false, code: 'VALIDATION_FAILED' };
  const created = await api.createSeries(choice.title);
  return created.ok ? { ok: true, data: { seriesId: created.data.id, created: created.data } } : created;
}

/**
 * A title for the session that follows: "Bienestar · sesión 1" → "Bienestar · sesión 2".
 * Without a number at the end, the same title (the facilitator edits it).
 */
export function nextSessionTitle(title: string): string {
  const match = /^(.*?)(\d+)(\s*)$/.exec(title);
  if (!match) return title;
  const next = String(Number(match[2]) + 1).padStart(match[2]!.length, '0');
  return `${match[1]}${next}`.slice(0, LIMITS.sessionTitleMax);
}

/** What the workspace says about a session: running, ended, or stripped of participant data. */
export type ListedSessionStatus = 'open' | 'closed' | 'removed';

export function sessionState(session: Pick<SessionListing, 'status' | 'participantDataRemovedAt'>): ListedSessionStatus {
  if (session.participantDataRemovedAt !== null) return 'removed';
  return session.status === 'open' ? 'open' : 'closed';
}

/** The retention field: empty keeps data (null); otherwise whole days within the limit. */
export function parseRetentionDays(text: string): { ok: true; days: number | null } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: true, days: null };
  if (!/^\d+$/.test(trimmed)) return { ok: false };
  const days = Number(trimmed);
  return days >= 1 && days <= LIMITS.retentionDaysMax ? { ok: true, days } : { ok: false };
}

/** The listed sessions a retention period would strip of participant data now (as the server decides it). */
export function sessionsToClear(
  sessions: readonly Pick<SessionListing, 'createdAt' | 'participantDataRemovedAt'>[],
  days: number | null,
  now: number,
): number {
  if (days === null) return 0;
  const cutoff = retentionCutoff(days, now);
  return sessions.filter((session) => session.participantDataRemovedAt === null && session.createdAt < cutoff).length;
}
