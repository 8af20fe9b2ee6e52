/**
 * Where a scrolling agenda should stand so the current item is in sight with what came just
 * before it: the item a third of the way down, unless it is already well inside the box.
 * Positions are the item's top and height inside the box's scrolled content; null: leave it.
 */
export function followScrollTop(
  box: { scrollTop: number; clientHeight: number; scrollHeight: number },
  item: { top: number; height: number },
): number | null {
  const margin = Math.min(item.height, box.clientHeight / 4);
  const inSight = item.top - margin >= box.scrollTop && item.top + item.height + margin <= box.scrollTop + box.clientHeight;
  if (inSight) return null;
  const target = item.top - (box.clientHeight - item.height) / 3;
  return Math.round(Math.max(0, Math.min(target, box.scrollHeight - box.clientHeight)));
}

/** The nearest ancestor that scrolls vertically, or null (the page scrolls). */
export function scrollingAncestor(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if ((overflowY === 'auto' || overflowY === 'scroll') && node.scrollHeight > node.clientHeight) return node;
  }
  return null;
}
