import { describe, expect, it } from 'vitest';
import { isQuestion } from '../../../shared/agenda.ts';
import { choice, content, rating } from '../fixtures.ts';

describe('isQuestion', () => {
  it('counts choice and rating activities as questions, content slides not', () => {
    expect(isQuestion(content('a'))).toBe(false);
    expect(isQuestion(choice('b', ['x', 'y']))).toBe(true);
    expect(isQuestion(rating('c', ['i']))).toBe(true);
  });
});
