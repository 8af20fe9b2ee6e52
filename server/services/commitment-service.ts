import { randomBytes } from 'node:crypto';
import {
  normalizeCommitmentCode,
  type CommitmentFindPayload,
  type CommitmentFound,
  type CommitmentProof,
  type CommitmentReviewPayload,
  type CommitmentTally,
  type CommitmentWritePayload,
  type CommitmentWritten,
} from '../../shared/commitment.ts';
import { AppError } from '../../shared/errors.ts';
import type { CommitmentLookup } from '../db/commitment-repository.ts';
import type { Storage } from '../db/storage.ts';
import {
  activeCommitment,
  commitmentActivity,
  commitmentCode,
  commitmentReports,
  commitmentTally,
  commitmentText,
} from '../domain/commitment.ts';
import { hashSecret, newSecret } from './secrets.ts';
import type { SessionState } from '../domain/session-state.ts';
import type { SessionStore } from './session-store.ts';

export interface CommitmentServiceDeps {
  storage: Pick<Storage, 'commitments' | 'sessions' | 'transaction'>;
  store: Pick<SessionStore, 'open' | 'exclusive'>;
  /** The counts of a commitment activity changed: tell the room (its `tally`, counts only). */
  publish: (sessionId: string, activityId: string) => void;
  now?: () => number;
  /** Random bytes for short codes (tests make them predictable). */
  random?: (bytes: number) => Uint8Array;
}

const notFound = () =>
  new AppError('COMMITMENT_NOT_FOUND', 'No encontramos un compromiso tuyo de una sesión anterior de esta serie. Revisa el código.');

/**
 * Commitments until the next session: written privately at a closing activity, found again at
 * the next session of the series by this browser's key or the short code, answered ("lo hice",
 * "lo comencé", "todavía no"). The text goes back only to whoever proves it is theirs; the room
 * and the facilitator get counts (CommitmentTally), never a text or who wrote what.
 */
export class CommitmentService {
  readonly #deps: CommitmentServiceDeps;
  readonly #now: () => number;
  readonly #random: (bytes: number) => Uint8Array;

  constructor(deps: CommitmentServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#random = deps.random ?? ((bytes) => randomBytes(bytes));
  }

  /** Writes or rewrites one's own commitment; the short code is made (and returned) the first time only. */
  write(sessionId: string, participantId: string, payload: CommitmentWritePayload): Promise<CommitmentWritten> {
    return this.#deps.store.exclusive(sessionId, (state) => this.#write(state, participantId, payload));
  }

  async #write(state: SessionState, participantId: string, payload: CommitmentWritePayload): Promise<CommitmentWritten> {
    const sessionId = state.id;
    const activity = activeCommitment(state, payload.activityId, 'write');
    const text = commitmentText(payload.text);
    const at = this.#now();
    const existing = await this.#deps.storage.commitments.own(activity.id, participantId);
    let code: string | null = null;
    await this.#deps.storage.transaction(async ({ commitments }) => {
      if (existing) return commitments.updateText(existing.id, text, at);
      code = commitmentCode(this.#random(8));
      await commitments.insert({
        id: newSecret(12),
        sessionId,
        activityId: activity.id,
        participantId,
        text,
        keyHash: hashSecret(payload.key),
        codeHash: hashSecret(code),
        createdAt: at,
        updatedAt: at,
      });
    });
    if (!existing) this.#deps.publish(sessionId, activity.id);
    return { activityId: activity.id, text, code, updatedAt: at };
  }

  /** One's own commitment from an earlier session of the series, and what one answered here about it. */
  async find(sessionId: string, payload: CommitmentFindPayload): Promise<CommitmentFound> {
    const state = await this.#deps.store.open(sessionId);
    const activity = activeCommitment(state, payload.activityId, 'review');
    const found = await this.#lookUp(sessionId, payload.proof);
    return this.#found(activity.id, found, await this.#deps.storage.commitments.reviewOf(activity.id, found.id));
  }

  /** Answers whether one did it; answering again replaces the answer. */
  review(sessionId: string, participantId: string, payload: CommitmentReviewPayload): Promise<CommitmentFound> {
    return this.#deps.store.exclusive(sessionId, (state) => this.#review(state, participantId, payload));
  }

  async #review(state: SessionState, participantId: string, payload: CommitmentReviewPayload): Promise<CommitmentFound> {
    const sessionId = state.id;
    const activity = activeCommitment(state, payload.activityId, 'review');
    const found = await this.#lookUp(sessionId, payload.proof);
    const before = await this.#deps.storage.commitments.reviewOf(activity.id, found.id);
    await this.#deps.storage.transaction((tx) =>
      tx.commitments.saveReview(activity.id, participantId, found.id, payload.outcome, this.#now()),
    );
    if (before !== payload.outcome) this.#deps.publish(sessionId, activity.id);
    return this.#found(activity.id, found, payload.outcome);
  }

  /** The counts of a commitment activity, for anyone in the session. */
  async tally(sessionId: string, activityId: string): Promise<CommitmentTally> {
    const activity = commitmentActivity((await this.#deps.store.open(sessionId)).agenda, activityId);
    const { commitments } = this.#deps.storage;
    return commitmentTally(activity, await commitments.countWritten(activity.id), await commitments.reviewCounts(activity.id));
  }

  /** The report's entries for the session's commitment activities. */
  async reports(sessionId: string) {
    const { agenda } = await this.#deps.store.open(sessionId);
    const tallies = new Map<string, CommitmentTally>();
    for (const activity of agenda) if (activity.kind === 'commitment') tallies.set(activity.id, await this.tally(sessionId, activity.id));
    return commitmentReports(agenda, (activity) => tallies.get(activity.id)!);
  }

  async #lookUp(sessionId: string, proof: CommitmentProof) {
    const session = await this.#deps.storage.sessions.findById(sessionId);
    if (!session?.seriesId) throw notFound();
    let lookup: CommitmentLookup;
    if ('key' in proof) lookup = { keyHash: hashSecret(proof.key) };
    else {
      const code = normalizeCommitmentCode(proof.code);
      if (code === null) throw notFound();
      lookup = { codeHash: hashSecret(code) };
    }
    const found = await this.#deps.storage.commitments.findInSeries(session.seriesId, sessionId, session.createdAt, lookup);
    if (!found) throw notFound();
    return found;
  }

  #found(activityId: string, found: { text: string; createdAt: number; sessionTitle: string }, outcome: CommitmentFound['outcome']) {
    return { activityId, text: found.text, writtenAt: found.createdAt, sessionTitle: found.sessionTitle, outcome };
  }
}
