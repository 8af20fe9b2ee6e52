import { describe, expect, it } from 'vitest';
import { followScrollTop } from '../../../client/src/lib/agenda-scroll.ts';

// An agenda box 600 px tall over 2000 px of items 60 px tall.
const box = (scrollTop: number) => ({ scrollTop, clientHeight: 600, scrollHeight: 2000 });
const item = (index: number) => ({ top: index * 60, height: 60 });

describe('followScrollTop', () => {
  it('leaves the agenda where it is while the current item is well inside it', () => {
    expect(followScrollTop(box(0), item(3))).toBeNull();
    expect(followScrollTop(box(600), item(14))).toBeNull();
  });

  it('brings an item below the box up to a third of the way down', () => {
    // Item 12 (top 720) is out of sight from the top: it lands at 720 − (600 − 60) / 3 = 540.
    expect(followScrollTop(box(0), item(12))).toBe(540);
  });

  it('brings an item at the bottom edge into sight too, not only one fully hidden', () => {
    expect(followScrollTop(box(0), item(9))).toBe(360);
  });

  it('brings an item above the box back down, and never scrolls above the top', () => {
    expect(followScrollTop(box(900), item(5))).toBe(120);
    expect(followScrollTop(box(900), item(0))).toBe(0);
  });

  it('never scrolls past the end of the list', () => {
    expect(followScrollTop(box(0), item(32))).toBe(1400);
  });
});
