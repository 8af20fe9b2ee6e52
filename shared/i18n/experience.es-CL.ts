/**
 * Experience cards and their catalogue: the phone's form, the plenary's cards, the console, the
 * workspace's catalogue. Spread into es-CL.ts; experience.en.ts mirrors every key.
 */
export const experienceEsCL = {
  'kind.experience': 'Experiencias',
  'agenda.addKind.experience': 'Experiencias',
  'agenda.new.experience': 'Cuéntanos una experiencia de tu servicio',
};
