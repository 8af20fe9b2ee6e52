import { afterEach, describe, expect, it, vi } from 'vitest';
import { rejectionCode } from '../app-error.ts';
import { BreakoutService } from '../../../server/services/breakout-service.ts';
import { Presence } from '../../../server/services/presence.ts';
import { SessionStore } from '../../../server/services/session-store.ts';
import type { BreakoutActivity, BreakoutView } from '../../../shared/types.ts';
import { breakout, choice, content } from '../fixtures.ts';
import type { MemoryStorage } from './support/memory-storage.ts';
import { RecordingPublisher } from './support/recording-publisher.ts';
import { makeServices, T0 } from './support/services.ts';

const MINUTE = 60_000;

const membersOf = (view: BreakoutView) => view.salas.map((sala) => sala.members.map((m) => m.participantId).sort());

/** A session with a question and a breakout of two salas; `count` participants joined and present. */
async function formed(count: number, overrides: Partial<Omit<BreakoutActivity, 'id' | 'kind'>> = {}) {
  const services = makeServices();
  const created = await services.session([
    content('intro'),
    choice('poll', ['a', 'b']),
    breakout('salas', { sizing: { by: 'count', count: 2 }, ...overrides }),
  ]);
  const people = await services.join(created.code, count);
  const view = await services.breakouts.form(created.id, 'salas');
  services.settle();
  return { ...services, sessionId: created.id, code: created.code, people, view };
}

afterEach(async () => {
  vi.useRealTimers();
});

describe('BreakoutService', () => {
  describe('form', () => {
    it('deals the people present into balanced salas and notes part one, in one transaction', async () => {
      const services = makeServices();
      const created = await services.session([breakout('salas', { sizing: { by: 'size', size: 2 } })]);
      const people = await services.join(created.code, 5);
      services.presence.disconnected(created.id, people[4]!);
      services.settle();

      const view = await services.breakouts.form(created.id, 'salas');
      expect(view.phase).toBe('intro');
      expect(view.salas.map((s) => s.name)).toEqual(['Sala 1', 'Sala 2']);
      expect(membersOf(view).flat().sort()).toEqual(people.slice(0, 4).sort());
      expect(view.salas.map((s) => s.members.length)).toEqual([2, 2]);
      expect(services.storage.transactions).toEqual([['form', 'recordEvent']]);
      expect(await services.storage.sessions.events(created.id)).toEqual([{ at: T0, activityId: 'salas', event: 'phase:intro' }]);
      expect(services.publisher.calls).toEqual([`breakoutChanged ${created.id} salas`]);
    });

    it('refuses to form twice, or on an activity that is not a breakout, storing nothing', async () => {
      const { breakouts, sessionId, storage } = await formed(2);
      expect(await rejectionCode(() => breakouts.form(sessionId, 'salas'))).toBe('INVALID_STATE');
      expect(await rejectionCode(() => breakouts.form(sessionId, 'poll'))).toBe('ACTIVITY_NOT_FOUND');
      expect(storage.transactions).toEqual([]);
    });
  });

  it('places someone who joins late in the smallest sala, as the join is stored', async () => {
    const { breakouts, sessions, sessionId, code, storage, publisher } = await formed(3);
    const late = await sessions.join({ code });
    const view = await breakouts.view(sessionId, 'salas');
    expect(view.salas.map((s) => s.members.length)).toEqual([2, 2]);
    expect(breakouts.roster(sessionId, 'salas')?.salaOf(late.participantId)).toBe(view.salas[1]!.id);
    expect(storage.transactions).toEqual([['createBatch'], ['setMember']]);
    expect(publisher.calls).toContain(`breakoutChanged ${sessionId} salas`);
  });

  describe('roles', () => {
    it('lets the first claimant of a role have it and refuses the next, storing only the first', async () => {
      const { breakouts, sessionId, view, storage } = await formed(4);
      const [first, second] = view.salas[0]!.members.map((m) => m.participantId);
      const salaId = view.salas[0]!.id;
      expect((await breakouts.claimRole(sessionId, first!, 'salas', salaId, 'secretary')).salas[0]!.roles.secretary).toBe(first);
      expect(await rejectionCode(() => breakouts.claimRole(sessionId, second!, 'salas', salaId, 'secretary'))).toBe('ROLE_TAKEN');
      expect(await rejectionCode(() => breakouts.claimRole(sessionId, first!, 'salas', salaId, 'moderator'))).toBe('INVALID_STATE');
      expect(await rejectionCode(() => breakouts.claimRole(sessionId, first!, 'salas', view.salas[1]!.id, 'moderator'))).toBe(
        'NOT_IN_SALA',
      );
      expect(storage.transactions).toEqual([['saveRoles']]);
      expect(await storage.roleRows.get(salaId)).toEqual({ moderator: null, secretary: first });
    });

    it('gives a role to a member, dropping the other role they held', async () => {
      const { breakouts, sessionId, view, storage } = await formed(4);
      const [ana] = view.salas[0]!.members.map((m) => m.participantId);
      const salaId = view.salas[0]!.id;
      await breakouts.claimRole(sessionId, ana!, 'salas', salaId, 'secretary');
      const after = await breakouts.assignRole(sessionId, 'salas', salaId, 'moderator', ana!);
      expect(after.salas[0]!.roles).toEqual({ moderator: ana, secretary: null });
      expect(await storage.roleRows.get(salaId)).toEqual({ moderator: ana, secretary: null });
      expect(
        await rejectionCode(() => breakouts.assignRole(sessionId, 'salas', salaId, 'secretary', view.salas[1]!.members[0]!.participantId)),
      ).toBe('NOT_IN_SALA');
    });

    it('lets a holder give their role up, and no one else', async () => {
      const { breakouts, sessionId, view } = await formed(4);
      const [ana, ben] = view.salas[0]!.members.map((m) => m.participantId);
      const salaId = view.salas[0]!.id;
      await breakouts.claimRole(sessionId, ana!, 'salas', salaId, 'moderator');
      expect(await rejectionCode(() => breakouts.releaseRole(sessionId, ben!, 'salas', salaId, 'moderator'))).toBe('INVALID_STATE');
      expect((await breakouts.releaseRole(sessionId, ana!, 'salas', salaId, 'moderator')).salas[0]!.roles.moderator).toBeNull();
    });
  });

  it('moves someone to another sala, dropping the role they held, in one transaction that a restart reads back', async () => {
    const { breakouts, sessionId, view, storage, presence, store } = await formed(4);
    const ana = view.salas[0]!.members[0]!.participantId;
    const [from, to] = view.salas.map((s) => s.id);
    await breakouts.claimRole(sessionId, ana, 'salas', from!, 'secretary');
    storage.transactions.length = 0;

    const after = await breakouts.move(sessionId, 'salas', ana, to!);
    expect(membersOf(after)[1]).toContain(ana);
    expect(after.salas[0]!.roles.secretary).toBeNull();
    expect(storage.transactions).toEqual([['setMember', 'saveRoles']]);

    const restarted = new BreakoutService({ storage, store, presence, publisher: new RecordingPublisher() });
    await restarted.load(sessionId);
    expect(restarted.view(sessionId, 'salas').salas).toEqual(after.salas);
  });

  it('refuses a move to an unknown sala or of someone not in the session, storing nothing', async () => {
    const { breakouts, sessionId, view, storage } = await formed(2);
    const ana = view.salas[0]!.members[0]!.participantId;
    expect(await rejectionCode(() => breakouts.move(sessionId, 'salas', ana, 'no-such-sala'))).toBe('SALA_NOT_FOUND');
    expect(await rejectionCode(() => breakouts.move(sessionId, 'salas', 'stranger', view.salas[1]!.id))).toBe('NOT_FOUND');
    expect(storage.transactions).toEqual([]);
  });

  it('lets participants choose their sala only in self-chosen grouping', async () => {
    const random = await formed(2);
    const someone = random.people[0]!;
    expect(await rejectionCode(() => random.breakouts.choose(random.sessionId, someone, 'salas', random.view.salas[1]!.id))).toBe(
      'INVALID_STATE',
    );

    const self = await formed(2, { mode: 'self' });
    expect(self.view.salas.every((s) => s.members.length === 0)).toBe(true);
    const chosen = await self.breakouts.choose(self.sessionId, self.people[0]!, 'salas', self.view.salas[1]!.id);
    expect(membersOf(chosen)).toEqual([[], [self.people[0]]]);
    expect(self.storage.transactions).toEqual([['setMember']]);
  });

  describe('the phase clock', () => {
    it('starts the discussion, pauses, resumes and adds time, noting each phase once', async () => {
      const { breakouts, sessionId, storage, clock } = await formed(2);
      const started = await breakouts.timer(sessionId, { activityId: 'salas', action: 'start' });
      expect(started.phase).toBe('discussion');
      expect(started.timer.deadline).toBe(T0 + 40 * MINUTE);
      expect(storage.transactions).toEqual([['recordEvent', 'save']]);

      clock.now = T0 + 10 * MINUTE;
      expect((await breakouts.timer(sessionId, { activityId: 'salas', action: 'pause' })).timer).toMatchObject({
        deadline: null,
        pausedRemainingMs: 30 * MINUTE,
      });
      clock.now = T0 + 15 * MINUTE;
      expect((await breakouts.timer(sessionId, { activityId: 'salas', action: 'resume' })).timer.deadline).toBe(T0 + 45 * MINUTE);
      expect((await breakouts.timer(sessionId, { activityId: 'salas', action: 'add' })).timer.deadline).toBe(T0 + 46 * MINUTE);
      expect((await storage.sessions.events(sessionId)).map((e) => e.event)).toEqual(['phase:intro', 'phase:discussion']);
      expect(await storage.breakoutRows.get('salas')).toMatchObject({ phase: 'discussion', deadline: T0 + 46 * MINUTE });

      storage.transactions.length = 0;
      expect(await rejectionCode(() => breakouts.timer(sessionId, { activityId: 'salas', action: 'start' }))).toBe('INVALID_STATE');
      expect(storage.transactions).toEqual([]);
    });

    it('moves on by itself when the deadline passes', async () => {
      const { breakouts, sessionId, storage, clock, publisher } = await formed(2);
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      await breakouts.timer(sessionId, { activityId: 'salas', action: 'start' });
      publisher.clear();
      clock.now = T0 + 40 * MINUTE;
      await vi.advanceTimersByTimeAsync(40 * MINUTE);
      const view = await breakouts.view(sessionId, 'salas');
      expect(view.phase).toBe('return');
      expect(view.timer.deadline).toBe(T0 + 40 * MINUTE + 90_000);
      expect(await storage.breakoutRows.get('salas')?.phase).toBe('return');
      expect(publisher.calls).toEqual([`breakoutChanged ${sessionId} salas`]);
    });

    it('catches up at start-up on deadlines that passed while the server was down', async () => {
      const { breakouts, sessionId, storage } = await formed(2);
      await breakouts.timer(sessionId, { activityId: 'salas', action: 'start' });
      const later = T0 + 60 * MINUTE;
      const restarted = restartedBreakouts(storage, later);
      await restarted.armRunningTimers();
      expect(restarted.view(sessionId, 'salas').phase).toBe('closed');
      expect(await storage.breakoutRows.get('salas')?.phase).toBe('closed');
      restarted.close();
    });

    it('arms a stored deadline when its session is loaded again (on another node, or after being let go)', async () => {
      const { breakouts, sessionId, storage } = await formed(2);
      await breakouts.timer(sessionId, { activityId: 'salas', action: 'start' });
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const clock = { now: T0 + 10 * MINUTE };
      const store = new SessionStore(storage);
      const elsewhere = new BreakoutService({
        storage,
        store,
        presence: new Presence(),
        publisher: new RecordingPublisher(),
        now: () => clock.now,
      });
      await store.open(sessionId);
      expect(elsewhere.view(sessionId, 'salas').phase).toBe('discussion');
      clock.now = T0 + 40 * MINUTE;
      await vi.advanceTimersByTimeAsync(30 * MINUTE);
      expect(elsewhere.view(sessionId, 'salas').phase).toBe('return');
      expect(await storage.breakoutRows.get('salas')?.phase).toBe('return');
      elsewhere.close();
    });
  });

  it("shows a sala its own numbers beside the room's, suppressing figures of too few respondents", async () => {
    const { breakouts, sessions, answers, sessionId, view } = await formed(12);
    await sessions.goto(sessionId, 'poll');
    const [small, large] = view.salas;
    for (const [i, member] of large!.members.entries()) {
      await answers.submit(sessionId, member.participantId, {
        activityId: 'poll',
        clientAnswerId: `large-${i}-id`,
        value: { kind: 'choice', optionIds: ['a'] },
      });
    }
    await answers.submit(sessionId, small!.members[0]!.participantId, {
      activityId: 'poll',
      clientAnswerId: 'small-0-id',
      value: { kind: 'choice', optionIds: ['b'] },
    });

    const numbers = breakouts.numbers(sessionId, 'salas', null);
    expect(numbers.questionIds).toEqual(['poll']);
    expect(numbers.room.poll).toEqual({ kind: 'choice', respondents: 7, counts: { a: 6, b: 1 } });
    expect(numbers.salas).toEqual([
      { salaId: small!.id, results: { poll: { suppressed: true, results: null } } },
      { salaId: large!.id, results: { poll: { suppressed: false, results: { kind: 'choice', respondents: 6, counts: { a: 6, b: 0 } } } } },
    ]);
    const own = breakouts.numbers(sessionId, 'salas', { participantId: large!.members[0]!.participantId });
    expect(own.salas.map((s) => s.salaId)).toEqual([large!.id]);
  });
});

function restartedBreakouts(storage: MemoryStorage, now: number): BreakoutService {
  return new BreakoutService({
    storage,
    store: new SessionStore(storage),
    presence: new Presence(),
    publisher: new RecordingPublisher(),
    now: () => now,
  });
}
