import { describe, expect, it } from 'vitest';
import { END_UNDO_MS } from '../../../server/domain/clock.ts';
import { SalaRoster } from '../../../server/domain/sala-roster.ts';
import {
  EMPTY_CONTENT,
  assertContentFits,
  assertSaveAccepted,
  assertSubmitAccepted,
  assertWriter,
  controlWriting,
  fieldKeys,
  supportOptionIds,
  type SynthesisWriteCheck,
  type WritingState,
} from '../../../server/domain/synthesis.ts';
import { breakoutFor } from '../../../shared/agenda.ts';
import { AppError, type ErrorCode } from '../../../shared/errors.ts';
import type { Activity, BreakoutActivity, GuideQuestion } from '../../../shared/types.ts';
import { choice, content, synthesis } from '../fixtures.ts';

/** The guide questions of bienestar-sesion-2 (ids as in the template): a plain one, one per axis, one with support kinds. */
const GUIDE_QUESTIONS: GuideQuestion[] = [
  { id: 'experiencias', text: '¿Cuáles han sido nuestras experiencias y avances?' },
  {
    id: 'desafios',
    text: '¿Cuáles son nuestros principales desafíos en…?',
    items: [
      { id: 'liderazgo', label: 'Liderazgo y gobernanza' },
      { id: 'normativo', label: 'Desarrollo normativo' },
      { id: 'servicios', label: 'Prestación de servicios' },
      { id: 'promocion', label: 'Promoción y prevención' },
      { id: 'informacion', label: 'Fortalecimiento de los sistemas de información' },
    ],
  },
  {
    id: 'apoyo',
    text: '¿Qué apoyo esperamos del Servicio Civil?',
    supportOptions: [
      { id: 'informacion', label: 'Información' },
      { id: 'formacion', label: 'Formación' },
      { id: 'sistematizacion', label: 'Sistematización de experiencias' },
      { id: 'redes', label: 'Generación de redes' },
      { id: 'otro', label: 'Otro' },
    ],
  },
];

function breakout(id: string, questions: GuideQuestion[] = GUIDE_QUESTIONS): BreakoutActivity {
  return {
    id,
    kind: 'breakout',
    title: `Salas ${id}`,
    instructions: [],
    sizing: { by: 'count', count: 4 },
    mode: 'random',
    questions,
    discussionSeconds: 40 * 60,
    returnSeconds: 90,
  };
}

/** The AppError thrown by `run`, or null when it does not throw. */
function appErrorOf(run: () => unknown): AppError | null {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
}

const codeOf = (run: () => unknown): ErrorCode | null => appErrorOf(run)?.code ?? null;

describe('breakoutFor', () => {
  const agenda: Activity[] = [
    content('intro'),
    synthesis('early'),
    breakout('b1'),
    choice('poll', ['a', 'b']),
    synthesis('s1'),
    content('pause'),
    breakout('b2'),
    synthesis('s2'),
    synthesis('s3'),
  ];

  it('finds the breakout just before the synthesis, across other activities', () => {
    expect(breakoutFor(agenda, 's1')?.id).toBe('b1');
  });

  it('takes the nearest preceding breakout when there are several', () => {
    expect(breakoutFor(agenda, 's2')?.id).toBe('b2');
    expect(breakoutFor(agenda, 's3')?.id).toBe('b2');
  });

  it('is null when no breakout comes before, even if one comes after', () => {
    expect(breakoutFor(agenda, 'early')).toBeNull();
  });

  it('is null for an id that is not in the agenda', () => {
    expect(breakoutFor(agenda, 'missing')).toBeNull();
    expect(breakoutFor([], 's1')).toBeNull();
  });
});

describe('fieldKeys', () => {
  it('has one field per plain question and one "question.item" field per part, in order', () => {
    expect(fieldKeys(breakout('b'))).toEqual([
      'experiencias',
      'desafios.liderazgo',
      'desafios.normativo',
      'desafios.servicios',
      'desafios.promocion',
      'desafios.informacion',
      'apoyo',
    ]);
  });

  it('treats a question with an empty list of items as a plain question', () => {
    expect(fieldKeys(breakout('b', [{ id: 'q', text: '¿?', items: [] }]))).toEqual(['q']);
  });

  it('is empty for a breakout without guide questions', () => {
    expect(fieldKeys(breakout('b', []))).toEqual([]);
  });
});

describe('supportOptionIds', () => {
  it('collects the support kinds of the guide questions', () => {
    expect([...supportOptionIds(breakout('b'))].sort()).toEqual(['formacion', 'informacion', 'otro', 'redes', 'sistematizacion']);
  });

  it('does not mistake the parts of a question for support kinds', () => {
    expect(supportOptionIds(breakout('b')).has('liderazgo')).toBe(false);
  });

  it('is empty when no question offers support kinds', () => {
    expect(supportOptionIds(breakout('b', [{ id: 'q', text: '¿?' }])).size).toBe(0);
  });
});

describe('assertContentFits', () => {
  const b = breakout('b');

  it('accepts the empty synthesis', () => {
    expect(codeOf(() => assertContentFits(EMPTY_CONTENT, b))).toBeNull();
  });

  it('accepts every field and every support kind of the guide questions', () => {
    const fields = Object.fromEntries(fieldKeys(b).map((key) => [key, `Texto de ${key}`]));
    const support = ['informacion', 'formacion', 'sistematizacion', 'redes', 'otro'];
    expect(codeOf(() => assertContentFits({ fields, support }, b))).toBeNull();
  });

  it('refuses a field the guide questions do not have, naming it', () => {
    const error = appErrorOf(() => assertContentFits({ fields: { conclusiones: 'x' }, support: [] }, b));
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(error?.details).toEqual([{ path: '/content/fields/conclusiones', message: 'unknown field' }]);
  });

  it('refuses the bare id of a question that is split in parts', () => {
    expect(codeOf(() => assertContentFits({ fields: { desafios: 'x' }, support: [] }, b))).toBe('VALIDATION_FAILED');
  });

  it('refuses a part the question does not have, or a part put under another question', () => {
    expect(codeOf(() => assertContentFits({ fields: { 'desafios.otro': 'x' }, support: [] }, b))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => assertContentFits({ fields: { 'experiencias.liderazgo': 'x' }, support: [] }, b))).toBe('VALIDATION_FAILED');
  });

  it('refuses an unknown support kind', () => {
    const error = appErrorOf(() => assertContentFits({ fields: {}, support: ['formacion', 'dinero'] }, b));
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(error?.details).toEqual([{ path: '/content/support', message: 'unknown support kind' }]);
  });

  it('refuses a part id of question 2 passed as a support kind', () => {
    expect(codeOf(() => assertContentFits({ fields: {}, support: ['liderazgo'] }, b))).toBe('VALIDATION_FAILED');
  });

  it('refuses a support kind ticked twice', () => {
    const error = appErrorOf(() => assertContentFits({ fields: {}, support: ['redes', 'otro', 'redes'] }, b));
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(error?.details).toEqual([{ path: '/content/support', message: 'duplicate' }]);
  });

  it('refuses any support kind when the breakout offers none', () => {
    expect(codeOf(() => assertContentFits({ fields: {}, support: ['otro'] }, breakout('plain', [{ id: 'q', text: '¿?' }])))).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('assertSaveAccepted', () => {
  const fresh: SynthesisWriteCheck = { phase: 'writing', submitted: false, currentVersion: 3, baseVersion: 3 };

  it('accepts a save on the newest version while writing is open', () => {
    expect(codeOf(() => assertSaveAccepted(fresh))).toBeNull();
    expect(codeOf(() => assertSaveAccepted({ ...fresh, currentVersion: 0, baseVersion: 0 }))).toBeNull();
  });

  it('accepts notes before the writing step, but a submission only in it', () => {
    expect(codeOf(() => assertSaveAccepted({ ...fresh, phase: 'pending' }))).toBeNull();
    expect(codeOf(() => assertSubmitAccepted({ ...fresh, phase: 'pending' }))).toBe('INVALID_STATE');
    expect(codeOf(() => assertSubmitAccepted(fresh))).toBeNull();
    expect(codeOf(() => assertSubmitAccepted({ ...fresh, baseVersion: 2 }))).toBe('STALE_VERSION');
  });

  it('refuses with SYNTHESIS_LOCKED once the facilitator closed writing', () => {
    expect(codeOf(() => assertSaveAccepted({ ...fresh, phase: 'closed' }))).toBe('SYNTHESIS_LOCKED');
  });

  it('refuses with SYNTHESIS_LOCKED once the synthesis was submitted', () => {
    expect(codeOf(() => assertSaveAccepted({ ...fresh, submitted: true }))).toBe('SYNTHESIS_LOCKED');
  });

  it('refuses with STALE_VERSION a save made on an older version, naming the newest', () => {
    const error = appErrorOf(() => assertSaveAccepted({ ...fresh, currentVersion: 4, baseVersion: 3 }));
    expect(error?.code).toBe('STALE_VERSION');
    expect(error?.message).toContain('versión 4');
  });

  it('refuses with STALE_VERSION a base version the server never gave', () => {
    expect(codeOf(() => assertSaveAccepted({ ...fresh, currentVersion: 3, baseVersion: 5 }))).toBe('STALE_VERSION');
  });

  it('reports the lock before staleness: reloading would not help', () => {
    expect(codeOf(() => assertSaveAccepted({ phase: 'closed', submitted: false, currentVersion: 4, baseVersion: 3 }))).toBe(
      'SYNTHESIS_LOCKED',
    );
    expect(codeOf(() => assertSaveAccepted({ phase: 'writing', submitted: true, currentVersion: 4, baseVersion: 3 }))).toBe(
      'SYNTHESIS_LOCKED',
    );
  });

  it('reports a submission before the writing step as such before anything else', () => {
    expect(codeOf(() => assertSubmitAccepted({ phase: 'pending', submitted: true, currentVersion: 4, baseVersion: 3 }))).toBe(
      'INVALID_STATE',
    );
  });
});

describe('assertWriter', () => {
  const roster = new SalaRoster(
    ['s1', 's2'],
    [
      { participantId: 'ana', salaId: 's1' },
      { participantId: 'ben', salaId: 's1' },
      { participantId: 'cleo', salaId: 's2' },
    ],
    [
      { salaId: 's1', role: 'secretary', participantId: 'ana' },
      { salaId: 's2', role: 'moderator', participantId: 'cleo' },
    ],
  );
  const participant = (participantId: string) => ({ role: 'participant', participantId }) as const;

  it("lets the sala's secretary and the facilitator write", () => {
    expect(codeOf(() => assertWriter(participant('ana'), 's1', roster))).toBeNull();
    expect(codeOf(() => assertWriter({ role: 'facilitator' }, 's2', roster))).toBeNull();
  });

  it('refuses other members, the moderator, and a secretary writing for another sala', () => {
    expect(codeOf(() => assertWriter(participant('ben'), 's1', roster))).toBe('NOT_SECRETARY');
    expect(codeOf(() => assertWriter(participant('cleo'), 's2', roster))).toBe('NOT_SECRETARY');
    expect(codeOf(() => assertWriter(participant('ana'), 's2', roster))).toBe('NOT_SECRETARY');
  });

  it('refuses a sala the breakout does not have, or any before its salas are formed, even to the facilitator', () => {
    expect(codeOf(() => assertWriter({ role: 'facilitator' }, 's9', roster))).toBe('SALA_NOT_FOUND');
    expect(codeOf(() => assertWriter({ role: 'facilitator' }, 's1', null))).toBe('SALA_NOT_FOUND');
  });
});

describe('controlWriting', () => {
  const T0 = 1_700_000_000_000;
  const writing = { seconds: 300, salasFormed: true };
  const pending: WritingState = { phase: 'pending', clock: { deadline: null, pausedRemainingMs: null } };
  const open: WritingState = { phase: 'writing', clock: { deadline: T0 + 300_000, pausedRemainingMs: null } };

  it('starts the writing once, after the salas are formed, with its clock', () => {
    expect(controlWriting(pending, { action: 'start' }, writing, T0)).toEqual(open);
    expect(codeOf(() => controlWriting(pending, { action: 'start' }, { ...writing, salasFormed: false }, T0))).toBe('INVALID_STATE');
    expect(codeOf(() => controlWriting(open, { action: 'start' }, writing, T0))).toBe('INVALID_STATE');
  });

  it('pauses, resumes and adds time (a minute unless told) while open, and ends it untimed', () => {
    const paused = controlWriting(open, { action: 'pause' }, writing, T0 + 100_000);
    expect(paused).toEqual({ phase: 'writing', clock: { deadline: null, pausedRemainingMs: 200_000 } });
    expect(controlWriting(paused, { action: 'resume' }, writing, T0 + 500_000).clock).toEqual({
      deadline: T0 + 700_000,
      pausedRemainingMs: null,
    });
    expect(controlWriting(open, { action: 'add' }, writing, T0).clock.deadline).toBe(T0 + 360_000);
    expect(controlWriting(open, { action: 'add', seconds: 30 }, writing, T0).clock.deadline).toBe(T0 + 330_000);
    expect(controlWriting(open, { action: 'end' }, writing, T0)).toMatchObject({
      phase: 'closed',
      clock: { deadline: null, pausedRemainingMs: null },
    });
  });

  it('reopens writing closed by mistake with the time it had left, within the undo window only', () => {
    const closed = controlWriting(open, { action: 'end' }, writing, T0 + 100_000);
    expect(closed.ended).toEqual({ phase: 'writing', remainingMs: 200_000, paused: false, until: T0 + 100_000 + END_UNDO_MS });
    expect(controlWriting(closed, { action: 'undo' }, writing, T0 + 110_000)).toEqual({
      phase: 'writing',
      clock: { deadline: T0 + 310_000, pausedRemainingMs: null },
    });
    expect(codeOf(() => controlWriting(closed, { action: 'undo' }, writing, T0 + 100_001 + END_UNDO_MS))).toBe('INVALID_STATE');
    expect(codeOf(() => controlWriting(open, { action: 'undo' }, writing, T0))).toBe('INVALID_STATE');
  });

  it('refuses the clock controls before the writing starts and after it ends', () => {
    const closed: WritingState = { phase: 'closed', clock: { deadline: null, pausedRemainingMs: null } };
    for (const action of ['pause', 'resume', 'add', 'end'] as const) {
      expect(codeOf(() => controlWriting(pending, { action }, writing, T0))).toBe('INVALID_STATE');
      expect(codeOf(() => controlWriting(closed, { action }, writing, T0))).toBe('INVALID_STATE');
    }
  });
});
