import { describe, expect, it } from 'vitest';
import { cardFromDraft, draftOf, emptyDraft, type ExperienceDraft } from '../../../client/src/lib/experience-form.ts';
import type { ExperienceCard } from '../../../shared/experience.ts';

const filled = (overrides: Partial<ExperienceDraft> = {}): ExperienceDraft => ({
  ...emptyDraft('IPS'),
  name: ' Plan Conversa ',
  axes: ['promocion'],
  approach: 'both',
  ...overrides,
});

const problems = (draft: ExperienceDraft) => {
  const result = cardFromDraft(draft, 2026);
  return 'problems' in result ? result.problems.map((p) => [p.field, p.key]) : [];
};

describe('cardFromDraft', () => {
  it('makes the card from a filled draft, texts trimmed, optional parts null', () => {
    expect(cardFromDraft(filled(), 2026)).toEqual({
      card: {
        agency: 'IPS',
        name: 'Plan Conversa',
        axes: ['promocion'],
        approach: 'both',
        reach: null,
        since: null,
        lesson: null,
        contact: { optIn: false },
      },
    });
  });

  it('reads a reach written with thousands dots, and a year with a month', () => {
    const result = cardFromDraft(filled({ reachCount: '1.332', reachUnit: 'personas', sinceYear: '2021', sinceMonth: '4' }), 2026);
    expect(result).toMatchObject({ card: { reach: { count: 1332, unit: 'personas' }, since: { year: 2021, month: 4 } } });
  });

  it('asks for what is missing, field by field', () => {
    expect(problems(emptyDraft(null))).toEqual([
      ['agency', 'agenda.problem.required'],
      ['name', 'agenda.problem.required'],
      ['axes', 'experience.problem.axes'],
      ['approach', 'experience.problem.approach'],
    ]);
    expect(problems(filled({ reachCount: '12' }))).toEqual([['reachUnit', 'agenda.problem.required']]);
    expect(problems(filled({ reachUnit: 'personas' }))).toEqual([['reachCount', 'agenda.problem.required']]);
    expect(problems(filled({ reachCount: 'muchas', reachUnit: 'personas' }))).toEqual([['reachCount', 'agenda.problem.range']]);
    expect(problems(filled({ sinceYear: '2030' }))).toEqual([['sinceYear', 'agenda.problem.range']]);
    expect(problems(filled({ sinceMonth: '3' }))).toEqual([['sinceYear', 'agenda.problem.required']]);
  });

  it('sends the contact only when opted in, and then wants a unit and a valid e-mail', () => {
    const typedThenUnticked = filled({ contactOptIn: false, contactUnit: 'Unidad', contactEmail: 'a@b.cl' });
    expect(cardFromDraft(typedThenUnticked, 2026)).toMatchObject({ card: { contact: { optIn: false } } });
    expect(problems(filled({ contactOptIn: true }))).toEqual([
      ['contactUnit', 'agenda.problem.required'],
      ['contactEmail', 'agenda.problem.required'],
    ]);
    expect(problems(filled({ contactOptIn: true, contactUnit: 'Unidad', contactEmail: 'no es correo' }))).toEqual([
      ['contactEmail', 'experience.problem.email'],
    ]);
  });

  it('gives back the draft of a stored card', () => {
    const stored: ExperienceCard = {
      id: 'c',
      activityId: 'a',
      salaId: null,
      mine: true,
      createdAt: 1,
      updatedAt: 1,
      agency: 'IPS',
      name: 'Plan',
      axes: ['liderazgo'],
      approach: 'reactive',
      reach: { count: 5, unit: 'oficinas' },
      since: { year: 2020, month: null },
      lesson: null,
      contact: { optIn: true, unit: 'Unidad', email: 'u@ips.gob.cl' },
    };
    const draft = draftOf(stored);
    expect(cardFromDraft(draft, 2026)).toEqual({
      card: {
        agency: 'IPS',
        name: 'Plan',
        axes: ['liderazgo'],
        approach: 'reactive',
        reach: stored.reach,
        since: stored.since,
        lesson: null,
        contact: stored.contact,
      },
    });
  });
});
