/**
 * Questions from the room on a phone: the boards (shown questions) and this participant's own
 * questions and votes, from the snapshot, `qa:updated`, `qa:mine` and the acks; asking (one
 * client id per question, so a retry is stored once) and voting.
 */
import { orderedQuestions, type QaBoard, type QaMine, type QaOrder, type QaQuestion } from '../../../shared/qa.ts';
import type { CommandResult } from './live-connection.svelte.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import { newId } from './ids.ts';

/** How the phone sends its Q&A commands (through ParticipantSession, only while joined). */
export interface QaPort {
  ask(payload: { activityId: string; clientQuestionId: string; text: string; named: boolean }): Promise<CommandResult<'qa:ask'>>;
  vote(payload: { activityId: string; questionId: string; voted: boolean }): Promise<CommandResult<'qa:vote'>>;
}

/** A question as the phone lists it: whether it is this participant's own, and whether they upvoted it. */
export interface PhoneQuestion extends QaQuestion {
  mine: boolean;
  voted: boolean;
}

export class QaPhone {
  readonly #port: QaPort;
  #boards = $state.raw<Record<string, QaBoard>>({});
  #mine = $state.raw<Record<string, QaMine>>({});
  #sending = $state(false);
  #error = $state.raw<UiErrorCode | null>(null);
  /** The client id of the question being sent, kept until it is stored (a retry reuses it). */
  #pendingClientId: string | null = null;

  constructor(port: QaPort) {
    this.#port = port;
  }

  get sending(): boolean {
    return this.#sending;
  }
  /** The last refusal (too long, too fast, closed…), until the next command. */
  get error(): UiErrorCode | null {
    return this.#error;
  }

  /** Shown questions in the order asked for, this participant's own pending or hidden ones first. */
  questions = (activityId: string, order: QaOrder): PhoneQuestion[] => {
    const mine = this.#mine[activityId];
    const ownIds = new Set(mine?.questions.map((q) => q.id));
    const voted = new Set(mine?.votedIds);
    const shown = orderedQuestions(this.#boards[activityId]?.questions ?? [], order);
    const shownIds = new Set(shown.map((q) => q.id));
    const waiting = (mine?.questions ?? []).filter((q) => q.status !== 'shown' && !shownIds.has(q.id));
    return [...waiting, ...shown].map((q) => ({ ...q, mine: ownIds.has(q.id), voted: voted.has(q.id) }));
  };

  /** How many questions are shown (for the link to an activity open all session). */
  shownCount = (activityId: string): number => this.#boards[activityId]?.questions.length ?? 0;

  applySnapshot = (boards: Record<string, QaBoard>, mine: Record<string, QaMine>): void => {
    this.#boards = boards;
    this.#mine = mine;
  };

  applyBoard = (board: QaBoard): void => {
    this.#boards = { ...this.#boards, [board.activityId]: board };
  };

  applyMine = (mine: QaMine): void => {
    this.#mine = { ...this.#mine, [mine.activityId]: mine };
  };

  /** Sends a question; true once stored (the form then clears). */
  ask = async (activityId: string, text: string, named: boolean): Promise<boolean> => {
    this.#error = null;
    this.#sending = true;
    this.#pendingClientId ??= newId();
    try {
      const result = await this.#port.ask({ activityId, clientQuestionId: this.#pendingClientId, text, named });
      if (!result.ok) {
        this.#error = result.error.code;
        // A question refused for its content or its moment is another question next time.
        if (result.error.code !== 'TIMEOUT' && result.error.code !== 'OFFLINE') this.#pendingClientId = null;
        return false;
      }
      this.#pendingClientId = null;
      this.applyMine(result.data);
      return true;
    } finally {
      this.#sending = false;
    }
  };

  /** Upvotes someone else's question, or withdraws the vote; the count follows with the next board. */
  vote = async (activityId: string, questionId: string, voted: boolean): Promise<void> => {
    this.#error = null;
    const result = await this.#port.vote({ activityId, questionId, voted });
    if (result.ok) this.applyMine(result.data);
    else this.#error = result.error.code;
  };
}
