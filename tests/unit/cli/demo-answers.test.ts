import { describe, expect, it } from 'vitest';
import { plausibleAnswer } from '../../../server/cli/demo-answers.ts';
import { assertAnswerAccepted } from '../../../server/domain/answers.ts';
import { choice, points, ranking } from '../fixtures.ts';

const AXES = ['liderazgo', 'normativo', 'servicios', 'promocion', 'informacion'];

describe('the rehearsal’s plausible answers', () => {
  it.each([
    ['a full ranking', ranking('r', AXES)],
    ['a top-2 ranking', ranking('r', AXES, 2)],
    ['points of 100', points('p', AXES)],
    ['points of 7 that may be left unspent', points('p', ['a', 'b', 'c'], 7, true)],
  ])('are always accepted by the server for %s', (_name, activity) => {
    for (let i = 0; i < 300; i++) {
      const value = plausibleAnswer(activity);
      expect(value).not.toBeNull();
      expect(() => assertAnswerAccepted(activity, 'open', value!)).not.toThrow();
    }
  });

  it('leave the kinds demo.ts plays itself to it', () => {
    expect(plausibleAnswer(choice('c', ['a', 'b']))).toBeNull();
  });

  it('have a shape: the room’s priority comes first more often than not', () => {
    const activity = ranking('r', AXES);
    const firsts = Array.from({ length: 400 }, () => plausibleAnswer(activity)).filter(
      (value) => value?.kind === 'ranking' && value.order[0] === 'informacion',
    ).length;
    expect(firsts).toBeGreaterThan(400 / AXES.length);
  });
});
