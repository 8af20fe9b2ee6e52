import type { countsEsCL } from './counts.es-CL.ts';

/** English for counts.es-CL.ts. */
export const countsEn: Record<keyof typeof countsEsCL, string> = {
  'counts.answers.one': '1 answer',
};
