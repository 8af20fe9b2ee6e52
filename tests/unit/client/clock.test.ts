import { describe, expect, it } from 'vitest';
import {
  OFFSET_SAMPLES,
  addOffsetSample,
  estimateOffset,
  formatClock,
  lastMinutes,
  offsetSample,
  timeLeftMs,
} from '../../../client/src/lib/clock.ts';

const running = (deadline: number) => ({ deadline, pausedRemainingMs: null });
const paused = (pausedRemainingMs: number) => ({ deadline: null, pausedRemainingMs });
const untimed = { deadline: null, pausedRemainingMs: null };

describe('timeLeftMs', () => {
  it('counts down to the deadline on a device whose clock agrees with the server', () => {
    expect(timeLeftMs(running(100_000), 0, 40_000)).toBe(60_000);
  });

  it('corrects for a device clock that runs behind or ahead of the server', () => {
    // The server's clock is 5 s ahead of this device: its deadline comes 5 s sooner here.
    expect(timeLeftMs(running(100_000), 5_000, 40_000)).toBe(55_000);
    // The device is 3 s ahead of the server.
    expect(timeLeftMs(running(100_000), -3_000, 40_000)).toBe(63_000);
  });

  it('gives the same time left on two devices whose clocks differ, once each knows its offset', () => {
    const serverNow = 1_000_000;
    const deadline = serverNow + 40 * 60_000;
    const phoneClock = serverNow - 7_000; // 7 s behind
    const projectorClock = serverNow + 2_500; // 2.5 s ahead
    const phone = timeLeftMs(running(deadline), serverNow - phoneClock, phoneClock);
    const projector = timeLeftMs(running(deadline), serverNow - projectorClock, projectorClock);
    expect(phone).toBe(projector);
    expect(phone).toBe(40 * 60_000);
  });

  it('never goes below zero once the deadline has passed', () => {
    expect(timeLeftMs(running(100_000), 0, 100_001)).toBe(0);
    expect(timeLeftMs(running(100_000), 0, 500_000)).toBe(0);
  });

  it('shows the time left at the pause, whatever the clocks say', () => {
    expect(timeLeftMs(paused(12_345), 0, 1)).toBe(12_345);
    expect(timeLeftMs(paused(12_345), 99_999, 9_999_999)).toBe(12_345);
  });

  it('is null for a phase without a timer', () => {
    expect(timeLeftMs(untimed, 0, 1_000)).toBeNull();
  });

  it('follows time added and a resume, as the server reports them', () => {
    // Running, 4 min left at t=0; the facilitator adds 5 min: the deadline moves.
    expect(timeLeftMs(running(4 * 60_000 + 5 * 60_000), 0, 0)).toBe(9 * 60_000);
    // Paused with 2 min left, then resumed at t=10 s: a new deadline 2 min later.
    expect(timeLeftMs(paused(120_000), 0, 10_000)).toBe(120_000);
    expect(timeLeftMs(running(10_000 + 120_000), 0, 10_000)).toBe(120_000);
  });
});

describe('formatClock', () => {
  it('writes mm:ss with two digits each', () => {
    expect(formatClock(40 * 60_000)).toBe('40:00');
    expect(formatClock(90_000)).toBe('01:30');
    expect(formatClock(5_000)).toBe('00:05');
    expect(formatClock(0)).toBe('00:00');
  });

  it('rounds up to the second: 00:00 only when time is really up', () => {
    expect(formatClock(39 * 60_000 + 59_001)).toBe('40:00');
    expect(formatClock(1)).toBe('00:01');
    expect(formatClock(999)).toBe('00:01');
    expect(formatClock(1_000)).toBe('00:01');
    expect(formatClock(1_001)).toBe('00:02');
  });

  it('keeps counting minutes past an hour', () => {
    expect(formatClock(90 * 60_000)).toBe('90:00');
    expect(formatClock(4 * 60 * 60_000)).toBe('240:00');
  });

  it('shows negative time as 00:00', () => {
    expect(formatClock(-5_000)).toBe('00:00');
  });
});

describe('clock offset', () => {
  it('samples the server clock minus the time of receipt', () => {
    expect(offsetSample(1_000_500, 1_000_000)).toBe(500);
    expect(offsetSample(1_000_000, 1_000_800)).toBe(-800);
  });

  it('is 0 before any sample', () => {
    expect(estimateOffset([])).toBe(0);
  });

  it('trusts the fastest message: every sample falls short of the true offset by its latency', () => {
    const trueOffset = 3_000;
    const latencies = [180, 40, 900, 75];
    const samples = latencies.reduce<number[]>((acc, latency) => addOffsetSample(acc, trueOffset - latency), []);
    expect(estimateOffset(samples)).toBe(trueOffset - 40);
  });

  it('keeps only the newest samples, so a device clock set mid-session is followed', () => {
    let samples: number[] = [];
    samples = addOffsetSample(samples, 60_000); // before the phone's clock was corrected
    for (let i = 0; i < OFFSET_SAMPLES; i++) samples = addOffsetSample(samples, -50 - i);
    expect(samples).toHaveLength(OFFSET_SAMPLES);
    expect(estimateOffset(samples)).toBe(-50);
  });

  it('does not change the samples it is given', () => {
    const samples = [1, 2, 3];
    addOffsetSample(samples, 4);
    expect(samples).toEqual([1, 2, 3]);
  });
});

describe('lastMinutes', () => {
  const FIVE = 5 * 60_000;
  it('counts whole minutes left, rounded up, once within the warning', () => {
    expect(lastMinutes(FIVE, FIVE, false)).toBe(5);
    expect(lastMinutes(4 * 60_000 + 1, FIVE, false)).toBe(5);
    expect(lastMinutes(4 * 60_000, FIVE, false)).toBe(4);
    expect(lastMinutes(1, FIVE, false)).toBe(1);
  });

  it('says nothing before the warning, while paused, at zero or without a clock', () => {
    expect(lastMinutes(FIVE + 1, FIVE, false)).toBeNull();
    expect(lastMinutes(60_000, FIVE, true)).toBeNull();
    expect(lastMinutes(0, FIVE, false)).toBeNull();
    expect(lastMinutes(null, FIVE, false)).toBeNull();
  });
});
