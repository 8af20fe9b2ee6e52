import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { addressKey, JoinGuesses, type JoinCheckOptions } from '../../../server/domain/join-guesses.ts';

function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Codes as the session service answers them: one open session, one closed, the rest unknown. */
const find = (code: string) => () => {
  if (code === 'open') return { sessionId: 's1' };
  if (code === 'other') return { sessionId: 's2' };
  if (code === 'closed') throw new AppError('SESSION_CLOSED', 'Esta sesión ya terminó.');
  throw new AppError('SESSION_NOT_FOUND', 'No hay ninguna sesión abierta con ese código.');
};

/** The error code a check answers, or 'ok'. */
function attempt(guesses: JoinGuesses, address: string, code: string, options: JoinCheckOptions<{ sessionId: string }> = {}): string {
  try {
    guesses.check(address, find(code), options);
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? error.code : 'thrown';
  }
}

function missTimes(guesses: JoinGuesses, address: string, times: number): string[] {
  return Array.from({ length: times }, () => attempt(guesses, address, 'unknown'));
}

describe('JoinGuesses', () => {
  it('charges only misses: a room of 10,000 joining with the right code from one address spends nothing', () => {
    const guesses = new JoinGuesses(manualClock().now);
    for (let i = 0; i < 10_000; i++) expect(attempt(guesses, '198.51.100.1', 'open')).toBe('ok');
    expect(missTimes(guesses, '198.51.100.1', LIMITS.joinMissesPerAddressPerHour)).toEqual(
      Array(LIMITS.joinMissesPerAddressPerHour).fill('SESSION_NOT_FOUND'),
    );
  });

  it('refuses an address every code once its misses are spent, the right one too, so a refusal tells nothing', () => {
    const guesses = new JoinGuesses(manualClock().now);
    missTimes(guesses, '198.51.100.1', LIMITS.joinMissesPerAddressPerHour);
    expect(attempt(guesses, '198.51.100.1', 'unknown')).toBe('JOIN_NEEDS_LINK');
    expect(attempt(guesses, '198.51.100.1', 'open')).toBe('JOIN_NEEDS_LINK');
    expect(attempt(guesses, '198.51.100.2', 'open')).toBe('ok');
  });

  it('gives an address one miss back every hour / its allowance', () => {
    const clock = manualClock();
    const guesses = new JoinGuesses(clock.now);
    missTimes(guesses, '198.51.100.1', LIMITS.joinMissesPerAddressPerHour);
    const perMiss = HOUR / LIMITS.joinMissesPerAddressPerHour;
    clock.advance(perMiss - 1);
    expect(attempt(guesses, '198.51.100.1', 'unknown')).toBe('JOIN_NEEDS_LINK');
    clock.advance(1);
    expect(missTimes(guesses, '198.51.100.1', 2)).toEqual(['SESSION_NOT_FOUND', 'JOIN_NEEDS_LINK']);
  });

  it('does not charge refused tries', () => {
    const clock = manualClock();
    const guesses = new JoinGuesses(clock.now);
    missTimes(guesses, '198.51.100.1', LIMITS.joinMissesPerAddressPerHour + 50);
    clock.advance(HOUR / LIMITS.joinMissesPerAddressPerHour);
    expect(attempt(guesses, '198.51.100.1', 'unknown')).toBe('SESSION_NOT_FOUND');
  });

  it('brakes the misses of all addresses together, and lets the burst back in at the hourly rate', () => {
    const clock = manualClock();
    const guesses = new JoinGuesses(clock.now);
    for (let i = 0; i < LIMITS.joinMissesBurst; i++)
      expect(attempt(guesses, `10.0.${Math.floor(i / 10)}.${i % 10}`, 'unknown')).toBe('SESSION_NOT_FOUND');
    expect(attempt(guesses, '198.51.100.9', 'unknown')).toBe('JOIN_NEEDS_LINK');
    expect(attempt(guesses, '198.51.100.9', 'open')).toBe('JOIN_NEEDS_LINK');
    clock.advance(HOUR);
    const fresh = Array.from({ length: LIMITS.joinMissesPerHour + 10 }, (_, i) => attempt(guesses, `192.0.2.${i % 250}`, 'unknown'));
    expect(fresh.filter((code) => code === 'SESSION_NOT_FOUND')).toHaveLength(LIMITS.joinMissesPerHour);
  });

  it('lets whoever shares an address with someone in a session join it whatever the budgets, and nothing else', () => {
    const clock = manualClock();
    const guesses = new JoinGuesses(clock.now);
    guesses.joined('198.51.100.1', 's1');
    for (let i = 0; i < LIMITS.joinMissesBurst; i++) attempt(guesses, `10.0.${Math.floor(i / 10)}.${i % 10}`, 'unknown');
    missTimes(guesses, '198.51.100.1', LIMITS.joinMissesPerAddressPerHour);
    expect(attempt(guesses, '198.51.100.1', 'open')).toBe('ok');
    expect(attempt(guesses, '198.51.100.1', 'other')).toBe('JOIN_NEEDS_LINK');
    expect(attempt(guesses, '198.51.100.2', 'open')).toBe('JOIN_NEEDS_LINK');
    // Remembered for a workshop's day, not for ever.
    clock.advance(12 * HOUR);
    expect(attempt(guesses, '198.51.100.1', 'unknown')).toBe('SESSION_NOT_FOUND');
    missTimes(guesses, '198.51.100.1', LIMITS.joinMissesPerAddressPerHour);
    expect(attempt(guesses, '198.51.100.1', 'open')).toBe('JOIN_NEEDS_LINK');
  });

  it('answers a closed session’s code as closed and never charges it: it opens nothing', () => {
    const guesses = new JoinGuesses(manualClock().now);
    let misses = 0;
    for (let i = 0; i < 100; i++) expect(attempt(guesses, '198.51.100.1', 'closed', { onMiss: () => misses++ })).toBe('SESSION_CLOSED');
    expect(misses).toBe(0);
    expect(missTimes(guesses, '198.51.100.1', LIMITS.joinMissesPerAddressPerHour).every((code) => code === 'SESSION_NOT_FOUND')).toBe(true);
  });

  it('reports each charged miss, for the limit per connection', () => {
    const guesses = new JoinGuesses(manualClock().now);
    let misses = 0;
    attempt(guesses, '198.51.100.1', 'unknown', { onMiss: () => misses++ });
    attempt(guesses, '198.51.100.1', 'open', { onMiss: () => misses++ });
    expect(misses).toBe(1);
  });

  it('lets a client vouched for (link key, participant token) in past every budget, and charges it nothing', () => {
    const clock = manualClock();
    const guesses = new JoinGuesses(clock.now);
    for (let i = 0; i < LIMITS.joinMissesBurst; i++) attempt(guesses, `10.0.${Math.floor(i / 10)}.${i % 10}`, 'unknown');
    expect(attempt(guesses, '198.51.100.5', 'open')).toBe('JOIN_NEEDS_LINK');
    let misses = 0;
    const vouched = { proof: () => 'vouched' as const, onMiss: () => misses++ };
    for (let i = 0; i < 100; i++) expect(attempt(guesses, '198.51.100.5', 'open', vouched)).toBe('ok');
    expect(misses).toBe(0);
    // The proof is judged against the session found: it opens no unknown code.
    expect(attempt(guesses, '198.51.100.5', 'unknown', vouched)).toBe('JOIN_NEEDS_LINK');
    // Nothing was charged: the brake lifts on its own schedule, not later.
    clock.advance(HOUR / LIMITS.joinMissesPerHour);
    expect(attempt(guesses, '198.51.100.5', 'unknown')).toBe('SESSION_NOT_FOUND');
  });

  it('counts a wrong key on an open code as a miss, answered as an unknown code', () => {
    const guesses = new JoinGuesses(manualClock().now);
    let misses = 0;
    const wrongKey = { proof: () => 'wrong-key' as const, onMiss: () => misses++ };
    const answers = Array.from({ length: LIMITS.joinMissesPerAddressPerHour }, () => attempt(guesses, '198.51.100.1', 'open', wrongKey));
    expect(answers).toEqual(Array(LIMITS.joinMissesPerAddressPerHour).fill('SESSION_NOT_FOUND'));
    expect(misses).toBe(LIMITS.joinMissesPerAddressPerHour);
    expect(attempt(guesses, '198.51.100.1', 'open', wrongKey)).toBe('JOIN_NEEDS_LINK');
    expect(attempt(guesses, '198.51.100.1', 'open')).toBe('JOIN_NEEDS_LINK');
    expect(attempt(guesses, '198.51.100.1', 'open', { proof: () => 'vouched' })).toBe('ok');
  });

  it('refuses a spent connection everything but a vouched join, unchecked and uncharged', () => {
    const guesses = new JoinGuesses(manualClock().now);
    let misses = 0;
    const spent = { connectionSpent: true, onMiss: () => misses++ };
    expect(['open', 'unknown', 'closed'].map((code) => attempt(guesses, '198.51.100.1', code, spent))).toEqual([
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    expect(attempt(guesses, '198.51.100.1', 'open', { ...spent, proof: () => 'wrong-key' })).toBe('RATE_LIMITED');
    expect(attempt(guesses, '198.51.100.1', 'open', { ...spent, proof: () => 'vouched' })).toBe('ok');
    expect(misses).toBe(0);
    expect(missTimes(guesses, '198.51.100.1', LIMITS.joinMissesPerAddressPerHour).every((code) => code === 'SESSION_NOT_FOUND')).toBe(true);
  });

  it('counts an IPv6 /64 as one address, and an IPv4-mapped address as the IPv4 one', () => {
    const guesses = new JoinGuesses(manualClock().now);
    for (let i = 0; i < LIMITS.joinMissesPerAddressPerHour; i++) attempt(guesses, `2001:db8:a:b::${i.toString(16)}`, 'unknown');
    expect(attempt(guesses, '2001:db8:a:b:ffff:1:2:3', 'open')).toBe('JOIN_NEEDS_LINK');
    expect(attempt(guesses, '2001:db8:a:c::1', 'open')).toBe('ok');
  });
});

describe('addressKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:203.0.113.7', '203.0.113.7'],
    ['2001:db8:a:b::1', '2001:db8:a:b::/64'],
    ['2001:0DB8:000a:000b:1:2:3:4', '2001:db8:a:b::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::203.0.113.7', '64:ff9b:0:0::/64'],
  ])('keys %s as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
