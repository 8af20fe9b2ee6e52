import { describe, expect, it } from 'vitest';
import type { QaActivity } from '../../../shared/types.ts';
import { rejectionCode } from '../app-error.ts';
import { content } from '../fixtures.ts';
import { makeServices, T0 } from './support/services.ts';

const activity: QaActivity = { id: 'qa', kind: 'qa', title: 'Preguntas', maxLength: 80, moderated: true, openAllSession: false };

async function setUp() {
  const services = makeServices();
  const created = await services.session([content('intro'), activity]);
  const [ana, ben] = await services.join(created.code, 2);
  await services.sessions.goto(created.id, 'qa');
  services.settle();
  return { ...services, sessionId: created.id, ana: ana!, ben: ben! };
}

describe('QaService', () => {
  it('stores each command in one transaction, publishes it (telling the asker of their question), and a repeat stores nothing', async () => {
    const { qa, sessionId, ana, ben, storage, publisher } = await setUp();
    const asked = await qa.ask(sessionId, ana, { activityId: 'qa', clientQuestionId: 'client-01', text: '¿Hay apoyo?', named: true });
    expect(asked.questions).toMatchObject([{ text: '¿Hay apoyo?', author: 'P1', status: 'pending', askedAt: T0 }]);
    const questionId = asked.questions[0]!.id;
    await qa.ask(sessionId, ana, { activityId: 'qa', clientQuestionId: 'client-01', text: '¿Hay apoyo?', named: true });
    await qa.setStatus(sessionId, { activityId: 'qa', questionId, status: 'shown' });
    await qa.vote(sessionId, ben, { activityId: 'qa', questionId, voted: true });
    await qa.vote(sessionId, ben, { activityId: 'qa', questionId, voted: true });
    expect(storage.transactions).toEqual([['qa:ask'], ['qa:status'], ['qa:vote']]);
    expect(publisher.calls).toEqual([`qaChanged ${sessionId} qa -`, `qaChanged ${sessionId} qa ${ana}`, `qaChanged ${sessionId} qa -`]);
    expect(qa.board(sessionId, 'qa', 'participant').questions[0]!.votes).toBe(1);
  });

  it('refuses a command that breaks a rule with nothing stored or published', async () => {
    const { qa, sessionId, ana, storage, publisher, sessions } = await setUp();
    const ask = { activityId: 'qa', clientQuestionId: 'client-02', text: '   ', named: false };
    expect(await rejectionCode(() => qa.ask(sessionId, ana, ask))).toBe('VALIDATION_FAILED');
    expect(await rejectionCode(() => qa.ask(sessionId, ana, { ...ask, activityId: 'intro', text: '¿Y?' }))).toBe('ACTIVITY_NOT_FOUND');
    expect(await rejectionCode(() => qa.setAnswered(sessionId, { activityId: 'qa', questionId: 'none', answered: true }))).toBe(
      'NOT_FOUND',
    );
    await sessions.goto(sessionId, 'intro');
    storage.transactions.length = 0;
    publisher.clear();
    expect(await rejectionCode(() => qa.ask(sessionId, ana, { ...ask, text: '¿Y?' }))).toBe('ANSWERING_CLOSED');
    expect(storage.transactions).toEqual([]);
    expect(publisher.calls).toEqual([]);
  });

  it('leaves memory as it was when the commit fails', async () => {
    const { qa, sessionId, ana, storage } = await setUp();
    storage.failNextCommit();
    await expect(async () =>
      qa.ask(sessionId, ana, { activityId: 'qa', clientQuestionId: 'client-03', text: '¿Falla?', named: false }),
    ).rejects.toThrow();
    expect(qa.board(sessionId, 'qa', 'facilitator').questions).toEqual([]);
    expect(qa.isStarted(sessionId, 'qa')).toBe(false);
  });
});
