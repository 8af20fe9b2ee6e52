/**
 * State of the agenda editor (/facilitate/:id/agenda): its own facilitator socket, fed by the
 * full snapshot on every (re)connect, then `agenda:updated` (another window's edits, or this
 * one's), `session:live` and `results:updated`. Every change is sent at once: structural
 * commands (insert, move, duplicate, delete, restore) as they are made, the selected
 * activity's texts and settings through a DraftSlot that saves them debounced while typing.
 * The server is the source of truth: each ack carries the new agenda, applied at once.
 */
import type { EmitArgs } from '../../../shared/events.ts';
import type {
  Activity,
  ActivityKind,
  ActivityResults,
  AgendaChange,
  LiveState,
  SessionSnapshot,
  SessionView,
} from '../../../shared/types.ts';
import {
  activityProblems,
  defaultDraft,
  insertionIndex,
  respondentsOf,
  sameActivity,
  stepTarget,
  toWire,
  trimTexts,
  type DraftTexts,
  type FieldProblem,
} from './agenda-drafts.ts';
import { facilitatorConnection } from './facilitator.svelte.ts';
import { t, type UiErrorCode } from './i18n.svelte.ts';
import { newId } from './ids.ts';
import { request } from './api.ts';
import type { SupportSlide } from '../../../shared/support-register.ts';
import type { CommandError, CommandResult, ConnectionState, LiveConnection } from './live-connection.svelte.ts';

/** A pause in typing this long saves the field (leaving it saves at once). */
export const TYPING_DEBOUNCE_MS = 600;

/** The agenda commands: each one acks with the new agenda and the activity it was about. */
type AgendaCommand = 'agenda:insert' | 'agenda:update' | 'agenda:move' | 'agenda:duplicate' | 'agenda:delete' | 'agenda:restore';

/** What the header says about saving. */
export type SaveStatus = 'saved' | 'pending' | 'saving' | 'invalid' | 'error' | 'offline';

/** A refusal or failure, with the server's own words when it sent some. */
export interface EditorError {
  code: UiErrorCode;
  message: string | null;
  details: Array<{ path: string; message: string }>;
}

/** A deletion that can still be undone: `agenda:restore` puts it back where it was. */
export interface UndoableDelete {
  activityId: string;
  index: number;
  title: string;
}

type SendResult = 'ok' | 'failed' | 'refused';

/** Codes after which the local draft is dropped for the server's version (it will not be accepted). */
const REVERT_CODES: readonly UiErrorCode[] = ['INVALID_STATE', 'ACTIVITY_NOT_FOUND', 'SESSION_CLOSED'];

/**
 * The selected activity as it is being edited: the local draft, how many edits were made
 * and how many the server acknowledged, and the debounce timer. One slot per selection; a
 * slot left behind still finishes its save.
 */
class DraftSlot {
  readonly id: string;
  #draft = $state.raw<Activity>() as Activity;
  #dirty = $state(false);
  #saving = $state(false);
  #failed = $state(false);
  #edits = 0;
  #acked = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #send: (activity: Activity) => Promise<SendResult>;
  readonly #server: () => Activity | null;

  constructor(activity: Activity, send: (activity: Activity) => Promise<SendResult>, server: () => Activity | null) {
    this.id = activity.id;
    this.#draft = activity;
    this.#send = send;
    this.#server = server;
  }

  get draft(): Activity {
    return this.#draft;
  }
  /** Local changes the server has not acknowledged yet. */
  get dirty(): boolean {
    return this.#dirty;
  }
  get saving(): boolean {
    return this.#saving;
  }
  /** The last save did not reach the server (offline, timeout): it is tried again. */
  get failed(): boolean {
    return this.#failed;
  }

  /** A change made in the form; `delayMs` 0 saves now (choices, buttons), more while typing. */
  edit = (next: Activity, delayMs: number): void => {
    this.#draft = next;
    this.#edits += 1;
    this.#dirty = true;
    this.#failed = false;
    this.#schedule(delayMs);
  };

  /** Leaving a field: its texts are trimmed and whatever waits is saved now. */
  flush = (): void => {
    const trimmed = trimTexts(this.#draft);
    if (JSON.stringify(trimmed) !== JSON.stringify(this.#draft)) {
      this.edit(trimmed, 0);
      return;
    }
    if (this.#dirty) this.#schedule(0);
  };

  /** The server's version, taken when nothing local is waiting (another window's edit). */
  adopt = (server: Activity): void => {
    if (!this.#dirty && !this.#saving) this.#draft = server;
  };

  /** Drops local changes the server refused. */
  revert = (server: Activity): void => {
    this.#clearTimer();
    this.#acked = this.#edits;
    this.#draft = server;
    this.#dirty = false;
    this.#failed = false;
  };

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(delayMs: number): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#push();
    }, delayMs);
  }

  async #push(): Promise<void> {
    if (!this.#dirty || this.#saving) return;
    const draft = this.#draft;
    // Not sendable yet (an empty title while retyping it): the form shows why; saved once fixed.
    if (activityProblems(draft).length > 0) return;
    const version = this.#edits;
    const server = this.#server();
    if (server && sameActivity(server, draft)) {
      this.#acknowledge(version);
      return;
    }
    this.#saving = true;
    const result = await this.#send(draft);
    this.#saving = false;
    if (result === 'ok') {
      this.#acknowledge(version);
    } else if (result === 'refused') {
      const current = this.#server();
      if (current) this.revert(current);
    } else {
      this.#failed = true;
    }
    // Edits made while this save was on its way go next.
    if (this.#dirty && !this.#failed && this.#timer === null) this.#schedule(0);
  }

  #acknowledge(version: number): void {
    this.#acked = Math.max(this.#acked, version);
    if (this.#acked === this.#edits) this.#dirty = false;
  }
}

/** The texts new activities start with, in the current language. */
function draftTexts(): DraftTexts {
  return {
    title: {
      content: t('agenda.new.content'),
      choice: t('agenda.new.choice'),
      rating: t('agenda.new.rating'),
      ranking: t('agenda.new.ranking'),
      points: t('agenda.new.points'),
      open: t('agenda.new.open'),
      breakout: t('agenda.new.breakout'),
      synthesis: t('agenda.new.synthesis'),
      commitment: t('commitment.draft.title'),
      qa: t('qa.editor.newTitle'),
      experience: t('agenda.new.experience'),
    },
    option: (n) => t('agenda.new.option', { n }),
    minLabel: t('agenda.new.minLabel'),
    maxLabel: t('agenda.new.maxLabel'),
    question: t('agenda.new.question'),
  };
}

export class AgendaEditor {
  readonly sessionId: string;
  readonly token: string;
  readonly #connection: LiveConnection;

  #session = $state.raw<SessionView | null>(null);
  #agenda = $state.raw<Activity[]>([]);
  #live = $state.raw<LiveState | null>(null);
  #results = $state.raw<Record<string, ActivityResults>>({});
  #slot = $state.raw<DraftSlot | null>(null);
  #inFlight = $state(0);
  #error = $state.raw<EditorError | null>(null);
  #commandFailed = $state(false);
  #undo = $state.raw<UndoableDelete | null>(null);
  /**
   * Activities open for editing in this window: those without answers when selected, and
   * those whose answers the facilitator chose to edit anyway. Answers arriving while one is
   * being edited do not lock the form under their fingers; selecting it again asks again.
   */
  #unlocked = $state.raw<ReadonlySet<string>>(new Set());

  #selected = $derived.by((): Activity | null => {
    const id = this.#slot?.id ?? null;
    return id === null ? null : (this.#agenda.find((activity) => activity.id === id) ?? null);
  });

  #problems = $derived(this.#slot ? activityProblems(this.#slot.draft) : []);

  #status = $derived.by((): SaveStatus => {
    if (!this.#connection.online) return 'offline';
    if (this.#problems.length > 0) return 'invalid';
    if (this.#inFlight > 0 || this.#slot?.saving) return 'saving';
    if (this.#slot?.dirty) return this.#slot.failed ? 'error' : 'pending';
    if (this.#commandFailed) return 'error';
    return 'saved';
  });

  constructor(sessionId: string, token: string) {
    this.sessionId = sessionId;
    this.token = token;
    this.#connection = facilitatorConnection(sessionId, token);
    this.#connection.on('session:snapshot', this.#applySnapshot);
    this.#connection.on('agenda:updated', ({ agenda }) => this.#applyAgenda(agenda));
    this.#connection.on('session:live', (live) => {
      this.#live = live;
    });
    this.#connection.on('results:updated', ({ activityId, results }) => {
      this.#results = { ...this.#results, [activityId]: results };
    });
    this.#connection.on('connect', () => {
      // What could not be sent while offline goes now.
      if (this.#slot?.dirty) this.#slot.flush();
    });
    this.#connection.open();
  }

  get session(): SessionView | null {
    return this.#session;
  }
  /** The agenda as the server last sent it. */
  get agenda(): Activity[] {
    return this.#agenda;
  }
  get live(): LiveState | null {
    return this.#live;
  }
  get results(): Record<string, ActivityResults> {
    return this.#results;
  }
  get connection(): ConnectionState {
    return this.#connection.state;
  }
  get refusal(): UiErrorCode | null {
    return this.#connection.refusal;
  }
  get selectedId(): string | null {
    return this.#slot?.id ?? null;
  }
  /** The selected activity as the server has it. */
  get selected(): Activity | null {
    return this.#selected;
  }
  /** The selected activity as the form shows it (with changes not saved yet). */
  get draft(): Activity | null {
    return this.#slot?.draft ?? null;
  }
  /** Why the draft cannot be saved yet, field by field. */
  get problems(): FieldProblem[] {
    return this.#problems;
  }
  get status(): SaveStatus {
    return this.#status;
  }
  get error(): EditorError | null {
    return this.#error;
  }
  get undo(): UndoableDelete | null {
    return this.#undo;
  }
  /** Commands on their way: structural buttons wait for them. */
  get busy(): boolean {
    return this.#inFlight > 0;
  }
  get closed(): boolean {
    return this.#live?.status === 'closed';
  }
  get editable(): boolean {
    return this.#connection.online && !this.closed;
  }

  /** Answers the activity already has (0 for slides, salas and syntheses). */
  respondents = (activityId: string): number => respondentsOf(this.#results[activityId]);

  /** True while an activity with answers waits for the facilitator's "edit anyway". */
  needsConfirmation = (activityId: string): boolean => this.respondents(activityId) > 0 && !this.#unlocked.has(activityId);

  confirmEdit = (activityId: string): void => {
    this.#setUnlocked(activityId, true);
  };

  select = (activityId: string | null): void => {
    if (activityId === (this.#slot?.id ?? null)) return;
    // The slot left behind saves whatever was waiting.
    this.#slot?.flush();
    const activity = activityId === null ? null : (this.#agenda.find((item) => item.id === activityId) ?? null);
    this.#slot = activity ? this.#newSlot(activity) : null;
    if (activity) this.#setUnlocked(activity.id, this.respondents(activity.id) === 0);
  };

  /** A change to the selected activity; `typing` waits for a pause before saving. */
  edit = (next: Activity, mode: 'typing' | 'now' = 'now'): void => {
    const slot = this.#slot;
    if (!slot || next.id !== slot.id) return;
    slot.edit(next, mode === 'typing' ? TYPING_DEBOUNCE_MS : 0);
  };

  /** A field was left: trim and save what waits. */
  flush = (): void => {
    this.#slot?.flush();
  };

  /** Adds a new activity of a kind after the selected one (or at the end) and selects it. */
  insert = async (kind: ActivityKind): Promise<string | null> => {
    const index = insertionIndex(this.#agenda, this.selectedId);
    const change = await this.#command('agenda:insert', { index, activity: defaultDraft(kind, draftTexts(), () => newId(10)) });
    if (!change) return null;
    this.select(change.activityId);
    return change.activityId;
  };

  /**
   * Adds the "Retomando" slide made from the support register of the series' previous session
   * after the selected activity, and selects it: an ordinary slide, edited like any other.
   * 'none' when the series has no earlier session or its salas asked nothing.
   */
  insertSupportSlide = async (): Promise<'inserted' | 'none' | UiErrorCode> => {
    const path = `/api/sessions/${encodeURIComponent(this.sessionId)}/support-slide`;
    const found = await request<SupportSlide>('GET', path, undefined, { authorization: `Bearer ${this.token}` });
    if (!found.ok) return found.code;
    if (!found.data.slide) return 'none';
    const index = insertionIndex(this.#agenda, this.selectedId);
    const change = await this.#command('agenda:insert', { index, activity: found.data.slide });
    if (!change) return this.#error?.code ?? 'INTERNAL';
    this.select(change.activityId);
    return 'inserted';
  };

  /** Moves an activity to a place (`agenda:move` semantics: index among the others). */
  move = async (activityId: string, toIndex: number): Promise<boolean> => {
    this.#slot?.flush();
    return (await this.#command('agenda:move', { activityId, toIndex })) !== null;
  };

  /** One place up (-1) or down (+1); false at either end. */
  step = async (activityId: string, delta: -1 | 1): Promise<boolean> => {
    const target = stepTarget(this.#agenda, activityId, delta);
    if (target === null) return false;
    return this.move(activityId, target);
  };

  duplicate = async (activityId: string): Promise<string | null> => {
    this.#slot?.flush();
    const change = await this.#command('agenda:duplicate', { activityId });
    if (!change) return null;
    this.select(change.activityId);
    return change.activityId;
  };

  /** Deletes an activity (kept with its answers on the server) and offers to undo it. */
  remove = async (activityId: string): Promise<boolean> => {
    const index = this.#agenda.findIndex((activity) => activity.id === activityId);
    const activity = this.#agenda[index];
    if (!activity) return false;
    const change = await this.#command('agenda:delete', { activityId });
    if (!change) return false;
    this.#undo = { activityId, index, title: activity.title };
    if (this.selectedId === activityId || this.selectedId === null) {
      const neighbour = this.#agenda[Math.min(index, this.#agenda.length - 1)] ?? null;
      // The deleted activity's slot has nothing left to save.
      this.#slot = null;
      this.select(neighbour?.id ?? null);
    }
    return true;
  };

  /** Puts the last deleted activity back where it was, with its answers. */
  restore = async (): Promise<string | null> => {
    const undo = this.#undo;
    if (!undo) return null;
    const change = await this.#command('agenda:restore', { activityId: undo.activityId, index: undo.index });
    if (!change) return null;
    this.#undo = null;
    this.select(change.activityId);
    return change.activityId;
  };

  dismissUndo = (): void => {
    this.#undo = null;
  };

  dismissError = (): void => {
    this.#error = null;
  };

  dispose = (): void => {
    this.#slot?.flush();
    // Give a last save its moment before the socket goes (leaving the page through the router).
    this.#connection.dispose(TYPING_DEBOUNCE_MS);
  };

  #setUnlocked(activityId: string, unlocked: boolean): void {
    if (this.#unlocked.has(activityId) === unlocked) return;
    const next = new Set(this.#unlocked);
    if (unlocked) next.add(activityId);
    else next.delete(activityId);
    this.#unlocked = next;
  }

  #newSlot(activity: Activity): DraftSlot {
    const id = activity.id;
    return new DraftSlot(activity, this.#sendUpdate, () => this.#agenda.find((item) => item.id === id) ?? null);
  }

  #sendUpdate = async (activity: Activity): Promise<SendResult> => {
    const result = await this.#run('agenda:update', { activity: toWire(activity) });
    if (result.ok) return 'ok';
    return REVERT_CODES.includes(result.error.code) ? 'refused' : 'failed';
  };

  #applySnapshot = (snapshot: SessionSnapshot): void => {
    const first = this.#session === null;
    this.#session = snapshot.session;
    this.#live = snapshot.session.live;
    this.#results = snapshot.results;
    this.#applyAgenda(snapshot.session.agenda);
    // Opening the editor shows the first activity's form, ready to edit.
    if (first && this.#slot === null) this.select(snapshot.session.agenda[0]?.id ?? null);
  };

  #applyAgenda = (agenda: Activity[]): void => {
    this.#agenda = agenda;
    const slot = this.#slot;
    if (!slot) return;
    const server = agenda.find((activity) => activity.id === slot.id);
    // Deleted from another window: nothing left to edit.
    if (!server) {
      if (!slot.saving) this.#slot = null;
      return;
    }
    slot.adopt(server);
  };

  #command = async <E extends AgendaCommand>(event: E, ...payload: EmitArgs<E>): Promise<AgendaChange | null> => {
    const result = await this.#run(event, ...payload);
    return result.ok ? result.data : null;
  };

  /**
   * Sends an agenda command and applies the agenda its ack carries. Structural commands are
   * never repeated (insert twice adds two); an update may be (see RETRIES in live-connection).
   */
  #run = async <E extends AgendaCommand>(event: E, ...payload: EmitArgs<E>): Promise<CommandResult<E>> => {
    this.#inFlight += 1;
    try {
      const result = await this.#connection.command(event, ...payload);
      if (result.ok) {
        this.#applyAgenda(result.data.agenda);
        this.#error = null;
        this.#commandFailed = false;
      } else {
        this.#fail(result.error);
      }
      return result;
    } finally {
      this.#inFlight -= 1;
    }
  };

  #fail = (error: CommandError): void => {
    this.#error = { code: error.code, message: error.message || null, details: error.details ?? [] };
    this.#commandFailed = !REVERT_CODES.includes(error.code);
  };
}
