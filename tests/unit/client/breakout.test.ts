import { describe, expect, it } from 'vitest';
import type { BreakoutPhase, BreakoutView, SalaView } from '../../../shared/types.ts';
import { FIVE_MINUTES_MS, currentMessage, dueAlert, isNewerView, nextAlert, roleOf, salaOf } from '../../../client/src/lib/breakout.ts';

const sala = (id: string, members: string[], roles: Partial<SalaView['roles']> = {}): SalaView => ({
  id,
  name: id,
  videoUrl: null,
  members: members.map((participantId, i) => ({ participantId, number: i + 1, displayName: null })),
  roles: { moderator: null, secretary: null, ...roles },
});

const view = (patch: Partial<BreakoutView> = {}): BreakoutView => ({
  activityId: 'b1',
  phase: 'discussion',
  timer: { deadline: 1_000_000, pausedRemainingMs: null, serverNow: 500_000 },
  salas: [sala('s1', ['p1', 'p2'], { secretary: 'p2' }), sala('s2', ['p3'])],
  message: null,
  ended: null,
  ...patch,
});

describe('salaOf and roleOf', () => {
  it('finds the sala a participant is in, and their role there', () => {
    expect(salaOf(view(), 'p3')?.id).toBe('s2');
    expect(roleOf(salaOf(view(), 'p2'), 'p2')).toBe('secretary');
    expect(roleOf(salaOf(view(), 'p1'), 'p1')).toBeNull();
  });

  it('is null before the salas are formed, or for someone not placed yet', () => {
    expect(salaOf(null, 'p1')).toBeNull();
    expect(salaOf(view(), 'p9')).toBeNull();
    expect(salaOf(view(), null)).toBeNull();
  });
});

describe('isNewerView', () => {
  it('lets the view stamped later win, whichever arrives first', () => {
    const older = view({ timer: { deadline: 1, pausedRemainingMs: null, serverNow: 100 } });
    const newer = view({ timer: { deadline: 1, pausedRemainingMs: null, serverNow: 101 } });
    expect(isNewerView(undefined, older)).toBe(true);
    expect(isNewerView(older, newer)).toBe(true);
    expect(isNewerView(newer, older)).toBe(false);
    expect(isNewerView(newer, newer)).toBe(true);
  });
});

describe('currentMessage', () => {
  const message = (at: number) => ({ text: 'Quedan 5 minutos', at });

  it('shows the latest broadcast during part one and the discussion', () => {
    expect(currentMessage(view({ phase: 'intro', message: message(1) }), 90)?.text).toBe('Quedan 5 minutos');
    expect(currentMessage(view({ message: message(1) }), 90)?.text).toBe('Quedan 5 minutos');
  });

  it('drops a discussion-time message once the return countdown starts, keeps one sent during it', () => {
    const timer = { deadline: 1_090_000, pausedRemainingMs: null, serverNow: 1_000_500 };
    expect(currentMessage(view({ phase: 'return', timer, message: message(999_000) }), 90)).toBeNull();
    expect(currentMessage(view({ phase: 'return', timer, message: message(1_000_200) }), 90)?.at).toBe(1_000_200);
  });

  it('shows nothing once the breakout is closed, or without a message', () => {
    expect(currentMessage(view({ phase: 'closed', message: message(1) }), 90)).toBeNull();
    expect(currentMessage(view(), 90)).toBeNull();
    expect(currentMessage(null, 90)).toBeNull();
  });
});

describe('phone alerts', () => {
  const minutes = (n: number) => n * 60_000;

  it('are due at five minutes left in the discussion and during the return', () => {
    expect(dueAlert('discussion', minutes(6))).toBeNull();
    expect(dueAlert('discussion', FIVE_MINUTES_MS)).toBe('fiveMinutes');
    expect(dueAlert('discussion', minutes(1))).toBe('fiveMinutes');
    expect(dueAlert('discussion', 0)).toBeNull();
    expect(dueAlert('return', minutes(1))).toBe('return');
    for (const phase of ['pending', 'intro', 'closed'] as BreakoutPhase[]) expect(dueAlert(phase, minutes(1))).toBeNull();
  });

  it('fire once per activity, however often the screen re-renders or reloads', () => {
    let given: readonly string[] = [];
    const fired: string[] = [];
    // A countdown ticking from 5:02 down to 4:55, with the stored list carried across "reloads".
    for (let left = minutes(5) + 2_000; left >= minutes(5) - 5_000; left -= 250) {
      const next = nextAlert(given, 'b1', 'discussion', left);
      if (next.fire) fired.push(next.fire);
      given = next.given;
    }
    expect(fired).toEqual(['fiveMinutes']);
    expect(nextAlert(given, 'b1', 'discussion', minutes(4)).fire).toBeNull();
    const back = nextAlert(given, 'b1', 'return', 90_000);
    expect(back.fire).toBe('return');
    expect(nextAlert(back.given, 'b1', 'return', 80_000).fire).toBeNull();
  });

  it('do not repeat after a pause and resume, but do after time is added back above five minutes', () => {
    let { given } = nextAlert([], 'b1', 'discussion', minutes(4));
    // Paused at 4:00, then resumed: still under five minutes, no second alert.
    expect(nextAlert(given, 'b1', 'discussion', minutes(4)).fire).toBeNull();
    // +5 min: 9 minutes left re-arms it, and the next crossing alerts again.
    given = nextAlert(given, 'b1', 'discussion', minutes(9)).given;
    expect(nextAlert(given, 'b1', 'discussion', minutes(5)).fire).toBe('fiveMinutes');
  });

  it('are kept per activity', () => {
    const { given } = nextAlert([], 'b1', 'discussion', minutes(4));
    expect(nextAlert(given, 'b2', 'discussion', minutes(4)).fire).toBe('fiveMinutes');
  });

  it('return the same list when nothing changes (no needless storage writes)', () => {
    const given = ['b1:fiveMinutes'];
    expect(nextAlert(given, 'b1', 'discussion', minutes(3)).given).toBe(given);
    expect(nextAlert(given, 'b1', 'intro', null).given).toBe(given);
  });
});
