import { describe, expect, it } from 'vitest';
import { commentToStore } from '../../../server/domain/comments.ts';
import { AppError } from '../../../shared/errors.ts';
import { breakout, choice, content, synthesis } from '../fixtures.ts';

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
};

describe('commentToStore', () => {
  it('keeps the text trimmed, and removes the comment when nothing is left', () => {
    expect(commentToStore(choice('q', ['a', 'b']), '  La mayoría eligió «Nada».\n')).toBe('La mayoría eligió «Nada».');
    expect(commentToStore(choice('q', ['a', 'b']), ' \n ')).toBeNull();
  });

  it('takes comments on questions, breakouts and syntheses, not on slides or unknown activities', () => {
    expect(codeOf(() => commentToStore(breakout('b'), 'Las salas conversaron bien.'))).toBeNull();
    expect(codeOf(() => commentToStore(synthesis('s'), 'Piden formación.'))).toBeNull();
    expect(codeOf(() => commentToStore(content('c'), 'Nota'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => commentToStore(undefined, 'Nota'))).toBe('ACTIVITY_NOT_FOUND');
  });
});
