/**
 * Text that fills its box: the largest font size between `min` and `max` (px) at which the
 * element's content fits without overflowing, found by bisection. Re-fits when the box is
 * resized; the attachment is re-made when the text changes (pass it as `key`). Content that
 * does not fit even at `min` overflows, and the box's CSS decides how (clip, fade, scroll).
 */
import type { Attachment } from 'svelte/attachments';

/** Font sizes tried, to within this many pixels. */
const PRECISION_PX = 0.5;

/** The largest size in [min, max] for which `fits(size)` holds, or min when none does. */
export function largestFitting(min: number, max: number, fits: (size: number) => boolean, precision = PRECISION_PX): number {
  if (max <= min || fits(max)) return Math.max(min, max);
  let low = min;
  let high = max;
  while (high - low > precision) {
    const middle = (low + high) / 2;
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

export function fitText(key: unknown, sizes: () => { min: number; max: number }): Attachment<HTMLElement> {
  return (element) => {
    void key;
    const fit = () => {
      const { min, max } = sizes();
      const fits = (size: number): boolean => {
        element.style.fontSize = `${size}px`;
        return element.scrollHeight <= element.clientHeight && element.scrollWidth <= element.clientWidth;
      };
      element.style.fontSize = `${largestFitting(min, max, fits)}px`;
    };
    fit();
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    });
    observer.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  };
}
