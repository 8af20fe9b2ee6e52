import { describe, expect, it } from 'vitest';
import { SalaRoster } from '../../../server/domain/sala-roster.ts';
import {
  NO_TURNS,
  acknowledgeCall,
  amongMembers,
  assertCaller,
  assertMember,
  assertModerates,
  assertTurnsOpen,
  callFacilitator,
  giveFloor,
  lowerHand,
  raiseHand,
  startTurnTimer,
  stopTurnTimer,
} from '../../../server/domain/sala-turns.ts';
import { codeOf } from '../app-error.ts';

const T = 1_700_000_000_000;

const roster = new SalaRoster(
  ['s1', 's2'],
  [
    { participantId: 'mod', salaId: 's1' },
    { participantId: 'sec', salaId: 's1' },
    { participantId: 'ana', salaId: 's1' },
    { participantId: 'ben', salaId: 's1' },
    { participantId: 'cleo', salaId: 's2' },
  ],
  [
    { salaId: 's1', role: 'moderator', participantId: 'mod' },
    { salaId: 's1', role: 'secretary', participantId: 'sec' },
  ],
);
const participant = (participantId: string) => ({ role: 'participant', participantId }) as const;

describe('hands and the floor', () => {
  it('queues hands in the order raised, once each, and lowers one without moving the others', () => {
    const raised = raiseHand(raiseHand(raiseHand(NO_TURNS, 'ana'), 'ben'), 'ana');
    expect(raised.queue).toEqual(['ana', 'ben']);
    expect(raiseHand(raised, 'ben')).toBe(raised);
    expect(lowerHand(raised, 'ana').queue).toEqual(['ben']);
    expect(lowerHand(raised, 'cleo')).toBe(raised);
  });

  it('gives the floor to anyone in the queue (their hand goes down), counting a turn each time it changes hands', () => {
    const raised = raiseHand(raiseHand(NO_TURNS, 'ana'), 'ben');
    const toBen = giveFloor(raised, 'ben', T);
    expect(toBen).toMatchObject({ queue: ['ana'], floor: { participantId: 'ben', since: T }, turns: 1 });
    expect(giveFloor(toBen, 'ben', T + 5)).toBe(toBen);
    const toAna = giveFloor(startTurnTimer(toBen, 120, T), 'ana', T + 10);
    expect(toAna).toMatchObject({ queue: [], floor: { participantId: 'ana', since: T + 10 }, timer: null, turns: 2 });
    const back = giveFloor(toAna, null, T + 20);
    expect(back).toMatchObject({ floor: null, timer: null, turns: 2 });
    expect(giveFloor(back, null, T + 30)).toBe(back);
  });

  it('times a turn only while someone has the floor, as a server-clock deadline', () => {
    expect(codeOf(() => startTurnTimer(NO_TURNS, 120, T))).toBe('INVALID_STATE');
    const timed = startTurnTimer(giveFloor(NO_TURNS, 'ana', T), 90, T + 1000);
    expect(timed.timer).toEqual({ deadline: T + 1000 + 90_000, seconds: 90 });
    expect(stopTurnTimer(timed).timer).toBeNull();
    const untimed = stopTurnTimer(timed);
    expect(stopTurnTimer(untimed)).toBe(untimed);
  });

  it('drops from the queue and the floor whoever is no longer in the sala', () => {
    const state = giveFloor(raiseHand(raiseHand(NO_TURNS, 'ana'), 'ben'), 'cleo', T);
    const now = amongMembers(startTurnTimer(state, 60, T), (id) => id !== 'cleo' && id !== 'ana');
    expect(now).toMatchObject({ queue: ['ben'], floor: null, timer: null, turns: 1 });
    const unchanged = raiseHand(NO_TURNS, 'ben');
    expect(amongMembers(unchanged, () => true)).toBe(unchanged);
  });
});

describe('calls to the facilitator', () => {
  it('keeps a waiting call as it was until acknowledged', () => {
    const called = callFacilitator(NO_TURNS, 'secretary', T);
    expect(called.call).toEqual({ at: T, role: 'secretary' });
    expect(callFacilitator(called, 'moderator', T + 60_000)).toBe(called);
    expect(acknowledgeCall(called).call).toBeNull();
    expect(acknowledgeCall(NO_TURNS)).toBe(NO_TURNS);
  });
});

describe('who may act', () => {
  it('lets only members raise a hand in their sala', () => {
    expect(() => assertMember('ana', 's1', roster)).not.toThrow();
    expect(codeOf(() => assertMember('cleo', 's1', roster))).toBe('NOT_IN_SALA');
  });

  it("lets only the sala's moderator or the facilitator give the floor", () => {
    expect(() => assertModerates(participant('mod'), 's1', roster)).not.toThrow();
    expect(() => assertModerates({ role: 'facilitator' }, 's2', roster)).not.toThrow();
    expect(codeOf(() => assertModerates(participant('sec'), 's1', roster))).toBe('ROLE_REQUIRED');
    expect(codeOf(() => assertModerates(participant('ana'), 's1', roster))).toBe('ROLE_REQUIRED');
    expect(codeOf(() => assertModerates(participant('mod'), 's2', roster))).toBe('NOT_IN_SALA');
  });

  it('lets the moderator and the secretary call the facilitator, naming their role', () => {
    expect(assertCaller('mod', 's1', roster)).toBe('moderator');
    expect(assertCaller('sec', 's1', roster)).toBe('secretary');
    expect(codeOf(() => assertCaller('ana', 's1', roster))).toBe('ROLE_REQUIRED');
    expect(codeOf(() => assertCaller('cleo', 's1', roster))).toBe('NOT_IN_SALA');
  });

  it('takes turns from the forming of the salas until the breakout ends', () => {
    expect(codeOf(() => assertTurnsOpen('pending'))).toBe('INVALID_STATE');
    expect(() => assertTurnsOpen('intro')).not.toThrow();
    expect(() => assertTurnsOpen('discussion')).not.toThrow();
    expect(codeOf(() => assertTurnsOpen('closed'))).toBe('INVALID_STATE');
  });
});
