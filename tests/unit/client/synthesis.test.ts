import { describe, expect, it } from 'vitest';
import { breakoutFor } from '../../../shared/agenda.ts';
import type { BreakoutActivity, SalaSynthesis, SynthesisView } from '../../../shared/types.ts';
import {
  bestColumns,
  cardGrid,
  hasContent,
  hasOverview,
  isNewerSynthesis,
  plenaryScreen,
  plenarySteps,
  ratingBefore,
  sameContent,
  stepPlenary,
  supportTally,
  synthesisAsText,
  synthesisFields,
  withField,
  withSupport,
} from '../../../client/src/lib/synthesis.ts';
import { choice, content, rating } from '../fixtures.ts';

const SUPPORT = [
  { id: 'informacion', label: 'Información' },
  { id: 'formacion', label: 'Formación' },
  { id: 'redes', label: 'Generación de redes' },
];

const breakout: BreakoutActivity = {
  id: 'b1',
  kind: 'breakout',
  title: 'Salas',
  instructions: [],
  sizing: { by: 'size', size: 6 },
  mode: 'random',
  questions: [
    { id: 'experiencias', text: '¿Qué hemos hecho?' },
    {
      id: 'desafios',
      text: '¿Desafíos en…?',
      items: [
        { id: 'liderazgo', label: 'Liderazgo y gobernanza' },
        { id: 'normativo', label: 'Desarrollo normativo' },
      ],
    },
    { id: 'apoyo', text: '¿Qué apoyo esperamos?', supportOptions: SUPPORT },
  ],
  discussionSeconds: 2400,
  returnSeconds: 90,
};

const sala = (salaId: string, patch: Partial<SalaSynthesis> = {}): SalaSynthesis => ({
  salaId,
  version: 1,
  submittedAt: null,
  hidden: false,
  updatedAt: 1,
  firstSavedAt: 1,
  content: { fields: { experiencias: `texto de ${salaId}` }, support: [] },
  ...patch,
});

const view = (patch: Partial<SynthesisView> = {}): SynthesisView => ({
  activityId: 'syn',
  breakoutActivityId: 'b1',
  phase: 'writing',
  timer: { deadline: 10_000, pausedRemainingMs: null, serverNow: 1_000 },
  focus: { fieldKey: null, spotlightSalaId: null },
  salas: [sala('s1'), sala('s2')],
  ended: null,
  ...patch,
});

describe('synthesisFields', () => {
  it('has a field per guide question, and per part where a question has parts (as the server)', () => {
    expect(synthesisFields(breakout).map((field) => [field.key, field.number, field.itemLabel])).toEqual([
      ['experiencias', 1, null],
      ['desafios.liderazgo', 2, 'Liderazgo y gobernanza'],
      ['desafios.normativo', 2, 'Desarrollo normativo'],
      ['apoyo', 3, null],
    ]);
  });
});

describe('breakoutFor and ratingBefore', () => {
  it('find the nearest breakout (and rating) before an activity', () => {
    const agenda = [
      rating('r1', ['a']),
      breakout,
      content('c'),
      { id: 'syn', kind: 'synthesis' as const, title: 'Síntesis', seconds: 300 },
    ];
    expect(breakoutFor(agenda, 'syn')?.id).toBe('b1');
    expect(breakoutFor(agenda, 'b1')).toBeNull();
    expect(ratingBefore(agenda, 'b1')?.id).toBe('r1');
    expect(ratingBefore([choice('q', ['x', 'y'])], 'q')).toBeNull();
  });
});

describe('editing content', () => {
  it('replaces one field, and ticks support kinds in the question’s order', () => {
    const empty = { fields: {}, support: [] };
    expect(withField(empty, 'apoyo', 'más redes').fields).toEqual({ apoyo: 'más redes' });
    const ticked = withSupport(withSupport(empty, 'redes', true, SUPPORT), 'informacion', true, SUPPORT);
    expect(ticked.support).toEqual(['informacion', 'redes']);
    expect(withSupport(ticked, 'redes', false, SUPPORT).support).toEqual(['informacion']);
  });

  it('compares contents by what they say', () => {
    expect(sameContent({ fields: { a: '' }, support: ['x', 'y'] }, { fields: {}, support: ['y', 'x'] })).toBe(true);
    expect(sameContent({ fields: { a: 'uno' }, support: [] }, { fields: { a: 'dos' }, support: [] })).toBe(false);
    expect(sameContent(null, { fields: {}, support: [] })).toBe(true);
    expect(hasContent({ fields: { a: '   ' }, support: [] })).toBe(false);
    expect(hasContent({ fields: {}, support: ['x'] })).toBe(true);
  });

  it('writes a synthesis as plain text, to copy', () => {
    const text = synthesisAsText(
      breakout,
      { fields: { experiencias: 'Pausas', 'desafios.liderazgo': 'Jefaturas' }, support: ['formacion'] },
      'Apoyos',
    );
    expect(text).toBe(
      [
        '1. ¿Qué hemos hecho?',
        'Pausas',
        '2. ¿Desafíos en…?',
        '- Liderazgo y gobernanza: Jefaturas',
        '- Desarrollo normativo: ',
        '3. ¿Qué apoyo esperamos?',
        '',
        'Apoyos: Formación',
      ].join('\n'),
    );
  });
});

describe('the plenary', () => {
  it('steps from the overview through every field and stays at either end', () => {
    const steps = plenarySteps(breakout);
    expect(steps).toEqual([null, 'experiencias', 'desafios.liderazgo', 'desafios.normativo', 'apoyo']);
    expect(stepPlenary(steps, null, 'next')).toBe('experiencias');
    expect(stepPlenary(steps, 'experiencias', 'previous')).toBeNull();
    expect(stepPlenary(steps, null, 'previous')).toBeNull();
    expect(stepPlenary(steps, 'apoyo', 'next')).toBe('apoyo');
  });

  it('shows progress while writing, the overview after, a field or a spotlight when focused', () => {
    expect(plenaryScreen(null)).toBe('pending');
    expect(plenaryScreen(view({ phase: 'pending' }))).toBe('pending');
    expect(plenaryScreen(view())).toBe('progress');
    expect(plenaryScreen(view({ phase: 'closed' }))).toBe('overview');
    expect(plenaryScreen(view({ focus: { fieldKey: 'apoyo', spotlightSalaId: null } }))).toBe('field');
    expect(plenaryScreen(view({ focus: { fieldKey: 'apoyo', spotlightSalaId: 's2' } }))).toBe('spotlight');
    // A spotlight on a sala that is gone falls back.
    expect(plenaryScreen(view({ focus: { fieldKey: 'apoyo', spotlightSalaId: 'gone' } }))).toBe('field');
  });

  it('counts the salas that ticked each support kind, leaving hidden and empty cards out', () => {
    const tally = supportTally(
      breakout,
      view({
        salas: [
          sala('s1', { content: { fields: { apoyo: 'x' }, support: ['informacion', 'redes'] } }),
          sala('s2', { content: { fields: {}, support: ['redes'] } }),
          sala('s3', { hidden: true, content: { fields: {}, support: ['formacion'] } }),
          sala('s4', { version: 0, content: null }),
        ],
      }),
      'Apoyo',
    )!;
    expect(tally.results).toEqual({ kind: 'choice', respondents: 2, counts: { informacion: 1, formacion: 0, redes: 2 } });
    expect(tally.activity.options).toEqual(SUPPORT);
    expect(tally.activity.multiple).toBe(true);
  });

  it('draws the overview (live while writing) when there are support kinds to tally or a rating for the radars', () => {
    expect(hasOverview(breakout, null)).toBe(true);
    expect(hasOverview(breakout, rating('r', ['a', 'b']))).toBe(true);
    const withoutSupport = { ...breakout, questions: breakout.questions.filter((question) => !question.supportOptions) };
    expect(hasOverview(withoutSupport, null)).toBe(false);
    expect(hasOverview(withoutSupport, rating('r', ['a', 'b']))).toBe(true);
    // A single support kind is no chart.
    const oneKind = { ...breakout, questions: [{ id: 'apoyo', text: '¿Apoyo?', supportOptions: SUPPORT.slice(0, 1) }] };
    expect(hasOverview(oneKind, null)).toBe(false);
  });

  it('lays out up to twelve cards in at most four columns', () => {
    expect(cardGrid(1)).toEqual({ columns: 1, rows: 1 });
    expect(cardGrid(3)).toEqual({ columns: 3, rows: 1 });
    expect(cardGrid(4)).toEqual({ columns: 2, rows: 2 });
    expect(cardGrid(6)).toEqual({ columns: 3, rows: 2 });
    expect(cardGrid(10)).toEqual({ columns: 4, rows: 3 });
    expect(cardGrid(12)).toEqual({ columns: 4, rows: 3 });
    expect(cardGrid(0)).toEqual({ columns: 1, rows: 1 });
  });

  it('lets the view stamped later by the server win', () => {
    const older = view({ timer: { deadline: 1, pausedRemainingMs: null, serverNow: 100 } });
    const newer = view({ timer: { deadline: 1, pausedRemainingMs: null, serverNow: 101 } });
    expect(isNewerSynthesis(undefined, older)).toBe(true);
    expect(isNewerSynthesis(older, newer)).toBe(true);
    expect(isNewerSynthesis(newer, older)).toBe(false);
  });
});

describe('bestColumns', () => {
  it('chooses the columns that make square cells biggest', () => {
    // Wide box: all in a row.
    expect(bestColumns(3, 900, 300)).toBe(3);
    // Square box: 2×2 for four.
    expect(bestColumns(4, 600, 600)).toBe(2);
    // Eight in a 1000×620 box: 4×2 (cells of 250) beats 3×3 (206).
    expect(bestColumns(8, 1000, 620)).toBe(4);
    expect(bestColumns(1, 100, 100)).toBe(1);
    expect(bestColumns(0, 100, 100)).toBe(1);
  });
});
