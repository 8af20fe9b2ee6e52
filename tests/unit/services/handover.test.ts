import { describe, expect, it } from 'vitest';
import { Handover, KNOCK_POLICY, KnockCounter } from '../../../server/services/handover.ts';

/** A counter on a clock the test moves; `knock(s, ms)` refuses session s once, `ms` after the previous knock. */
function counter() {
  let now = 1_000_000;
  const knocks = new KnockCounter(() => now);
  return {
    knocks,
    knock: (sessionId: string, afterMs = 0) => {
      now += afterMs;
      return knocks.refused(sessionId);
    },
  };
}

describe('KnockCounter', () => {
  it('asks once the refusals of a session go on: enough of them, spread over long enough', () => {
    const { knock } = counter();
    expect(knock('s')).toBe(false);
    expect(knock('s', 900)).toBe(false);
    // Three refusals, but within less than sustainMs of the first.
    expect(knock('s', KNOCK_POLICY.sustainMs - 901)).toBe(false);
    expect(knock('s', 1)).toBe(true);
  });

  it('does not ask for refusals that are all at once, however many', () => {
    const { knock } = counter();
    for (let i = 0; i < 50; i++) expect(knock('s')).toBe(false);
  });

  it('does not ask for two refusals, however far apart (a stray connection and its retry)', () => {
    const { knock } = counter();
    expect(knock('s')).toBe(false);
    expect(knock('s', KNOCK_POLICY.quietMs)).toBe(false);
  });

  it('asks again only after askEveryMs while the refusals go on', () => {
    const { knock } = counter();
    knock('s');
    knock('s', 1_000);
    expect(knock('s', 1_000)).toBe(true);
    expect(knock('s', 1_000)).toBe(false);
    expect(knock('s', KNOCK_POLICY.askEveryMs - 1_001)).toBe(false);
    expect(knock('s', 1)).toBe(true);
  });

  it('starts counting again after a quiet gap, and after the session was claimed here', () => {
    const { knocks, knock } = counter();
    knock('s');
    knock('s', 1_000);
    expect(knock('s', KNOCK_POLICY.quietMs + 1)).toBe(false); // the first two are forgotten
    expect(knock('s', 1_000)).toBe(false);
    expect(knock('s', 1_000)).toBe(true);
    knocks.claimed('s');
    expect(knock('s', 1_000)).toBe(false);
    expect(knock('s', 1_000)).toBe(false);
  });

  it('counts each session apart', () => {
    const { knock } = counter();
    knock('s');
    knock('t', 1_000);
    knock('s', 1_000);
    expect(knock('t', 1_000)).toBe(false);
    expect(knock('s', 0)).toBe(true);
  });
});

describe('Handover', () => {
  function owner(options: { owned: string[]; goes: boolean }) {
    const calls: string[] = [];
    const handover = new Handover({
      owns: (sessionId) => options.owned.includes(sessionId),
      disconnect: (sessionId) => void calls.push(`disconnect ${sessionId}`),
      letGo: (sessionId) => {
        calls.push(`letGo ${sessionId}`);
        return Promise.resolve(options.goes);
      },
    });
    return { handover, calls };
  }

  it('disconnects the sockets of a session it owns, then lets it go, and counts it', async () => {
    const { handover, calls } = owner({ owned: ['s'], goes: true });
    expect(await handover.wanted('s')).toBe(true);
    expect(calls).toEqual(['disconnect s', 'letGo s']);
    expect(handover.count).toBe(1);
  });

  it('does nothing for a session it does not own (the asking node itself, or any other)', async () => {
    const { handover, calls } = owner({ owned: ['s'], goes: true });
    expect(await handover.wanted('t')).toBe(false);
    expect(calls).toEqual([]);
    expect(handover.count).toBe(0);
  });

  it('keeps the session, uncounted, when a socket came back before it could go', async () => {
    const { handover, calls } = owner({ owned: ['s'], goes: false });
    expect(await handover.wanted('s')).toBe(false);
    expect(calls).toEqual(['disconnect s', 'letGo s']);
    expect(handover.count).toBe(0);
  });
});
