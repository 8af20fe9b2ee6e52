import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../server/db/postgres/session-notices.ts';

/** What one node tells the others on `plenario_sessions`: only well-formed notices are acted on. */
describe('parseNotice', () => {
  it('reads a deletion, a retention and a handover notice', () => {
    expect(parseNotice('{"kind":"wanted","sessionId":"s1"}')).toEqual({ kind: 'wanted', sessionId: 's1' });
    expect(parseNotice('{"kind":"removed","sessionId":"s1"}')).toEqual({ kind: 'removed', sessionId: 's1' });
    expect(parseNotice('{"kind":"retention","sessionId":"s1","by":{"kind":"system"}}')).toEqual({
      kind: 'retention',
      sessionId: 's1',
      by: { kind: 'system' },
    });
  });

  it('ignores what is not a notice this version knows: not JSON, another kind, a missing or wrong field', () => {
    for (const payload of [
      '',
      'removed s1',
      '{"kind":"removed"',
      'null',
      '{"kind":"renamed","sessionId":"s1"}',
      '{"kind":"removed"}',
      '{"kind":"removed","sessionId":7}',
      '{"kind":"retention","sessionId":"s1"}',
      '{"kind":"retention","sessionId":"s1","by":{"kind":"someone"}}',
      '{"kind":"wanted"}',
      '{"kind":"wanted","sessionId":null}',
    ]) {
      expect(parseNotice(payload), payload).toBeNull();
    }
  });
});
