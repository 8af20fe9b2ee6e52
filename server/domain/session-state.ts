import type {
  Activity,
  ActivityResults,
  AnswerValue,
  AnsweringStatus,
  LiveState,
  SessionStatus,
} from '../../shared/types.ts';
import { isQuestion } from './agenda.ts';
import { createTally, replaceAnswer, setOpenAnswerHidden, toResults, type Tally } from './tallies.ts';

export interface SessionStateInit {
  id: string;
  code: string;
  title: string;
  createdAt: number;
  status: SessionStatus;
  currentActivityId: string | null;
  resultsVisible: boolean;
  blank: boolean;
  agenda: Array<{ activity: Activity; answering: AnsweringStatus }>;
  participantCount: number;
  answers: Array<{ activityId: string; participantId: string; value: AnswerValue }>;
  /** Open answers the facilitator hid. */
  hiddenAnswers?: Array<{ activityId: string; answerId: string }>;
}

/**
 * One session held in memory: agenda, where it stands, every current answer and the running
 * tallies. Pure state, no I/O: services load it from storage and save what changes.
 */
export class SessionState {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly createdAt: number;
  #agenda: Activity[];
  status: SessionStatus;
  currentActivityId: string | null;
  resultsVisible: boolean;
  blank: boolean;
  participantCount: number;
  readonly answering = new Map<string, AnsweringStatus>();
  /** activity id → participant id → current answer. */
  readonly #answers = new Map<string, Map<string, AnswerValue>>();
  readonly #tallies = new Map<string, Tally>();

  constructor(init: SessionStateInit) {
    this.id = init.id;
    this.code = init.code;
    this.title = init.title;
    this.createdAt = init.createdAt;
    this.status = init.status;
    this.currentActivityId = init.currentActivityId;
    this.resultsVisible = init.resultsVisible;
    this.blank = init.blank;
    this.participantCount = init.participantCount;
    this.#agenda = init.agenda.map((a) => a.activity);
    for (const { activity, answering } of init.agenda) {
      this.answering.set(activity.id, answering);
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

  activity(activityId: string): Activity | undefined {
    return this.#agenda.find((a) => a.id === activityId);
  }

  /**
   * Takes an edited agenda. A new question starts with an empty tally; an edited one is counted
   * again from its answers (options may have been added or relabelled); hidden answers stay hidden.
   */
  setAgenda(next: readonly Activity[]): void {
    const before = new Map(this.#agenda.map((a) => [a.id, a]));
    this.#agenda = [...next];
    for (const activity of next) {
      if (!this.answering.has(activity.id)) this.answering.set(activity.id, 'idle');
      if (!isQuestion(activity) || before.get(activity.id) === activity) continue;
      const answers = this.#answers.get(activity.id) ?? new Map<string, AnswerValue>();
      const previous = this.#tallies.get(activity.id);
      const tally = createTally(activity);
      if (previous?.kind === 'open' && tally.kind === 'open') previous.hiddenIds.forEach((id) => tally.hiddenIds.add(id));
      for (const [participantId, value] of answers) replaceAnswer(tally, undefined, value, participantId);
      this.#tallies.set(activity.id, tally);
      this.#answers.set(activity.id, answers);
    }
    if (this.currentActivityId !== null && !next.some((a) => a.id === this.currentActivityId)) this.currentActivityId = null;
  }

  /** Counts a participant's answer, replacing their previous one in the tally. */
  recordAnswer(activityId: string, participantId: string, value: AnswerValue): void {
    const answers = this.#answers.get(activityId);
    const tally = this.#tallies.get(activityId);
    if (!answers || !tally) return;
    replaceAnswer(tally, answers.get(participantId), value, participantId);
    answers.set(participantId, value);
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

  /** Hides an open answer (moderation); false when the activity has no answer with that id now. */
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
    const respondents = new Set<string>();
    for (const activity of this.#agenda) {
      for (const participantId of this.#answers.get(activity.id)?.keys() ?? []) respondents.add(participantId);
    }
    return respondents.size;
  }

  /** Whether participants may see an activity's results now: it is on screen and shown. */
  resultsPublicFor(activityId: string): boolean {
    return this.resultsVisible && this.currentActivityId === activityId;
  }

  /** The results participants may see: the current activity's, while shown. */
  publicResults(): Record<string, ActivityResults> {
    const id = this.currentActivityId;
    const results = id && this.resultsPublicFor(id) ? this.publicResultsOf(id) : null;
    return id && results ? { [id]: results } : {};
  }

  live(): LiveState {
    return {
      currentActivityId: this.currentActivityId,
      resultsVisible: this.resultsVisible,
      blank: this.blank,
      answering: Object.fromEntries(this.#agenda.map((a) => [a.id, this.answering.get(a.id) ?? 'idle'])),
      participantCount: this.participantCount,
      status: this.status,
    };
  }
}
