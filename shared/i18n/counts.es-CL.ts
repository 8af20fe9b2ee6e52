/** Counts of one, which read "1 respuesta" rather than "1 respuestas". Spread into es-CL.ts; counts.en.ts mirrors every key. */
export const countsEsCL = {
  'counts.answers.one': '1 respuesta',
};
