import { describe, expect, it } from 'vitest';
import { combinedExclusive, toggleOption } from '../../../shared/choice.ts';
import type { ChoiceActivity } from '../../../shared/types.ts';

const question: ChoiceActivity = {
  id: 'q',
  kind: 'choice',
  title: '¿Qué me ha pasado desde la primera sesión?',
  multiple: true,
  options: [
    { id: 'nada', label: 'Nada', exclusive: true },
    { id: 'pensando', label: 'Me quedé pensando' },
    { id: 'realizando', label: 'Comencé a realizar algunas cosas' },
  ],
};

describe('combinedExclusive', () => {
  it('names the exclusive option chosen with others, and nothing otherwise', () => {
    expect(combinedExclusive(question, ['pensando', 'nada'])?.label).toBe('Nada');
    expect(combinedExclusive(question, ['nada'])).toBeNull();
    expect(combinedExclusive(question, ['pensando', 'realizando'])).toBeNull();
  });
});

describe('toggleOption', () => {
  it('leaves an exclusive option alone when ticked', () => {
    expect(toggleOption(question, ['pensando', 'realizando'], 'nada', true)).toEqual(['nada']);
  });

  it('unticks the exclusive option when another is ticked', () => {
    expect(toggleOption(question, ['nada'], 'pensando', true)).toEqual(['pensando']);
    expect(toggleOption(question, ['pensando'], 'realizando', true)).toEqual(['pensando', 'realizando']);
  });

  it('unticks only the option unticked, and ignores an unknown one', () => {
    expect(toggleOption(question, ['pensando', 'realizando'], 'pensando', false)).toEqual(['realizando']);
    expect(toggleOption(question, ['pensando'], 'otra', true)).toEqual(['pensando']);
  });
});
