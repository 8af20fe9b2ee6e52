/**
 * State of a facilitator's view of a session (console and presenter screen), fed by the
 * server: the full snapshot on every (re)connect, then `session:live`, `results:updated`,
 * `breakout:updated` and `synthesis:updated`. Commands go through acks; the server's LiveState
 * (or the breakout's, the synthesis' view, an activity's results) in the ack is applied at once.
 */
import { CommitmentTallies } from './commitments.svelte.ts';
import type { EmitArgs } from '../../../shared/events.ts';
import type {
  Activity,
  ActivityResults,
  BreakoutView,
  DisplaySetPayload,
  FacilitatorScreen,
  LiveState,
  SalaNumbersView,
  SalaRole,
  SalaTurnsView,
  SessionSnapshot,
  SessionView,
  SynthesisTimerPayload,
  SynthesisView,
  TimerControlPayload,
} from '../../../shared/types.ts';
import { isNewerView } from './breakout.ts';
import type { QaBoard } from '../../../shared/qa.ts';
import { ExperienceCards } from './experience-cards.svelte.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import { LiveConnection, type CommandFailure, type ConnectionState } from './live-connection.svelte.ts';
import { isNewerSynthesis } from './synthesis.ts';
import { ServerClock } from './server-clock.svelte.ts';
import { readString, removeKey, storageKeys, writeString } from './storage.ts';

const COMMAND_TIMEOUT_MS = 5000;

/** The facilitator's commands: each one acks with the session's new LiveState. */
type LiveCommand = 'agenda:goto' | 'agenda:step' | 'answering:set' | 'answering:keep' | 'display:set' | 'session:close';
/** The facilitator's breakout commands: each one acks with the breakout's new view. */
type BreakoutCommand = 'breakout:form' | 'breakout:timer' | 'breakout:broadcast' | 'sala:move' | 'sala:update' | 'role:assign';
/** The facilitator's synthesis commands: each one acks with the synthesis' new view. */
type SynthesisCommand = 'synthesis:timer' | 'synthesis:reopen' | 'synthesis:hide' | 'plenary:focus';

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

/**
 * A facilitator screen's connection: the secret goes in the handshake; one the server refuses
 * does not linger in this tab. The presenter screen says so, and gets no presenter notes unless
 * the facilitator asks for them.
 */
export function facilitatorConnection(sessionId: string, token: string, screen: FacilitatorScreen = 'console'): LiveConnection {
  return new LiveConnection({
    auth: { sessionId, facilitatorToken: token, screen },
    sessionId,
    ackTimeoutMs: COMMAND_TIMEOUT_MS,
    onRefused: (code) => {
      if (code === 'UNAUTHORIZED') forgetFacilitatorToken(sessionId);
    },
  });
}

export class FacilitatorSession {
  readonly sessionId: string;
  readonly token: string;
  /** Every card on a console; on the presenter screen, without the contacts' details. */
  readonly experiences = new ExperienceCards({
    list: (activityId) => this.#connection.command('experience:list', { activityId }),
    save: (payload) => this.#connection.command('experience:save', payload),
    remove: (payload) => this.#connection.command('experience:delete', payload),
  });
  readonly #connection: LiveConnection;

  #session = $state.raw<SessionView | null>(null);
  #live = $state.raw<LiveState | null>(null);
  #results = $state.raw<Record<string, ActivityResults>>({});
  #breakouts = $state.raw<Record<string, BreakoutView>>({});
  #syntheses = $state.raw<Record<string, SynthesisView>>({});
  #salaNumbers = $state.raw<Record<string, SalaNumbersView>>({});
  #turns = $state.raw<Record<string, SalaTurnsView>>({});
  #qa = $state.raw<Record<string, QaBoard>>({});
  #actionError = $state<UiErrorCode | null>(null);
  #busy = $state(false);

  /** The server's clock as this screen estimates it, for the salas' countdown. */
  readonly clock = new ServerClock();
  /** Counts of the commitment activities (the only thing a facilitator gets of them). */
  readonly commitments: CommitmentTallies;

  #currentActivity = $derived.by((): Activity | null => {
    const id = this.#live?.currentActivityId ?? null;
    if (id === null) return null;
    return this.#session?.agenda.find((activity) => activity.id === id) ?? null;
  });

  #currentIndex = $derived.by((): number => {
    const id = this.#live?.currentActivityId ?? null;
    return id === null ? -1 : (this.#session?.agenda.findIndex((activity) => activity.id === id) ?? -1);
  });

  constructor(sessionId: string, token: string, screen: FacilitatorScreen = 'console') {
    this.sessionId = sessionId;
    this.token = token;
    this.#connection = facilitatorConnection(sessionId, token, screen);
    this.#connection.on('session:snapshot', this.#applySnapshot);
    this.#connection.on('session:live', (live) => {
      this.#live = live;
    });
    this.#connection.on('results:updated', ({ activityId, results }) => {
      this.#results = { ...this.#results, [activityId]: results };
    });
    this.#connection.on('breakout:updated', this.#applyBreakout);
    this.#connection.on('synthesis:updated', this.#applySynthesis);
    this.#connection.on('turns:updated', this.#applyTurns);
    this.commitments = new CommitmentTallies({ command: (event, ...payload) => this.#connection.command(event, ...payload) });
    this.#connection.on('commitment:tally', this.commitments.apply);
    this.#connection.on('session:snapshot', this.commitments.reload);
    this.#connection.on('qa:updated', this.#applyQa);
    this.#connection.on('experiences:updated', this.experiences.apply);
    // An agenda editor (this facilitator's or another window) changed the agenda.
    this.#connection.on('agenda:updated', ({ agenda }) => {
      if (this.#session) this.#session = { ...this.#session, agenda };
    });
    this.#connection.open();
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
  /** Every Q&A activity's questions, each with its status, by activity id. */
  get qa(): Record<string, QaBoard> {
    return this.#qa;
  }
  /** Every formed sala's turns to speak (and its call to the facilitator), by sala id. */
  get turns(): Record<string, SalaTurnsView> {
    return this.#turns;
  }
  /** Each sala's own numbers beside the room's, by breakout id, as last fetched. */
  get salaNumbers(): Record<string, SalaNumbersView> {
    return this.#salaNumbers;
  }
  get connection(): ConnectionState {
    return this.#connection.state;
  }
  /** Why the server refused the handshake (wrong or missing token, unknown session). */
  get refusal(): UiErrorCode | null {
    return this.#connection.refusal;
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

  goto = (activityId: string | null) => this.#liveCommand('agenda:goto', { activityId });
  step = (direction: 'next' | 'previous') => this.#liveCommand('agenda:step', { direction });
  setAnswering = (activityId: string, open: boolean) => this.#liveCommand('answering:set', { activityId, open });
  /** Whether a question's answering stays open when moving on from it (else it closes). */
  setKeepOpen = (activityId: string, keepOpen: boolean) => this.#liveCommand('answering:keep', { activityId, keepOpen });
  setDisplay = (patch: DisplaySetPayload) => this.#liveCommand('display:set', patch);
  close = () => this.#liveCommand('session:close', {});

  formSalas = (activityId: string) => this.#breakoutCommand('breakout:form', { activityId });
  /** Start the discussion, pause, resume, add `seconds`, end the current phase or undo that end. */
  timer = (activityId: string, action: TimerControlPayload['action'], seconds?: number) =>
    this.#breakoutCommand('breakout:timer', { activityId, action, ...(seconds === undefined ? {} : { seconds }) });
  broadcast = (activityId: string, text: string) => this.#breakoutCommand('breakout:broadcast', { activityId, text });
  moveToSala = (activityId: string, participantId: string, salaId: string) =>
    this.#breakoutCommand('sala:move', { activityId, participantId, salaId });
  /** Rename a sala, or set its video-call link ('' removes it). */
  updateSala = (activityId: string, salaId: string, changes: { name?: string; videoUrl?: string }) =>
    this.#breakoutCommand('sala:update', { activityId, salaId, ...changes });
  /** Give a role to a member of the sala, or clear it (null). */
  assignRole = (activityId: string, salaId: string, role: SalaRole, participantId: string | null) =>
    this.#breakoutCommand('role:assign', { activityId, salaId, role, participantId });
  /** Start, pause, resume, add `seconds` to, end (close) the writing of the syntheses, or undo that end. */
  synthesisTimer = (activityId: string, action: SynthesisTimerPayload['action'], seconds?: number) =>
    this.#synthesisCommand('synthesis:timer', { activityId, action, ...(seconds === undefined ? {} : { seconds }) });
  reopenSynthesis = (activityId: string, salaId: string) => this.#synthesisCommand('synthesis:reopen', { activityId, salaId });
  /** Hide a sala's card from the plenary screen (moderation), or show it again. */
  hideSynthesis = (activityId: string, salaId: string, hidden: boolean) =>
    this.#synthesisCommand('synthesis:hide', { activityId, salaId, hidden });
  /** What the plenary shows: one field of every sala (null: the overview), and maybe one sala full screen. */
  focusPlenary = (activityId: string, fieldKey: string | null, spotlightSalaId: string | null) =>
    this.#synthesisCommand('plenary:focus', { activityId, fieldKey, spotlightSalaId });

  /** The facilitator has seen a sala's call (the alert goes away on every console). */
  acknowledgeCall = async (activityId: string, salaId: string): Promise<boolean> => {
    const result = await this.#busyWith(this.#connection.command('facilitator:acknowledge', { activityId, salaId }));
    if (result.ok) this.#applyTurns(result.data);
    return this.#settle(result);
  };

  /** Moderates a question from the room (show or hide, answered, the projected one); the ack's board is applied at once. */
  qaCommand = async <E extends 'qa:status' | 'qa:answered' | 'qa:highlight'>(event: E, ...payload: EmitArgs<E>): Promise<boolean> => {
    const result = await this.#busyWith(this.#connection.command(event, ...payload));
    if (result.ok) this.#applyQa(result.data as QaBoard);
    return this.#settle(result);
  };

  /** Hide an open answer from every screen and the cloud, or show it again. */
  hideAnswer = async (activityId: string, answerId: string, hidden: boolean): Promise<boolean> => {
    const result = await this.#connection.command('answer:hide', { activityId, answerId, hidden });
    if (result.ok) this.#results = { ...this.#results, [activityId]: result.data };
    return this.#settle(result);
  };

  /** Fetches every sala's own numbers of a breakout (the screen leaves out suppressed salas). */
  loadSalaNumbers = async (breakoutId: string): Promise<void> => {
    const result = await this.#connection.command('sala:numbers', { activityId: breakoutId });
    // Not sent or refused: the panel keeps what it had; the next focus change asks again.
    if (result.ok) this.#salaNumbers = { ...this.#salaNumbers, [breakoutId]: result.data };
  };

  dismissError = (): void => {
    this.#actionError = null;
  };

  dispose = (): void => {
    this.#connection.dispose();
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
    this.#turns = snapshot.turns;
    this.#qa = snapshot.qa;
  };

  #applyTurns = (view: SalaTurnsView): void => {
    this.clock.observe(view.serverNow);
    const current = this.#turns[view.salaId];
    if (!current || current.serverNow <= view.serverNow) this.#turns = { ...this.#turns, [view.salaId]: view };
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
  #liveCommand = async <E extends LiveCommand>(event: E, ...payload: EmitArgs<E>): Promise<boolean> => {
    const result = await this.#busyWith(this.#connection.command(event, ...payload));
    if (result.ok) this.#live = result.data;
    return this.#settle(result);
  };

  /** Breakout commands answer with the breakout's view. */
  #breakoutCommand = async <E extends BreakoutCommand>(event: E, ...payload: EmitArgs<E>): Promise<boolean> => {
    const result = await this.#busyWith(this.#connection.command(event, ...payload));
    if (result.ok) this.#applyBreakout(result.data);
    return this.#settle(result);
  };

  /** Synthesis commands answer with the synthesis' view. */
  #synthesisCommand = async <E extends SynthesisCommand>(event: E, ...payload: EmitArgs<E>): Promise<boolean> => {
    const result = await this.#busyWith(this.#connection.command(event, ...payload));
    if (result.ok) this.#applySynthesis(result.data);
    return this.#settle(result);
  };

  /** Controls wait while a command is on its way (commands are never repeated: "next" twice moves twice). */
  #applyQa = (board: QaBoard): void => {
    this.#qa = { ...this.#qa, [board.activityId]: board };
  };

  #busyWith = async <R>(pending: Promise<R>): Promise<R> => {
    this.#busy = true;
    try {
      return await pending;
    } finally {
      this.#busy = false;
    }
  };

  /** A command's failure stays on screen as actionError until the next command succeeds. */
  #settle = (result: { ok: true } | CommandFailure): boolean => {
    this.#actionError = result.ok ? null : result.error.code;
    return result.ok;
  };
}
