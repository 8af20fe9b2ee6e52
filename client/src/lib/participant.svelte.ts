/**
 * A participant's live session. The socket joins on every connect (first load, reconnects,
 * server restarts) with the token kept per join code, and the join ack's snapshot replaces
 * whatever the page knew. Answers are kept in localStorage until acknowledged, and re-sent
 * after rejoining with the same clientAnswerId, so a retry never counts twice. Breakout views
 * (their salas, roles and clocks) come with the snapshot and with `breakout:updated`; synthesis
 * views (only this participant's sala's text) with the snapshot and `synthesis:updated`. A
 * secretary gets a SynthesisWriter per synthesis, which keeps and saves the draft.
 */
import type { Ack } from '../../../shared/events.ts';
import type {
  Activity,
  ActivityResults,
  AnswerValue,
  BreakoutView,
  LiveState,
  ParticipantSnapshot,
  SalaNumbersView,
  SalaRole,
  SessionSnapshot,
  SessionView,
  SynthesisView,
} from '../../../shared/types.ts';
import { BreakoutAlerts } from './alerts.svelte.ts';
import { isNewerView, roleOf, salaOf } from './breakout.ts';
import { isErrorCode, type UiErrorCode } from './i18n.svelte.ts';
import { newId } from './ids.ts';
import { ServerClock } from './server-clock.svelte.ts';
import { readJson, storageKeys, writeJson } from './storage.ts';
import { AckTimeoutError, emitWithAck, participantSocket, type AckDataOf, type AppSocket, type PayloadOf } from './socket.ts';
import { isNewerSynthesis } from './synthesis.ts';
import { SynthesisWriter, type SynthesisPort } from './synthesis-writer.svelte.ts';

const JOIN_TIMEOUT_MS = 8000;
const ANSWER_TIMEOUT_MS = 5000;
const ANSWER_RETRIES = 2;
const RETRY_LATER_MS = 4000;
const SALA_TIMEOUT_MS = 5000;
const SYNTHESIS_TIMEOUT_MS = 5000;

/** What a participant may do in a breakout: each acks with the breakout's new view. */
type SalaCommand = 'role:claim' | 'role:release' | 'sala:choose';
// Compile-time guard for the cast in #salaCommand: fails if a command's ack stops being a BreakoutView.
type Assert<T extends true> = T;
type SalaCommandsAckView = Assert<{ [K in SalaCommand]: AckDataOf<K> extends BreakoutView ? true : false }[SalaCommand]>;

/** A sala action the server refused (ROLE_TAKEN: someone else got the role first). */
export interface SalaError {
  activityId: string;
  code: UiErrorCode;
  /** The role claimed or released, when the action was about a role. */
  role: SalaRole | null;
}

export type ParticipantPhase = 'connecting' | 'joined' | 'closed' | 'failed';
/** A sala's own numbers on the phone: not asked yet, on their way, here, or refused. */
export type SalaNumbersState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; view: SalaNumbersView }
  | { status: 'failed'; code: UiErrorCode };
/** Where the participant's answer to one activity stands. */
export type AnswerStatus = 'none' | 'sending' | 'queued' | 'confirmed';

interface StoredParticipant {
  token: string;
  sessionId: string | null;
  displayName: string | null;
}

export interface PendingAnswer {
  clientAnswerId: string;
  value: AnswerValue;
}

function isStoredParticipant(value: unknown): value is StoredParticipant {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.token === 'string' &&
    (record.sessionId === null || typeof record.sessionId === 'string') &&
    (record.displayName === null || typeof record.displayName === 'string')
  );
}

function isPendingMap(value: unknown): value is Record<string, PendingAnswer> {
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every(
    (entry: unknown) =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as PendingAnswer).clientAnswerId === 'string' &&
      typeof (entry as PendingAnswer).value === 'object',
  );
}

/** What this browser remembers of a join code: the participant token, if it joined before. */
export function storedParticipant(code: string): StoredParticipant | null {
  return readJson('local', storageKeys.participant(code), isStoredParticipant);
}

export class ParticipantSession {
  readonly code: string;
  #socket: AppSocket;
  #displayName: string | null;
  /** True between a successful join ack and the next disconnect: only then may answers be sent. */
  #joinedNow = false;
  #disposed = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;

  #phase = $state<ParticipantPhase>('connecting');
  #failure = $state<UiErrorCode | null>(null);
  #connected = $state(false);
  #session = $state.raw<SessionView | null>(null);
  #live = $state.raw<LiveState | null>(null);
  #results = $state.raw<Record<string, ActivityResults>>({});
  #myAnswers = $state.raw<Record<string, AnswerValue>>({});
  #pending = $state.raw<Record<string, PendingAnswer>>({});
  #answerErrors = $state.raw<Record<string, UiErrorCode>>({});
  #participantId = $state<string | null>(null);
  #breakouts = $state.raw<Record<string, BreakoutView>>({});
  #salaError = $state.raw<SalaError | null>(null);
  #salaBusy = $state(false);
  #syntheses = $state.raw<Record<string, SynthesisView>>({});
  #writers = $state.raw<Record<string, SynthesisWriter>>({});
  #numbers = $state.raw<Record<string, SalaNumbersState>>({});

  /** The server's clock as this phone estimates it, for the sala's countdown. */
  readonly clock = new ServerClock();
  /** Five-minute and return alerts, given once per tab. */
  readonly alerts: BreakoutAlerts;

  #currentActivity = $derived.by((): Activity | null => {
    const id = this.#live?.currentActivityId ?? null;
    if (id === null) return null;
    return this.#session?.agenda.find((activity) => activity.id === id) ?? null;
  });

  /** Results of the current activity, only while the facilitator shows them. */
  #visibleResults = $derived.by((): ActivityResults | null => {
    const live = this.#live;
    if (!live?.resultsVisible || live.currentActivityId === null) return null;
    return this.#results[live.currentActivityId] ?? null;
  });

  constructor(code: string, displayName: string | null) {
    this.code = code;
    const stored = storedParticipant(code);
    this.#displayName = displayName ?? stored?.displayName ?? null;
    this.#pending = readJson('local', storageKeys.pending(code), isPendingMap) ?? {};
    this.alerts = new BreakoutAlerts(code);
    this.#socket = participantSocket();
    this.#socket.on('connect', () => {
      this.#connected = true;
      void this.#join();
    });
    this.#socket.on('disconnect', (reason) => {
      this.#connected = false;
      this.#joinedNow = false;
      if (reason === 'io server disconnect' && this.#phase === 'joined') {
        setTimeout(() => {
          if (!this.#disposed) this.#socket.connect();
        }, 1000);
      }
    });
    this.#socket.on('session:live', (live) => {
      this.#live = live;
      if (live.status === 'closed') this.#phase = 'closed';
    });
    this.#socket.on('results:updated', ({ activityId, results }) => {
      this.#results = { ...this.#results, [activityId]: results };
    });
    this.#socket.on('breakout:updated', this.#applyBreakout);
    this.#socket.on('synthesis:updated', this.#applySynthesis);
    // The facilitator edited the agenda: the activity on screen shows its new texts at once.
    this.#socket.on('agenda:updated', ({ agenda }) => {
      if (this.#session) this.#session = { ...this.#session, agenda };
    });
    this.#socket.connect();
  }

  get phase(): ParticipantPhase {
    return this.#phase;
  }
  /** Why joining failed (unknown code, closed session…), when phase is 'failed'. */
  get failure(): UiErrorCode | null {
    return this.#failure;
  }
  /** False while the connection is down (after having joined): answers wait in storage. */
  get connected(): boolean {
    return this.#connected;
  }
  get session(): SessionView | null {
    return this.#session;
  }
  get live(): LiveState | null {
    return this.#live;
  }
  get displayName(): string | null {
    return this.#displayName;
  }
  get currentActivity(): Activity | null {
    return this.#currentActivity;
  }
  get visibleResults(): ActivityResults | null {
    return this.#visibleResults;
  }
  /** This participant's id in the session, once joined (to find their sala and roles). */
  get participantId(): string | null {
    return this.#participantId;
  }
  /** The last sala action the server refused, until the next one. */
  get salaError(): SalaError | null {
    return this.#salaError;
  }
  /** True while a sala action waits for its ack. */
  get salaBusy(): boolean {
    return this.#salaBusy;
  }

  /** A breakout's salas, roles, phase and clock; null while its salas are not formed. */
  breakout = (activityId: string): BreakoutView | null => this.#breakouts[activityId] ?? null;

  /** A synthesis activity's writing and texts (only this participant's sala's); null before the writing starts. */
  synthesis = (activityId: string): SynthesisView | null => this.#syntheses[activityId] ?? null;

  /** The draft of the sala's synthesis, when this participant is its secretary. */
  synthesisWriter = (activityId: string): SynthesisWriter | null => this.#writers[activityId] ?? null;

  /** The sala's own numbers for a breakout, as last asked for. */
  salaNumbers = (activityId: string): SalaNumbersState => this.#numbers[activityId] ?? { status: 'idle' };

  /** Asks for the sala's own numbers beside the room's (the server leaves small groups out). */
  loadSalaNumbers = async (activityId: string): Promise<void> => {
    if (!this.#joinedNow) {
      this.#setNumbers(activityId, { status: 'failed', code: 'OFFLINE' });
      return;
    }
    this.#setNumbers(activityId, { status: 'loading' });
    try {
      const ack = await emitWithAck(this.#socket, 'sala:numbers', { activityId }, { timeoutMs: SALA_TIMEOUT_MS, retries: 1 });
      this.#setNumbers(activityId, ack.ok ? { status: 'ready', view: ack.data } : { status: 'failed', code: isErrorCode(ack.error.code) ? ack.error.code : 'INTERNAL' });
    } catch (error) {
      this.#setNumbers(activityId, { status: 'failed', code: error instanceof AckTimeoutError ? 'TIMEOUT' : 'INTERNAL' });
    }
  };

  /** Claim a free role in one's own sala (named, so a claim made just after being moved is refused). */
  claimRole = (activityId: string, salaId: string, role: SalaRole) => this.#salaCommand('role:claim', { activityId, salaId, role }, role);
  releaseRole = (activityId: string, salaId: string, role: SalaRole) => this.#salaCommand('role:release', { activityId, salaId, role }, role);
  /** Self-chosen grouping: join a sala. */
  chooseSala = (activityId: string, salaId: string) => this.#salaCommand('sala:choose', { activityId, salaId }, null);
  dismissSalaError = (): void => {
    this.#salaError = null;
  };

  /** The answer the server holds for an activity. */
  confirmedAnswer = (activityId: string): AnswerValue | null => this.#myAnswers[activityId] ?? null;

  /** The answer the participant means to give: the unacknowledged one first. */
  latestAnswer = (activityId: string): AnswerValue | null => this.#pending[activityId]?.value ?? this.#myAnswers[activityId] ?? null;

  answerStatus = (activityId: string): AnswerStatus => {
    if (this.#pending[activityId]) return this.#connected ? 'sending' : 'queued';
    return this.#myAnswers[activityId] ? 'confirmed' : 'none';
  };

  answerError = (activityId: string): UiErrorCode | null => this.#answerErrors[activityId] ?? null;

  isAnsweringOpen = (activityId: string): boolean => this.#live?.answering[activityId] === 'open';

  /** Records the answer and sends it; it stays pending (and stored) until the server acknowledges it. */
  submit = (activityId: string, value: AnswerValue): void => {
    const entry: PendingAnswer = { clientAnswerId: newId(), value };
    this.#setPending({ ...this.#pending, [activityId]: entry });
    this.#setAnswerError(activityId, null);
    void this.#send(activityId, entry);
  };

  dispose = (): void => {
    this.#disposed = true;
    this.#joinedNow = false;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    for (const writer of Object.values(this.#writers)) writer.dispose();
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
  };

  #join = async (): Promise<void> => {
    const stored = storedParticipant(this.code);
    const payload = {
      code: this.code,
      ...(stored ? { participantToken: stored.token } : {}),
      ...(this.#displayName ? { displayName: this.#displayName } : {}),
    };
    let ack;
    try {
      ack = await emitWithAck(this.#socket, 'session:join', payload, { timeoutMs: JOIN_TIMEOUT_MS, retries: 2 });
    } catch {
      // No answer from the server: the socket stays up, so knock again shortly.
      this.#scheduleRejoin();
      return;
    }
    if (!ack.ok) {
      const code = isErrorCode(ack.error.code) ? ack.error.code : 'INTERNAL';
      if (code === 'RATE_LIMITED' || code === 'INTERNAL') {
        this.#scheduleRejoin();
        return;
      }
      if (code === 'SESSION_CLOSED') {
        this.#phase = 'closed';
      } else {
        this.#phase = 'failed';
        this.#failure = code;
      }
      this.#socket.disconnect();
      return;
    }
    const { participantToken, snapshot } = ack.data;
    writeJson('local', storageKeys.participant(this.code), {
      token: participantToken,
      sessionId: snapshot.session.id,
      displayName: snapshot.displayName ?? this.#displayName,
    } satisfies StoredParticipant);
    this.#applySnapshot(snapshot);
    this.#joinedNow = true;
    this.#flushPending();
    // Drafts typed while away (or before a reload) go out now, as they were.
    for (const writer of Object.values(this.#writers)) writer.flush();
  };

  #scheduleRejoin = (): void => {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#socket.connected && !this.#joinedNow) void this.#join();
    }, RETRY_LATER_MS);
  };

  #applySnapshot = (snapshot: ParticipantSnapshot): void => {
    this.#session = snapshot.session;
    this.#live = snapshot.session.live;
    this.#results = snapshot.results;
    this.#myAnswers = snapshot.myAnswers;
    this.#displayName = snapshot.displayName ?? this.#displayName;
    this.#participantId = snapshot.participantId;
    const receivedAt = Date.now();
    for (const view of Object.values(snapshot.breakouts)) this.clock.observe(view.timer.serverNow, receivedAt);
    for (const view of Object.values(snapshot.syntheses)) this.clock.observe(view.timer.serverNow, receivedAt);
    this.#breakouts = snapshot.breakouts;
    this.#syntheses = snapshot.syntheses;
    this.#syncWriters();
    for (const [activityId, view] of Object.entries(snapshot.syntheses)) this.#writers[activityId]?.remote(view);
    this.#phase = snapshot.session.live.status === 'closed' ? 'closed' : 'joined';
  };

  #applyBreakout = (view: BreakoutView): void => {
    this.clock.observe(view.timer.serverNow);
    if (isNewerView(this.#breakouts[view.activityId], view)) {
      this.#breakouts = { ...this.#breakouts, [view.activityId]: view };
      // A role claimed or moved: the secretary's writer follows.
      this.#syncWriters();
    }
  };

  #applySynthesis = (view: SynthesisView): void => {
    this.clock.observe(view.timer.serverNow);
    if (!isNewerSynthesis(this.#syntheses[view.activityId], view)) return;
    this.#syntheses = { ...this.#syntheses, [view.activityId]: view };
    this.#syncWriters();
    this.#writers[view.activityId]?.remote(view);
  };

  /** One writer per synthesis whose sala's secretary this participant is (made when they become it). */
  #syncWriters = (): void => {
    const participantId = this.#participantId;
    if (participantId === null) return;
    let writers = this.#writers;
    for (const view of Object.values(this.#syntheses)) {
      const sala = salaOf(this.#breakouts[view.breakoutActivityId], participantId);
      const salaId = sala && roleOf(sala, participantId) === 'secretary' ? sala.id : null;
      const current = writers[view.activityId];
      if (current?.salaId === salaId) continue;
      // The role or the sala changed: an unsaved draft stays in storage for when it comes back.
      current?.dispose();
      const { [view.activityId]: _dropped, ...rest } = writers;
      writers = salaId === null ? rest : { ...rest, [view.activityId]: new SynthesisWriter(this.code, view.activityId, salaId, this.#synthesisPort(view.activityId)) };
    }
    if (writers !== this.#writers) this.#writers = writers;
  };

  #synthesisPort = (activityId: string): SynthesisPort => ({
    // A save is retried with the same clientSaveId; the server recognises a stored one.
    save: (payload) => emitWithAck(this.#socket, 'synthesis:save', payload, { timeoutMs: SYNTHESIS_TIMEOUT_MS, retries: 2, canSend: () => this.#joinedNow }),
    // Submitting twice is harmless: a submitted synthesis is acknowledged as it is.
    submit: (payload) => emitWithAck(this.#socket, 'synthesis:submit', payload, { timeoutMs: SYNTHESIS_TIMEOUT_MS, retries: 1, canSend: () => this.#joinedNow }),
    canSend: () => this.#joinedNow,
    online: () => this.#connected,
    latest: () => this.#syntheses[activityId] ?? null,
    apply: this.#applySynthesis,
    resync: () => void this.#resync(),
    rejoin: () => {
      this.#joinedNow = false;
      void this.#join();
    },
  });

  /** A fresh snapshot of the salas and syntheses (after a save refused as stale). */
  #resync = async (): Promise<void> => {
    if (!this.#joinedNow) return;
    let ack;
    try {
      ack = await emitWithAck(this.#socket, 'session:sync', {}, { timeoutMs: SYNTHESIS_TIMEOUT_MS, retries: 1 });
    } catch {
      return;
    }
    if (!ack.ok) return;
    const snapshot: SessionSnapshot = ack.data;
    for (const view of Object.values(snapshot.breakouts)) this.#applyBreakout(view);
    for (const view of Object.values(snapshot.syntheses)) this.#applySynthesis(view);
  };

  #setNumbers = (activityId: string, state: SalaNumbersState): void => {
    this.#numbers = { ...this.#numbers, [activityId]: state };
  };

  /** A sala action: the ack's view is applied at once; a refusal is kept for the sala panel to explain. */
  #salaCommand = async <E extends SalaCommand>(event: E, payload: PayloadOf<E>, role: SalaRole | null): Promise<boolean> => {
    const activityId = payload.activityId;
    if (!this.#joinedNow) {
      this.#salaError = { activityId, code: 'OFFLINE', role };
      return false;
    }
    this.#salaBusy = true;
    this.#salaError = null;
    try {
      // A claim or a choice repeated is harmless; a release repeated is refused, so one attempt only.
      const retries = event === 'role:release' ? 0 : 1;
      const ack = (await emitWithAck(this.#socket, event, payload, { timeoutMs: SALA_TIMEOUT_MS, retries })) as Ack<BreakoutView>;
      if (ack.ok) {
        this.#applyBreakout(ack.data);
        return true;
      }
      const code = isErrorCode(ack.error.code) ? ack.error.code : 'INTERNAL';
      if (code === 'NOT_JOINED') {
        // The server forgot this socket (it restarted): join again; the member taps again.
        this.#joinedNow = false;
        void this.#join();
      }
      this.#salaError = { activityId, code, role };
      return false;
    } catch (error) {
      this.#salaError = { activityId, code: error instanceof AckTimeoutError ? 'TIMEOUT' : 'INTERNAL', role };
      return false;
    } finally {
      this.#salaBusy = false;
    }
  };

  #flushPending = (): void => {
    for (const [activityId, entry] of Object.entries(this.#pending)) void this.#send(activityId, entry);
  };

  #isCurrentPending = (activityId: string, entry: PendingAnswer): boolean =>
    this.#pending[activityId]?.clientAnswerId === entry.clientAnswerId;

  #send = async (activityId: string, entry: PendingAnswer): Promise<void> => {
    // Not joined (yet, or any more): the answer waits and goes out after the next join ack.
    if (!this.#joinedNow) return;
    let ack;
    try {
      ack = await emitWithAck(
        this.#socket,
        'answer:submit',
        { activityId, clientAnswerId: entry.clientAnswerId, value: entry.value },
        { timeoutMs: ANSWER_TIMEOUT_MS, retries: ANSWER_RETRIES, canSend: () => this.#joinedNow && this.#isCurrentPending(activityId, entry) },
      );
    } catch (error) {
      if (error instanceof AckTimeoutError) this.#retryLater(activityId, entry);
      return;
    }
    if (ack.ok) {
      this.#myAnswers = { ...this.#myAnswers, [activityId]: ack.data.value };
      if (this.#isCurrentPending(activityId, entry)) this.#dropPending(activityId);
      return;
    }
    const code = isErrorCode(ack.error.code) ? ack.error.code : 'INTERNAL';
    if (code === 'NOT_JOINED') {
      // The server forgot this socket (e.g. it restarted between our join and this answer).
      this.#joinedNow = false;
      void this.#join();
      return;
    }
    if (code === 'RATE_LIMITED' || code === 'INTERNAL') {
      this.#retryLater(activityId, entry);
      return;
    }
    if (this.#isCurrentPending(activityId, entry)) {
      this.#dropPending(activityId);
      this.#setAnswerError(activityId, code);
    }
  };

  #retryLater = (activityId: string, entry: PendingAnswer): void => {
    setTimeout(() => {
      if (!this.#disposed && this.#isCurrentPending(activityId, entry)) void this.#send(activityId, entry);
    }, RETRY_LATER_MS);
  };

  #setPending = (pending: Record<string, PendingAnswer>): void => {
    this.#pending = pending;
    writeJson('local', storageKeys.pending(this.code), pending);
  };

  #dropPending = (activityId: string): void => {
    const { [activityId]: _dropped, ...rest } = this.#pending;
    this.#setPending(rest);
  };

  #setAnswerError = (activityId: string, code: UiErrorCode | null): void => {
    const { [activityId]: _previous, ...rest } = this.#answerErrors;
    this.#answerErrors = code === null ? rest : { ...rest, [activityId]: code };
  };
}
