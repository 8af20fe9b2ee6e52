import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import type { ExperienceCardInput } from '../../../shared/experience.ts';
import type { ExperienceRecord } from '../../../server/db/experience-repository.ts';
import { assertCardWrite, cardsFor, normalizeCard, type CardPlace } from '../../../server/domain/experience.ts';
import { codeOf } from '../app-error.ts';

/** 15 March 2026, UTC. */
const NOW = Date.UTC(2026, 2, 15);

const card = (overrides: Partial<ExperienceCardInput> = {}): ExperienceCardInput => ({
  agency: ' IPS ',
  name: 'Plan IPS Conversa, Contiene y Cobija',
  axes: ['promocion', 'servicios'],
  approach: 'both',
  reach: { count: 1332, unit: 'personas' },
  since: { year: 2021, month: 4 },
  lesson: '  Escuchar primero.  ',
  contact: { optIn: true, unit: 'Unidad de Calidad de Vida', email: ' Bienestar@IPS.gob.cl ' },
  ...overrides,
});

const record = (id: string, overrides: Partial<ExperienceRecord> = {}): ExperienceRecord => ({
  activityId: 'exp',
  id,
  sessionId: 's',
  salaId: null,
  authorId: 'p1',
  card: normalizeCard(card(), NOW),
  createdAt: NOW,
  updatedAt: NOW,
  ...overrides,
});

function pathOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.details?.[0]?.path;
  }
  return 'nothing thrown';
}

describe('normalizeCard', () => {
  it('trims texts, lowercases the e-mail and keeps the rest as written', () => {
    expect(normalizeCard(card(), NOW)).toEqual({
      ...card(),
      agency: 'IPS',
      lesson: 'Escuchar primero.',
      contact: { optIn: true, unit: 'Unidad de Calidad de Vida', email: 'bienestar@ips.gob.cl' },
    });
  });

  it('stores a blank lesson as none', () => {
    expect(normalizeCard(card({ lesson: '   ' }), NOW).lesson).toBeNull();
  });

  it.each([
    ['a blank agency', card({ agency: '   ' }), '/card/agency'],
    ['a blank name', card({ name: ' ' }), '/card/name'],
    ['a blank unit of reach', card({ reach: { count: 3, unit: '  ' } }), '/card/reach/unit'],
    ['a blank contact unit', card({ contact: { optIn: true, unit: ' ', email: 'a@b.cl' } }), '/card/contact/unit'],
    ['an axis twice', card({ axes: ['liderazgo', 'liderazgo'] }), '/card/axes'],
    ['a year to come', card({ since: { year: 2027, month: null } }), '/card/since'],
    ['a month to come this year', card({ since: { year: 2026, month: 4 } }), '/card/since'],
  ])('refuses %s with the path of the field', (_, input, path) => {
    expect(codeOf(() => normalizeCard(input, NOW))).toBe('VALIDATION_FAILED');
    expect(pathOf(() => normalizeCard(input, NOW))).toBe(path);
  });

  it('takes this month, and this year without a month', () => {
    expect(normalizeCard(card({ since: { year: 2026, month: 3 } }), NOW).since).toEqual({ year: 2026, month: 3 });
    expect(normalizeCard(card({ since: { year: 2026, month: null } }), NOW).since).toEqual({ year: 2026, month: null });
  });
});

describe('assertCardWrite at an experience activity', () => {
  const open: CardPlace = { kind: 'experience', open: true };
  const me = { role: 'participant', participantId: 'p1' } as const;

  it('lets a participant write their own card while open', () => {
    expect(assertCardWrite({ actor: me, place: open, salaId: undefined, existing: undefined, cards: [] })).toEqual({ salaId: null });
  });

  it('refuses when closed, to the facilitator, with a sala, and someone else’s card', () => {
    const base = { actor: me, place: open, salaId: undefined, existing: undefined, cards: [] };
    expect(codeOf(() => assertCardWrite({ ...base, place: { kind: 'experience', open: false } }))).toBe('ANSWERING_CLOSED');
    expect(codeOf(() => assertCardWrite({ ...base, actor: { role: 'facilitator' } }))).toBe('FORBIDDEN');
    expect(codeOf(() => assertCardWrite({ ...base, salaId: 'sala' }))).toBe('VALIDATION_FAILED');
    const theirs = record('c', { authorId: 'p2' });
    expect(codeOf(() => assertCardWrite({ ...base, existing: theirs, cards: [theirs] }))).toBe('FORBIDDEN');
  });

  it('keeps each writer to five cards, while letting them edit and delete theirs', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((id) => record(id));
    const base = { actor: me, place: open, salaId: undefined, cards: five };
    expect(codeOf(() => assertCardWrite({ ...base, existing: undefined }))).toBe('INVALID_STATE');
    expect(assertCardWrite({ ...base, existing: five[0] })).toEqual({ salaId: null });
    expect(assertCardWrite({ ...base, existing: five[0] }, true)).toEqual({ salaId: null });
    // Someone else's five do not count against them.
    expect(assertCardWrite({ ...base, actor: { role: 'participant', participantId: 'p9' }, existing: undefined })).toEqual({
      salaId: null,
    });
  });
});

describe('assertCardWrite at a synthesis', () => {
  const secretaryOf = (own: string): CardPlace => ({
    kind: 'synthesis',
    phase: 'writing',
    assertWriter: (salaId) => {
      if (salaId !== own) throw new AppError('NOT_SECRETARY', 'no');
    },
  });
  const me = { role: 'participant', participantId: 'p1' } as const;

  it('lets the sala’s secretary write the sala’s card until the writing closes', () => {
    expect(assertCardWrite({ actor: me, place: secretaryOf('s1'), salaId: 's1', existing: undefined, cards: [] })).toEqual({
      salaId: 's1',
    });
    const closed = { ...secretaryOf('s1'), phase: 'closed' } as CardPlace;
    expect(codeOf(() => assertCardWrite({ actor: me, place: closed, salaId: 's1', existing: undefined, cards: [] }))).toBe(
      'SYNTHESIS_LOCKED',
    );
  });

  it('refuses another sala, a missing sala and another sala’s card', () => {
    const place = secretaryOf('s1');
    expect(codeOf(() => assertCardWrite({ actor: me, place, salaId: 's2', existing: undefined, cards: [] }))).toBe('NOT_SECRETARY');
    expect(codeOf(() => assertCardWrite({ actor: me, place, salaId: undefined, existing: undefined, cards: [] }))).toBe(
      'VALIDATION_FAILED',
    );
    const theirs = record('c', { salaId: 's2' });
    expect(codeOf(() => assertCardWrite({ actor: me, place, salaId: 's1', existing: theirs, cards: [theirs] }))).toBe('FORBIDDEN');
  });

  it('keeps each sala to five cards', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((id) => record(id, { salaId: 's1' }));
    expect(codeOf(() => assertCardWrite({ actor: me, place: secretaryOf('s1'), salaId: 's1', existing: undefined, cards: five }))).toBe(
      'INVALID_STATE',
    );
  });
});

describe('cardsFor', () => {
  const cards = [record('mine'), record('theirs', { authorId: 'p2' }), record('sala', { salaId: 's1', authorId: 'p3' })];

  it('gives a console every card with its contact', () => {
    expect(cardsFor(cards, { role: 'console' }).map((c) => [c.id, c.contact])).toEqual(cards.map((c) => [c.id, c.card.contact]));
  });

  it('gives the projector every card, the contact’s details withheld', () => {
    const shown = cardsFor(cards, { role: 'presenter' });
    expect(shown).toHaveLength(3);
    expect(shown.every((c) => c.contact.optIn && c.contact.unit === null && c.contact.email === null)).toBe(true);
    expect(JSON.stringify(shown)).not.toContain('ips.gob.cl');
  });

  it('gives a participant their own cards and their sala’s, marked as theirs', () => {
    expect(cardsFor(cards, { role: 'participant', participantId: 'p1', salaId: null }).map((c) => [c.id, c.mine])).toEqual([
      ['mine', true],
    ]);
    expect(cardsFor(cards, { role: 'participant', participantId: 'p9', salaId: 's1' }).map((c) => c.id)).toEqual(['sala']);
  });
});
