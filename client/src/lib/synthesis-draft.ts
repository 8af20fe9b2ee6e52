/**
 * The secretary's draft of a sala's synthesis, as pure transitions: typing, starting a save,
 * its acknowledgement or refusal, a version saved by another device, and the secretary's
 * choice after a conflict. The rules that keep every word: local text is never replaced
 * without the secretary's say unless it was already saved, a save is retried with the same
 * clientSaveId until answered, and a newer version elsewhere is shown, never overwritten.
 */
import type { SalaSynthesis, SynthesisContent } from '../../../shared/types.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { EMPTY_CONTENT, sameContent } from './synthesis.ts';

/** A save sent and not answered yet: retried as it is (same id, same base, same text). */
export interface SaveInFlight {
  clientSaveId: string;
  baseVersion: number;
  content: SynthesisContent;
}

/** Another device saved a newer version than the one the local text starts from. */
export interface DraftConflict {
  version: number;
  content: SynthesisContent;
}

export interface DraftState {
  /** What the secretary sees and types. */
  content: SynthesisContent;
  /** The server version `content` was written on. */
  baseVersion: number;
  /** `content` has changes that no save (sent or stored) carries yet. */
  dirty: boolean;
  inFlight: SaveInFlight | null;
  conflict: DraftConflict | null;
  /** A save was refused as stale and the newer version has not arrived yet (a sync was asked for). */
  awaitingLatest: boolean;
  /** The server refused writing: submitted, or the writing closed. The text stays for copying. */
  locked: boolean;
  /** The last refusal that is neither a conflict nor a lock (shown, then retried on the next edit). */
  error: ErrorCode | null;
}

/** What is kept in localStorage until every change is acknowledged. */
export type StoredDraft = Pick<DraftState, 'content' | 'baseVersion' | 'dirty' | 'inFlight'>;

const isContent = (value: unknown): value is SynthesisContent => {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.fields !== 'object' || record.fields === null || Array.isArray(record.fields)) return false;
  if (!Object.values(record.fields).every((text) => typeof text === 'string')) return false;
  return Array.isArray(record.support) && record.support.every((id) => typeof id === 'string');
};

/** Storage is user-editable: accept only a well-formed draft. */
export function isStoredDraft(value: unknown): value is StoredDraft {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (!isContent(record.content) || typeof record.baseVersion !== 'number' || typeof record.dirty !== 'boolean') return false;
  if (record.inFlight === null) return true;
  if (typeof record.inFlight !== 'object') return false;
  const inFlight = record.inFlight as Record<string, unknown>;
  return typeof inFlight.clientSaveId === 'string' && typeof inFlight.baseVersion === 'number' && isContent(inFlight.content);
}

/** The draft to start from: what this phone kept (it may hold unsaved text), else the server's. */
export function initialDraft(stored: StoredDraft | null, server: SalaSynthesis | null, writable: boolean): DraftState {
  const fresh = { conflict: null, awaitingLatest: false, locked: !writable, error: null };
  const base: DraftState = stored
    ? { ...stored, ...fresh }
    : { content: server?.content ?? EMPTY_CONTENT, baseVersion: server?.version ?? 0, dirty: false, inFlight: null, ...fresh };
  return server ? remoteChanged(base, server, writable) : base;
}

/** What to keep in storage, or null when everything is acknowledged (and the copy may go). */
export function toStored(state: DraftState): StoredDraft | null {
  if (!state.dirty && state.inFlight === null && state.conflict === null && !state.awaitingLatest) return null;
  return { content: state.content, baseVersion: state.baseVersion, dirty: state.dirty, inFlight: state.inFlight };
}

/** The secretary typed or ticked. */
export function edited(state: DraftState, content: SynthesisContent): DraftState {
  return { ...state, content, dirty: true, error: null };
}

/**
 * The save to send now: the one in flight again (a retry keeps its id), else a new one for
 * unsaved text. None while a conflict waits for the secretary, once writing is locked, or
 * after a refusal until the next edit.
 */
export function nextSave(state: DraftState, newId: () => string): { state: DraftState; save: SaveInFlight } | null {
  if (state.inFlight) return { state, save: state.inFlight };
  // After a refusal that is not a conflict, the next edit tries again (no loop of refusals).
  if (!state.dirty || state.conflict || state.awaitingLatest || state.locked || state.error) return null;
  const save: SaveInFlight = { clientSaveId: newId(), baseVersion: state.baseVersion, content: state.content };
  return { state: { ...state, inFlight: save, dirty: false }, save };
}

/**
 * The server stored the save (or had stored it: a retry). Its view of the sala says which
 * version holds the text; if the server now holds other text, another device wrote after us.
 */
export function saveAcknowledged(state: DraftState, save: SaveInFlight, server: SalaSynthesis | null): DraftState {
  if (state.inFlight?.clientSaveId !== save.clientSaveId) return state;
  const cleared = { ...state, inFlight: null, error: null };
  if (!server) return cleared;
  if (sameContent(server.content, save.content)) {
    return { ...cleared, baseVersion: Math.max(state.baseVersion, server.version) };
  }
  // Saved, but someone saved again since: ask, with the local text kept unsaved.
  return { ...cleared, dirty: true, conflict: { version: server.version, content: server.content ?? EMPTY_CONTENT } };
}

/** The server refused the save. `latest` is the newest view of the sala this phone has. */
export function saveRefused(state: DraftState, save: SaveInFlight, code: ErrorCode, latest: SalaSynthesis | null): DraftState {
  if (state.inFlight?.clientSaveId !== save.clientSaveId) return state;
  // The text of the refused save is unsaved again.
  const back = { ...state, inFlight: null, dirty: true };
  if (code === 'STALE_VERSION') {
    // Without a newer view at hand, the conflict is filled in when it arrives (remoteChanged).
    if (!latest || latest.version <= save.baseVersion) return { ...back, awaitingLatest: true, error: null };
    return { ...back, conflict: { version: latest.version, content: latest.content ?? EMPTY_CONTENT }, error: null };
  }
  if (code === 'SYNTHESIS_LOCKED') return { ...back, locked: true };
  return { ...back, error: code };
}

/**
 * A view of the sala arrived (broadcast, snapshot, ack). `writable`: the writing is open and
 * this synthesis not submitted. A newer version replaces the local text only when that text
 * was saved already; otherwise the secretary chooses.
 */
export function remoteChanged(state: DraftState, server: SalaSynthesis, writable: boolean): DraftState {
  const next = state.locked === !writable ? state : { ...state, locked: !writable };
  if (server.version <= next.baseVersion) return next;
  const content = server.content ?? EMPTY_CONTENT;
  const settled = { awaitingLatest: false, conflict: null, error: null };
  if (sameContent(content, next.content) && next.inFlight === null)
    return { ...next, ...settled, baseVersion: server.version, dirty: false };
  // Our own save may be the newer version (its broadcast before its ack): wait for the ack.
  if (next.inFlight) return next;
  if (!next.dirty) return { ...next, ...settled, content, baseVersion: server.version };
  return { ...next, ...settled, conflict: { version: server.version, content } };
}

/** After a conflict: keep the local text, saved on top of the newer version. */
export function keepMine(state: DraftState): DraftState {
  if (!state.conflict) return state;
  return { ...state, baseVersion: state.conflict.version, conflict: null, awaitingLatest: false, dirty: true, error: null };
}

/** After a conflict: take the newer version; the local text is dropped. */
export function takeTheirs(state: DraftState): DraftState {
  if (!state.conflict) return state;
  return {
    ...state,
    content: state.conflict.content,
    baseVersion: state.conflict.version,
    conflict: null,
    awaitingLatest: false,
    dirty: false,
    error: null,
  };
}

/** What the secretary reads under the fields. */
export type SaveStatus =
  | { kind: 'empty' }
  | { kind: 'saving' }
  | { kind: 'saved'; version: number }
  | { kind: 'offline' }
  | { kind: 'stale' }
  | { kind: 'locked' }
  | { kind: 'error'; code: ErrorCode };

export function saveStatus(state: DraftState, online: boolean): SaveStatus {
  if (state.conflict || state.awaitingLatest) return { kind: 'stale' };
  if (state.locked) return { kind: 'locked' };
  const unsaved = state.dirty || state.inFlight !== null;
  if (unsaved && !online) return { kind: 'offline' };
  if (state.error && state.inFlight === null) return { kind: 'error', code: state.error };
  if (unsaved) return { kind: 'saving' };
  return state.baseVersion > 0 ? { kind: 'saved', version: state.baseVersion } : { kind: 'empty' };
}
