/** Colours of ratings 1 → 5 (light to dark blue), shared by HTML bars and charts. */
export const RATING_COLORS = ['#dce9f7', '#a9c8ec', '#5d9bdb', '#1e6fc0', '#0b3f78'] as const;
/** Text colour readable (AA) on each rating colour. */
export const RATING_TEXT = ['#0b1f33', '#0b1f33', '#0b1f33', '#ffffff', '#ffffff'] as const;
