/** The few HTTP calls of the client; failures come back as an error code, never as a throw. */
import type { CreateSessionBody, CreatedSession, TemplateSummary } from '../../../shared/types.ts';
import { isErrorCode, type UiErrorCode } from './i18n.svelte.ts';

export type Outcome<T> = { ok: true; data: T } | { ok: false; code: UiErrorCode };

export interface JoinCheck {
  sessionId: string;
  title: string;
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, code: 'OFFLINE' };
  }
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    parsed = null;
  }
  if (response.ok) return { ok: true, data: parsed as T };
  const code: unknown = typeof parsed === 'object' && parsed !== null && 'error' in parsed ? (parsed.error as { code?: unknown } | null)?.code : undefined;
  if (isErrorCode(code)) return { ok: false, code };
  return { ok: false, code: response.status === 404 ? 'NOT_FOUND' : 'INTERNAL' };
}

export const api = {
  templates: () => request<TemplateSummary[]>('GET', '/api/templates'),
  createSession: (body: CreateSessionBody) => request<CreatedSession>('POST', '/api/sessions', body),
  checkJoinCode: (code: string) => request<JoinCheck>('GET', `/api/join/${encodeURIComponent(code)}`),
};
