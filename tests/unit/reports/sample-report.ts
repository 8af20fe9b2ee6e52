/**
 * Report models for the renderers' tests: a played session (with accents, a sala below the
 * small-group minimum, and texts that look like spreadsheet formulas), an empty one, and a series.
 */
import { AXES } from '../../../shared/axes.ts';
import {
  REPORT_VERSION,
  SERIES_REPORT_FORMAT,
  SESSION_REPORT_FORMAT,
  type SeriesReport,
  type SessionReport,
  type SynthesisReport,
} from '../../../shared/report.ts';

const axisItems = (shift: number) =>
  AXES.map((axis, index) => {
    const counts = [1, 2 + index, 4, 3 + shift, 2 + shift];
    const n = counts.reduce((sum, c) => sum + c, 0);
    const mean = counts.reduce((sum, c, i) => sum + c * (i + 1), 0) / n;
    return { id: axis.id, label: axis.label, counts, n, mean };
  });

const synthesis = (suffix: string): SynthesisReport => ({
  activityId: `synth${suffix}`,
  position: 10,
  title: 'Síntesis de cada sala',
  breakoutActivityId: `break${suffix}`,
  phase: 'closed',
  fields: [
    { key: 'experiencias', label: '¿Qué experiencias significativas hemos vivido?' },
    ...AXES.map((axis) => ({ key: `desafios.${axis.id}`, label: `¿Qué desafíos vemos? — ${axis.label}` })),
    { key: 'apoyo', label: '¿Qué apoyo requerimos del Servicio Civil?' },
  ],
  supportCounts: [
    { id: 'informacion', label: 'Información', count: 2 },
    { id: 'formacion', label: 'Formación', count: 3 },
    { id: 'redes', label: 'Redes de apoyo', count: 1 },
  ],
  salas: [
    {
      salaId: 's1',
      salaName: 'Sala 1',
      status: 'submitted',
      submittedAt: '2026-11-20T15:40:00.000Z',
      firstSavedAt: '2026-11-20T15:05:00.000Z',
      hidden: false,
      texts: [
        { key: 'experiencias', text: 'Pausas activas en la mañana; un espacio de conversación semanal con la jefatura.' },
        ...AXES.map((axis) => ({
          key: `desafios.${axis.id}`,
          text:
            axis.id === 'liderazgo'
              ? '=HYPERLINK("http://x.example","clic")'
              : `Desafío en ${axis.label.toLowerCase()}: más tiempo protegido.`,
        })),
        { key: 'apoyo', text: '+56 9 1234 5678 — acompañamiento en terreno' },
      ],
      support: ['Información', 'Formación'],
    },
    {
      salaId: 's2',
      salaName: 'Sala 2 — Ñuñoa',
      status: 'draft',
      submittedAt: null,
      firstSavedAt: '2026-11-20T15:12:00.000Z',
      hidden: false,
      texts: [
        {
          key: 'experiencias',
          text: '@equipo: compartimos la experiencia del año pasado.\nSegunda línea con tildes: árbol, pingüino, acción.',
        },
        ...AXES.map((axis) => ({ key: `desafios.${axis.id}`, text: '' })),
        { key: 'apoyo', text: '-Capacitación en contención emocional' },
      ],
      support: ['Formación', 'Redes de apoyo'],
    },
    {
      salaId: 's3',
      salaName: 'Sala 3',
      status: 'empty',
      submittedAt: null,
      firstSavedAt: null,
      hidden: true,
      texts: [
        { key: 'experiencias', text: '' },
        ...AXES.map((axis) => ({ key: `desafios.${axis.id}`, text: '' })),
        { key: 'apoyo', text: '' },
      ],
      support: [],
    },
  ],
  facilitatorComments: 'Las salas piden sobre todo formación; volver sobre esto en la sesión 3.',
});

export function sampleSessionReport(): SessionReport {
  return {
    format: SESSION_REPORT_FORMAT,
    version: REPORT_VERSION,
    generatedAt: '2026-11-20T16:00:00.000Z',
    session: {
      id: 'sess1',
      title: 'Bienestar psicológico — Sesión 2 (Valparaíso)',
      code: '482913',
      status: 'closed',
      createdAt: '2026-11-20T14:00:00.000Z',
      closedAt: '2026-11-20T15:55:00.000Z',
      series: { id: 'ser1', title: 'Bienestar psicológico 2026 — Región de Valparaíso' },
      agencies: ['Servicio de Salud Valparaíso', 'Dirección Regional del Trabajo', 'SEREMI de Educación'],
      namesInReports: false,
      participantDataRemovedAt: null,
    },
    participation: { participants: 23, respondents: 21 },
    agencies: [
      {
        name: 'Servicio de Salud Valparaíso',
        suppressed: false,
        participants: 12,
        respondents: 11,
        ratings: [
          { activityId: 'q2', suppressed: false, respondents: 10, items: AXES.map((a, i) => ({ id: a.id, n: 10, mean: 2.1 + i * 0.3 })) },
        ],
      },
      { name: 'Dirección Regional del Trabajo', suppressed: true, participants: null, respondents: null, ratings: [] },
      {
        name: 'SEREMI de Educación',
        suppressed: false,
        participants: 7,
        respondents: 6,
        ratings: [{ activityId: 'q2', suppressed: true, respondents: null, items: null }],
      },
    ],
    agenda: [],
    questions: [
      {
        activityId: 'q1',
        position: 2,
        section: 'Retomando…',
        premise: null,
        title: '¿Qué me ha pasado desde la primera sesión?',
        body: null,
        respondents: 20,
        facilitatorComments:
          'La mayoría se quedó pensando; pocas personas eligieron «Nada».\nComentar que lo que ya hacen cuenta como avance.',
        kind: 'choice',
        multiple: true,
        options: [
          { id: 'nada', label: 'Nada', count: 2, share: 0.1 },
          { id: 'pensando', label: 'Me quedé pensando', count: 12, share: 0.6 },
          { id: 'realizando', label: 'Comencé a realizar algunas cosas', count: 9, share: 0.45 },
          { id: 'contar', label: 'Quedé con ganas de contar lo que estamos haciendo', count: 5, share: 0.25 },
        ],
      },
      {
        activityId: 'q2',
        position: 8,
        section: null,
        premise: null,
        title: 'De acuerdo con nuestra experiencia, ¿cuánto hemos avanzado en cada nivel?',
        body: null,
        respondents: 21,
        facilitatorComments: null,
        kind: 'rating',
        minLabel: 'Nada',
        maxLabel: 'Mucho',
        fiveAxes: true,
        items: axisItems(0),
      },
      {
        activityId: 'q3',
        position: 9,
        section: null,
        premise: 'Antes de empezar, una palabra.',
        title: 'En una palabra, ¿cómo llegas hoy?',
        body: null,
        respondents: 6,
        facilitatorComments: '=SUM(A1) no es una fórmula: es un comentario',
        kind: 'open',
        answers: ['Cansada pero con ánimo', 'Esperanzado', '=1+1', 'Con ganas de aprender', 'Tranquilo', 'Ansiosa'],
        hiddenCount: 1,
        words: [
          { word: 'ganas', count: 1 },
          { word: 'esperanzado', count: 1 },
          { word: 'tranquilo', count: 1 },
        ],
      },
    ],
    breakouts: [
      {
        activityId: 'break1',
        position: 9,
        title: 'Trabajaremos en grupos por “salas”',
        phase: 'closed',
        discussionSeconds: 1800,
        returnSeconds: 60,
        facilitatorComments: null,
        salas: [
          {
            id: 's1',
            name: 'Sala 1',
            members: 8,
            roles: { moderator: true, secretary: true },
            memberNames: null,
            ratings: [
              { activityId: 'q2', suppressed: false, respondents: 7, items: AXES.map((a, i) => ({ id: a.id, n: 7, mean: 2.5 + i * 0.2 })) },
            ],
            rankings: [],
            points: [],
            turns: 12,
          },
          {
            id: 's2',
            name: 'Sala 2 — Ñuñoa',
            members: 8,
            roles: { moderator: true, secretary: false },
            memberNames: null,
            ratings: [
              { activityId: 'q2', suppressed: false, respondents: 8, items: AXES.map((a, i) => ({ id: a.id, n: 8, mean: 3 + i * 0.1 })) },
            ],
            rankings: [],
            points: [],
            turns: 7,
          },
          {
            id: 's3',
            name: 'Sala 3',
            members: 4,
            roles: { moderator: false, secretary: false },
            memberNames: null,
            ratings: [{ activityId: 'q2', suppressed: true, respondents: null, items: null }],
            rankings: [],
            points: [],
            turns: 0,
          },
        ],
      },
    ],
    syntheses: [synthesis('1')],
    commitments: [
      {
        activityId: 'commit-review',
        position: 1,
        section: 'Retomando',
        title: '¿Cumpliste tu compromiso?',
        mode: 'review',
        answered: 7,
        suppressed: false,
        outcomes: { done: 3, started: 2, notYet: 2 },
      },
      {
        activityId: 'commit-review-2',
        position: 3,
        section: null,
        title: 'Segundo repaso',
        mode: 'review',
        answered: 3,
        suppressed: true,
        outcomes: null,
      },
      {
        activityId: 'commit-write',
        position: 12,
        section: 'Cierre',
        title: '¿Qué harás antes de la próxima sesión?',
        mode: 'write',
        written: 9,
      },
    ],
    experiences: [
      {
        id: 'card-1',
        activityId: 'syn',
        position: 7,
        salaName: 'Sala 1',
        agency: 'Instituto de Previsión Social',
        name: 'Plan IPS Conversa, Contiene y Cobija',
        axes: ['promocion', 'servicios'],
        approach: 'both',
        reach: { count: 1332, unit: 'personas' },
        since: { year: 2021, month: 4 },
        lesson: 'Contener primero, derivar después.',
        contact: { unit: 'Unidad de Calidad de Vida', email: 'calidaddevida@ips.gob.cl' },
        createdAt: '2026-11-20T15:10:00.000Z',
      },
    ],
    timings: [
      {
        activityId: 'q1',
        position: 2,
        kind: 'choice',
        title: '¿Qué me ha pasado desde la primera sesión?',
        firstShownAt: '2026-11-20T14:05:00.000Z',
        answeringOpenedAt: '2026-11-20T14:05:00.000Z',
        answeringClosedAt: '2026-11-20T14:08:00.000Z',
        phases: [],
      },
      {
        activityId: 'break1',
        position: 9,
        kind: 'breakout',
        title: 'Trabajaremos en grupos por “salas”',
        firstShownAt: '2026-11-20T14:40:00.000Z',
        answeringOpenedAt: null,
        answeringClosedAt: null,
        phases: [
          { phase: 'intro', at: '2026-11-20T14:41:00.000Z' },
          { phase: 'discussion', at: '2026-11-20T14:46:00.000Z' },
          { phase: 'closed', at: '2026-11-20T15:20:00.000Z' },
        ],
      },
    ],
    supportRegister: [
      {
        salaName: 'Sala 1',
        kind: { id: 'formacion', label: 'Formación' },
        text: 'Talleres para jefaturas',
        agencies: ['Instituto de Previsión Social'],
        status: 'en-curso',
        note: 'Curso de contención emocional en marzo',
        updatedAt: '2026-11-25T12:00:00.000Z',
      },
      {
        salaName: 'Sala 2',
        kind: null,
        text: '=Más tiempo para pausas activas',
        agencies: [],
        status: 'recibido',
        note: '',
        updatedAt: '2026-11-20T15:30:00.000Z',
      },
    ],
  };
}

/** A session nobody joined: still a valid file in every format. */
export function emptySessionReport(): SessionReport {
  const report = sampleSessionReport();
  return {
    ...report,
    session: { ...report.session, series: null, agencies: [], status: 'open', closedAt: null },
    participation: { participants: 0, respondents: 0 },
    agencies: [],
    questions: [],
    breakouts: [],
    syntheses: [],
    commitments: [],
    experiences: [],
    timings: [],
    supportRegister: [],
  };
}

export function sampleSeriesReport(): SeriesReport {
  const first = axisItems(0);
  const second = axisItems(2);
  return {
    format: SERIES_REPORT_FORMAT,
    version: REPORT_VERSION,
    generatedAt: '2026-11-21T10:00:00.000Z',
    series: { id: 'ser1', title: 'Bienestar psicológico 2026 — Región de Valparaíso' },
    sessions: [
      {
        id: 'a',
        title: 'Sesión 1',
        createdAt: '2026-10-20T14:00:00.000Z',
        agencies: ['Servicio de Salud Valparaíso'],
        participation: { participants: 18, respondents: 17 },
      },
      {
        id: 'b',
        title: 'Sesión 2',
        createdAt: '2026-11-20T14:00:00.000Z',
        agencies: ['Servicio de Salud Valparaíso', 'SEREMI de Educación'],
        participation: { participants: 23, respondents: 21 },
      },
    ],
    axes: AXES.map((axis, index) => ({
      id: axis.id,
      label: axis.label,
      sessions: [
        { sessionId: 'a', counts: first[index]!.counts, n: first[index]!.n, mean: first[index]!.mean, change: null },
        {
          sessionId: 'b',
          counts: second[index]!.counts,
          n: second[index]!.n,
          mean: second[index]!.mean,
          change: second[index]!.mean - first[index]!.mean,
        },
      ],
    })),
    agencies: [
      {
        name: 'Servicio de Salud Valparaíso',
        sessions: [
          {
            sessionId: 'a',
            suppressed: false,
            participants: 9,
            respondents: 9,
            items: AXES.map((a, i) => ({ id: a.id, n: 9, mean: 2 + i * 0.2 })),
          },
          {
            sessionId: 'b',
            suppressed: false,
            participants: 12,
            respondents: 11,
            items: AXES.map((a, i) => ({ id: a.id, n: 10, mean: 2.1 + i * 0.3 })),
          },
        ],
      },
      {
        name: 'SEREMI de Educación',
        sessions: [{ sessionId: 'b', suppressed: true, participants: null, respondents: null, items: null }],
      },
    ],
    comparisons: [
      {
        kind: 'ranking',
        title: 'Prioricen los desafíos',
        items: ['Carga de trabajo', 'Liderazgo', 'Reconocimiento'],
        sessions: [
          {
            sessionId: 'a',
            activityId: 'rank1',
            suppressed: false,
            n: 12,
            items: [
              { label: 'Carga de trabajo', meanPosition: 1.25, firstShare: 0.75 },
              { label: 'Liderazgo', meanPosition: 2.5, firstShare: 0.25 },
              { label: 'Reconocimiento', meanPosition: 2.25, firstShare: 0 },
            ],
          },
          { sessionId: 'b', activityId: 'rank1', suppressed: true, n: null, items: null },
        ],
      },
      {
        kind: 'points',
        title: 'Repartan 100 puntos',
        budget: 100,
        items: ['Información', 'Formación'],
        sessions: [
          {
            sessionId: 'a',
            activityId: 'pts1',
            suppressed: false,
            n: 10,
            items: [
              { label: 'Información', meanPoints: 62.5 },
              { label: 'Formación', meanPoints: 37.5 },
            ],
          },
          {
            sessionId: 'b',
            activityId: 'pts1',
            suppressed: false,
            n: 8,
            items: [
              { label: 'Información', meanPoints: 41 },
              { label: 'Formación', meanPoints: 59 },
            ],
          },
        ],
      },
    ],
    support: [
      {
        sessionId: 'a',
        counts: [
          { id: 'informacion', label: 'Información', count: 1 },
          { id: 'formacion', label: 'Formación', count: 2 },
        ],
      },
      {
        sessionId: 'b',
        counts: [
          { id: 'informacion', label: 'Información', count: 2 },
          { id: 'formacion', label: 'Formación', count: 3 },
        ],
      },
    ],
    syntheses: [
      { sessionId: 'a', syntheses: [synthesis('a')] },
      { sessionId: 'b', syntheses: [synthesis('b')] },
    ],
  };
}
