/**
 * What the rehearsal's simulated participants say (`npm run demo`, see demo.ts): display
 * names, how they tend to answer, and the secretaries' syntheses. The syntheses take the
 * voice of the agency case in the seeds (IPS, "Plan IPS Conversa, Contiene y Cobija"), so
 * that the plenary screen reads like a real workshop. Keyed by the ids of the
 * `bienestar-sesion-2` template; anything not listed here gets a neutral fallback.
 */

/** Names a few participants type when joining; most stay anonymous. */
export const DISPLAY_NAMES = [
  'Carolina',
  'Jorge M.',
  'Paz',
  'Cristián',
  'Francisca R.',
  'Rodrigo',
  'Daniela',
  'Felipe S.',
  'Valentina',
  'Claudia P.',
  'Patricio',
  'Javiera',
  'Gonzalo',
  'Loreto F.',
  'Andrés',
  'Macarena',
  'Sebastián T.',
  'Constanza',
  'Mauricio',
  'Ximena',
] as const;

/**
 * How likely each option is to be ticked. For a multiple-choice question each option is an
 * independent chance; for a single-choice one these are relative weights.
 */
export const CHOICE_WEIGHTS: Readonly<Record<string, number>> = {
  // "¿Qué me ha pasado desde la primera sesión?"
  nada: 0.07,
  pensando: 0.45,
  realizando: 0.35,
  contar: 0.22,
  escuchar: 0.4,
  // "¿Coyuntural o estructural?": most rooms lean structural, many answer "ambas".
  coyuntural: 0.2,
  estructural: 0.45,
  ambas: 0.35,
};

/** Relative weights of the ratings 1…5 per axis: how far each agency feels it has come. */
export const RATING_WEIGHTS: Readonly<Record<string, readonly [number, number, number, number, number]>> = {
  liderazgo: [1, 3, 4, 3, 1],
  normativo: [3, 4, 3, 1, 0.3],
  servicios: [1, 2, 4, 4, 2],
  promocion: [1, 2, 3, 4, 2],
  informacion: [4, 4, 2, 1, 0.3],
};
export const DEFAULT_RATING_WEIGHTS = [1, 2, 3, 2, 1] as const;

/** The broadcast to every sala near the end of the discussion. */
export const BROADCAST = 'Quedan 5 minutos';

/** Session title of a rehearsal. */
export const SESSION_TITLE = 'Ensayo · Gestión del Bien-Estar psicológico — Sesión 2';
/** The next session of the series, with `--next-session`. */
export const NEXT_SESSION_TITLE = 'Ensayo · Gestión del Bien-Estar psicológico — Sesión 3';
export const SERIES_TITLE = 'Ensayo · Bienestar psicológico — Región de Valparaíso';

/** Short answers for an open question, should the template have one. */
export const OPEN_ANSWERS = [
  'Conversar',
  'Contener',
  'Cobijar',
  'Autocuidado',
  'Escucha activa',
  'Contención emocional',
  'Desgaste laboral',
  'Teletrabajo',
  'Redes entre servicios',
  'Liderazgo cercano',
  'Higiene emocional',
  'No perder lo aprendido',
] as const;

/** Question 1, "en una frase, ¿qué hemos hecho?": one sentence per sala. */
const EXPERIENCES = [
  'Armamos una mesa transversal de trabajo y un plan propio con tres pilares: conversar, contener y cobijar a funcionarios y funcionarias.',
  'Capacitamos a las jefaturas de la red de atención en contención emocional y entregamos herramientas de autocuidado a todo el personal.',
  'Abrimos espacios de conversación por equipo y levantamos información con focus groups para saber cómo estaba realmente la gente.',
  'Activamos contención emocional caso a caso para quienes lo pasaron mal, coordinada por las contrapartes regionales.',
  'Con el Servicio de Bienestar entregamos ayudas sociales a las familias que perdieron ingresos durante la pandemia.',
  'Ordenamos el trabajo remoto y los turnos híbridos con órdenes de servicio claras, para dar certezas a los equipos.',
  'Acompañamos a las sucursales expuestas a estrés y maltrato de usuarios, y reforzamos su seguridad.',
  'Habilitamos equipos para teletrabajo y capacitamos en Teams, aunque en salud mental hemos sido más reactivos que preventivos.',
];

/** Question 2, per axis: the challenges a sala names. */
const CHALLENGES: Readonly<Record<string, readonly string[]>> = {
  liderazgo: [
    'Que las jefaturas intermedias se hagan cargo del bienestar de sus equipos y no solo de las metas.',
    'Pasar de iniciativas aisladas a una estrategia con responsables y presupuesto en la alta dirección.',
    'Sostener la mesa transversal cuando pase la emergencia; hoy depende de la voluntad de pocas personas.',
    'Coaching para jefaturas, para que sepan contener a sus equipos sin desgastarse ellas mismas.',
  ],
  normativo: [
    'Regular el teletrabajo en el sector público más allá del criterio sanitario, pensando en conciliar vida familiar, laboral y personal.',
    'Convertir las órdenes de servicio de la pandemia en procedimientos permanentes y conocidos por todos.',
    'Un protocolo institucional de salud mental y de actuación frente al maltrato de usuarios.',
    'Revisar la jornada laboral y los turnos híbridos con reglas claras y parejas entre regiones.',
  ],
  servicios: [
    'Contención emocional oportuna también en regiones, no solo en el nivel central.',
    'Un programa estable de atención psicológica, no solo auxilios psicológicos en la crisis.',
    'Sostener la calidad de atención con una demanda digital que creció más de 600 %, sin agotar a los equipos.',
    'Que el apoyo económico y social del Servicio de Bienestar llegue a tiempo a quien lo necesita.',
  ],
  promocion: [
    'Instalar la higiene emocional y el autocuidado como rutina de los equipos, no como un taller suelto.',
    'Prevenir el desgaste laboral en las sucursales con más exposición a estrés y maltrato.',
    'Espacios regulares de conversación entre pares: la gente quiere ser escuchada.',
    'No perder lo aprendido: pausas, reuniones más cortas y derecho a desconexión.',
  ],
  informacion: [
    'Medir periódicamente el bienestar de funcionarios y funcionarias, con indicadores comparables en el tiempo.',
    'Sistematizar lo que hicimos en pandemia para no partir de cero la próxima vez.',
    'Cruzar licencias médicas y ausentismo con carga de trabajo, cuidando la confidencialidad.',
    'Un registro de las instancias de contención que permita seguimiento sin exponer a las personas.',
  ],
};

/** Question 3: what the sala expects from Servicio Civil, and the kinds of support it ticks. */
const SUPPORT: ReadonlyArray<{ text: string; kinds: readonly string[] }> = [
  {
    text: 'Formación para jefaturas en liderazgo y contención, y una red entre servicios para compartir experiencias como la del IPS.',
    kinds: ['formacion', 'redes'],
  },
  {
    text: 'Sistematizar y difundir lo que han hecho otros servicios, y orientación sobre cómo medir el bienestar.',
    kinds: ['sistematizacion', 'informacion'],
  },
  {
    text: 'Información clara sobre el marco normativo del teletrabajo y formación en autocuidado para los equipos.',
    kinds: ['informacion', 'formacion'],
  },
  {
    text: 'Una red de encargados(as) de calidad de vida entre servicios, y asesoría para diseñar un plan propio.',
    kinds: ['redes', 'otro'],
  },
  {
    text: 'Formación, sistematización de experiencias y una instancia permanente de intercambio entre servicios.',
    kinds: ['formacion', 'sistematizacion', 'redes'],
  },
];

const at = <T>(list: readonly T[], index: number): T => list[index % list.length]!;

/**
 * A sala's text for one field of its synthesis: a guide question id, or "questionId.itemId"
 * for a part of one. Salas are offset so that neighbouring cards differ.
 */
export function fieldText(fieldKey: string, salaIndex: number): string {
  const [questionId, itemId] = fieldKey.split('.') as [string, string | undefined];
  if (questionId === 'experiencias') return at(EXPERIENCES, salaIndex);
  if (questionId === 'apoyo') return at(SUPPORT, salaIndex).text;
  if (itemId !== undefined) {
    const pool = CHALLENGES[itemId];
    // A different offset per axis, so one sala's row is not the same line of every pool.
    if (pool) return at(pool, salaIndex + itemId.length);
  }
  return at(EXPERIENCES, salaIndex + 3);
}

/** The support kinds a sala ticks (ids of the question's `supportOptions`). */
export function supportKinds(salaIndex: number): readonly string[] {
  return at(SUPPORT, salaIndex).kinds;
}

/** The facilitator's "Comentarios y análisis" after each result, by kind of activity. */
export const COMMENTS: Readonly<Record<'choice' | 'rating' | 'ranking' | 'points' | 'open' | 'breakout' | 'synthesis' | 'qa', string>> = {
  choice: 'Pocas personas marcaron «Nada»: lo conversado en la primera sesión sigue trabajando. Retomar esto al cierre.',
  rating: 'Promoción y prevención aparece como lo más avanzado; los sistemas de información, lo más rezagado.',
  ranking: 'Los sistemas de información quedan primeros en la prioridad: coincide con lo que la escala mostró como más rezagado.',
  points: 'La mayor parte de los puntos se va a información y liderazgo; lo normativo recibe poco.',
  open: 'Las respuestas hablan de cansancio, pero también de ganas de seguir.',
  breakout: 'Las salas conversaron todo el tiempo; algunas pidieron más minutos.',
  synthesis: 'Las salas piden sobre todo formación y redes. Llevar esto a la sesión 3 de la serie.',
  qa: 'Las preguntas más votadas son sobre formación y tiempos: responderlas por escrito después del taller.',
};
