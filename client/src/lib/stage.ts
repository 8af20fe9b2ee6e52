/**
 * Text sizes of the projected screen's fitted areas (see fit-text.ts), from the window's
 * height: the same share of the screen at 1280×720 and 1920×1080, so a room reads both.
 */
type Sizes = { min: number; max: number };

const between = (minShare: number, floorPx: number, maxShare: number): Sizes => ({
  min: Math.max(floorPx, window.innerHeight * minShare),
  max: window.innerHeight * maxShare,
});

/** A question's options or items: as large as their number allows. */
export const boardSizes = (): Sizes => between(0.02, 13, 0.05);

/** A content slide's points: never above the title's size. */
export const pointSizes = (): Sizes => between(0.022, 14, 0.044);

/** The pillars diagram's words, inside their shapes. */
export const pillarSizes = (): Sizes => between(0.018, 12, 0.042);
