import { isQuestion } from '../../shared/agenda.ts';
import type { Locale } from '../../shared/i18n/index.ts';
import { AppError } from '../../shared/errors.ts';
import type {
  Activity,
  ActivityResults,
  AnswerValue,
  AnsweringStatus,
  DisplaySetPayload,
  FacilitatorScreen,
  LiveState,
  SessionStatus,
} from '../../shared/types.ts';
import { answeringOnArrival, withoutNotes } from './agenda.ts';
import { assertAgendaConsistent } from './agenda-edit.ts';
import { createTally, replaceAnswer, setOpenAnswerHidden, toResults, type Tally } from './tallies.ts';

export interface SessionStateInit {
  id: string;
  code: string;
  title: string;
  createdAt: number;
  /** The language of the session's phones and projector. */
  locale: Locale;
  status: SessionStatus;
  currentActivityId: string | null;
  resultsVisible: boolean;
  presenterNotes: boolean;
  blank: boolean;
  /** keepOpen: answering stays open when the facilitator moves on (unset: false). */
  agenda: Array<{ activity: Activity; answering: AnsweringStatus; keepOpen?: boolean }>;
  participantCount: number;
  answers: Array<{ activityId: string; participantId: string; value: AnswerValue }>;
  /** Open answers the facilitator hid. */
  hiddenAnswers?: Array<{ activityId: string; answerId: string }>;
}

/** Where a session stands on screen; stored together. */
export interface LiveFields {
  currentActivityId: string | null;
  resultsVisible: boolean;
  blank: boolean;
  presenterNotes: boolean;
}

/**
 * What one command changes in a session, as `SessionState` decides it: the service stores it
 * in one transaction, then `apply`s it, so memory is never ahead of what is stored.
 */
export interface SessionChange {
  /** The agenda after an edit. */
  agenda?: Activity[];
  live?: LiveFields;
  /** Answering statuses that change, in order. */
  answering?: Array<{ activityId: string; status: AnsweringStatus }>;
  /** A question's answering kept open when the facilitator moves on, or not. */
  keepOpen?: { activityId: string; keepOpen: boolean };
  /** An open answer hidden from the screens, or shown again. */
  moderation?: { activityId: string; answerId: string; hidden: boolean };
  closed?: boolean;
  /** What the report's timings note ("shown", "answering:open", …), in order. */
  events?: Array<{ activityId: string; event: string }>;
}

const closed = () => new AppError('SESSION_CLOSED', 'Esta sesión ya terminó.');
const activityNotFound = () => new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');

/**
 * One session held in memory: agenda, where it stands, every current answer and the running
 * tallies, and the rules of the facilitator's controls. Pure state, no I/O. A control
 * (`goto`, `setDisplay`, `close`, …) checks its rules and returns what it would change without
 * changing anything; the service stores that, then calls `apply`. Answers and joins are
 * stored by the group commit first and counted here after (`recordAnswer`, `participantJoined`).
 */
export class SessionState {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly createdAt: number;
  readonly locale: Locale;
  #agenda: Activity[];
  #status: SessionStatus;
  #currentActivityId: string | null;
  #resultsVisible: boolean;
  #blank: boolean;
  #presenterNotes: boolean;
  #participantCount: number;
  readonly #answering = new Map<string, AnsweringStatus>();
  /** Questions whose answering stays open when the facilitator moves on. */
  readonly #keepOpen = new Set<string>();
  /** activity id → participant id → current answer. */
  readonly #answers = new Map<string, Map<string, AnswerValue>>();
  readonly #tallies = new Map<string, Tally>();

  constructor(init: SessionStateInit) {
    this.id = init.id;
    this.code = init.code;
    this.title = init.title;
    this.createdAt = init.createdAt;
    this.locale = init.locale;
    this.#status = init.status;
    this.#currentActivityId = init.currentActivityId;
    this.#resultsVisible = init.resultsVisible;
    this.#blank = init.blank;
    this.#presenterNotes = init.presenterNotes;
    this.#participantCount = init.participantCount;
    this.#agenda = init.agenda.map((a) => a.activity);
    for (const { activity, answering, keepOpen } of init.agenda) {
      this.#answering.set(activity.id, answering);
      if (keepOpen) this.#keepOpen.add(activity.id);
      if (isQuestion(activity)) {
        this.#tallies.set(activity.id, createTally(activity));
        this.#answers.set(activity.id, new Map());
      }
    }
    for (const h of init.hiddenAnswers ?? []) {
      const tally = this.#tallies.get(h.activityId);
      if (tally) setOpenAnswerHidden(tally, h.answerId, true);
    }
    for (const a of init.answers) this.recordAnswer(a.activityId, a.participantId, a.value);
  }

  get agenda(): readonly Activity[] {
    return this.#agenda;
  }

  get status(): SessionStatus {
    return this.#status;
  }

  get currentActivityId(): string | null {
    return this.#currentActivityId;
  }

  get resultsVisible(): boolean {
    return this.#resultsVisible;
  }

  get blank(): boolean {
    return this.#blank;
  }

  /** Whether the presenter screen receives the activities' notes. */
  get presenterNotes(): boolean {
    return this.#presenterNotes;
  }

  /**
   * The agenda as a screen receives it: with its presenter notes on the console (and the agenda
   * editor), on the presenter screen only when the facilitator asked for them, never on a phone.
   */
  agendaFor(audience: FacilitatorScreen | 'participant'): Activity[] {
    const notes = audience === 'console' || (audience === 'presenter' && this.#presenterNotes);
    return notes ? [...this.#agenda] : withoutNotes(this.#agenda);
  }

  get participantCount(): number {
    return this.#participantCount;
  }

  /** Answering status by activity id (a deleted activity's stays, for an undo). */
  get answering(): ReadonlyMap<string, AnsweringStatus> {
    return this.#answering;
  }

  answeringOf(activityId: string): AnsweringStatus {
    return this.#answering.get(activityId) ?? 'idle';
  }

  activity(activityId: string): Activity | undefined {
    return this.#agenda.find((a) => a.id === activityId);
  }

  /** Every change needs the session open; a closed one is read-only. */
  assertOpen(): void {
    if (this.#status === 'closed') throw closed();
  }

  // ---------- the facilitator's controls: each returns its change, applied once stored ----------

  /**
   * Shows an activity (null: the join screen), opening a question on first arrival. The question
   * left closes, unless the facilitator chose to keep it open: a phone that still shows it
   * cannot add answers the room has moved past.
   */
  goto(activityId: string | null): SessionChange {
    this.assertOpen();
    const answering: NonNullable<SessionChange['answering']> = [];
    const events: NonNullable<SessionChange['events']> = [];
    const left = this.#currentActivityId;
    if (left !== null && left !== activityId && this.answeringOf(left) === 'open' && !this.#keepOpen.has(left)) {
      answering.push({ activityId: left, status: 'closed' });
      events.push({ activityId: left, event: 'answering:closed' });
    }
    if (activityId !== null) {
      const activity = this.activity(activityId);
      if (!activity) throw activityNotFound();
      const status = answeringOnArrival(activity, this.answeringOf(activityId));
      if (status !== this.answeringOf(activityId)) {
        answering.push({ activityId, status });
        events.push({ activityId, event: `answering:${status}` });
      }
    }
    // Results start hidden on every new activity, so early answers do not sway later ones.
    const moved = activityId !== this.#currentActivityId;
    if (moved && activityId !== null) events.push({ activityId, event: 'shown' });
    return {
      live: { ...this.#liveFields(), currentActivityId: activityId, resultsVisible: moved ? false : this.#resultsVisible },
      answering,
      events,
    };
  }

  setAnswering(activityId: string, open: boolean): SessionChange {
    this.#assertQuestion(activityId);
    const status = open ? 'open' : 'closed';
    if (status === this.answeringOf(activityId)) return {};
    return { answering: [{ activityId, status }], events: [{ activityId, event: `answering:${status}` }] };
  }

  /** Whether a question's answering stays open when the facilitator moves on from it. */
  setKeepOpen(activityId: string, keepOpen: boolean): SessionChange {
    this.#assertQuestion(activityId);
    if (keepOpen === this.#keepOpen.has(activityId)) return {};
    return { keepOpen: { activityId, keepOpen } };
  }

  setDisplay(display: DisplaySetPayload): SessionChange {
    this.assertOpen();
    return {
      live: {
        currentActivityId: this.#currentActivityId,
        resultsVisible: display.resultsVisible ?? this.#resultsVisible,
        blank: display.blank ?? this.#blank,
        presenterNotes: display.presenterNotes ?? this.#presenterNotes,
      },
    };
  }

  /** Hides an open answer from every screen (moderation), or shows it again; it is kept. */
  hideAnswer(activityId: string, answerId: string, hidden: boolean): SessionChange {
    this.assertOpen();
    const activity = this.activity(activityId);
    if (!activity) throw activityNotFound();
    if (activity.kind !== 'open') throw new AppError('NOT_ANSWERABLE', 'Solo las respuestas abiertas se pueden ocultar.');
    const tally = this.#tallies.get(activityId);
    if (tally?.kind !== 'open' || !tally.answers.has(answerId)) throw new AppError('NOT_FOUND', 'Esa respuesta no existe.');
    return { moderation: { activityId, answerId, hidden } };
  }

  /** Ends the session: questions still open close with it. */
  close(): SessionChange {
    this.assertOpen();
    const open = [...this.#answering].filter(([, status]) => status === 'open').map(([activityId]) => activityId);
    return {
      answering: open.map((activityId) => ({ activityId, status: 'closed' })),
      events: open.map((activityId) => ({ activityId, event: 'answering:closed' })),
      closed: true,
    };
  }

  /**
   * Takes an edited agenda (the edit's own rules are checked by `domain/agenda-edit.ts`). If the
   * activity on screen is gone, the join screen is shown.
   */
  editAgenda(next: Activity[]): SessionChange {
    this.assertOpen();
    assertAgendaConsistent(next);
    const current = this.#currentActivityId;
    if (current === null || next.some((a) => a.id === current)) return { agenda: next };
    return { agenda: next, live: { ...this.#liveFields(), currentActivityId: null } };
  }

  /** A control of a question's answering needs the session open and a question of its agenda. */
  #assertQuestion(activityId: string): void {
    this.assertOpen();
    const activity = this.activity(activityId);
    if (!activity) throw activityNotFound();
    if (!isQuestion(activity) && activity.kind !== 'experience')
      throw new AppError('NOT_ANSWERABLE', 'Esta actividad no recibe respuestas.');
  }

  /** Makes a stored change true in memory. */
  apply(change: SessionChange): void {
    if (change.agenda) this.#setAgenda(change.agenda);
    if (change.live) {
      this.#currentActivityId = change.live.currentActivityId;
      this.#resultsVisible = change.live.resultsVisible;
      this.#blank = change.live.blank;
      this.#presenterNotes = change.live.presenterNotes;
    }
    for (const { activityId, status } of change.answering ?? []) this.#answering.set(activityId, status);
    if (change.keepOpen?.keepOpen) this.#keepOpen.add(change.keepOpen.activityId);
    else if (change.keepOpen) this.#keepOpen.delete(change.keepOpen.activityId);
    if (change.moderation) this.setAnswerHidden(change.moderation.activityId, change.moderation.answerId, change.moderation.hidden);
    if (change.closed) this.#status = 'closed';
  }

  #liveFields(): LiveFields {
    return {
      currentActivityId: this.#currentActivityId,
      resultsVisible: this.#resultsVisible,
      blank: this.#blank,
      presenterNotes: this.#presenterNotes,
    };
  }

  /** Counts a participant whose join was stored. */
  participantJoined(): void {
    this.#participantCount += 1;
  }

  /**
   * Takes an edited agenda. A new question starts with an empty tally; an edited one is counted
   * again from its answers (options may have been added or relabelled); hidden answers stay hidden.
   */
  #setAgenda(next: readonly Activity[]): void {
    const before = new Map(this.#agenda.map((a) => [a.id, a]));
    this.#agenda = [...next];
    for (const activity of next) {
      if (!this.#answering.has(activity.id)) this.#answering.set(activity.id, 'idle');
      if (!isQuestion(activity) || before.get(activity.id) === activity) continue;
      const answers = this.#answers.get(activity.id) ?? new Map<string, AnswerValue>();
      const previous = this.#tallies.get(activity.id);
      const tally = createTally(activity);
      if (previous?.kind === 'open' && tally.kind === 'open') previous.hiddenIds.forEach((id) => tally.hiddenIds.add(id));
      for (const [participantId, value] of answers) replaceAnswer(tally, undefined, value, participantId);
      this.#tallies.set(activity.id, tally);
      this.#answers.set(activity.id, answers);
    }
  }

  /** Counts a participant's answer, replacing their previous one in the tally. */
  recordAnswer(activityId: string, participantId: string, value: AnswerValue): void {
    const answers = this.#answers.get(activityId);
    const tally = this.#tallies.get(activityId);
    if (!answers || !tally) return;
    replaceAnswer(tally, answers.get(participantId), value, participantId);
    answers.set(participantId, value);
  }

  /** Every current answer to a question (to check an edit against them). */
  answersTo(activityId: string): AnswerValue[] {
    return [...(this.#answers.get(activityId)?.values() ?? [])];
  }

  answerOf(activityId: string, participantId: string): AnswerValue | undefined {
    return this.#answers.get(activityId)?.get(participantId);
  }

  /** A participant's own answers, by activity id. */
  answersOf(participantId: string): Record<string, AnswerValue> {
    const mine: Record<string, AnswerValue> = {};
    for (const [activityId, answers] of this.#answers) {
      const value = answers.get(participantId);
      if (value) mine[activityId] = value;
    }
    return mine;
  }

  results(activityId: string): ActivityResults | null {
    const tally = this.#tallies.get(activityId);
    return tally ? toResults(tally) : null;
  }

  /** Results of a question counting only these participants' answers (a sala's own numbers). */
  resultsAmong(activityId: string, participantIds: Iterable<string>): ActivityResults | null {
    const activity = this.activity(activityId);
    const answers = this.#answers.get(activityId);
    if (!activity || !answers || !isQuestion(activity)) return null;
    const tally = createTally(activity);
    for (const id of participantIds) {
      const value = answers.get(id);
      if (value) replaceAnswer(tally, undefined, value, id);
    }
    return toResults(tally);
  }

  /**
   * Hides an open answer (moderation); false when the activity has no answer with that id now
   * (the hiding is remembered all the same, as when hidden answers are loaded before the answers).
   */
  setAnswerHidden(activityId: string, answerId: string, hidden: boolean): boolean {
    const tally = this.#tallies.get(activityId);
    return tally ? setOpenAnswerHidden(tally, answerId, hidden) : false;
  }

  /** Results as participants may see them: hidden open answers left out. */
  publicResultsOf(activityId: string): ActivityResults | null {
    const results = this.results(activityId);
    if (results?.kind !== 'open') return results;
    return { ...results, answers: results.answers.filter((a) => !a.hidden) };
  }

  /**
   * Results of every question in the agenda (a deleted activity's tally waits for an undo).
   * Screens get the newest open answers; a report asks for every one (Infinity).
   */
  allResults(openAnswersListed?: number): Record<string, ActivityResults> {
    const entries: Array<[string, ActivityResults]> = [];
    for (const activity of this.#agenda) {
      const tally = this.#tallies.get(activity.id);
      if (tally) entries.push([activity.id, toResults(tally, openAnswersListed)]);
    }
    return Object.fromEntries(entries);
  }

  /** People who answered at least one question of the agenda. */
  respondentCount(): number {
    return this.respondents().size;
  }

  /** The ids of the people who answered at least one question of the agenda. */
  respondents(): Set<string> {
    const respondents = new Set<string>();
    for (const activity of this.#agenda) {
      for (const participantId of this.#answers.get(activity.id)?.keys() ?? []) respondents.add(participantId);
    }
    return respondents;
  }

  /** Whether participants may see an activity's results now: it is on screen and shown. */
  resultsPublicFor(activityId: string): boolean {
    return this.#resultsVisible && this.#currentActivityId === activityId;
  }

  /** The results participants may see: the current activity's, while shown. */
  publicResults(): Record<string, ActivityResults> {
    const id = this.#currentActivityId;
    const results = id && this.resultsPublicFor(id) ? this.publicResultsOf(id) : null;
    return id && results ? { [id]: results } : {};
  }

  live(): LiveState {
    return {
      currentActivityId: this.#currentActivityId,
      resultsVisible: this.#resultsVisible,
      blank: this.#blank,
      presenterNotes: this.#presenterNotes,
      answering: Object.fromEntries(this.#agenda.map((a) => [a.id, this.answeringOf(a.id)])),
      keepOpen: this.#agenda.filter((a) => this.#keepOpen.has(a.id)).map((a) => a.id),
      participantCount: this.#participantCount,
      status: this.#status,
    };
  }
}
