import { describe, expect, it } from 'vitest';
import { assertAnswerAccepted } from '../../../server/domain/answers.ts';
import { AppError, type ErrorCode } from '../../../shared/errors.ts';
import type { Activity, AnswerValue, AnsweringStatus } from '../../../shared/types.ts';
import { choice, content, rating } from '../fixtures.ts';

/** The AppError code thrown by assertAnswerAccepted, or null when the answer is accepted. */
function verdict(activity: Activity, status: AnsweringStatus, value: AnswerValue): ErrorCode | null {
  try {
    assertAnswerAccepted(activity, status, value);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
}

const single = choice('q1', ['si', 'no']);
const multi = choice('q2', ['a', 'b', 'c'], true);
const scale = rating('q3', ['liderazgo', 'normativo', 'servicios']);

describe('assertAnswerAccepted', () => {
  describe('which activities take answers, and when', () => {
    it('refuses any answer to a content slide with NOT_ANSWERABLE, even while "open"', () => {
      expect(verdict(content('c'), 'open', { kind: 'choice', optionIds: ['si'] })).toBe('NOT_ANSWERABLE');
      expect(verdict(content('c'), 'idle', { kind: 'rating', ratings: { x: 3 } })).toBe('NOT_ANSWERABLE');
    });

    it('refuses answers to a question never opened with ANSWERING_CLOSED', () => {
      expect(verdict(single, 'idle', { kind: 'choice', optionIds: ['si'] })).toBe('ANSWERING_CLOSED');
    });

    it('refuses answers to a closed question with ANSWERING_CLOSED', () => {
      expect(verdict(single, 'closed', { kind: 'choice', optionIds: ['si'] })).toBe('ANSWERING_CLOSED');
      expect(verdict(scale, 'closed', { kind: 'rating', ratings: { liderazgo: 4 } })).toBe('ANSWERING_CLOSED');
    });

    it('checks that answering is open before looking at the answer itself', () => {
      expect(verdict(single, 'closed', { kind: 'choice', optionIds: ['nope'] })).toBe('ANSWERING_CLOSED');
    });

    it('refuses an answer of the wrong kind with INVALID_ANSWER', () => {
      expect(verdict(single, 'open', { kind: 'rating', ratings: { si: 3 } })).toBe('INVALID_ANSWER');
      expect(verdict(scale, 'open', { kind: 'choice', optionIds: ['liderazgo'] })).toBe('INVALID_ANSWER');
    });
  });

  describe('single choice', () => {
    it('accepts exactly one known option', () => {
      expect(verdict(single, 'open', { kind: 'choice', optionIds: ['no'] })).toBeNull();
    });

    it('refuses two options', () => {
      expect(verdict(single, 'open', { kind: 'choice', optionIds: ['si', 'no'] })).toBe('INVALID_ANSWER');
    });

    it('refuses no option', () => {
      expect(verdict(single, 'open', { kind: 'choice', optionIds: [] })).toBe('INVALID_ANSWER');
    });

    it('refuses an option that is not in the question', () => {
      expect(verdict(single, 'open', { kind: 'choice', optionIds: ['quizas'] })).toBe('INVALID_ANSWER');
    });

    it('refuses the same option twice', () => {
      expect(verdict(single, 'open', { kind: 'choice', optionIds: ['si', 'si'] })).toBe('INVALID_ANSWER');
    });
  });

  describe('multiple choice', () => {
    it('accepts one, several or all known options', () => {
      expect(verdict(multi, 'open', { kind: 'choice', optionIds: ['b'] })).toBeNull();
      expect(verdict(multi, 'open', { kind: 'choice', optionIds: ['a', 'c'] })).toBeNull();
      expect(verdict(multi, 'open', { kind: 'choice', optionIds: ['c', 'b', 'a'] })).toBeNull();
    });

    it('refuses duplicate option ids', () => {
      expect(verdict(multi, 'open', { kind: 'choice', optionIds: ['a', 'b', 'a'] })).toBe('INVALID_ANSWER');
    });

    it('refuses a set with one unknown option among known ones', () => {
      expect(verdict(multi, 'open', { kind: 'choice', optionIds: ['a', 'z'] })).toBe('INVALID_ANSWER');
    });

    it('takes an exclusive option alone, and refuses it combined as a malformed payload', () => {
      const nothing = { ...multi, options: [{ id: 'nada', label: 'Nada', exclusive: true }, ...multi.options] };
      expect(verdict(nothing, 'open', { kind: 'choice', optionIds: ['nada'] })).toBeNull();
      expect(verdict(nothing, 'open', { kind: 'choice', optionIds: ['a', 'b'] })).toBeNull();
      expect(verdict(nothing, 'open', { kind: 'choice', optionIds: ['a', 'nada'] })).toBe('VALIDATION_FAILED');
    });
  });

  describe('rating', () => {
    it('accepts ratings of some items, the others skipped', () => {
      expect(verdict(scale, 'open', { kind: 'rating', ratings: { normativo: 2 } })).toBeNull();
      expect(verdict(scale, 'open', { kind: 'rating', ratings: { liderazgo: 1, normativo: 5, servicios: 3 } })).toBeNull();
    });

    it('refuses an empty rating', () => {
      expect(verdict(scale, 'open', { kind: 'rating', ratings: {} })).toBe('INVALID_ANSWER');
    });

    it('refuses a rating of an item that is not in the question', () => {
      expect(verdict(scale, 'open', { kind: 'rating', ratings: { liderazgo: 3, otro: 4 } })).toBe('INVALID_ANSWER');
    });
  });

  it('gives a human message with every refusal', () => {
    try {
      assertAnswerAccepted(single, 'open', { kind: 'choice', optionIds: ['si', 'no'] });
      expect.unreachable('two options in a single choice must be refused');
    } catch (error) {
      expect((error as AppError).message.length).toBeGreaterThan(0);
      expect((error as AppError).toBody().code).toBe('INVALID_ANSWER');
    }
  });
});
