import { describe, expect, it } from 'vitest';
import { acksInOutage, checkAcked, sameTally, tallyOf, tallyOfResults } from '../../bench/failover-check.ts';
import type { AckedAnswer } from '../../bench/failover-protocol.ts';
import type { StoredAnswerRow } from '../../bench/target.ts';

const items = ['a', 'b'];
const ack = (
  participantId: string,
  clientAnswerId: string,
  ratings: Record<string, number>,
  atUs: number,
  duplicate = false,
): AckedAnswer => ({
  session: 0,
  participantId,
  activityId: 'rating',
  clientAnswerId,
  ratings,
  duplicate,
  atUs,
  latencyUs: 1_000,
});
const row = (participantId: string, ratings: Record<string, number>, clientAnswerIds: string[]): StoredAnswerRow => ({
  participantId,
  activityId: 'rating',
  value: { kind: 'rating', ratings },
  clientAnswerIds,
});

describe('failover checks: the phones log against the store', () => {
  it('finds nothing lost when every acknowledged id is stored and the last acknowledged value is the stored one', () => {
    const acked = [ack('p1', 'id-1', { a: 1, b: 1 }, 1), ack('p1', 'id-2', { a: 2, b: 1 }, 2), ack('p1', 'id-2', { a: 2, b: 1 }, 3, true)];
    const check = checkAcked(items, acked, [row('p1', { a: 2, b: 1 }, ['id-1', 'id-2'])]);
    expect(check).toMatchObject({ missing: 0, superseded: 0 });
    expect(check.lastAcked.get('p1 rating')?.clientAnswerId).toBe('id-2');
  });

  it('counts an acknowledged answer whose id the store lacks, or whose row is gone, as missing', () => {
    const acked = [ack('p1', 'id-1', { a: 1, b: 1 }, 1), ack('p1', 'id-2', { a: 2, b: 1 }, 2), ack('p2', 'id-3', { a: 5, b: 5 }, 3)];
    const check = checkAcked(items, acked, [row('p1', { a: 2, b: 1 }, ['id-2'])]);
    expect(check).toMatchObject({ missing: 2, superseded: 0 });
  });

  it('counts a last acknowledged answer that the store holds a different value for as superseded', () => {
    // Both ids stored, but the older value came back on top (acknowledged order: id-1 then id-2).
    const acked = [ack('p1', 'id-2', { a: 2, b: 1 }, 2), ack('p1', 'id-1', { a: 1, b: 1 }, 1)];
    const check = checkAcked(items, acked, [row('p1', { a: 1, b: 1 }, ['id-1', 'id-2'])]);
    expect(check).toMatchObject({ missing: 0, superseded: 1 });
  });

  it('does not count a duplicate acknowledgement as an answer of its own', () => {
    const check = checkAcked(items, [ack('p1', 'id-1', { a: 1, b: 1 }, 1, true)], [row('p1', { a: 1, b: 1 }, ['id-9'])]);
    expect(check).toMatchObject({ missing: 0, superseded: 0 });
  });
});

describe('failover checks: tallies', () => {
  it('tallies respondents and the count of each score per item, and compares them exactly', () => {
    const tally = tallyOf(items, [
      { a: 1, b: 5 },
      { a: 1, b: 4 },
    ]);
    expect(tally).toEqual({ respondents: 2, items: { a: [2, 0, 0, 0, 0], b: [0, 0, 0, 1, 1] } });
    const shown = tallyOfResults(items, {
      kind: 'rating',
      respondents: 2,
      items: { a: { counts: [2, 0, 0, 0, 0], n: 2, mean: 1 }, b: { counts: [0, 0, 0, 1, 1], n: 2, mean: 4.5 } },
    });
    expect(sameTally(tally, shown)).toBe(true);
    expect(sameTally(tally, tallyOf(items, [{ a: 1, b: 5 }]))).toBe(false);
  });
});

describe('failover checks: acks while the store was down', () => {
  it('counts the acks in the margin after the stop apart from those after it, before the store was back, each looked up in its rows', () => {
    const window = { fromUs: 1_000, toUs: 5_000, marginUs: 1_000 };
    const acked = [
      ack('p1', 'id-1', { a: 1, b: 1 }, 999), // before the stop
      ack('p1', 'id-2', { a: 2, b: 1 }, 1_500), // in the margin, stored
      ack('p2', 'id-3', { a: 3, b: 1 }, 1_999), // in the margin, no row holds it
      ack('p2', 'id-4', { a: 4, b: 1 }, 2_000), // during the outage, no row holds it
      ack('p1', 'id-5', { a: 5, b: 1 }, 5_000), // the store back
    ];
    const rows = [[row('p1', { a: 5, b: 1 }, ['id-1', 'id-2', 'id-5']), row('p2', { a: 1, b: 1 }, ['id-0'])]];
    expect(acksInOutage(acked, rows, window)).toEqual({
      acksInMargin: 2,
      acksInMarginStored: 1,
      acksDuringOutage: 1,
      acksDuringOutageStored: 0,
    });
  });

  it("looks an ack up in its own session's rows only", () => {
    const acked = [{ ...ack('p1', 'id-1', { a: 1, b: 1 }, 3_000), session: 1 }];
    const rows = [[row('p1', { a: 1, b: 1 }, ['id-1'])], []];
    expect(acksInOutage(acked, rows, { fromUs: 0, toUs: 5_000, marginUs: 1_000 })).toMatchObject({
      acksDuringOutage: 1,
      acksDuringOutageStored: 0,
    });
  });
});
