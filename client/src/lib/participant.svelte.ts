/**
 * A participant's live session. The socket connects as soon as the page knows the code and,
 * once the person is admitted (notice accepted, or back on this phone), joins on every connect
 * (reconnects, server restarts) with the token and the link's key kept per join code, and the join ack's snapshot replaces
 * whatever the page knew; only then do its commands go out. Answers wait in an AnswerOutbox
 * (kept in localStorage until acknowledged, sent again after every join with the same
 * clientAnswerId, so a retry never counts twice). Breakout views
 * (their salas, roles and clocks) come with the snapshot and with `breakout:updated`; synthesis
 * views (only this participant's sala's text) with the snapshot and `synthesis:updated`. A
 * secretary gets a SynthesisWriter per synthesis, which keeps and saves the draft.
 */
import type { ClientEvent, EmitArgs } from '../../../shared/events.ts';
import type {
  Activity,
  ActivityResults,
  AnswerValue,
  BreakoutView,
  LiveState,
  ParticipantSnapshot,
  SalaNumbersView,
  SalaRole,
  SalaTurnsView,
  SessionSnapshot,
  SessionView,
  SynthesisView,
} from '../../../shared/types.ts';
import { AnswerOutbox, type AnswerStatus } from './answer-outbox.svelte.ts';
import { CommitmentPhone } from './commitments.svelte.ts';
import { BreakoutAlerts } from './alerts.svelte.ts';
import { ExperienceCards } from './experience-cards.svelte.ts';
import { isNewerView, roleOf, salaOf } from './breakout.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import { PARTICIPANT_ACK_TIMEOUT_MS, takeEarlySocket } from './early-socket.ts';
import { storedJoinKey } from './join-key.ts';
import { isMoved, isTransient, LiveConnection, type CommandResult } from './live-connection.svelte.ts';
import { ServerClock } from './server-clock.svelte.ts';
import { readLastSeen, writeLastSeen } from './last-seen.ts';
import { storageKeys, writeJson } from './storage.ts';
import { storedParticipant, type StoredParticipant } from './stored-participant.ts';
import { isNewerSynthesis } from './synthesis.ts';
import { SynthesisWriter, type SynthesisPort } from './synthesis-writer.svelte.ts';
import { QaPhone } from './qa-phone.svelte.ts';

/** A join the server could not take now (busy, no ack) is tried again this much later. */
const REJOIN_LATER_MS = 4000;

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
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; view: SalaNumbersView } | { status: 'failed'; code: UiErrorCode };
export class ParticipantSession {
  readonly code: string;
  readonly #connection: LiveConnection;
  readonly #outbox: AnswerOutbox;
  #displayName: string | null;
  /** The agency picked on the join screen, sent with the first join only (undefined: none picked there). */
  #pickedAgency: string | null | undefined;
  /** The person may join (notice accepted, or back on this phone): until then the socket only connects. */
  #admitted = false;
  /** True between a successful join ack and the next disconnect: only then may commands be sent. */
  #joinedNow = $state(false);
  #retryTimer: ReturnType<typeof setTimeout> | null = null;

  #phase = $state<ParticipantPhase>('connecting');
  #failure = $state<UiErrorCode | null>(null);
  #session = $state.raw<SessionView | null>(null);
  #live = $state.raw<LiveState | null>(null);
  #results = $state.raw<Record<string, ActivityResults>>({});
  #participantId = $state<string | null>(null);
  #breakouts = $state.raw<Record<string, BreakoutView>>({});
  #salaError = $state.raw<SalaError | null>(null);
  #salaBusy = $state(false);
  #syntheses = $state.raw<Record<string, SynthesisView>>({});
  #writers = $state.raw<Record<string, SynthesisWriter>>({});
  #numbers = $state.raw<Record<string, SalaNumbersState>>({});
  #turns = $state.raw<Record<string, SalaTurnsView>>({});
  #turnError = $state.raw<UiErrorCode | null>(null);
  /** The last attempt to connect failed (no network): set until a connection is made. */
  #connectFailed = $state(false);
  #agency = $state<string | null>(null);
  #agencies = $state.raw<string[]>([]);

  /** The server's clock as this phone estimates it, for the sala's countdown. */
  readonly clock = new ServerClock();
  /** Five-minute and return alerts, given once per tab. */
  readonly alerts: BreakoutAlerts;
  /** This participant's own commitments (the counts are the projector's). */
  readonly commitments: CommitmentPhone;
  /** Questions from the room: the boards, one's own questions and votes. */
  readonly qa = new QaPhone({
    ask: (payload) => this.#command('qa:ask', payload),
    vote: (payload) => this.#command('qa:vote', payload),
  });
  /** Experience cards: this participant's own, and their sala's (read-only unless secretary). */
  readonly experiences = new ExperienceCards({
    list: (activityId) => this.#command('experience:list', { activityId }),
    save: (payload) => this.#command('experience:save', payload),
    remove: (payload) => this.#command('experience:delete', payload),
  });

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

  /**
   * Connects at once, so that the handshake is done while the code is checked and the notice
   * read; the join itself waits for `admit`.
   */
  constructor(code: string) {
    this.code = code;
    this.#displayName = storedParticipant(code)?.displayName ?? null;
    this.alerts = new BreakoutAlerts(code);
    // Dropped on purpose by the server (a room restarted): knock again only if this phone was in.
    this.#connection = new LiveConnection({
      ackTimeoutMs: PARTICIPANT_ACK_TIMEOUT_MS,
      knockAgain: () => this.#phase === 'joined',
      // Opened by the page's early script on a join link: its handshake may be done already.
      socket: takeEarlySocket(code),
      // The session this phone was last in with this code, until the code check says (route).
      sessionId: storedParticipant(code)?.sessionId ?? null,
    });
    this.#outbox = new AnswerOutbox(code, {
      send: (payload, wanted) => this.#commandWhile(wanted, 'answer:submit', payload),
      online: () => this.#connection.online,
    });
    this.commitments = new CommitmentPhone(
      { command: (event, ...payload) => this.#command(event, ...payload) },
      () => this.#session?.id ?? null,
    );
    this.#connection.on('connect', () => {
      this.#connectFailed = false;
      if (this.#admitted) void this.#join();
    });
    this.#connection.on('connect_error', () => {
      this.#connectFailed = true;
    });
    this.#connection.on('disconnect', () => {
      this.#joinedNow = false;
    });
    this.#connection.on('session:live', (live) => {
      this.#live = live;
      if (live.status === 'closed') this.#phase = 'closed';
      this.#rememberLastSeen();
    });
    this.#connection.on('results:updated', ({ activityId, results }) => {
      this.#results = { ...this.#results, [activityId]: results };
    });
    this.#connection.on('breakout:updated', this.#applyBreakout);
    this.#connection.on('synthesis:updated', this.#applySynthesis);
    this.#connection.on('turns:updated', this.#applyTurns);
    this.#connection.on('qa:updated', this.qa.applyBoard);
    this.#connection.on('qa:mine', this.qa.applyMine);
    this.#connection.on('experiences:updated', this.experiences.apply);
    // The facilitator edited the agenda: the activity on screen shows its new texts at once.
    this.#connection.on('agenda:updated', ({ agenda }) => {
      if (this.#session) this.#session = { ...this.#session, agenda };
      this.#rememberLastSeen();
    });
    this.#connection.open();
  }

  get phase(): ParticipantPhase {
    return this.#phase;
  }
  /**
   * The server has this phone joined on the socket now: 'joined' is also the phase of a reloaded
   * page showing what it last saw, before (or without) the join.
   */
  get joinedNow(): boolean {
    return this.#joinedNow;
  }
  /** Why joining failed (unknown code, closed session…), when phase is 'failed'. */
  get failure(): UiErrorCode | null {
    return this.#failure;
  }
  /** False while the connection is down (after having joined): answers wait in storage. */
  get connected(): boolean {
    return this.#connection.online;
  }
  /**
   * In the session (now, or before a reload) and the connection is down or cannot be made: the
   * page says so. Not while a reloaded page's first connection is merely on its way.
   */
  get offline(): boolean {
    if (this.#phase !== 'joined' || this.#connection.online) return false;
    return this.#connection.state === 'reconnecting' || this.#connectFailed;
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
  /** The agency this participant said they come from (null: not said). */
  get agency(): string | null {
    return this.#agency;
  }
  /** The session's agencies to pick from (empty: it lists none). */
  get agencies(): string[] {
    return this.#agencies;
  }

  /** Changes the agency said (null: not said); the refusal's code, or null once stored. */
  setAgency = async (agency: string | null): Promise<UiErrorCode | null> => {
    const result = await this.#command('participant:agency', { agency });
    if (!result.ok) return result.error.code;
    this.#agency = result.data.agency;
    return null;
  };
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

  /** A sala's turns to speak (only this participant's own sala's arrive); null before any. */
  turns = (salaId: string): SalaTurnsView | null => this.#turns[salaId] ?? null;
  /** The last turn action the server refused, until the next one. */
  get turnError(): UiErrorCode | null {
    return this.#turnError;
  }

  /** A turn action in one's sala (hand, floor, timer, call): its ack's view is applied at once. */
  turnAction = async <E extends 'hand:raise' | 'hand:lower' | 'floor:give' | 'turn:timer' | 'facilitator:call'>(
    event: E,
    ...payload: EmitArgs<E>
  ): Promise<void> => {
    this.#turnError = null;
    const result = await this.#command(event, ...payload);
    if (result.ok) this.#applyTurns(result.data as SalaTurnsView);
    else this.#turnError = result.error.code;
  };

  /** The sala's own numbers for a breakout, as last asked for. */
  salaNumbers = (activityId: string): SalaNumbersState => this.#numbers[activityId] ?? { status: 'idle' };

  /** Asks for the sala's own numbers beside the room's (the server leaves small groups out). */
  loadSalaNumbers = async (activityId: string): Promise<void> => {
    this.#setNumbers(activityId, { status: 'loading' });
    const result = await this.#command('sala:numbers', { activityId });
    this.#setNumbers(activityId, result.ok ? { status: 'ready', view: result.data } : { status: 'failed', code: result.error.code });
  };

  /** Claim a free role in one's own sala (named, so a claim made just after being moved is refused). */
  claimRole = (activityId: string, salaId: string, role: SalaRole) =>
    this.#salaAction(activityId, role, () => this.#command('role:claim', { activityId, salaId, role }));
  releaseRole = (activityId: string, salaId: string, role: SalaRole) =>
    this.#salaAction(activityId, role, () => this.#command('role:release', { activityId, salaId, role }));
  /** Self-chosen grouping: join a sala. */
  chooseSala = (activityId: string, salaId: string) =>
    this.#salaAction(activityId, null, () => this.#command('sala:choose', { activityId, salaId }));
  dismissSalaError = (): void => {
    this.#salaError = null;
  };

  /** The answer the server holds for an activity. */
  confirmedAnswer = (activityId: string): AnswerValue | null => this.#outbox.confirmed(activityId);

  /** The answer the participant means to give: the unacknowledged one first. */
  latestAnswer = (activityId: string): AnswerValue | null => this.#outbox.latest(activityId);

  answerStatus = (activityId: string): AnswerStatus => this.#outbox.status(activityId);

  answerError = (activityId: string): UiErrorCode | null => this.#outbox.error(activityId);

  isAnsweringOpen = (activityId: string): boolean => this.#live?.answering[activityId] === 'open';

  /** Records the answer and sends it; it stays pending (and stored) until the server acknowledges it. */
  submit = (activityId: string, value: AnswerValue): void => this.#outbox.submit(activityId, value);

  /**
   * Joins now (or as soon as connected), and again after every reconnect. `displayName` (null:
   * the stored one stays) and `agency` (left out: the stored one stays) as given on the join screen.
   */
  admit = (displayName: string | null, agency?: string | null): void => {
    if (this.#admitted) return;
    this.#admitted = true;
    this.#displayName = displayName ?? this.#displayName;
    this.#pickedAgency = agency;
    if (this.#connection.online) void this.#join();
  };

  /** The session's id, from the code check: it routes this phone's connections to the session's node. */
  route = (sessionId: string): void => this.#connection.route(sessionId);

  /**
   * A phone that was in shows what it last saw at once (a reload, with or without network) and
   * counts as joined, so its answers queue and, with no network, the page says so; the join's
   * snapshot replaces all of it. False when it kept nothing to show.
   */
  showLastSeen = (): boolean => {
    const seen = storedParticipant(this.code) ? readLastSeen(this.code) : null;
    if (!seen || seen.live.status === 'closed') return false;
    this.#session = seen.session;
    this.#live = seen.live;
    this.#participantId = seen.participantId;
    this.#phase = 'joined';
    return true;
  };

  dispose = (): void => {
    this.#joinedNow = false;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#outbox.dispose();
    for (const writer of Object.values(this.#writers)) writer.dispose();
    this.#connection.dispose();
  };

  #join = async (): Promise<void> => {
    const stored = storedParticipant(this.code);
    const joinKey = storedJoinKey(this.code);
    const payload = {
      code: this.code,
      ...(stored ? { participantToken: stored.token } : {}),
      ...(joinKey ? { joinKey } : {}),
      ...(this.#displayName ? { displayName: this.#displayName } : {}),
      ...(this.#pickedAgency !== undefined ? { agency: this.#pickedAgency } : {}),
    };
    const result = await this.#connection.command('session:join', payload);
    if (!result.ok) {
      const code = result.error.code;
      // Another node owns the session: the connection moves there and joins again on connecting.
      if (isMoved(code)) return;
      // No answer, or not now: the socket stays up, so knock again shortly.
      if (isTransient(code)) {
        this.#scheduleRejoin();
        return;
      }
      if (code === 'SESSION_CLOSED') {
        this.#phase = 'closed';
      } else {
        this.#phase = 'failed';
        this.#failure = code;
      }
      this.#connection.dispose();
      return;
    }
    const { participantToken, snapshot } = result.data;
    // Stored now: a rejoin keeps what the server has (perhaps changed since, from this phone).
    this.#pickedAgency = undefined;
    writeJson('local', storageKeys.participant(this.code), {
      token: participantToken,
      sessionId: snapshot.session.id,
      displayName: snapshot.displayName ?? this.#displayName,
    } satisfies StoredParticipant);
    this.#applySnapshot(snapshot);
    // A closed session (a reload after the end): what it shows is all there is; nothing to send or follow.
    if (this.#phase === 'closed') {
      this.#connection.dispose();
      return;
    }
    this.#joinedNow = true;
    this.#outbox.flush();
    // Drafts typed while away (or before a reload) go out now, as they were.
    for (const writer of Object.values(this.#writers)) writer.flush();
  };

  #scheduleRejoin = (): void => {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#connection.online && !this.#joinedNow) void this.#join();
    }, REJOIN_LATER_MS);
  };

  #applySnapshot = (snapshot: ParticipantSnapshot): void => {
    this.#session = snapshot.session;
    this.#live = snapshot.session.live;
    this.#results = snapshot.results;
    this.#outbox.confirmAll(snapshot.myAnswers);
    this.#displayName = snapshot.displayName ?? this.#displayName;
    this.#agency = snapshot.agency;
    this.#agencies = snapshot.agencies;
    this.#participantId = snapshot.participantId;
    const receivedAt = Date.now();
    for (const view of Object.values(snapshot.breakouts)) this.clock.observe(view.timer.serverNow, receivedAt);
    for (const view of Object.values(snapshot.syntheses)) this.clock.observe(view.timer.serverNow, receivedAt);
    this.#breakouts = snapshot.breakouts;
    this.#syntheses = snapshot.syntheses;
    this.#turns = snapshot.turns;
    this.qa.applySnapshot(snapshot.qa, snapshot.myQa);
    this.#syncWriters();
    for (const [activityId, view] of Object.entries(snapshot.syntheses)) this.#writers[activityId]?.remote(view);
    this.#phase = snapshot.session.live.status === 'closed' ? 'closed' : 'joined';
    this.#rememberLastSeen();
  };

  #rememberLastSeen = (): void => {
    if (this.#session && this.#live) {
      writeLastSeen(this.code, { session: this.#session, live: this.#live, participantId: this.#participantId });
    }
  };

  #applyBreakout = (view: BreakoutView): void => {
    this.clock.observe(view.timer.serverNow);
    if (isNewerView(this.#breakouts[view.activityId], view)) {
      this.#breakouts = { ...this.#breakouts, [view.activityId]: view };
      // A role claimed or moved: the secretary's writer follows.
      this.#syncWriters();
    }
  };

  #applyTurns = (view: SalaTurnsView): void => {
    this.clock.observe(view.serverNow);
    const current = this.#turns[view.salaId];
    if (current && current.serverNow > view.serverNow) return;
    this.#turns = { ...this.#turns, [view.salaId]: view };
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
      writers =
        salaId === null
          ? rest
          : { ...rest, [view.activityId]: new SynthesisWriter(this.code, view.activityId, salaId, this.#synthesisPort(view.activityId)) };
    }
    if (writers !== this.#writers) this.#writers = writers;
  };

  #synthesisPort = (activityId: string): SynthesisPort => ({
    // A save sent again carries the same clientSaveId; the server recognises a stored one.
    save: (payload) => this.#command('synthesis:save', payload),
    submit: (payload) => this.#command('synthesis:submit', payload),
    canSend: () => this.#joinedNow,
    online: () => this.#connection.online,
    latest: () => this.#syntheses[activityId] ?? null,
    apply: this.#applySynthesis,
    resync: () => void this.#resync(),
  });

  /** A fresh snapshot of the salas and syntheses (after a save refused as stale). */
  #resync = async (): Promise<void> => {
    const result = await this.#command('session:sync', {});
    if (!result.ok) return;
    const snapshot: SessionSnapshot = result.data;
    for (const view of Object.values(snapshot.breakouts)) this.#applyBreakout(view);
    for (const view of Object.values(snapshot.syntheses)) this.#applySynthesis(view);
  };

  #setNumbers = (activityId: string, state: SalaNumbersState): void => {
    this.#numbers = { ...this.#numbers, [activityId]: state };
  };

  /** A sala action: the ack's view is applied at once; a refusal is kept for the sala panel to explain. */
  #salaAction = async (
    activityId: string,
    role: SalaRole | null,
    send: () => Promise<CommandResult<'role:claim' | 'role:release' | 'sala:choose'>>,
  ): Promise<boolean> => {
    this.#salaBusy = true;
    this.#salaError = null;
    try {
      const result = await send();
      if (result.ok) {
        this.#applyBreakout(result.data);
        return true;
      }
      // NOT_JOINED: the session joins again; the member taps again.
      this.#salaError = { activityId, code: result.error.code, role };
      return false;
    } finally {
      this.#salaBusy = false;
    }
  };

  /** A command of a joined participant: see #commandWhile. */
  #command = <E extends ClientEvent>(event: E, ...payload: EmitArgs<E>): Promise<CommandResult<E>> =>
    this.#commandWhile(() => true, event, ...payload);

  /**
   * Sends a command only while joined (and `wanted()` holds). NOT_JOINED means the server forgot
   * this socket (it restarted between the join and this command): join again, after which
   * answers and drafts go out again by themselves.
   */
  #commandWhile = async <E extends ClientEvent>(wanted: () => boolean, event: E, ...payload: EmitArgs<E>): Promise<CommandResult<E>> => {
    const result = await this.#connection.commandWhile(() => this.#joinedNow && wanted(), event, ...payload);
    if (!result.ok && result.error.code === 'NOT_JOINED') {
      this.#joinedNow = false;
      void this.#join();
    }
    return result;
  };
}
