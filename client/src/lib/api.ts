/**
 * The client's HTTP transport: one JSON call, failures as an error code, never as a throw. The
 * calls themselves are grouped by screen: `joinApi` here, `workspaceApi` in workspace.ts,
 * `accountApi` in account.ts.
 */
import type { JoinCheck } from '../../../shared/types.ts';
import { ERROR_CODES, type ErrorCode } from '../../../shared/errors.ts';
import type { UiErrorCode } from './i18n.svelte.ts';

// Not i18n.svelte.ts's own: that module holds runes, and this one is unit-tested outside Svelte.
const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

/** A result; a failure may name the field the server refused (e.g. "email" when it is taken). */
export type Outcome<T> = { ok: true; data: T } | { ok: false; code: UiErrorCode; field?: string | null };

/** The error code and refused field of a failed response's `{error}` body. */
export function failure(status: number, parsed: unknown): { ok: false; code: UiErrorCode; field: string | null } {
  const error =
    typeof parsed === 'object' && parsed !== null && 'error' in parsed
      ? (parsed.error as { code?: unknown; details?: unknown } | null)
      : null;
  const firstPath = Array.isArray(error?.details) ? (error.details[0] as { path?: unknown } | undefined)?.path : undefined;
  const field = typeof firstPath === 'string' && firstPath.startsWith('/') && firstPath.length > 1 ? firstPath.slice(1) : null;
  if (isErrorCode(error?.code)) return { ok: false, code: error.code, field };
  return { ok: false, code: status === 401 ? 'UNAUTHORIZED' : status === 404 ? 'NOT_FOUND' : 'INTERNAL', field: null };
}

/** One JSON call to the server, same-origin (the sign-in cookie goes along); `headers` add to the JSON ones. */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        ...headers,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, code: 'OFFLINE', field: null };
  }
  let parsed: unknown = null;
  if (response.status !== 204) {
    try {
      parsed = await response.json();
    } catch {
      parsed = null;
    }
  }
  return response.ok ? { ok: true, data: parsed as T } : failure(response.status, parsed);
}

/** What a phone shows beside a code: the key of the link it came through, its token from an earlier join. */
export interface JoinShown {
  joinKey: string | null;
  participantToken: string | null;
}

export const joinApi = {
  /** The open session behind a join code; the key and token go in headers, never in the address. */
  checkJoinCode: (code: string, shown: JoinShown) =>
    request<JoinCheck>('GET', `/api/join/${encodeURIComponent(code)}`, undefined, {
      ...(shown.joinKey ? { 'plenario-join-key': shown.joinKey } : {}),
      ...(shown.participantToken ? { 'plenario-participant-token': shown.participantToken } : {}),
    }),
};
