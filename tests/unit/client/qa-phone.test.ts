import { describe, expect, it } from 'vitest';
import { QaPhone, type QaPort } from '../../../client/src/lib/qa-phone.svelte.ts';
import type { QaQuestion } from '../../../shared/qa.ts';

const question = (id: string, overrides: Partial<QaQuestion> = {}): QaQuestion => ({
  id,
  text: `¿${id}?`,
  author: null,
  votes: 0,
  answered: false,
  status: 'shown',
  askedAt: 0,
  ...overrides,
});

describe('QaPhone', () => {
  it("lists one's own waiting questions first, then the shown ones by votes or newest, marked mine and voted", () => {
    const phone = new QaPhone({
      ask: async () => ({ ok: false, error: { code: 'OFFLINE', message: '' } }),
      vote: async () => ({ ok: false, error: { code: 'OFFLINE', message: '' } }),
    } as QaPort);
    phone.applySnapshot(
      {
        qa: {
          activityId: 'qa',
          highlightedId: null,
          questions: [question('a', { votes: 1, askedAt: 1 }), question('b', { votes: 3, askedAt: 2 }), question('c', { askedAt: 3 })],
        },
      },
      {
        qa: {
          activityId: 'qa',
          votedIds: ['b'],
          questions: [question('c', { askedAt: 3 }), question('p', { status: 'pending', askedAt: 4 })],
        },
      },
    );
    expect(phone.questions('qa', 'top').map((q) => [q.id, q.mine, q.voted])).toEqual([
      ['p', true, false],
      ['b', false, true],
      ['a', false, false],
      ['c', true, false],
    ]);
    expect(phone.questions('qa', 'recent').map((q) => q.id)).toEqual(['p', 'c', 'b', 'a']);
    expect(phone.shownCount('qa')).toBe(3);
  });

  it('asks again with the same client id after a timeout, and with a new one once stored', async () => {
    const sent: string[] = [];
    let fail = true;
    const port: QaPort = {
      ask: async (payload) => {
        sent.push(payload.clientQuestionId);
        return fail
          ? { ok: false, error: { code: 'TIMEOUT', message: '' } }
          : { ok: true, data: { activityId: 'qa', votedIds: [], questions: [question('x', { status: 'pending' })] } };
      },
      vote: async () => ({ ok: true, data: { activityId: 'qa', votedIds: [], questions: [] } }),
    };
    const phone = new QaPhone(port);
    expect(await phone.ask('qa', '¿Hola?', false)).toBe(false);
    expect(phone.error).toBe('TIMEOUT');
    fail = false;
    expect(await phone.ask('qa', '¿Hola?', false)).toBe(true);
    expect(await phone.ask('qa', '¿Otra?', false)).toBe(true);
    expect(sent[0]).toBe(sent[1]);
    expect(sent[2]).not.toBe(sent[1]);
    expect(phone.questions('qa', 'top').map((q) => q.status)).toEqual(['pending']);
  });
});
