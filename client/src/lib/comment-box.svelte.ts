/**
 * The facilitator's "Comentarios y análisis" of one activity, autosaved: typed text goes to the
 * server after a short pause (and at once when the box is left); a failed save keeps the text
 * and says so, and the next edit or leave tries again.
 */
import type { CommentedActivity, FacilitatorComment } from '../../../shared/types.ts';
import { request, type Outcome } from './api.ts';

export interface CommentPort {
  list: () => Promise<Outcome<CommentedActivity[]>>;
  save: (activityId: string, text: string) => Promise<Outcome<FacilitatorComment | null>>;
}

/** The comments API of a session: with the facilitator's token (console), or the sign-in cookie (workspace). */
export function commentPort(sessionId: string, token?: string): CommentPort {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}/comments`;
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  return {
    list: () => request<CommentedActivity[]>('GET', base, undefined, headers),
    save: (activityId, text) => request<FacilitatorComment | null>('PUT', `${base}/${encodeURIComponent(activityId)}`, { text }, headers),
  };
}

export type CommentStatus = 'loading' | 'saved' | 'pending' | 'saving' | 'error';

interface Timers {
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}
const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class CommentBox {
  readonly activityId: string;
  readonly #port: CommentPort;
  readonly #delayMs: number;
  readonly #timers: Timers;
  #text = $state('');
  #status = $state<CommentStatus>('loading');
  /** The text the server holds. */
  #stored = '';
  #timer: unknown = null;
  #saving = false;
  /** Read from the server: until then nothing is saved (it could overwrite what is there). */
  #loaded = $state(false);

  constructor(port: CommentPort, activityId: string, options: { delayMs?: number; timers?: Timers } = {}) {
    this.#port = port;
    this.activityId = activityId;
    this.#delayMs = options.delayMs ?? 800;
    this.#timers = options.timers ?? realTimers;
  }

  get text(): string {
    return this.#text;
  }
  get status(): CommentStatus {
    return this.#status;
  }
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Reads the comment the server holds (the box is read-only until then). */
  async load(): Promise<void> {
    const outcome = await this.#port.list();
    if (!outcome.ok) {
      this.#status = 'error';
      return;
    }
    this.#stored = outcome.data.find((a) => a.activityId === this.activityId)?.comment?.text ?? '';
    this.#text = this.#stored;
    this.#loaded = true;
    this.#status = 'saved';
  }

  /** The facilitator typed: save after a pause. */
  edit(text: string): void {
    this.#text = text;
    this.#status = 'pending';
    this.#cancel();
    this.#timer = this.#timers.set(() => void this.flush(), this.#delayMs);
  }

  /** Saves now what is typed, if the server does not hold it yet. */
  async flush(): Promise<void> {
    this.#cancel();
    if (this.#saving || !this.#loaded) return;
    const sending = this.#text;
    if (sending.trim() === this.#stored.trim()) {
      this.#status = 'saved';
      return;
    }
    this.#saving = true;
    this.#status = 'saving';
    const outcome = await this.#port.save(this.activityId, sending);
    this.#saving = false;
    if (!outcome.ok) {
      this.#status = 'error';
      return;
    }
    this.#stored = outcome.data?.text ?? '';
    // Typed on while it was saving: save that too.
    if (this.#text !== sending) await this.flush();
    else this.#status = 'saved';
  }

  dispose(): void {
    this.#cancel();
  }

  #cancel(): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
  }
}
