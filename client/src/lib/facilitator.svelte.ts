/**
 * State of a facilitator's view of a session (console and presenter screen), fed by the
 * server: the full snapshot on every (re)connect, then `session:live`, `results:updated`,
 * `breakout:updated` and `synthesis:updated`. Commands go through acks; the server's LiveState
 * (or the breakout's, the synthesis' view, an activity's results) in the ack is applied at once.
 */
import type { Ack } from '../../../shared/events.ts';
import type {
  Activity,
  ActivityResults,
  BreakoutView,
  DisplaySetPayload,
  LiveState,
  SalaNumbersView,
  SalaRole,
  SessionSnapshot,
  SessionView,
  SynthesisTimerPayload,
  SynthesisView,
  TimerControlPayload,
} from '../../../shared/types.ts';
import { isNewerView } from './breakout.ts';
import { isErrorCode, type UiErrorCode } from './i18n.svelte.ts';
import { isNewerSynthesis } from './synthesis.ts';
import { ServerClock } from './server-clock.svelte.ts';
import { readString, removeKey, storageKeys, writeString } from './storage.ts';
import { AckTimeoutError, emitWithAck, facilitatorSocket, type AckDataOf, type AckOptions, type AppSocket, type ClientEvent, type PayloadOf } from './socket.ts';

export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'refused';

const COMMAND_TIMEOUT_MS = 5000;

/** The facilitator's commands: each one acks with the session's new LiveState. */
type Command = 'agenda:goto' | 'agenda:step' | 'answering:set' | 'display:set' | 'session:close';
// Compile-time guard for the cast in #command: fails if a command's ack stops being LiveState.
type Assert<T extends true> = T;
type CommandsAckLiveState = Assert<{ [K in Command]: AckDataOf<K> extends LiveState ? true : false }[Command]>;

/** The facilitator's breakout commands: each one acks with the breakout's new view. */
type BreakoutCommand = 'breakout:form' | 'breakout:timer' | 'breakout:broadcast' | 'sala:move' | 'sala:update' | 'role:assign';
type BreakoutCommandsAckView = Assert<{ [K in BreakoutCommand]: AckDataOf<K> extends BreakoutView ? true : false }[BreakoutCommand]>;

/** The facilitator's synthesis commands: each one acks with the synthesis' new view. */
type SynthesisCommand = 'synthesis:timer' | 'synthesis:reopen' | 'synthesis:hide' | 'plenary:focus';
type SynthesisCommandsAckView = Assert<{ [K in SynthesisCommand]: AckDataOf<K> extends SynthesisView ? true : false }[SynthesisCommand]>;

/** The facilitator token: from the URL fragment when present (and remembered), else from this tab's storage. */
export function resolveFacilitatorToken(sessionId: string, hashToken: string | null): string | null {
  const key = storageKeys.facilitator(sessionId);
  if (hashToken) {
    writeString('session', key, hashToken);
    return hashToken;
  }
  return readString('session', key);
}

/** Drops a token the server refused. */
export function forgetFacilitatorToken(sessionId: string): void {
  removeKey('session', storageKeys.facilitator(sessionId));
}

/** Socket.IO middleware errors carry the code as the message, or in `data.code`. */
function codeOfConnectError(error: Error & { data?: unknown }): UiErrorCode {
  if (isErrorCode(error.message)) return error.message;
  const data = error.data;
  if (typeof data === 'object' && data !== null && 'code' in data && isErrorCode(data.code)) return data.code;
  return 'UNAUTHORIZED';
}

export class FacilitatorSession {
  readonly sessionId: string;
  readonly token: string;
  #socket: AppSocket;

  #session = $state.raw<SessionView | null>(null);
  #live = $state.raw<LiveState | null>(null);
  #results = $state.raw<Record<string, ActivityResults>>({});
  #breakouts = $state.raw<Record<string, BreakoutView>>({});
  #syntheses = $state.raw<Record<string, SynthesisView>>({});
  #salaNumbers = $state.raw<Record<string, SalaNumbersView>>({});
  #connection = $state<ConnectionState>('connecting');
  #refusal = $state<UiErrorCode | null>(null);
  #actionError = $state<UiErrorCode | null>(null);
  #busy = $state(false);
  #disposed = false;

  /** The server's clock as this screen estimates it, for the salas' countdown. */
  readonly clock = new ServerClock();

  #currentActivity = $derived.by((): Activity | null => {
    const id = this.#live?.currentActivityId ?? null;
    if (id === null) return null;
    return this.#session?.agenda.find((activity) => activity.id === id) ?? null;
  });

  #currentIndex = $derived.by((): number => {
    const id = this.#live?.currentActivityId ?? null;
    return id === null ? -1 : (this.#session?.agenda.findIndex((activity) => activity.id === id) ?? -1);
  });

  constructor(sessionId: string, token: string) {
    this.sessionId = sessionId;
    this.token = token;
    this.#socket = facilitatorSocket({ sessionId, facilitatorToken: token });
    this.#socket.on('session:snapshot', this.#applySnapshot);
    this.#socket.on('session:live', (live) => {
      this.#live = live;
    });
    this.#socket.on('results:updated', ({ activityId, results }) => {
      this.#results = { ...this.#results, [activityId]: results };
    });
    this.#socket.on('breakout:updated', this.#applyBreakout);
    this.#socket.on('synthesis:updated', this.#applySynthesis);
    // An agenda editor (this facilitator's or another window) changed the agenda.
    this.#socket.on('agenda:updated', ({ agenda }) => {
      if (this.#session) this.#session = { ...this.#session, agenda };
    });
    this.#socket.on('connect', () => {
      this.#connection = 'online';
      this.#refusal = null;
    });
    this.#socket.on('disconnect', (reason) => {
      this.#connection = 'reconnecting';
      // The server dropped us on purpose (e.g. it restarted a room): knock again, the
      // handshake decides. Other reasons reconnect by themselves.
      if (reason === 'io server disconnect') {
        setTimeout(() => {
          if (!this.#disposed) this.#socket.connect();
        }, 1000);
      }
    });
    this.#socket.on('connect_error', (error) => {
      if (this.#socket.active) {
        this.#connection = this.#session ? 'reconnecting' : 'connecting';
        return;
      }
      this.#connection = 'refused';
      this.#refusal = codeOfConnectError(error);
      // A refused token must not linger in this tab and be retried on every reload.
      if (this.#refusal === 'UNAUTHORIZED') forgetFacilitatorToken(sessionId);
    });
    this.#socket.connect();
  }

  get session(): SessionView | null {
    return this.#session;
  }
  get live(): LiveState | null {
    return this.#live;
  }
  get results(): Record<string, ActivityResults> {
    return this.#results;
  }
  /** Views of the breakouts whose salas are formed, by activity id. */
  get breakouts(): Record<string, BreakoutView> {
    return this.#breakouts;
  }
  /** Views of the synthesis activities whose writing started (every sala's text), by activity id. */
  get syntheses(): Record<string, SynthesisView> {
    return this.#syntheses;
  }
  /** Each sala's own numbers beside the room's, by breakout id, as last fetched. */
  get salaNumbers(): Record<string, SalaNumbersView> {
    return this.#salaNumbers;
  }
  get connection(): ConnectionState {
    return this.#connection;
  }
  /** Why the server refused the handshake (wrong or missing token, unknown session). */
  get refusal(): UiErrorCode | null {
    return this.#refusal;
  }
  /** The last command the server refused or did not acknowledge. */
  get actionError(): UiErrorCode | null {
    return this.#actionError;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get currentActivity(): Activity | null {
    return this.#currentActivity;
  }
  /** Index of the current activity in the agenda; -1 on the join screen. */
  get currentIndex(): number {
    return this.#currentIndex;
  }
  get presenterUrl(): string {
    return `/present/${encodeURIComponent(this.sessionId)}#token=${encodeURIComponent(this.token)}`;
  }

  goto = (activityId: string | null) => this.#command('agenda:goto', { activityId });
  step = (direction: 'next' | 'previous') => this.#command('agenda:step', { direction });
  setAnswering = (activityId: string, open: boolean) => this.#command('answering:set', { activityId, open });
  setDisplay = (patch: DisplaySetPayload) => this.#command('display:set', patch);
  close = () => this.#command('session:close', {});

  formSalas = (activityId: string) => this.#breakoutCommand('breakout:form', { activityId });
  /** Start the discussion, pause, resume, add `seconds`, or end the current phase. */
  timer = (activityId: string, action: TimerControlPayload['action'], seconds?: number) =>
    this.#breakoutCommand('breakout:timer', { activityId, action, ...(seconds === undefined ? {} : { seconds }) });
  broadcast = (activityId: string, text: string) => this.#breakoutCommand('breakout:broadcast', { activityId, text });
  moveToSala = (activityId: string, participantId: string, salaId: string) => this.#breakoutCommand('sala:move', { activityId, participantId, salaId });
  /** Rename a sala, or set its video-call link ('' removes it). */
  updateSala = (activityId: string, salaId: string, changes: { name?: string; videoUrl?: string }) =>
    this.#breakoutCommand('sala:update', { activityId, salaId, ...changes });
  /** Give a role to a member of the sala, or clear it (null). */
  assignRole = (activityId: string, salaId: string, role: SalaRole, participantId: string | null) =>
    this.#breakoutCommand('role:assign', { activityId, salaId, role, participantId });
  /** Start, pause, resume, add `seconds` to, or end (close) the writing of the syntheses. */
  synthesisTimer = (activityId: string, action: SynthesisTimerPayload['action'], seconds?: number) =>
    this.#synthesisCommand('synthesis:timer', { activityId, action, ...(seconds === undefined ? {} : { seconds }) });
  reopenSynthesis = (activityId: string, salaId: string) => this.#synthesisCommand('synthesis:reopen', { activityId, salaId });
  /** Hide a sala's card from the plenary screen (moderation), or show it again. */
  hideSynthesis = (activityId: string, salaId: string, hidden: boolean) => this.#synthesisCommand('synthesis:hide', { activityId, salaId, hidden });
  /** What the plenary shows: one field of every sala (null: the overview), and maybe one sala full screen. */
  focusPlenary = (activityId: string, fieldKey: string | null, spotlightSalaId: string | null) =>
    this.#synthesisCommand('plenary:focus', { activityId, fieldKey, spotlightSalaId });

  /** Hide an open answer from every screen and the cloud, or show it again. */
  hideAnswer = async (activityId: string, answerId: string, hidden: boolean): Promise<boolean> => {
    if (!this.#socket.connected) {
      this.#actionError = 'OFFLINE';
      return false;
    }
    try {
      const ack = await emitWithAck(this.#socket, 'answer:hide', { activityId, answerId, hidden }, { timeoutMs: COMMAND_TIMEOUT_MS, retries: 1 });
      if (ack.ok) {
        this.#results = { ...this.#results, [activityId]: ack.data };
        this.#actionError = null;
        return true;
      }
      this.#actionError = isErrorCode(ack.error.code) ? ack.error.code : 'INTERNAL';
      return false;
    } catch (error) {
      this.#actionError = error instanceof AckTimeoutError ? 'TIMEOUT' : 'INTERNAL';
      return false;
    }
  };

  /** Fetches every sala's own numbers of a breakout (the screen leaves out suppressed salas). */
  loadSalaNumbers = async (breakoutId: string): Promise<void> => {
    if (!this.#socket.connected) return;
    try {
      const ack = await emitWithAck(this.#socket, 'sala:numbers', { activityId: breakoutId }, { timeoutMs: COMMAND_TIMEOUT_MS, retries: 1 });
      if (ack.ok) this.#salaNumbers = { ...this.#salaNumbers, [breakoutId]: ack.data };
    } catch {
      // The panel keeps what it had; the next focus change asks again.
    }
  };

  dismissError = (): void => {
    this.#actionError = null;
  };

  dispose = (): void => {
    this.#disposed = true;
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
  };

  #applySnapshot = (snapshot: SessionSnapshot): void => {
    this.#session = snapshot.session;
    this.#live = snapshot.session.live;
    this.#results = snapshot.results;
    const receivedAt = Date.now();
    for (const view of Object.values(snapshot.breakouts)) this.clock.observe(view.timer.serverNow, receivedAt);
    for (const view of Object.values(snapshot.syntheses)) this.clock.observe(view.timer.serverNow, receivedAt);
    this.#breakouts = snapshot.breakouts;
    this.#syntheses = snapshot.syntheses;
  };

  #applySynthesis = (view: SynthesisView): void => {
    this.clock.observe(view.timer.serverNow);
    if (isNewerSynthesis(this.#syntheses[view.activityId], view)) this.#syntheses = { ...this.#syntheses, [view.activityId]: view };
  };

  #applyBreakout = (view: BreakoutView): void => {
    this.clock.observe(view.timer.serverNow);
    if (isNewerView(this.#breakouts[view.activityId], view)) this.#breakouts = { ...this.#breakouts, [view.activityId]: view };
  };

  /** Live commands answer with the new LiveState. */
  #command = <E extends Command>(event: E, payload: PayloadOf<E>): Promise<boolean> =>
    this.#send<LiveState>(event, payload, (live) => {
      this.#live = live;
    });

  /** Breakout commands answer with the breakout's view. */
  #breakoutCommand = <E extends BreakoutCommand>(event: E, payload: PayloadOf<E>): Promise<boolean> =>
    this.#send<BreakoutView>(event, payload, this.#applyBreakout);

  /** Synthesis commands answer with the synthesis' view. */
  #synthesisCommand = <E extends SynthesisCommand>(event: E, payload: PayloadOf<E>): Promise<boolean> =>
    this.#send<SynthesisView>(event, payload, this.#applySynthesis);

  /**
   * Sends a facilitator command and applies what its ack returns. Commands are not idempotent
   * ("next" twice moves twice), so there is no automatic retry; failures show as actionError.
   */
  #send = async <T>(event: ClientEvent, payload: unknown, apply: (data: T) => void): Promise<boolean> => {
    if (!this.#socket.connected) {
      this.#actionError = 'OFFLINE';
      return false;
    }
    this.#busy = true;
    try {
      const emit = emitWithAck as (socket: AppSocket, event: ClientEvent, payload: unknown, options: AckOptions) => Promise<Ack<unknown>>;
      const ack = (await emit(this.#socket, event, payload, { timeoutMs: COMMAND_TIMEOUT_MS, retries: 0 })) as Ack<T>;
      if (ack.ok) {
        apply(ack.data);
        this.#actionError = null;
        return true;
      }
      this.#actionError = isErrorCode(ack.error.code) ? ack.error.code : 'INTERNAL';
      return false;
    } catch (error) {
      this.#actionError = error instanceof AckTimeoutError ? 'TIMEOUT' : 'INTERNAL';
      return false;
    } finally {
      this.#busy = false;
    }
  };
}
