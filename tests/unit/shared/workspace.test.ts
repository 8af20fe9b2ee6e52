import { describe, expect, it } from 'vitest';
import { retentionCutoff } from '../../../shared/workspace.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('retentionCutoff', () => {
  it('is the moment that many whole days before now', () => {
    const now = 1_000 * DAY + 123;
    expect(retentionCutoff(30, now)).toBe(970 * DAY + 123);
    expect(retentionCutoff(1, now)).toBe(999 * DAY + 123);
  });
});
