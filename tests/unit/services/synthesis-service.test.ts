import { describe, expect, it } from 'vitest';
import { rejectionCode } from '../app-error.ts';
import type { SynthesisContent } from '../../../shared/types.ts';
import { breakout, synthesis } from '../fixtures.ts';
import { makeServices, T0 } from './support/services.ts';

const text = (experiencias: string): SynthesisContent => ({ fields: { experiencias }, support: [] });
const FACILITATOR = { role: 'facilitator' } as const;

/** A session with a breakout of two salas, not formed yet, and its synthesis; four people joined. */
async function unformed() {
  const services = makeServices();
  const created = await services.session([
    breakout('salas', { sizing: { by: 'count', count: 2 }, questions: [{ id: 'experiencias', text: '¿Qué hemos vivido?' }] }),
    synthesis('syn'),
  ]);
  await services.join(created.code, 4);
  services.settle();
  return { ...services, sessionId: created.id };
}

/** The same with the salas formed; sala 1's first member is its secretary. */
async function setUp() {
  const services = await unformed();
  const { sessionId } = services;
  const view = await services.breakouts.form(sessionId, 'salas');
  const [sala1, sala2] = view.salas;
  const secretary = { role: 'participant', participantId: sala1!.members[0]!.participantId } as const;
  const member = { role: 'participant', participantId: sala1!.members[1]!.participantId } as const;
  const other = { role: 'participant', participantId: sala2!.members[0]!.participantId } as const;
  await services.breakouts.claimRole(sessionId, secretary.participantId, 'salas', sala1!.id, 'secretary');
  services.settle();
  return { ...services, sessionId, sala1: sala1!.id, sala2: sala2!.id, secretary, member, other };
}

describe('SynthesisService', () => {
  it('starts the writing only once the salas are formed, storing nothing until then', async () => {
    const { syntheses, sessionId, storage } = await unformed();
    expect(await rejectionCode(() => syntheses.timer(sessionId, { activityId: 'syn', action: 'start' }))).toBe('INVALID_STATE');
    expect(await rejectionCode(() => syntheses.timer(sessionId, { activityId: 'syn', action: 'pause' }))).toBe('INVALID_STATE');
    expect(storage.transactions).toEqual([]);
    expect(syntheses.views(sessionId, FACILITATOR)).toEqual({});
  });

  it('starts the writing with its clock and notes it, in one transaction', async () => {
    const { syntheses, sessionId, storage, publisher } = await setUp();
    const view = await syntheses.timer(sessionId, { activityId: 'syn', action: 'start' });
    expect(view.phase).toBe('writing');
    expect(view.timer.deadline).toBe(T0 + 300_000);
    expect(storage.transactions).toEqual([['saveState', 'recordEvent']]);
    expect((await storage.sessions.events(sessionId)).at(-1)).toEqual({ at: T0, activityId: 'syn', event: 'phase:writing' });
    expect(publisher.calls).toEqual([`synthesisChanged ${sessionId} syn`]);
    expect(await rejectionCode(() => syntheses.timer(sessionId, { activityId: 'syn', action: 'start' }))).toBe('INVALID_STATE');
  });

  describe('notes during the conversation', () => {
    const note = (salaId: string, clientSaveId: string, baseVersion: number, words: string) => ({
      activityId: 'syn',
      salaId,
      baseVersion,
      clientSaveId,
      content: text(words),
    });

    it('refuses notes before the salas are formed, storing nothing', async () => {
      const { syntheses, sessionId, storage } = await unformed();
      expect(await rejectionCode(() => syntheses.save(sessionId, FACILITATOR, note('any', 'n1', 0, 'Uno')))).toBe('SALA_NOT_FOUND');
      expect(storage.transactions).toEqual([]);
    });

    it('sends the synthesis to the phones when the salas are formed, so the secretary can take notes at once', async () => {
      const { breakouts, sessionId, publisher } = await unformed();
      await breakouts.form(sessionId, 'salas');
      expect(publisher.calls).toContain(`synthesisChanged ${sessionId} syn`);
    });

    it('lists the synthesis once the salas are formed, and takes the secretary’s notes before the writing step', async () => {
      const { syntheses, sessionId, sala1, secretary, member, storage, clock } = await setUp();
      expect(syntheses.views(sessionId, secretary).syn).toMatchObject({ phase: 'pending' });
      expect(await rejectionCode(() => syntheses.save(sessionId, member, note(sala1, 'n0', 0, 'No')))).toBe('NOT_SECRETARY');
      expect(storage.transactions).toEqual([]);

      const first = (await syntheses.save(sessionId, secretary, note(sala1, 'n1', 0, 'Pausas'))).salas[0]!;
      expect(first).toMatchObject({ version: 1, firstSavedAt: T0, updatedAt: T0, content: text('Pausas') });
      expect(storage.transactions).toEqual([['saveState', 'saveSynthesis']]);
      clock.now += 60_000;
      expect((await syntheses.save(sessionId, secretary, note(sala1, 'n2', 1, 'Pausas y más'))).salas[0]).toMatchObject({
        version: 2,
        firstSavedAt: T0,
        updatedAt: T0 + 60_000,
      });
      expect((await syntheses.view(sessionId, 'syn', FACILITATOR)).phase).toBe('pending');
    });

    it('submits only in the writing step, which starts from the notes taken', async () => {
      const { syntheses, sessionId, sala1, secretary, storage } = await setUp();
      await syntheses.save(sessionId, secretary, note(sala1, 'n1', 0, 'Notas'));
      storage.transactions.length = 0;
      expect(await rejectionCode(() => syntheses.submit(sessionId, secretary, 'syn', sala1, 1))).toBe('INVALID_STATE');
      expect(storage.transactions).toEqual([]);
      const started = await syntheses.timer(sessionId, { activityId: 'syn', action: 'start' });
      expect(started).toMatchObject({ phase: 'writing' });
      expect(started.salas[0]).toMatchObject({ version: 1, content: text('Notas') });
      expect((await syntheses.submit(sessionId, secretary, 'syn', sala1, 1)).salas[0]!.submittedAt).not.toBeNull();
    });

    it('lets a new secretary take over the same document', async () => {
      const { syntheses, breakouts, sessionId, sala1, secretary, member } = await setUp();
      await syntheses.save(sessionId, secretary, note(sala1, 'n1', 0, 'De la primera'));
      await breakouts.releaseRole(sessionId, secretary.participantId, 'salas', sala1, 'secretary');
      await breakouts.claimRole(sessionId, member.participantId, 'salas', sala1, 'secretary');
      expect(await rejectionCode(() => syntheses.save(sessionId, secretary, note(sala1, 'n2', 1, 'Ya no')))).toBe('NOT_SECRETARY');
      const taken = (await syntheses.save(sessionId, member, note(sala1, 'n3', 1, 'De la primera, y sigue'))).salas[0]!;
      expect(taken).toMatchObject({ version: 2, content: text('De la primera, y sigue') });
    });
  });

  describe('writing', () => {
    it("lets only the sala's secretary or the facilitator write, storing nothing for anyone else", async () => {
      const { syntheses, sessionId, sala1, secretary, member, other, storage } = await setUp();
      await syntheses.timer(sessionId, { activityId: 'syn', action: 'start' });
      storage.transactions.length = 0;
      const save = (clientSaveId: string, baseVersion: number) => ({
        activityId: 'syn',
        salaId: sala1,
        baseVersion,
        clientSaveId,
        content: text('Pausas'),
      });
      expect(await rejectionCode(() => syntheses.save(sessionId, member, save('save-member', 0)))).toBe('NOT_SECRETARY');
      expect(await rejectionCode(() => syntheses.save(sessionId, other, save('save-other', 0)))).toBe('NOT_SECRETARY');
      expect(await rejectionCode(() => syntheses.save(sessionId, secretary, { ...save('save-nowhere', 0), salaId: 'no-such-sala' }))).toBe(
        'SALA_NOT_FOUND',
      );
      expect(storage.transactions).toEqual([]);

      expect((await syntheses.save(sessionId, secretary, save('save-first', 0))).salas[0]).toMatchObject({
        version: 1,
        content: text('Pausas'),
      });
      expect((await syntheses.save(sessionId, FACILITATOR, save('save-second', 1))).salas[0]!.version).toBe(2);
      expect(storage.transactions).toEqual([['saveSynthesis'], ['saveSynthesis']]);
    });

    it('refuses a save made on an older version, and acknowledges a retried one without a new version', async () => {
      const { syntheses, sessionId, sala1, secretary, storage } = await setUp();
      await syntheses.timer(sessionId, { activityId: 'syn', action: 'start' });
      const first = { activityId: 'syn', salaId: sala1, baseVersion: 0, clientSaveId: 'save-first', content: text('Uno') };
      await syntheses.save(sessionId, secretary, first);
      storage.transactions.length = 0;
      expect((await syntheses.save(sessionId, secretary, first)).salas[0]!.version).toBe(1);
      expect(
        await rejectionCode(() => syntheses.save(sessionId, secretary, { ...first, clientSaveId: 'save-stale', content: text('Dos') })),
      ).toBe('STALE_VERSION');
      expect(storage.transactions).toEqual([]);
    });

    it('shows a participant only their own sala’s text', async () => {
      const { syntheses, sessionId, sala1, secretary, other } = await setUp();
      await syntheses.timer(sessionId, { activityId: 'syn', action: 'start' });
      await syntheses.save(sessionId, secretary, {
        activityId: 'syn',
        salaId: sala1,
        baseVersion: 0,
        clientSaveId: 'save-first',
        content: text('Nuestro'),
      });
      expect((await syntheses.view(sessionId, 'syn', secretary)).salas[0]!.content).toEqual(text('Nuestro'));
      expect((await syntheses.view(sessionId, 'syn', other)).salas[0]!.content).toBeNull();
      expect((await syntheses.view(sessionId, 'syn', FACILITATOR)).salas[0]!.content).toEqual(text('Nuestro'));
    });
  });

  it('locks a submitted synthesis until the facilitator reopens it, and hides a card without deleting it', async () => {
    const { syntheses, sessionId, sala1, secretary, storage } = await setUp();
    await syntheses.timer(sessionId, { activityId: 'syn', action: 'start' });
    await syntheses.save(sessionId, secretary, {
      activityId: 'syn',
      salaId: sala1,
      baseVersion: 0,
      clientSaveId: 'save-first',
      content: text('Uno'),
    });
    storage.transactions.length = 0;

    expect((await syntheses.submit(sessionId, secretary, 'syn', sala1, 1)).salas[0]!.submittedAt).toBe(T0);
    const next = { activityId: 'syn', salaId: sala1, baseVersion: 1, clientSaveId: 'save-after', content: text('Dos') };
    expect(await rejectionCode(() => syntheses.save(sessionId, secretary, next))).toBe('SYNTHESIS_LOCKED');
    expect((await syntheses.reopen(sessionId, 'syn', sala1)).salas[0]!.submittedAt).toBeNull();
    expect((await syntheses.save(sessionId, secretary, next)).salas[0]!.version).toBe(2);
    expect((await syntheses.hide(sessionId, 'syn', sala1, true)).salas[0]).toMatchObject({ hidden: true, version: 2 });
    expect(storage.transactions).toEqual([['setSubmitted'], ['setSubmitted'], ['saveSynthesis'], ['setSynthesisHidden']]);
  });

  it('ends the writing, after which the clock controls are refused', async () => {
    const { syntheses, sessionId, storage, clock } = await setUp();
    await syntheses.timer(sessionId, { activityId: 'syn', action: 'start' });
    clock.now = T0 + 60_000;
    expect((await syntheses.timer(sessionId, { activityId: 'syn', action: 'pause' })).timer).toMatchObject({
      deadline: null,
      pausedRemainingMs: 240_000,
    });
    expect((await syntheses.timer(sessionId, { activityId: 'syn', action: 'end' })).phase).toBe('closed');
    storage.transactions.length = 0;
    expect(await rejectionCode(() => syntheses.timer(sessionId, { activityId: 'syn', action: 'add' }))).toBe('INVALID_STATE');
    expect(storage.transactions).toEqual([]);
    expect((await storage.sessions.events(sessionId)).map((e) => e.event)).toEqual(['phase:intro', 'phase:writing', 'phase:closed']);
  });

  it('focuses the plenary on a field of the synthesis or one sala, refusing what it does not have', async () => {
    const { syntheses, sessionId, sala2, storage } = await setUp();
    await syntheses.timer(sessionId, { activityId: 'syn', action: 'start' });
    storage.transactions.length = 0;
    expect(await rejectionCode(() => syntheses.focus(sessionId, { activityId: 'syn', fieldKey: 'nada', spotlightSalaId: null }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      await rejectionCode(() => syntheses.focus(sessionId, { activityId: 'syn', fieldKey: null, spotlightSalaId: 'no-such-sala' })),
    ).toBe('SALA_NOT_FOUND');
    expect(storage.transactions).toEqual([]);
    expect((await syntheses.focus(sessionId, { activityId: 'syn', fieldKey: 'experiencias', spotlightSalaId: sala2 })).focus).toEqual({
      fieldKey: 'experiencias',
      spotlightSalaId: sala2,
    });
    expect(storage.transactions).toEqual([['saveState']]);
  });
});
