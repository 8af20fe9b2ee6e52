import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../server/domain/rate-limiter.ts';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function takeTimes(limiter: RateLimiter, key: string, times: number): boolean[] {
  return Array.from({ length: times }, () => limiter.take(key));
}

describe('RateLimiter', () => {
  it('allows a burst up to the capacity, then refuses', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(3, 1000, clock.now);
    expect(takeTimes(limiter, 'k', 4)).toEqual([true, true, true, false]);
  });

  it('keeps refusing while no time passes', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(2, 1000, clock.now);
    takeTimes(limiter, 'k', 2);
    expect(takeTimes(limiter, 'k', 5)).toEqual([false, false, false, false, false]);
  });

  it('gives a token back per windowMs / capacity', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(10, 10_000, clock.now); // one token per second
    takeTimes(limiter, 'k', 10);
    clock.advance(999);
    expect(limiter.take('k')).toBe(false);
    clock.advance(1);
    expect(limiter.take('k')).toBe(true);
    expect(limiter.take('k')).toBe(false);
    clock.advance(3000);
    expect(takeTimes(limiter, 'k', 4)).toEqual([true, true, true, false]);
  });

  it('refills to the capacity and no further however long it waits', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(3, 1000, clock.now);
    takeTimes(limiter, 'k', 3);
    clock.advance(60_000);
    expect(takeTimes(limiter, 'k', 4)).toEqual([true, true, true, false]);
  });

  it('does not count refused requests against the key', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(1, 1000, clock.now);
    limiter.take('k');
    clock.advance(500);
    expect(limiter.take('k')).toBe(false);
    clock.advance(500);
    expect(limiter.take('k')).toBe(true);
  });

  it('keeps a separate bucket per key', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(2, 1000, clock.now);
    expect(takeTimes(limiter, 'alice', 3)).toEqual([true, true, false]);
    expect(takeTimes(limiter, 'bob', 3)).toEqual([true, true, false]);
  });

  it('tells whether a key has a token left without taking it', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(2, 1000, clock.now);
    expect(Array.from({ length: 5 }, () => limiter.has('k'))).toEqual([true, true, true, true, true]);
    takeTimes(limiter, 'k', 2);
    expect(limiter.has('k')).toBe(false);
    clock.advance(500);
    expect(limiter.has('k')).toBe(true);
    expect(takeTimes(limiter, 'k', 2)).toEqual([true, false]);
  });

  it('takes back a refunded token, never above the capacity', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(2, 1000, clock.now);
    takeTimes(limiter, 'k', 2);
    limiter.refund('k');
    expect(takeTimes(limiter, 'k', 2)).toEqual([true, false]);
    clock.advance(1000);
    limiter.refund('k');
    limiter.refund('unknown');
    expect(takeTimes(limiter, 'k', 3)).toEqual([true, true, false]);
    expect(takeTimes(limiter, 'unknown', 3)).toEqual([true, true, false]);
  });

  it('applies the shared limit of answers per participant (30 per 10 s)', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(30, 10_000, clock.now);
    const results = takeTimes(limiter, 'p', 31);
    expect(results.filter(Boolean)).toHaveLength(30);
    expect(results.at(-1)).toBe(false);
  });
});
