import { describe, expect, it } from 'vitest';
import { rejectionCode } from '../app-error.ts';
import { breakout, choice, content, rating, synthesis } from '../fixtures.ts';
import { makeServices, T0 } from './support/services.ts';

const ids = (change: { agenda: Array<{ id: string }> }) => change.agenda.map((a) => a.id);

async function setUp() {
  const services = makeServices();
  const created = await services.session([
    content('intro'),
    choice('poll', ['a', 'b']),
    breakout('salas'),
    synthesis('syn'),
    rating('axes', ['x']),
  ]);
  return { ...services, sessionId: created.id, code: created.code };
}

describe('AgendaService', () => {
  it('inserts an activity where asked, stores the agenda in one transaction and tells everyone', async () => {
    const { agenda, sessionId, storage, publisher, store } = await setUp();
    const change = await agenda.insert(sessionId, 1, { kind: 'content', title: 'Pausa', bullets: [] });
    expect(ids(change)).toEqual(['intro', change.activityId, 'poll', 'salas', 'syn', 'axes']);
    expect(storage.transactions).toEqual([['saveAgenda']]);
    expect((await storage.sessions.agenda(sessionId)).map((a) => a.activity.id)).toEqual(ids(change));
    expect((await store.open(sessionId)).agenda.map((a) => a.id)).toEqual(ids(change));
    expect(publisher.calls).toEqual([`agendaChanged ${sessionId}`, `liveChanged ${sessionId}`]);
  });

  it('moves and duplicates, keeping every other id and the order', async () => {
    const { agenda, sessionId } = await setUp();
    expect(ids(await agenda.move(sessionId, 'axes', 0))).toEqual(['axes', 'intro', 'poll', 'salas', 'syn']);
    const copy = await agenda.duplicate(sessionId, 'poll');
    expect(ids(copy)).toEqual(['axes', 'intro', 'poll', copy.activityId, 'salas', 'syn']);
  });

  it('refuses to put a synthesis before any breakout, storing nothing', async () => {
    const { agenda, sessionId, storage } = await setUp();
    expect(await rejectionCode(() => agenda.move(sessionId, 'syn', 0))).toBe('INVALID_STATE');
    expect(storage.transactions).toEqual([]);
  });

  it('refuses an edit that would lose answers, storing nothing', async () => {
    const { agenda, sessions, answers, sessionId, code, storage } = await setUp();
    await sessions.goto(sessionId, 'poll');
    const { participantId } = await sessions.join({ code });
    await answers.submit(sessionId, participantId, {
      activityId: 'poll',
      clientAnswerId: 'c1-aaaa',
      value: { kind: 'choice', optionIds: ['b'] },
    });
    storage.transactions.length = 0;
    expect(await rejectionCode(() => agenda.update(sessionId, choice('poll', ['a'])))).toBe('INVALID_STATE');
    expect(storage.transactions).toEqual([]);
    expect(ids(await agenda.update(sessionId, { ...choice('poll', ['a', 'b', 'c']), title: 'Otra' }))).toContain('poll');
  });

  describe('once a breakout or synthesis has started', () => {
    it('keeps a formed breakout’s grouping and kind, and refuses to delete it; before that all three are allowed', async () => {
      const { agenda, breakouts, sessionId, storage } = await setUp();
      expect(ids(await agenda.update(sessionId, breakout('salas', { mode: 'self' })))).toContain('salas');
      await breakouts.form(sessionId, 'salas');
      storage.transactions.length = 0;
      expect(await rejectionCode(() => agenda.update(sessionId, breakout('salas', { mode: 'random' })))).toBe('INVALID_STATE');
      expect(await rejectionCode(() => agenda.update(sessionId, { ...content('salas') }))).toBe('INVALID_STATE');
      expect(await rejectionCode(() => agenda.delete(sessionId, 'salas'))).toBe('INVALID_STATE');
      expect(storage.transactions).toEqual([]);
      expect(ids(await agenda.update(sessionId, breakout('salas', { mode: 'self', title: 'Conversación' })))).toContain('salas');
    });

    it('refuses to delete a synthesis whose writing began', async () => {
      const { agenda, breakouts, syntheses, sessionId } = await setUp();
      await breakouts.form(sessionId, 'salas');
      await syntheses.timer(sessionId, { activityId: 'syn', action: 'start' });
      expect(await rejectionCode(() => agenda.delete(sessionId, 'syn'))).toBe('INVALID_STATE');
    });

    it('refuses to delete a synthesis that has notes from the conversation, before its writing step', async () => {
      const { agenda, breakouts, syntheses, sessionId, join, code } = await setUp();
      await join(code, 2);
      const [sala] = (await breakouts.form(sessionId, 'salas')).salas;
      await syntheses.save(
        sessionId,
        { role: 'facilitator' },
        {
          activityId: 'syn',
          salaId: sala!.id,
          baseVersion: 0,
          clientSaveId: 'note-1',
          content: { fields: {}, support: [] },
        },
      );
      expect(await rejectionCode(() => agenda.delete(sessionId, 'syn'))).toBe('INVALID_STATE');
    });
  });

  it('refuses to delete the activity on screen', async () => {
    const { agenda, sessions, sessionId, storage } = await setUp();
    await sessions.goto(sessionId, 'poll');
    storage.transactions.length = 0;
    expect(await rejectionCode(() => agenda.delete(sessionId, 'poll'))).toBe('INVALID_STATE');
    expect(storage.transactions).toEqual([]);
  });

  it('deletes an activity keeping its answers, and brings both back on undo', async () => {
    const { agenda, sessions, answers, sessionId, code, store, clock } = await setUp();
    await sessions.goto(sessionId, 'poll');
    const { participantId } = await sessions.join({ code });
    await answers.submit(sessionId, participantId, {
      activityId: 'poll',
      clientAnswerId: 'c1-aaaa',
      value: { kind: 'choice', optionIds: ['a'] },
    });
    await sessions.goto(sessionId, 'intro');
    clock.now = T0 + 1_000;

    expect(ids(await agenda.delete(sessionId, 'poll'))).toEqual(['intro', 'salas', 'syn', 'axes']);
    expect(Object.keys((await store.open(sessionId)).allResults())).toEqual(['axes']);
    expect(ids(await agenda.restore(sessionId, 'poll', 1))).toEqual(['intro', 'poll', 'salas', 'syn', 'axes']);
    expect((await store.open(sessionId)).results('poll')).toEqual({ kind: 'choice', respondents: 1, counts: { a: 1, b: 0 } });
    expect(await rejectionCode(() => agenda.restore(sessionId, 'poll', 1))).toBe('ACTIVITY_NOT_FOUND');
  });

  it('refuses every edit once the session has ended', async () => {
    const { agenda, sessions, sessionId, storage } = await setUp();
    await sessions.close(sessionId);
    storage.transactions.length = 0;
    expect(await rejectionCode(() => agenda.insert(sessionId, 0, { kind: 'content', title: 'Tarde', bullets: [] }))).toBe('SESSION_CLOSED');
    expect(await rejectionCode(() => agenda.update(sessionId, content('intro')))).toBe('SESSION_CLOSED');
    expect(await rejectionCode(() => agenda.delete(sessionId, 'axes'))).toBe('SESSION_CLOSED');
    expect(storage.transactions).toEqual([]);
  });
});
