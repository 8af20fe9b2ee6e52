import { describe, expect, it } from 'vitest';
import { answeringOnArrival, stepFrom } from '../../../server/domain/agenda.ts';
import type { AnsweringStatus } from '../../../shared/types.ts';
import { choice, content, rating } from '../fixtures.ts';

const agenda = [content('a'), choice('b', ['x', 'y']), rating('c', ['i'])];

describe('stepFrom', () => {
  it('goes from the join screen (null) to the first activity on next', () => {
    expect(stepFrom(agenda, null, 'next')).toBe('a');
  });

  it('goes back from the first activity to the join screen (null) on previous', () => {
    expect(stepFrom(agenda, 'a', 'previous')).toBeNull();
  });

  it('moves one activity forward and one back in agenda order', () => {
    expect(stepFrom(agenda, 'a', 'next')).toBe('b');
    expect(stepFrom(agenda, 'b', 'next')).toBe('c');
    expect(stepFrom(agenda, 'c', 'previous')).toBe('b');
    expect(stepFrom(agenda, 'b', 'previous')).toBe('a');
  });

  it('stays on the last activity when stepping next past the end', () => {
    expect(stepFrom(agenda, 'c', 'next')).toBe('c');
  });

  it('stays on the join screen when stepping previous from it', () => {
    expect(stepFrom(agenda, null, 'previous')).toBeNull();
  });

  it('stays on the join screen in an empty agenda, whichever the direction', () => {
    expect(stepFrom([], null, 'next')).toBeNull();
    expect(stepFrom([], null, 'previous')).toBeNull();
  });

  it('walks the whole agenda and back again without skipping', () => {
    const forward: Array<string | null> = [];
    let at: string | null = null;
    for (let i = 0; i < agenda.length + 2; i++) forward.push((at = stepFrom(agenda, at, 'next')));
    expect(forward).toEqual(['a', 'b', 'c', 'c', 'c']);
    const back: Array<string | null> = [];
    for (let i = 0; i < agenda.length + 1; i++) back.push((at = stepFrom(agenda, at, 'previous')));
    expect(back).toEqual(['b', 'a', null, null]);
  });
});

describe('answeringOnArrival', () => {
  it('opens a question that was never opened', () => {
    expect(answeringOnArrival(choice('b', ['x', 'y']), 'idle')).toBe('open');
    expect(answeringOnArrival(rating('c', ['i']), 'idle')).toBe('open');
  });

  it('keeps a closed question closed and an open one open', () => {
    expect(answeringOnArrival(choice('b', ['x', 'y']), 'closed')).toBe('closed');
    expect(answeringOnArrival(rating('c', ['i']), 'open')).toBe('open');
  });

  it('never opens a content slide', () => {
    for (const status of ['idle', 'open', 'closed'] as AnsweringStatus[]) {
      expect(answeringOnArrival(content('a'), status)).toBe(status);
    }
  });
});
