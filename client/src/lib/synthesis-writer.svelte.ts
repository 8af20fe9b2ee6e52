/**
 * A secretary's synthesis on this phone: the draft (see synthesis-draft.ts) kept in
 * localStorage at every keystroke until the server acknowledges it, autosaved ~800 ms after
 * typing stops, one save at a time, each retried with its own clientSaveId until answered
 * (after a reconnect too), and submitted once everything typed is saved.
 */
import type { SynthesisContent, SynthesisSavePayload, SynthesisSubmitPayload, SynthesisView } from '../../../shared/types.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import { newId } from './ids.ts';
import { isMoved, isTransient, type CommandResult } from './live-connection.svelte.ts';
import { readJson, removeKey, storageKeys, writeJson } from './storage.ts';
import {
  edited,
  initialDraft,
  isStoredDraft,
  keepMine,
  nextSave,
  remoteChanged,
  saveAcknowledged,
  saveRefused,
  saveStatus,
  takeTheirs,
  toStored,
  type DraftState,
  type SaveInFlight,
  type SaveStatus,
} from './synthesis-draft.ts';
import { EMPTY_CONTENT, salaSynthesis } from './synthesis.ts';

/** Autosave this long after the last keystroke. */
export const AUTOSAVE_DEBOUNCE_MS = 800;
const RETRY_LATER_MS = 3000;

/** What the writer needs from the participant's session (its connection and its latest views). */
export interface SynthesisPort {
  save: (payload: SynthesisSavePayload) => Promise<CommandResult<'synthesis:save'>>;
  submit: (payload: SynthesisSubmitPayload) => Promise<CommandResult<'synthesis:submit'>>;
  /** Joined now: only then may it send (otherwise it waits for the next join). */
  canSend: () => boolean;
  /** The connection is up (for the status line). */
  online: () => boolean;
  /** The newest view of this synthesis the page has. */
  latest: () => SynthesisView | null;
  /** A view from an ack: the session applies it (and passes it back through `remote`). */
  apply: (view: SynthesisView) => void;
  /** Ask the server for a full snapshot (after a stale save, to see the newer version). */
  resync: () => void;
}

/** Notes are taken from the forming of the salas (phase pending) until the writing closes or the synthesis is submitted. */
const writable = (view: SynthesisView | null, salaId: string): boolean =>
  view !== null && view.phase !== 'closed' && salaSynthesis(view, salaId)?.submittedAt == null;

export class SynthesisWriter {
  readonly activityId: string;
  readonly salaId: string;
  readonly #key: string;
  readonly #port: SynthesisPort;
  #sending = false;
  #submitWanted = false;
  #disposed = false;
  #debounce: ReturnType<typeof setTimeout> | null = null;
  #retry: ReturnType<typeof setTimeout> | null = null;

  #state = $state.raw<DraftState>({
    content: EMPTY_CONTENT,
    baseVersion: 0,
    dirty: false,
    inFlight: null,
    conflict: null,
    awaitingLatest: false,
    locked: false,
    error: null,
  });
  #submitting = $state(false);
  #submitError = $state<UiErrorCode | null>(null);

  constructor(code: string, activityId: string, salaId: string, port: SynthesisPort) {
    this.activityId = activityId;
    this.salaId = salaId;
    this.#key = storageKeys.synthesis(code, activityId, salaId);
    this.#port = port;
    const view = port.latest();
    this.#state = initialDraft(readJson('local', this.#key, isStoredDraft), salaSynthesis(view, salaId), writable(view, salaId));
  }

  get draft(): DraftState {
    return this.#state;
  }
  get status(): SaveStatus {
    return saveStatus(this.#state, this.#port.online());
  }
  /** True from the tap on "submit" until the server answers it. */
  get submitting(): boolean {
    return this.#submitting;
  }
  get submitError(): UiErrorCode | null {
    return this.#submitError;
  }

  /** The secretary typed or ticked: kept at once, saved when typing pauses. */
  edit = (content: SynthesisContent): void => {
    this.#set(edited(this.#state, content));
    this.#submitError = null;
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => {
      this.#debounce = null;
      void this.#pump();
    }, AUTOSAVE_DEBOUNCE_MS);
  };

  /** Save now (leaving a field, hiding the page, after a reconnect). */
  flush = (): void => {
    if (this.#debounce) {
      clearTimeout(this.#debounce);
      this.#debounce = null;
    }
    void this.#pump();
  };

  /** Save everything typed, then submit the version saved. */
  submit = (): void => {
    this.#submitWanted = true;
    this.#submitError = null;
    this.#submitting = true;
    this.flush();
  };

  keepMine = (): void => {
    this.#set(keepMine(this.#state));
    this.flush();
  };

  takeTheirs = (): void => {
    this.#set(takeTheirs(this.#state));
  };

  /** A view of this synthesis arrived (broadcast, snapshot or ack). */
  remote = (view: SynthesisView): void => {
    const sala = salaSynthesis(view, this.salaId);
    if (!sala) return;
    const before = this.#state;
    this.#set(remoteChanged(before, sala, writable(view, this.salaId)));
    // Reopened by the facilitator with unsaved text here: save it now.
    if (before.locked && !this.#state.locked && this.#state.dirty) this.flush();
  };

  dispose = (): void => {
    this.#disposed = true;
    if (this.#debounce) clearTimeout(this.#debounce);
    if (this.#retry) clearTimeout(this.#retry);
  };

  #set(state: DraftState): void {
    if (state === this.#state) return;
    this.#state = state;
    const stored = toStored(state);
    if (stored) writeJson('local', this.#key, stored);
    else removeKey('local', this.#key);
  }

  #retryLater(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (!this.#disposed) void this.#pump();
    }, RETRY_LATER_MS);
  }

  /** Sends what is due, one request at a time: the save in flight, a new save, then the submission. */
  #pump = async (): Promise<void> => {
    // Not joined: everything waits (in storage) for the flush after the next join.
    if (this.#sending || this.#disposed || !this.#port.canSend()) return;
    const next = nextSave(this.#state, newId);
    if (next) {
      this.#set(next.state);
      await this.#send(next.save);
      return;
    }
    if (!this.#submitWanted) return;
    const state = this.#state;
    const unsaved = state.dirty || state.inFlight !== null;
    if (state.locked || state.conflict || state.awaitingLatest || state.error || (!unsaved && state.baseVersion === 0)) {
      // Nothing to submit, or the secretary must look first: the tap is dropped.
      this.#submitWanted = false;
      this.#submitting = false;
      return;
    }
    if (!unsaved) await this.#sendSubmit(state.baseVersion);
  };

  #send = async (save: SaveInFlight): Promise<void> => {
    this.#sending = true;
    const result = await this.#port.save({
      activityId: this.activityId,
      salaId: this.salaId,
      baseVersion: save.baseVersion,
      clientSaveId: save.clientSaveId,
      content: save.content,
    });
    this.#sending = false;
    if (result.ok) {
      this.#set(saveAcknowledged(this.#state, save, salaSynthesis(result.data, this.salaId)));
      this.#port.apply(result.data);
      void this.#pump();
      return;
    }
    const code = result.error.code;
    // No ack, not joined, or not now: the same save, with its clientSaveId, goes again shortly
    // (or after the next join).
    if (isTransient(code)) {
      this.#retryLater();
      return;
    }
    // The server forgot this socket, or the connection moves to the session's node: the session
    // joins again and flushes the draft after.
    if (code === 'NOT_JOINED' || isMoved(code)) return;
    this.#set(saveRefused(this.#state, save, code, salaSynthesis(this.#port.latest(), this.salaId)));
    if (this.#state.awaitingLatest) this.#port.resync();
    void this.#pump();
  };

  #sendSubmit = async (version: number): Promise<void> => {
    this.#sending = true;
    const result = await this.#port.submit({ activityId: this.activityId, salaId: this.salaId, version });
    this.#sending = false;
    this.#submitWanted = false;
    this.#submitting = false;
    if (result.ok) {
      this.#port.apply(result.data);
      return;
    }
    const code = result.error.code;
    // A newer version elsewhere: fetch it, so the secretary reviews it before submitting.
    if (code === 'STALE_VERSION') this.#port.resync();
    if (code === 'SYNTHESIS_LOCKED') this.#set({ ...this.#state, locked: true });
    this.#submitError = code;
  };
}
