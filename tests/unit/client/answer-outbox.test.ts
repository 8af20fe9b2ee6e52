import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnswerSubmitPayload, AnswerValue } from '../../../shared/types.ts';
import { AnswerOutbox, RETRY_LATER_MS, type OutboxPort } from '../../../client/src/lib/answer-outbox.svelte.ts';
import type { CommandResult } from '../../../client/src/lib/live-connection.svelte.ts';
import type { UiErrorCode } from '../../../client/src/lib/i18n.svelte.ts';
import { storageKeys } from '../../../client/src/lib/storage.ts';
import { MemoryStorage, stubWindow } from './web-storage.ts';

const CODE = '482913';
const yes: AnswerValue = { kind: 'choice', optionIds: ['si'] };
const no: AnswerValue = { kind: 'choice', optionIds: ['no'] };

type Result = CommandResult<'answer:submit'>;

/** One `send` the outbox made: what it sent, whether it still wanted it sent, and its answer to give. */
interface Sent {
  payload: AnswerSubmitPayload;
  wanted: () => boolean;
  answer: (result: Result) => void;
}

/** The participant's session as the outbox sees it: sends wait until the test answers them. */
class FakeSession implements OutboxPort {
  readonly sent: Sent[] = [];
  connected = true;

  send = (payload: AnswerSubmitPayload, wanted: () => boolean): Promise<Result> =>
    new Promise((resolve) => {
      this.sent.push({ payload, wanted, answer: resolve });
    });
  online = (): boolean => this.connected;

  /** The last send, answered by the server with its receipt. */
  acknowledge(duplicate = false): void {
    const last = this.last();
    last.answer({ ok: true, data: { activityId: last.payload.activityId, value: last.payload.value, duplicate } });
  }

  /** The last send failed with this code (a refusal, or TIMEOUT and OFFLINE from the connection). */
  fail(code: UiErrorCode): void {
    this.last().answer({ ok: false, error: { code } });
  }

  last(): Sent {
    const last = this.sent.at(-1);
    if (!last) throw new Error('nothing was sent');
    return last;
  }
}

let local: MemoryStorage;
let session: FakeSession;
let outbox: AnswerOutbox;

/** Lets the outbox handle an answered send (its continuation runs in a microtask). */
const settle = () => vi.advanceTimersByTimeAsync(0);
const stored = () =>
  JSON.parse(local.getItem(storageKeys.pending(CODE)) ?? '{}') as Record<string, { clientAnswerId: string; value: AnswerValue }>;
const ids = () => session.sent.map((sent) => sent.payload.clientAnswerId);

beforeEach(() => {
  vi.useFakeTimers();
  local = new MemoryStorage();
  stubWindow(local);
  session = new FakeSession();
  outbox = new AnswerOutbox(CODE, session);
});

afterEach(() => {
  outbox.dispose();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('an answer on its way', () => {
  it('is stored from the tap until acknowledged, then confirmed and gone from storage', async () => {
    outbox.submit('q1', yes);
    expect(session.sent.map((sent) => sent.payload)).toEqual([{ activityId: 'q1', clientAnswerId: expect.any(String), value: yes }]);
    expect(stored()).toEqual({ q1: { clientAnswerId: ids()[0], value: yes } });
    expect(outbox.status('q1')).toBe('sending');
    expect(outbox.latest('q1')).toEqual(yes);
    expect(outbox.confirmed('q1')).toBeNull();

    session.acknowledge();
    await settle();
    expect(outbox.status('q1')).toBe('confirmed');
    expect(outbox.confirmed('q1')).toEqual(yes);
    expect(stored()).toEqual({});
  });

  it('waits on the phone while offline, and goes after the next join with the same clientAnswerId', async () => {
    session.connected = false;
    outbox.submit('q1', yes);
    session.fail('OFFLINE');
    await settle();
    expect(outbox.status('q1')).toBe('queued');
    expect(outbox.error('q1')).toBeNull();
    await vi.advanceTimersByTimeAsync(10 * RETRY_LATER_MS);
    expect(session.sent).toHaveLength(1);

    session.connected = true;
    outbox.flush();
    expect(ids()).toEqual([ids()[0], ids()[0]]);
    session.acknowledge();
    await settle();
    expect(outbox.status('q1')).toBe('confirmed');
    expect(stored()).toEqual({});
  });

  it.each<UiErrorCode>(['TIMEOUT', 'RATE_LIMITED', 'INTERNAL'])(
    'is sent again later with the same clientAnswerId after %s',
    async (code) => {
      outbox.submit('q1', yes);
      session.fail(code);
      await settle();
      expect(outbox.status('q1')).toBe('sending');
      expect(stored()).toHaveProperty('q1');

      await vi.advanceTimersByTimeAsync(RETRY_LATER_MS - 1);
      expect(session.sent).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(session.sent).toHaveLength(2);
      expect(new Set(ids()).size).toBe(1);
      expect(session.last().payload).toEqual(session.sent[0]?.payload);
    },
  );

  it('is confirmed once when the server acknowledges a repeat as a duplicate', async () => {
    outbox.submit('q1', yes);
    // The first attempt reached the server but its ack was lost.
    session.fail('TIMEOUT');
    await vi.advanceTimersByTimeAsync(RETRY_LATER_MS);
    session.acknowledge(true);
    await settle();

    expect(new Set(ids()).size).toBe(1);
    expect(outbox.status('q1')).toBe('confirmed');
    expect(outbox.confirmed('q1')).toEqual(yes);
    expect(stored()).toEqual({});
    await vi.advanceTimersByTimeAsync(10 * RETRY_LATER_MS);
    expect(session.sent).toHaveLength(2);
  });

  it.each<UiErrorCode>(['NOT_JOINED', 'SESSION_MOVED'])(
    'waits for the next join when the server forgot this socket or the session moved (%s)',
    async (code) => {
      outbox.submit('q1', yes);
      session.fail(code);
      await vi.advanceTimersByTimeAsync(10 * RETRY_LATER_MS);
      expect(session.sent).toHaveLength(1);
      expect(stored()).toHaveProperty('q1');

      outbox.flush();
      expect(ids()).toEqual([ids()[0], ids()[0]]);
    },
  );
});

describe('a refused answer', () => {
  it.each<UiErrorCode>(['VALIDATION_FAILED', 'ANSWERING_CLOSED'])(
    'leaves the queue with %s as its reason, and is not sent again',
    async (code) => {
      outbox.confirmAll({ q1: no });
      outbox.submit('q1', yes);
      session.fail(code);
      await settle();

      expect(outbox.error('q1')).toBe(code);
      expect(stored()).toEqual({});
      // The server still holds the earlier answer.
      expect(outbox.status('q1')).toBe('confirmed');
      expect(outbox.latest('q1')).toEqual(no);
      outbox.flush();
      await vi.advanceTimersByTimeAsync(10 * RETRY_LATER_MS);
      expect(session.sent).toHaveLength(1);
    },
  );

  it('keeps its reason until the next answer to the activity', async () => {
    outbox.submit('q1', yes);
    session.fail('ANSWERING_CLOSED');
    await settle();
    expect(outbox.status('q1')).toBe('none');

    outbox.submit('q1', no);
    expect(outbox.error('q1')).toBeNull();
    expect(outbox.status('q1')).toBe('sending');
  });
});

describe('order', () => {
  it('a newer answer replaces a waiting one; the older one is no longer wanted and its late ack does not drop the newer', async () => {
    outbox.submit('q1', yes);
    const first = session.last();
    outbox.submit('q1', no);
    const second = session.last();
    expect(first.wanted()).toBe(false);
    expect(second.wanted()).toBe(true);
    expect(stored()).toEqual({ q1: { clientAnswerId: second.payload.clientAnswerId, value: no } });

    first.answer({ ok: true, data: { activityId: 'q1', value: yes, duplicate: false } });
    await settle();
    expect(outbox.status('q1')).toBe('sending');
    expect(outbox.latest('q1')).toEqual(no);
    expect(stored()).toHaveProperty('q1');

    second.answer({ ok: true, data: { activityId: 'q1', value: no, duplicate: false } });
    await settle();
    expect(outbox.confirmed('q1')).toEqual(no);
    expect(stored()).toEqual({});
  });

  it('an answer replaced while waiting to be sent again is not sent again', async () => {
    outbox.submit('q1', yes);
    session.fail('TIMEOUT');
    await settle();
    outbox.submit('q1', no);
    await vi.advanceTimersByTimeAsync(RETRY_LATER_MS);
    expect(session.sent.map((sent) => sent.payload.value)).toEqual([yes, no]);
  });

  it('waiting answers go after a join in the order they were first given', async () => {
    session.connected = false;
    outbox.submit('q2', yes);
    outbox.submit('q1', yes);
    outbox.submit('q2', no);
    for (const sent of session.sent) sent.answer({ ok: false, error: { code: 'OFFLINE' } });
    await settle();

    session.connected = true;
    outbox.flush();
    expect(session.sent.slice(3).map((sent) => [sent.payload.activityId, sent.payload.value])).toEqual([
      ['q2', no],
      ['q1', yes],
    ]);
  });
});

describe('a reload', () => {
  it('picks up what was not acknowledged, and sends it after the join with the same clientAnswerId', async () => {
    session.connected = false;
    outbox.submit('q1', yes);
    session.fail('OFFLINE');
    await settle();
    const clientAnswerId = ids()[0];
    outbox.dispose();

    const afterReload = new FakeSession();
    outbox = new AnswerOutbox(CODE, afterReload);
    expect(outbox.status('q1')).toBe('sending');
    expect(outbox.latest('q1')).toEqual(yes);
    outbox.confirmAll({});
    outbox.flush();
    expect(afterReload.sent.map((sent) => sent.payload)).toEqual([{ activityId: 'q1', clientAnswerId, value: yes }]);
    afterReload.acknowledge(true);
    await settle();
    expect(outbox.confirmed('q1')).toEqual(yes);
    expect(stored()).toEqual({});
  });

  it('keeps answers of one join code apart from another', () => {
    outbox.submit('q1', yes);
    const other = new AnswerOutbox('771204', new FakeSession());
    expect(other.status('q1')).toBe('none');
    other.dispose();
  });

  it('ignores storage that is not a map of answers', () => {
    local.setItem(storageKeys.pending(CODE), JSON.stringify({ q1: { value: yes } }));
    outbox.dispose();
    outbox = new AnswerOutbox(CODE, session);
    expect(outbox.status('q1')).toBe('none');
    outbox.flush();
    expect(session.sent).toEqual([]);
  });
});

describe('dispose', () => {
  it('cancels the sends waiting to be tried again', async () => {
    outbox.submit('q1', yes);
    session.fail('TIMEOUT');
    await settle();
    outbox.dispose();
    await vi.advanceTimersByTimeAsync(10 * RETRY_LATER_MS);
    expect(session.sent).toHaveLength(1);
  });
});
