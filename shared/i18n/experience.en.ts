import type { experienceEsCL } from './experience.es-CL.ts';

/** Experience cards in English: every key of experience.es-CL.ts (checked at compile time). */
export const experienceEn: Record<keyof typeof experienceEsCL, string> = {
  'kind.experience': 'Experiences',
  'agenda.addKind.experience': 'Experiences',
  'agenda.new.experience': 'Tell us about an experience of your agency',
};
