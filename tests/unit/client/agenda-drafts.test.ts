import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_KINDS,
  activityProblems,
  answersByOption,
  breakoutBefore,
  defaultDraft,
  dropTarget,
  insertionIndex,
  removeAt,
  replaceAt,
  sameActivity,
  stepTarget,
  swapStep,
  toWire,
  trimTexts,
  withoutId,
  type DraftTexts,
} from '../../../client/src/lib/agenda-drafts.ts';
import { moveTo } from '../../../server/domain/agenda-edit.ts';
import { AXES } from '../../../shared/axes.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { ActivityDraftSchema, ActivitySchema } from '../../../shared/schemas.ts';
import type { Activity, BreakoutActivity, OpenActivity } from '../../../shared/types.ts';
import { choice, content, rating } from '../fixtures.ts';

const texts: DraftTexts = {
  title: {
    content: 'Lámina',
    choice: 'Pregunta',
    rating: 'Escala',
    ranking: 'Orden',
    points: 'Puntos',
    open: 'Abierta',
    breakout: 'Salas',
    synthesis: 'Síntesis',
    commitment: 'Compromiso',
    qa: 'Preguntas',
    experience: 'Experiencias',
  },
  option: (n) => `Opción ${n}`,
  minLabel: 'nada',
  maxLabel: 'mucho',
  question: 'Pregunta guía',
};

let counter = 0;
const nextId = () => `id${(counter += 1)}`;
const draftValidator = Compile(ActivityDraftSchema);
const activityValidator = Compile(ActivitySchema);

const ids = (agenda: readonly Activity[]) => agenda.map((activity) => activity.id);

describe('defaultDraft', () => {
  it.each(ACTIVITY_KINDS)('makes a %s the server accepts as it is, with nothing for the form to fix', (kind) => {
    const draft = defaultDraft(kind, texts, nextId);
    expect(draftValidator.Check(draft)).toBe(true);
    const activity = { ...draft, id: 'new' } as Activity;
    expect(activityValidator.Check(activity)).toBe(true);
    expect(activityProblems(activity)).toEqual([]);
  });

  it('rates the five axes by default, with their stable ids, and labels for 1 and 5', () => {
    const draft = defaultDraft('rating', texts, nextId);
    expect(draft).toMatchObject({ kind: 'rating', minLabel: 'nada', maxLabel: 'mucho' });
    expect(draft.kind === 'rating' && draft.items).toEqual(AXES.map(({ id, label }) => ({ id, label })));
  });

  it('starts a choice with the fewest options allowed, each with its own id', () => {
    const draft = defaultDraft('choice', texts, nextId);
    expect(draft.kind === 'choice' && draft.options.length).toBe(LIMITS.optionsMin);
    expect(draft.kind === 'choice' && new Set(draft.options.map((o) => o.id)).size).toBe(LIMITS.optionsMin);
  });
});

describe('reordering', () => {
  const agenda = [content('a'), content('b'), content('c'), content('d')];

  it('adds after the selected activity, or at the end', () => {
    expect(insertionIndex(agenda, 'b')).toBe(2);
    expect(insertionIndex(agenda, 'd')).toBe(4);
    expect(insertionIndex(agenda, null)).toBe(4);
    expect(insertionIndex(agenda, 'gone')).toBe(4);
    expect(insertionIndex([], null)).toBe(0);
  });

  it('steps one place up or down, and not past either end', () => {
    expect(stepTarget(agenda, 'b', -1)).toBe(0);
    expect(stepTarget(agenda, 'b', 1)).toBe(2);
    expect(stepTarget(agenda, 'a', -1)).toBeNull();
    expect(stepTarget(agenda, 'd', 1)).toBeNull();
    expect(stepTarget(agenda, 'gone', 1)).toBeNull();
  });

  it('a step sent to the server moves only that activity', () => {
    expect(ids(moveTo(agenda, 'c', stepTarget(agenda, 'c', -1)!))).toEqual(['a', 'c', 'b', 'd']);
    expect(ids(moveTo(agenda, 'b', stepTarget(agenda, 'b', 1)!))).toEqual(['a', 'c', 'b', 'd']);
  });

  it('drops land right before or after the row they were dropped on, as the server moves them', () => {
    for (let from = 0; from < agenda.length; from += 1) {
      for (let over = 0; over < agenda.length; over += 1) {
        for (const after of [false, true]) {
          const moving = agenda[from]!.id;
          const target = agenda[over]!.id;
          const moved = ids(moveTo(agenda, moving, dropTarget(from, over, after)));
          if (moving === target) {
            expect(moved).toEqual(ids(agenda));
            continue;
          }
          // Every other activity keeps its order, and the moved one sits next to the target.
          expect(moved.filter((id) => id !== moving)).toEqual(ids(agenda).filter((id) => id !== moving));
          expect(moved.indexOf(moving) - moved.indexOf(target)).toBe(after ? 1 : -1);
        }
      }
    }
  });
});

describe('activityProblems', () => {
  it('asks for a title, and refuses one of only spaces', () => {
    expect(activityProblems({ ...content('a'), title: '' })).toEqual([{ field: 'title', key: 'agenda.problem.required' }]);
    expect(activityProblems({ ...content('a'), title: '   ' })).toEqual([{ field: 'title', key: 'agenda.problem.required' }]);
  });

  it('keeps texts within the shared limits', () => {
    const long = 'x'.repeat(LIMITS.activityTitleMax + 1);
    expect(activityProblems({ ...content('a'), title: long })).toEqual([
      { field: 'title', key: 'agenda.problem.tooLong', params: { max: LIMITS.activityTitleMax } },
    ]);
    expect(activityProblems({ ...content('a'), body: 'y'.repeat(LIMITS.activityBodyMax + 1) })[0]).toMatchObject({ field: 'body' });
  });

  it("keeps notes and a question's premise within their limits", () => {
    expect(activityProblems({ ...content('a'), notes: 'n'.repeat(LIMITS.activityNotesMax + 1) })[0]).toMatchObject({ field: 'notes' });
    expect(activityProblems({ ...choice('q', ['a', 'b']), premise: 'p'.repeat(LIMITS.activityBodyMax + 1) })[0]).toMatchObject({
      field: 'premise',
    });
    expect(activityProblems({ ...choice('q', ['a', 'b']), premise: 'La situación pandémica…', notes: 'Comentar' })).toEqual([]);
  });

  it('lets optional texts be empty while typing (they are left out when sent)', () => {
    expect(activityProblems({ ...content('a'), section: '', body: '' })).toEqual([]);
  });

  it('names each option that is empty or repeated, and a list that is too short', () => {
    const base = choice('q', ['a', 'b', 'c']);
    const problems = activityProblems({
      ...base,
      options: [
        { id: 'a', label: 'Sí' },
        { id: 'b', label: ' ' },
        { id: 'c', label: 'sí ' },
      ],
    });
    expect(problems).toEqual([
      { field: 'options.1', key: 'agenda.problem.required' },
      { field: 'options.2', key: 'agenda.problem.repeated' },
    ]);
    expect(activityProblems({ ...base, options: [{ id: 'a', label: 'Sí' }] })).toEqual([
      { field: 'options', key: 'agenda.problem.fewItems', params: { min: LIMITS.optionsMin } },
    ]);
  });

  it('checks rating items and bullets the same way', () => {
    expect(activityProblems({ ...rating('r', []), items: [] })[0]).toMatchObject({ field: 'items', key: 'agenda.problem.fewItems' });
    expect(activityProblems({ ...content('a'), bullets: [{ text: '', level: 1 }] })).toEqual([
      { field: 'bullets.0', key: 'agenda.problem.required' },
    ]);
  });

  it('keeps numbers within the server bounds, stating them in the unit typed', () => {
    const open: OpenActivity = { id: 'o', kind: 'open', title: 'Abierta', maxLength: 5, maxPerPerson: 11, display: 'list' };
    expect(activityProblems(open)).toEqual([
      { field: 'maxLength', key: 'agenda.problem.range', params: { min: 10, max: LIMITS.openTextMax } },
      { field: 'maxPerPerson', key: 'agenda.problem.range', params: { min: 1, max: LIMITS.openAnswersPerPersonMax } },
    ]);
    const breakout = {
      ...(defaultDraft('breakout', texts, nextId) as Omit<BreakoutActivity, 'id'>),
      id: 'b',
      discussionSeconds: 30,
    } as BreakoutActivity;
    expect(activityProblems(breakout)).toEqual([{ field: 'discussionSeconds', key: 'agenda.problem.range', params: { min: 1, max: 240 } }]);
  });
});

describe('texts on the wire', () => {
  it('leaves out empty optional texts and keeps the others as typed, spaces included', () => {
    const activity = { ...rating('r', ['a']), title: 'Hola ', section: '', body: '  ', minLabel: '', maxLabel: 'mucho' };
    const wire = toWire(activity);
    expect(wire).not.toHaveProperty('section');
    expect(wire).not.toHaveProperty('body');
    expect(wire).not.toHaveProperty('minLabel');
    expect(wire).toMatchObject({ title: 'Hola ', maxLabel: 'mucho' });
    expect(activityValidator.Check(wire)).toBe(true);
  });

  it('trims every text when a field is left', () => {
    const activity: BreakoutActivity = {
      ...(defaultDraft('breakout', texts, nextId) as Omit<BreakoutActivity, 'id'>),
      id: 'b',
      title: ' Salas ',
      section: ' Parte 2 ',
      instructions: [{ text: ' Preséntense ', level: 0 }],
      questions: [{ id: 'q', text: ' ¿Qué hicimos? ' }],
    };
    expect(trimTexts(activity)).toMatchObject({
      title: 'Salas',
      section: 'Parte 2',
      instructions: [{ text: 'Preséntense' }],
      questions: [{ id: 'q', text: '¿Qué hicimos?' }],
    });
    expect(trimTexts(choice('q', ['a']))).toEqual(choice('q', ['a']));
  });

  it('leaves out empty notes and premise, trims them when left, and keeps an option exclusive', () => {
    const question = {
      ...choice('q', ['nada', 'b'], true),
      premise: ' La situación pandémica… ',
      notes: ' ',
    };
    question.options = [{ ...question.options[0]!, exclusive: true }, question.options[1]!];
    const wire = toWire(question);
    expect(wire).not.toHaveProperty('notes');
    expect(activityValidator.Check(wire)).toBe(true);
    expect(toWire({ ...question, premise: '' })).not.toHaveProperty('premise');
    expect(trimTexts({ ...question, notes: ' Recordar ' })).toMatchObject({
      premise: 'La situación pandémica…',
      notes: 'Recordar',
      options: [{ id: 'nada', exclusive: true }, { id: 'b' }],
    });
  });

  it('counts an empty optional text as the same as none', () => {
    expect(sameActivity({ ...content('a'), section: '' }, content('a'))).toBe(true);
    expect(sameActivity({ ...content('a'), section: 'x' }, content('a'))).toBe(false);
  });

  it('drops the id for insert payloads', () => {
    expect(withoutId(content('a'))).toEqual({ kind: 'content', title: 'Lámina a', bullets: [] });
  });
});

describe('answers and neighbours', () => {
  it('gives the answers of each option or item', () => {
    expect(answersByOption({ kind: 'choice', respondents: 2, counts: { a: 2, b: 0 } })).toEqual({ a: 2, b: 0 });
    expect(answersByOption({ kind: 'rating', respondents: 1, items: { x: { counts: [0, 0, 1, 0, 0], n: 1, mean: 3 } } })).toEqual({ x: 1 });
    expect(answersByOption(null)).toEqual({});
  });

  it('finds the breakout whose salas write a synthesis', () => {
    const breakout = { ...(defaultDraft('breakout', texts, nextId) as Omit<BreakoutActivity, 'id'>), id: 'b' } as BreakoutActivity;
    const agenda: Activity[] = [content('a'), breakout, content('c'), { id: 's', kind: 'synthesis', title: 'Síntesis', seconds: 300 }];
    expect(breakoutBefore(agenda, 3)?.id).toBe('b');
    expect(breakoutBefore(agenda, 1)).toBeNull();
  });

  it('updates lists without touching the original', () => {
    const list = ['a', 'b', 'c'];
    expect(replaceAt(list, 1, 'x')).toEqual(['a', 'x', 'c']);
    expect(removeAt(list, 0)).toEqual(['b', 'c']);
    expect(swapStep(list, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(swapStep(list, 0, -1)).toEqual(['a', 'b', 'c']);
    expect(swapStep(list, 2, 1)).toEqual(['a', 'b', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});
