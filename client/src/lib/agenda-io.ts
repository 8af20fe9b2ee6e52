/**
 * Agendas in and out of the app as JSON files (docs/agenda-format.md): export a session's
 * agenda, and create a new session from an exported one. Failures come back as values, with
 * every problem the server found and its place in the file.
 */
import { slugify } from '../../../shared/slug.ts';
import { ERROR_CODES, type ErrorBody, type ErrorCode } from '../../../shared/errors.ts';
import type { CreatedSession } from '../../../shared/types.ts';
import type { UiErrorCode } from './i18n.svelte.ts';

// Not i18n.svelte.ts's isErrorCode: this module stays free of runes, so it is tested in plain Node.
const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

export interface ImportProblem {
  /** JSON path in the file ("/activities/3/options/1/id"); "/" for the whole file. */
  path: string;
  message: string;
}

export type IoOutcome<T> = { ok: true; data: T } | { ok: false; code: UiErrorCode; message: string | null; problems: ImportProblem[] };

const failure = (code: UiErrorCode, message: string | null = null, problems: ImportProblem[] = []): IoOutcome<never> => ({
  ok: false,
  code,
  message,
  problems,
});

/**
 * The server reports problems at their place in the request body (`/agenda/activities/3/…`);
 * the facilitator reads them against the file, so the `/agenda` prefix goes.
 */
export function filePath(bodyPath: string): string {
  if (bodyPath === '/agenda') return '/';
  return bodyPath.startsWith('/agenda/') ? bodyPath.slice('/agenda'.length) : bodyPath;
}

/** The error body of a failed response, whatever shape it came in. */
export function errorOf(status: number, body: unknown): { code: UiErrorCode; message: string | null; problems: ImportProblem[] } {
  const error = typeof body === 'object' && body !== null && 'error' in body ? (body.error as Partial<ErrorBody> | null) : null;
  const code: UiErrorCode = isErrorCode(error?.code) ? error.code : status === 404 ? 'NOT_FOUND' : 'INTERNAL';
  const details = Array.isArray(error?.details) ? error.details : [];
  const problems = details
    .filter((detail): detail is ImportProblem => typeof detail?.path === 'string' && typeof detail.message === 'string')
    .map((detail) => ({ path: filePath(detail.path), message: detail.message }));
  return { code, message: typeof error?.message === 'string' ? error.message : null, problems };
}

/** Reads a file's text as JSON; a file that is not JSON is one problem at its root. */
export function parseAgendaFile(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The title an imported file proposes for its session, if it has a usable one. */
export function titleOfDocument(document: unknown, max: number): string | null {
  if (typeof document !== 'object' || document === null || !('title' in document)) return null;
  const title = document.title;
  if (typeof title !== 'string') return null;
  const trimmed = title.trim();
  return trimmed.length > 0 && trimmed.length <= max ? trimmed : null;
}

/** A file name for a session's agenda: its title, lower-case, accents and symbols out. */
export function agendaFileName(title: string): string {
  return `agenda-${slugify(title) || 'plenario'}.json`;
}

async function send(path: string, init: RequestInit): Promise<{ response: Response; body: unknown } | null> {
  try {
    const response = await fetch(path, { credentials: 'same-origin', ...init });
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return { response, body };
  } catch {
    return null;
  }
}

/** GET /api/sessions/:id/agenda with the facilitator's token: the agenda document. */
export async function fetchAgendaDocument(sessionId: string, token: string): Promise<IoOutcome<unknown>> {
  const result = await send(`/api/sessions/${encodeURIComponent(sessionId)}/agenda`, {
    headers: { accept: 'application/json', authorization: `Bearer ${token}` },
  });
  if (!result) return failure('OFFLINE');
  if (!result.response.ok) {
    const { code, message } = errorOf(result.response.status, result.body);
    return failure(code, message);
  }
  return { ok: true, data: result.body };
}

/** POST /api/sessions with `{title, agenda}`: a new session from an agenda document. */
export async function createSessionFromAgenda(title: string, agenda: unknown): Promise<IoOutcome<CreatedSession>> {
  const result = await send('/api/sessions', {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ title, agenda }),
  });
  if (!result) return failure('OFFLINE');
  if (!result.response.ok) {
    const { code, message, problems } = errorOf(result.response.status, result.body);
    return failure(code, message, problems);
  }
  return { ok: true, data: result.body as CreatedSession };
}

/** Offers a JSON value as a file download. */
export function downloadJson(value: unknown, fileName: string): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Give the browser time to start the download before the address is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
