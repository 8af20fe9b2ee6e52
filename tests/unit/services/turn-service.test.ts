import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/limits.ts';
import { rejectionCode } from '../app-error.ts';
import { breakout } from '../fixtures.ts';
import { makeServices, T0 } from './support/services.ts';

const FACILITATOR = { role: 'facilitator' } as const;

/** One sala of six with a moderator and a secretary, its conversation under way. */
async function setUp() {
  const services = makeServices();
  const created = await services.session([breakout('salas', { sizing: { by: 'count', count: 1 } })]);
  await services.join(created.code, 6);
  const sessionId = created.id;
  const [sala] = (await services.breakouts.form(sessionId, 'salas')).salas;
  const [moderator, secretary, ana, ben] = sala!.members.map((m) => m.participantId);
  await services.breakouts.claimRole(sessionId, moderator!, 'salas', sala!.id, 'moderator');
  await services.breakouts.claimRole(sessionId, secretary!, 'salas', sala!.id, 'secretary');
  services.settle();
  const ref = { activityId: 'salas', salaId: sala!.id };
  const as = (participantId: string) => ({ role: 'participant', participantId }) as const;
  return { ...services, sessionId, ref, moderator: moderator!, secretary: secretary!, ana: ana!, ben: ben!, as };
}

describe('TurnService', () => {
  it('stores each change in one transaction and publishes it; a repeated command stores and publishes nothing', async () => {
    const { turns, sessionId, ref, ana, moderator, storage, publisher, as } = await setUp();
    expect((await turns.raise(sessionId, ana, ref)).queue).toEqual([ana]);
    expect((await turns.raise(sessionId, ana, ref)).queue).toEqual([ana]);
    expect(await turns.giveFloor(sessionId, as(moderator), { ...ref, participantId: ana })).toMatchObject({
      queue: [],
      floor: { participantId: ana, since: T0 },
      turns: 1,
    });
    expect((await turns.giveFloor(sessionId, as(moderator), { ...ref, participantId: ana })).turns).toBe(1);
    expect(storage.transactions).toEqual([['saveTurns'], ['saveTurns']]);
    expect(publisher.calls).toEqual([`turnsChanged ${sessionId} salas ${ref.salaId}`, `turnsChanged ${sessionId} salas ${ref.salaId}`]);
    expect(turns.turnCounts(sessionId)).toEqual({ [ref.salaId]: 1 });
  });

  it('refuses the wrong role and floods, storing nothing', async () => {
    const { turns, sessionId, ref, ana, ben, secretary, storage, as } = await setUp();
    expect(await rejectionCode(() => turns.giveFloor(sessionId, as(ben), { ...ref, participantId: ben }))).toBe('ROLE_REQUIRED');
    expect(await rejectionCode(() => turns.timer(sessionId, as(secretary), { ...ref, action: 'start' }))).toBe('ROLE_REQUIRED');
    expect(await rejectionCode(() => turns.call(sessionId, ana, ref))).toBe('ROLE_REQUIRED');
    expect(await rejectionCode(() => turns.timer(sessionId, FACILITATOR, { ...ref, action: 'start' }))).toBe('INVALID_STATE');
    expect(storage.transactions).toEqual([]);
    for (let i = 0; i < LIMITS.handTogglesPerMinute; i++) {
      if (i % 2 === 0) await turns.raise(sessionId, ben, ref);
      else await turns.lower(sessionId, as(ben), ref);
    }
    storage.transactions.length = 0;
    expect(await rejectionCode(() => turns.raise(sessionId, ben, ref))).toBe('RATE_LIMITED');
    expect(storage.transactions).toEqual([]);
  });

  it('times a turn from the server clock and keeps a call until the facilitator acknowledges it', async () => {
    const { turns, sessionId, ref, ana, moderator, secretary, clock, as } = await setUp();
    await turns.giveFloor(sessionId, FACILITATOR, { ...ref, participantId: ana });
    clock.now += 5000;
    expect((await turns.timer(sessionId, as(moderator), { ...ref, action: 'start', seconds: 90 })).timer).toEqual({
      deadline: T0 + 5000 + 90_000,
      seconds: 90,
    });
    expect((await turns.call(sessionId, secretary, ref)).call).toEqual({ at: T0 + 5000, role: 'secretary' });
    expect((await turns.acknowledge(sessionId, ref)).call).toBeNull();
    expect(turns.views(sessionId, FACILITATOR)[ref.salaId]).toMatchObject({ call: null, turns: 1, floor: { participantId: ana } });
  });
});
