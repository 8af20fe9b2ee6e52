import { describe, expect, it } from 'vitest';
import {
  assertClaim,
  controlPhase,
  dealBalanced,
  expire,
  nextPhase,
  shuffled,
  smallestSala,
  type PhaseState,
  type SalaRoles,
} from '../../../server/domain/breakout.ts';
import {
  END_UNDO_MS,
  UNTIMED,
  addTime,
  pauseClock,
  remainingMs,
  resumeClock,
  startClock,
  undoable,
  type PhaseClock,
} from '../../../server/domain/clock.ts';
import { AppError, type ErrorCode } from '../../../shared/errors.ts';
import { breakout } from '../fixtures.ts';

/** The AppError code thrown by `run`, or null when it does not throw. */
function errorCode(run: () => unknown): ErrorCode | null {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
}

/** mulberry32: a tiny seeded generator in [0, 1), so "random" tests are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const identity = <T>(items: readonly T[]): T[] => [...items];
const byNumber = (a: number, b: number): number => a - b;

/** A fixed "now" for the fake clock: plain epoch milliseconds. */
const T0 = 1_700_000_000_000;
const MINUTE = 60_000;

describe('dealBalanced', () => {
  it('deals round robin in the order the shuffle returns (identity: 0..6 into 3)', () => {
    expect(dealBalanced(range(7), 3, identity)).toEqual([
      [0, 3, 6],
      [1, 4],
      [2, 5],
    ]);
  });

  it('follows a non-identity shuffle (reversed: 0..4 into 2)', () => {
    const reversed = <T>(items: readonly T[]): T[] => [...items].reverse();
    expect(dealBalanced(range(5), 2, reversed)).toEqual([
      [4, 2, 0],
      [3, 1],
    ]);
  });

  it('forms the requested number of salas even when there are fewer people than salas', () => {
    expect(dealBalanced(['a', 'b'], 4, identity)).toEqual([['a'], ['b'], [], []]);
    expect(dealBalanced([], 3, identity)).toEqual([[], [], []]);
  });

  it('does not change the list it deals from', () => {
    const items = range(10);
    dealBalanced(items, 3, (xs) => shuffled(xs, mulberry32(1)));
    expect(items).toEqual(range(10));
  });

  it('for every 0..200 participants and 1..20 salas: sizes differ by at most one, everyone once, round robin', () => {
    for (let n = 0; n <= 200; n++) {
      const items = range(n);
      for (let k = 1; k <= 20; k++) {
        const groups = dealBalanced(items, k, identity);
        const where = `${n} participants into ${k} salas`;
        expect(groups.length, where).toBe(k);

        // Hand-computed: the first n % k salas get one more than floor(n / k).
        const sizes = groups.map((g) => g.length);
        const expected = range(k).map((g) => Math.floor(n / k) + (g < n % k ? 1 : 0));
        expect(sizes, where).toEqual(expected);
        expect(Math.max(...sizes) - Math.min(...sizes), where).toBeLessThanOrEqual(1);

        expect(groups.flat().sort(byNumber), where).toEqual(items);
        groups.forEach((group, g) => {
          expect(group, `${where}, sala ${g}`).toEqual(items.filter((i) => i % k === g));
        });
      }
    }
  });

  it('keeps sizes within one of each other with a seeded shuffle too', () => {
    const random = mulberry32(2024);
    for (let n = 0; n <= 200; n += 7) {
      for (let k = 1; k <= 20; k++) {
        const groups = dealBalanced(range(n), k, (xs) => shuffled(xs, random));
        const sizes = groups.map((g) => g.length);
        expect(Math.max(...sizes) - Math.min(...sizes), `${n} into ${k}`).toBeLessThanOrEqual(1);
        expect(groups.flat().sort(byNumber), `${n} into ${k}`).toEqual(range(n));
      }
    }
  });
});

describe('shuffled', () => {
  it('returns a permutation of its input for every length 0..200', () => {
    const random = mulberry32(42);
    for (let n = 0; n <= 200; n++) {
      const items = range(n);
      const result = shuffled(items, random);
      expect(result.length, `length ${n}`).toBe(n);
      expect([...result].sort(byNumber), `length ${n}`).toEqual(items);
    }
  });

  it('gives the same order twice with the same seed', () => {
    const items = range(50);
    expect(shuffled(items, mulberry32(7))).toEqual(shuffled(items, mulberry32(7)));
  });

  it('actually reorders (a seeded shuffle of 50 is not the identity, and two seeds differ)', () => {
    const items = range(50);
    expect(shuffled(items, mulberry32(7))).not.toEqual(items);
    expect(shuffled(items, mulberry32(7))).not.toEqual(shuffled(items, mulberry32(8)));
  });

  it('does not change its input', () => {
    const items = range(20);
    shuffled(items, mulberry32(3));
    expect(items).toEqual(range(20));
  });

  it('follows the injected source: always 0 swaps each position with the first (Fisher–Yates by hand)', () => {
    // i=3: j=0 → [3,1,2,0]; i=2: j=0 → [2,1,3,0]; i=1: j=0 → [1,2,3,0]
    expect(shuffled([0, 1, 2, 3], () => 0)).toEqual([1, 2, 3, 0]);
    // Just under 1 picks j = i every time: nothing moves.
    expect(shuffled([0, 1, 2, 3], () => 0.999999)).toEqual([0, 1, 2, 3]);
  });
});

describe('smallestSala', () => {
  it('picks the smallest sala', () => {
    expect(smallestSala([5, 4, 6])).toBe(1);
    expect(smallestSala([5, 5, 5, 2])).toBe(3);
  });

  it('picks the first of the smallest on ties', () => {
    expect(smallestSala([4, 3, 5, 3])).toBe(1);
    expect(smallestSala([0, 0, 0])).toBe(0);
    expect(smallestSala([7, 6, 6])).toBe(1);
  });

  it('picks the only sala when there is one', () => {
    expect(smallestSala([12])).toBe(0);
  });
});

describe('phase clock', () => {
  it('starts running with a deadline ms after now', () => {
    expect(startClock(T0, 40 * MINUTE)).toEqual({ deadline: T0 + 2_400_000, pausedRemainingMs: null });
  });

  describe('remainingMs', () => {
    it('counts down while running', () => {
      const clock = startClock(T0, 10 * MINUTE);
      expect(remainingMs(clock, T0)).toBe(600_000);
      expect(remainingMs(clock, T0 + 1)).toBe(599_999);
      expect(remainingMs(clock, T0 + 4 * MINUTE)).toBe(360_000);
    });

    it('is zero at and after the deadline, never negative', () => {
      const clock = startClock(T0, 10 * MINUTE);
      expect(remainingMs(clock, T0 + 10 * MINUTE)).toBe(0);
      expect(remainingMs(clock, T0 + 10 * MINUTE + 1)).toBe(0);
      expect(remainingMs(clock, T0 + 60 * MINUTE)).toBe(0);
    });

    it('stays put while paused, whatever the time', () => {
      const paused: PhaseClock = { deadline: null, pausedRemainingMs: 123_000 };
      expect(remainingMs(paused, T0)).toBe(123_000);
      expect(remainingMs(paused, T0 + 60 * MINUTE)).toBe(123_000);
    });

    it('is null for an untimed phase', () => {
      expect(remainingMs(UNTIMED, T0)).toBeNull();
    });
  });

  describe('pause and resume', () => {
    it('pausing keeps the time left at that moment', () => {
      const clock = startClock(T0, 10 * MINUTE);
      expect(pauseClock(clock, T0 + 3 * MINUTE)).toEqual({ deadline: null, pausedRemainingMs: 420_000 });
    });

    it('pause, wait, resume: the time left is the same as when paused', () => {
      const running = startClock(T0, 10 * MINUTE);
      const paused = pauseClock(running, T0 + 3 * MINUTE); // 7 minutes left
      const resumed = resumeClock(paused, T0 + 20 * MINUTE); // paused for 17 minutes
      expect(resumed).toEqual({ deadline: T0 + 27 * MINUTE, pausedRemainingMs: null });
      expect(remainingMs(resumed, T0 + 20 * MINUTE)).toBe(420_000);
      expect(remainingMs(resumed, T0 + 25 * MINUTE)).toBe(120_000);
    });

    it('pausing after the deadline keeps zero left, not a negative time', () => {
      const clock = startClock(T0, MINUTE);
      expect(pauseClock(clock, T0 + 5 * MINUTE)).toEqual({ deadline: null, pausedRemainingMs: 0 });
    });

    it('refuses to pause a paused clock or an untimed phase with INVALID_STATE', () => {
      const paused = pauseClock(startClock(T0, MINUTE), T0);
      expect(errorCode(() => pauseClock(paused, T0))).toBe('INVALID_STATE');
      expect(errorCode(() => pauseClock(UNTIMED, T0))).toBe('INVALID_STATE');
    });

    it('refuses to resume a running clock or an untimed phase with INVALID_STATE', () => {
      expect(errorCode(() => resumeClock(startClock(T0, MINUTE), T0))).toBe('INVALID_STATE');
      expect(errorCode(() => resumeClock(UNTIMED, T0))).toBe('INVALID_STATE');
    });
  });

  describe('addTime', () => {
    it('moves the deadline of a running clock', () => {
      const clock = startClock(T0, 10 * MINUTE);
      const later = addTime(clock, 5 * MINUTE);
      expect(later).toEqual({ deadline: T0 + 15 * MINUTE, pausedRemainingMs: null });
      expect(remainingMs(later, T0 + 2 * MINUTE)).toBe(13 * MINUTE);
    });

    it('adds to the time left of a paused clock, which stays paused', () => {
      const paused = pauseClock(startClock(T0, 10 * MINUTE), T0 + 4 * MINUTE); // 6 minutes left
      const more = addTime(paused, MINUTE);
      expect(more).toEqual({ deadline: null, pausedRemainingMs: 7 * MINUTE });
      expect(resumeClock(more, T0 + 30 * MINUTE)).toEqual({ deadline: T0 + 37 * MINUTE, pausedRemainingMs: null });
    });

    it('refuses to add time to an untimed phase with INVALID_STATE', () => {
      expect(errorCode(() => addTime(UNTIMED, MINUTE))).toBe('INVALID_STATE');
    });
  });
});

describe('nextPhase', () => {
  const activity = breakout('b', { discussionSeconds: 40 * 60, returnSeconds: 90 });

  it('goes from intro to a discussion timed discussionSeconds from the moment', () => {
    expect(nextPhase({ phase: 'intro', clock: UNTIMED }, activity, T0)).toEqual({
      phase: 'discussion',
      clock: { deadline: T0 + 2_400_000, pausedRemainingMs: null },
    });
  });

  it('goes from discussion (ended early) to a return countdown of returnSeconds from the moment', () => {
    const state: PhaseState = { phase: 'discussion', clock: startClock(T0, 2_400_000) };
    expect(nextPhase(state, activity, T0 + 10 * MINUTE)).toEqual({
      phase: 'return',
      clock: { deadline: T0 + 10 * MINUTE + 90_000, pausedRemainingMs: null },
    });
  });

  it('ends a paused discussion early too, into a running return countdown', () => {
    const state: PhaseState = { phase: 'discussion', clock: { deadline: null, pausedRemainingMs: 5 * MINUTE } };
    expect(nextPhase(state, activity, T0)).toEqual({ phase: 'return', clock: { deadline: T0 + 90_000, pausedRemainingMs: null } });
  });

  it('goes from return to closed, untimed', () => {
    const state: PhaseState = { phase: 'return', clock: startClock(T0, 90_000) };
    const next = nextPhase(state, activity, T0 + 30_000);
    expect(next).toEqual({ phase: 'closed', clock: { deadline: null, pausedRemainingMs: null } });
    expect(remainingMs(next.clock, T0 + 30_000)).toBeNull();
  });

  it('uses the activity’s own durations', () => {
    const short = breakout('s', { discussionSeconds: 60, returnSeconds: 10 });
    expect(nextPhase({ phase: 'intro', clock: UNTIMED }, short, T0).clock.deadline).toBe(T0 + 60_000);
    expect(nextPhase({ phase: 'discussion', clock: startClock(T0, 60_000) }, short, T0).clock.deadline).toBe(T0 + 10_000);
  });

  it('refuses pending (salas not formed) and closed with INVALID_STATE', () => {
    expect(errorCode(() => nextPhase({ phase: 'pending', clock: UNTIMED }, activity, T0))).toBe('INVALID_STATE');
    expect(errorCode(() => nextPhase({ phase: 'closed', clock: UNTIMED }, activity, T0))).toBe('INVALID_STATE');
  });
});

describe('expire', () => {
  const activity = breakout('b', { discussionSeconds: 40 * 60, returnSeconds: 90 });
  const deadline = T0 + 40 * MINUTE;
  const discussion: PhaseState = { phase: 'discussion', clock: { deadline, pausedRemainingMs: null } };

  it('changes nothing before the deadline', () => {
    expect(expire(discussion, activity, T0)).toEqual(discussion);
    expect(expire(discussion, activity, deadline - 1)).toEqual(discussion);
  });

  it('moves a discussion past its deadline into the return countdown, timed from the old deadline, not from now', () => {
    expect(expire(discussion, activity, deadline)).toEqual({
      phase: 'return',
      clock: { deadline: deadline + 90_000, pausedRemainingMs: null },
    });
    // 30 seconds late (say, a restart): 60 seconds of the countdown are left, not 90.
    const late = expire(discussion, activity, deadline + 30_000);
    expect(late).toEqual({ phase: 'return', clock: { deadline: deadline + 90_000, pausedRemainingMs: null } });
    expect(remainingMs(late.clock, deadline + 30_000)).toBe(60_000);
  });

  it('closes a return countdown past its deadline', () => {
    const ret: PhaseState = { phase: 'return', clock: { deadline: T0, pausedRemainingMs: null } };
    expect(expire(ret, activity, T0 - 1)).toEqual(ret);
    expect(expire(ret, activity, T0)).toEqual({ phase: 'closed', clock: UNTIMED });
  });

  it('goes straight to closed when both the discussion and the return countdown are past', () => {
    expect(expire(discussion, activity, deadline + 90_000 - 1).phase).toBe('return');
    expect(expire(discussion, activity, deadline + 90_000)).toEqual({ phase: 'closed', clock: UNTIMED });
    expect(expire(discussion, activity, deadline + 24 * 60 * MINUTE)).toEqual({ phase: 'closed', clock: UNTIMED });
  });

  it('never expires a paused clock', () => {
    const paused: PhaseState = { phase: 'discussion', clock: { deadline: null, pausedRemainingMs: 0 } };
    expect(expire(paused, activity, T0 + 24 * 60 * MINUTE)).toEqual(paused);
    const pausedReturn: PhaseState = { phase: 'return', clock: { deadline: null, pausedRemainingMs: 30_000 } };
    expect(expire(pausedReturn, activity, T0 + 24 * 60 * MINUTE)).toEqual(pausedReturn);
  });

  it('never expires part one (intro), pending or closed, even with a deadline in the past', () => {
    const intro: PhaseState = { phase: 'intro', clock: UNTIMED };
    expect(expire(intro, activity, T0)).toEqual(intro);
    const introWithDeadline: PhaseState = { phase: 'intro', clock: { deadline: T0, pausedRemainingMs: null } };
    expect(expire(introWithDeadline, activity, T0 + MINUTE)).toEqual(introWithDeadline);
    const pending: PhaseState = { phase: 'pending', clock: UNTIMED };
    expect(expire(pending, activity, T0)).toEqual(pending);
    const closed: PhaseState = { phase: 'closed', clock: UNTIMED };
    expect(expire(closed, activity, T0)).toEqual(closed);
  });
});

describe('assertClaim', () => {
  const free: SalaRoles = { moderator: null, secretary: null };

  it('accepts a claim of a free role', () => {
    expect(errorCode(() => assertClaim(free, 'p1', 'secretary'))).toBeNull();
    expect(errorCode(() => assertClaim(free, 'p1', 'moderator'))).toBeNull();
  });

  it('accepts the holder claiming their own role again (idempotent)', () => {
    expect(errorCode(() => assertClaim({ moderator: null, secretary: 'p1' }, 'p1', 'secretary'))).toBeNull();
    expect(errorCode(() => assertClaim({ moderator: 'p1', secretary: null }, 'p1', 'moderator'))).toBeNull();
  });

  it('refuses a role someone else holds with ROLE_TAKEN', () => {
    expect(errorCode(() => assertClaim({ moderator: null, secretary: 'p2' }, 'p1', 'secretary'))).toBe('ROLE_TAKEN');
    expect(errorCode(() => assertClaim({ moderator: 'p2', secretary: null }, 'p1', 'moderator'))).toBe('ROLE_TAKEN');
  });

  it('refuses the other role to someone who already holds one with INVALID_STATE', () => {
    expect(errorCode(() => assertClaim({ moderator: 'p1', secretary: null }, 'p1', 'secretary'))).toBe('INVALID_STATE');
    expect(errorCode(() => assertClaim({ moderator: null, secretary: 'p1' }, 'p1', 'moderator'))).toBe('INVALID_STATE');
  });

  it('says ROLE_TAKEN when the role is taken even if the claimant holds the other one', () => {
    expect(errorCode(() => assertClaim({ moderator: 'p1', secretary: 'p2' }, 'p1', 'secretary'))).toBe('ROLE_TAKEN');
  });
});

describe('controlPhase', () => {
  const b = breakout('b', { discussionSeconds: 40 * 60, returnSeconds: 90 });
  const intro: PhaseState = { phase: 'intro', clock: UNTIMED };
  const discussion: PhaseState = { phase: 'discussion', clock: startClock(T0, 40 * MINUTE) };

  it('starts the conversation only from part one', () => {
    expect(controlPhase(intro, b, { action: 'start' }, T0)).toEqual(discussion);
    expect(errorCode(() => controlPhase(discussion, b, { action: 'start' }, T0))).toBe('INVALID_STATE');
  });

  it('ends the current phase early, into the next one', () => {
    expect(controlPhase(discussion, b, { action: 'end' }, T0 + MINUTE)).toMatchObject({
      phase: 'return',
      clock: startClock(T0 + MINUTE, 90_000),
    });
  });

  it('pauses, resumes and adds time to the running phase, a minute unless told', () => {
    const paused = controlPhase(discussion, b, { action: 'pause' }, T0 + 10 * MINUTE);
    expect(paused).toEqual({ phase: 'discussion', clock: { deadline: null, pausedRemainingMs: 30 * MINUTE } });
    expect(controlPhase(paused, b, { action: 'resume' }, T0 + 20 * MINUTE).clock.deadline).toBe(T0 + 50 * MINUTE);
    expect(controlPhase(discussion, b, { action: 'add' }, T0).clock.deadline).toBe(T0 + 41 * MINUTE);
    expect(controlPhase(discussion, b, { action: 'add', seconds: 300 }, T0).clock.deadline).toBe(T0 + 45 * MINUTE);
    expect(errorCode(() => controlPhase(intro, b, { action: 'pause' }, T0))).toBe('INVALID_STATE');
  });

  describe('undoing an early end', () => {
    const ended = controlPhase(discussion, b, { action: 'end' }, T0 + 10 * MINUTE);

    it('keeps what it ended: the phase, the time it had left, until when it can be taken back', () => {
      expect(ended.ended).toEqual({ phase: 'discussion', remainingMs: 30 * MINUTE, paused: false, until: T0 + 10 * MINUTE + END_UNDO_MS });
    });

    it('brings the phase back with the time it had left, counted from the undo', () => {
      const back = controlPhase(ended, b, { action: 'undo' }, T0 + 10 * MINUTE + 5_000);
      expect(back).toEqual({ phase: 'discussion', clock: startClock(T0 + 10 * MINUTE + 5_000, 30 * MINUTE) });
      expect(errorCode(() => controlPhase(back, b, { action: 'undo' }, T0 + 10 * MINUTE + 6_000))).toBe('INVALID_STATE');
    });

    it('brings a paused phase back paused, with the same time left', () => {
      const paused = controlPhase(discussion, b, { action: 'pause' }, T0 + 25 * MINUTE);
      const endedPaused = controlPhase(paused, b, { action: 'end' }, T0 + 26 * MINUTE);
      expect(controlPhase(endedPaused, b, { action: 'undo' }, T0 + 26 * MINUTE + 1_000)).toEqual({
        phase: 'discussion',
        clock: { deadline: null, pausedRemainingMs: 15 * MINUTE },
      });
    });

    it('accepts the undo up to the end of its window on the server clock, and refuses it after', () => {
      const last = T0 + 10 * MINUTE + END_UNDO_MS;
      expect(controlPhase(ended, b, { action: 'undo' }, last).phase).toBe('discussion');
      expect(errorCode(() => controlPhase(ended, b, { action: 'undo' }, last + 1))).toBe('INVALID_STATE');
      expect(undoable(ended.ended ?? null, last)).toEqual(ended.ended);
      expect(undoable(ended.ended ?? null, last + 1)).toBeNull();
    });

    it('is refused when nothing was ended, and after any later control of the clock', () => {
      expect(errorCode(() => controlPhase(discussion, b, { action: 'undo' }, T0))).toBe('INVALID_STATE');
      const added = controlPhase(ended, b, { action: 'add' }, T0 + 10 * MINUTE + 1_000);
      expect(added.ended).toBeUndefined();
      expect(errorCode(() => controlPhase(added, b, { action: 'undo' }, T0 + 10 * MINUTE + 2_000))).toBe('INVALID_STATE');
    });

    it('is dropped when the phase it left runs out on its own', () => {
      const shortReturn = controlPhase({ phase: 'return', clock: startClock(T0, 90_000) }, b, { action: 'end' }, T0 + 1_000);
      expect(shortReturn.phase).toBe('closed');
      const intoReturn = controlPhase(discussion, b, { action: 'end' }, T0);
      expect(expire(intoReturn, b, T0 + 90_000)).toEqual({ phase: 'closed', clock: UNTIMED });
    });
  });
});
