/**
 * The failover run's checks, on plain data: the phones' log of acknowledged answers against
 * what the store holds (lost or wrongly superseded answers), the three tallies of a rating
 * (presenter, store, phones) compared exactly, and the acks received while the store was down.
 */
import type { RatingResults } from '../../shared/types.ts';
import type { AckedAnswer } from './failover-protocol.ts';
import type { StoredAnswerRow } from './target.ts';

/** A rating's tally as the presenter shows it, without the means: respondents and the count of each score per item. */
export interface Tally {
  respondents: number;
  items: Record<string, number[]>;
}

export function tallyOf(itemIds: readonly string[], answers: Iterable<Record<string, number>>): Tally {
  const tally: Tally = { respondents: 0, items: Object.fromEntries(itemIds.map((id) => [id, [0, 0, 0, 0, 0]])) };
  for (const ratings of answers) {
    tally.respondents++;
    for (const id of itemIds) {
      const score = ratings[id];
      if (score !== undefined && score >= 1 && score <= 5) tally.items[id]![score - 1]!++;
    }
  }
  return tally;
}

export function tallyOfResults(itemIds: readonly string[], results: RatingResults): Tally {
  return { respondents: results.respondents, items: Object.fromEntries(itemIds.map((id) => [id, [...(results.items[id]?.counts ?? [])]])) };
}

export const sameTally = (a: Tally, b: Tally): boolean => JSON.stringify(a) === JSON.stringify(b);

const sameRatings = (itemIds: readonly string[], a: Record<string, number>, b: Record<string, number>) =>
  itemIds.every((id) => a[id] === b[id]);

export interface LossCheck {
  /** Acknowledged new answers whose client id the store's row does not hold (or no row at all). */
  missing: number;
  /** Participants and activities whose last acknowledged answer is not the value stored (and was not counted as missing). */
  superseded: number;
  /** The phones' last acknowledged answer per participant and activity. */
  lastAcked: Map<string, AckedAnswer>;
}

const keyOf = (participantId: string, activityId: string) => `${participantId} ${activityId}`;

/** One session's acknowledged answers (in the order they were acknowledged) against its stored rows. */
export function checkAcked(itemIds: readonly string[], acked: readonly AckedAnswer[], rows: readonly StoredAnswerRow[]): LossCheck {
  const stored = new Map(rows.map((r) => [keyOf(r.participantId, r.activityId), r]));
  const lastAcked = new Map<string, AckedAnswer>();
  let missing = 0;
  const missingKeys = new Set<string>();
  for (const answer of [...acked].sort((a, b) => a.atUs - b.atUs)) {
    const key = keyOf(answer.participantId, answer.activityId);
    lastAcked.set(key, answer);
    if (answer.duplicate) continue;
    const row = stored.get(key);
    if (!row?.clientAnswerIds.includes(answer.clientAnswerId)) {
      missing++;
      missingKeys.add(key);
    }
  }
  let superseded = 0;
  for (const [key, answer] of lastAcked) {
    if (missingKeys.has(key)) continue;
    const row = stored.get(key);
    const value = row?.value;
    if (!value || value.kind !== 'rating' || !sameRatings(itemIds, value.ratings, answer.ratings)) superseded++;
  }
  return { missing, superseded, lastAcked };
}

export interface OutageAcks {
  /** Acks received in the margin after the stop (a commit just before it, acknowledged a moment later), and of those, stored. */
  acksInMargin: number;
  acksInMarginStored: number;
  /** Acks received after the margin and before the store was back (must be none), and of those, stored. */
  acksDuringOutage: number;
  acksDuringOutageStored: number;
}

/**
 * The acknowledgements received between the store's stop (`fromUs`) and its return (`toUs`),
 * the first `marginUs` apart, each looked up in its session's rows (`stored[session]`): an ack
 * whose client id no row holds was given without a commit.
 */
export function acksInOutage(
  acked: readonly AckedAnswer[],
  stored: ReadonlyArray<readonly StoredAnswerRow[]>,
  window: { fromUs: number; toUs: number; marginUs: number },
): OutageAcks {
  const ids = new Set(stored.flatMap((rows, s) => rows.flatMap((r) => r.clientAnswerIds.map((id) => `${s} ${r.participantId} ${id}`))));
  const isStored = (a: AckedAnswer) => ids.has(`${a.session} ${a.participantId} ${a.clientAnswerId}`);
  const marginEndUs = Math.min(window.fromUs + window.marginUs, window.toUs);
  const inMargin = acked.filter((a) => a.atUs >= window.fromUs && a.atUs < marginEndUs);
  const during = acked.filter((a) => a.atUs >= marginEndUs && a.atUs < window.toUs);
  return {
    acksInMargin: inMargin.length,
    acksInMarginStored: inMargin.filter(isStored).length,
    acksDuringOutage: during.length,
    acksDuringOutageStored: during.filter(isStored).length,
  };
}
