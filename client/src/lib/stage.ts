/**
 * Text sizes of the projected screen's fitted areas (see fit-text.ts), from the screen's height
 * (the window's, or the stage a preview lays out): the same share of the screen at 1280×720 and
 * 1920×1080, so a room reads both.
 */
export type Sizes = { min: number; max: number };

const between = (height: number, minShare: number, floorPx: number, maxShare: number): Sizes => ({
  min: Math.max(floorPx, height * minShare),
  max: height * maxShare,
});

/** A question's options or items: as large as their number allows. */
export const boardSizes = (height = window.innerHeight): Sizes => between(height, 0.02, 13, 0.05);

/** A content slide's points: never above the title's size. */
export const pointSizes = (height = window.innerHeight): Sizes => between(height, 0.022, 14, 0.044);

/** The pillars diagram's words, inside their shapes. */
export const pillarSizes = (height = window.innerHeight): Sizes => between(height, 0.018, 12, 0.042);
