import { describe, expect, it } from 'vitest';
import { formatCommitmentCode, normalizeCommitmentCode } from '../../../shared/commitment.ts';
import {
  activeCommitment,
  commitmentCode,
  commitmentReports,
  commitmentTally,
  commitmentText,
  type CommitmentSessionView,
} from '../../../server/domain/commitment.ts';
import { parseAgendaDocument } from '../../../server/domain/agenda-document.ts';
import { AGENDA_FORMAT, AGENDA_VERSION } from '../../../shared/schemas.ts';
import type { CommitmentActivity } from '../../../shared/types.ts';
import { content } from '../fixtures.ts';

const write: CommitmentActivity = { id: 'w', kind: 'commitment', mode: 'write', title: '¿Qué harás?' };
const review: CommitmentActivity = { id: 'r', kind: 'commitment', mode: 'review', section: 'Retomando…', title: 'Tu compromiso' };
const session = (over: Partial<CommitmentSessionView> = {}): CommitmentSessionView => ({
  status: 'open',
  currentActivityId: 'w',
  agenda: [content('c'), write, review],
  ...over,
});
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return null;
};

describe('activeCommitment', () => {
  it('lets a commitment be written only while its activity is on screen in an open session', () => {
    expect(activeCommitment(session(), 'w', 'write')).toBe(write);
    expect(codeOf(() => activeCommitment(session({ currentActivityId: 'c' }), 'w', 'write'))).toBe('ANSWERING_CLOSED');
    expect(codeOf(() => activeCommitment(session({ status: 'closed' }), 'w', 'write'))).toBe('SESSION_CLOSED');
    expect(codeOf(() => activeCommitment(session(), 'nope', 'write'))).toBe('ACTIVITY_NOT_FOUND');
  });

  it('keeps writing and following up apart, and refuses other kinds', () => {
    expect(codeOf(() => activeCommitment(session(), 'w', 'review'))).toBe('NOT_ANSWERABLE');
    expect(codeOf(() => activeCommitment(session({ currentActivityId: 'r' }), 'r', 'write'))).toBe('NOT_ANSWERABLE');
    expect(codeOf(() => activeCommitment(session({ currentActivityId: 'c' }), 'c', 'write'))).toBe('NOT_ANSWERABLE');
  });
});

describe('the short code', () => {
  it('is 8 characters of the unambiguous alphabet, uniform over bytes', () => {
    expect(commitmentCode(new Uint8Array([0, 1, 31, 32, 33, 255, 8, 14]))).toBe('AB9AB9JQ');
    expect(() => commitmentCode(new Uint8Array(3))).toThrow();
  });

  it('is read back however it is typed, and refused when it cannot be one', () => {
    expect(normalizeCommitmentCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(normalizeCommitmentCode('ABCD EFGH')).toBe('ABCDEFGH');
    expect(normalizeCommitmentCode('ABCDEFG')).toBeNull();
    expect(normalizeCommitmentCode('ABCDEFG0')).toBeNull(); // no zero: it reads as an O
    expect(formatCommitmentCode('ABCDEFGH')).toBe('ABCD-EFGH');
  });
});

describe('what the room sees', () => {
  it('counts written commitments, and at a follow-up the answers, by outcome only from 5', () => {
    expect(commitmentTally(write, 3, { done: 0, started: 0, notYet: 0 })).toEqual({ activityId: 'w', mode: 'write', written: 3 });
    expect(commitmentTally(review, 0, { done: 2, started: 1, notYet: 1 })).toEqual({
      activityId: 'r',
      mode: 'review',
      answered: 4,
      outcomes: null,
    });
    expect(commitmentTally(review, 0, { done: 2, started: 2, notYet: 1 })).toEqual({
      activityId: 'r',
      mode: 'review',
      answered: 5,
      outcomes: { done: 2, started: 2, notYet: 1 },
    });
  });

  it('reports each commitment activity at its place, suppressed below 5', () => {
    const reports = commitmentReports(session().agenda, (a) => commitmentTally(a, 7, { done: 1, started: 0, notYet: 0 }));
    expect(reports).toEqual([
      { activityId: 'w', position: 2, section: null, title: '¿Qué harás?', mode: 'write', written: 7 },
      {
        activityId: 'r',
        position: 3,
        section: 'Retomando…',
        title: 'Tu compromiso',
        mode: 'review',
        answered: 1,
        suppressed: true,
        outcomes: null,
      },
    ]);
  });

  it('stores a text trimmed and refuses an empty one', () => {
    expect(commitmentText('  Hablar con mi equipo  ')).toBe('Hablar con mi equipo');
    expect(codeOf(() => commitmentText('   '))).toBe('VALIDATION_FAILED');
  });
});

describe('commitments in an imported agenda', () => {
  let n = 0;
  const newId = () => `id${(n += 1)}`;
  it('takes both modes and names the place of a bad one', () => {
    const parsed = parseAgendaDocument(
      {
        format: AGENDA_FORMAT,
        version: AGENDA_VERSION,
        activities: [
          { kind: 'commitment', mode: 'review', section: 'Retomando…', title: 'Tu compromiso' },
          { kind: 'commitment', mode: 'write', title: '¿Qué harás?' },
        ],
      },
      newId,
    );
    expect(parsed.ok && parsed.activities.map((a) => a.kind === 'commitment' && a.mode)).toEqual(['review', 'write']);
    const bad = parseAgendaDocument(
      { format: AGENDA_FORMAT, version: AGENDA_VERSION, activities: [content('c'), { kind: 'commitment', mode: 'later', title: '' }] },
      newId,
    );
    expect(bad.ok ? [] : bad.problems.map((p) => p.path).sort()).toEqual(['/activities/1/mode', '/activities/1/title']);
  });
});
