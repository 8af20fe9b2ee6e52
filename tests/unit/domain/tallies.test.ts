import { describe, expect, it } from 'vitest';
import { createTally, replaceAnswer, setOpenAnswerHidden, toResults, type Tally } from '../../../server/domain/tallies.ts';
import { openAnswerId } from '../../../server/domain/words.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { AnswerValue, ChoiceResults, OpenResults, RatingResults } from '../../../shared/types.ts';
import { choice, openQuestion, rating } from '../fixtures.ts';

const pick = (...optionIds: string[]): AnswerValue => ({ kind: 'choice', optionIds });
const rate = (ratings: Record<string, number>): AnswerValue => ({ kind: 'rating', ratings });

function choiceResults(tally: Tally): ChoiceResults {
  const results = toResults(tally);
  if (results.kind !== 'choice') throw new Error('expected choice results');
  return results;
}

function ratingResults(tally: Tally): RatingResults {
  const results = toResults(tally);
  if (results.kind !== 'rating') throw new Error('expected rating results');
  return results;
}

describe('choice tallies', () => {
  it('start with every option at zero and no respondents', () => {
    const tally = createTally(choice('q', ['a', 'b', 'c']));
    expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 0, counts: { a: 0, b: 0, c: 0 } });
  });

  it('count one respondent per answer and one vote per chosen option', () => {
    const tally = createTally(choice('q', ['a', 'b']));
    replaceAnswer(tally, undefined, pick('a'));
    replaceAnswer(tally, undefined, pick('a'));
    replaceAnswer(tally, undefined, pick('b'));
    expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 3, counts: { a: 2, b: 1 } });
  });

  it('count each option of a multiple-choice answer, with the person counted once', () => {
    const tally = createTally(choice('q', ['a', 'b', 'c'], true));
    replaceAnswer(tally, undefined, pick('a', 'c'));
    replaceAnswer(tally, undefined, pick('a', 'b', 'c'));
    expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 2, counts: { a: 2, b: 1, c: 2 } });
  });

  it('move the vote when a participant changes their answer, keeping one respondent', () => {
    const tally = createTally(choice('q', ['a', 'b']));
    const first = pick('a');
    replaceAnswer(tally, undefined, first);
    const second = pick('b');
    replaceAnswer(tally, first, second);
    expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 1, counts: { a: 0, b: 1 } });
    replaceAnswer(tally, second, pick('a'));
    expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 1, counts: { a: 1, b: 0 } });
  });

  it('move only the options that changed in a multiple-choice answer', () => {
    const tally = createTally(choice('q', ['a', 'b', 'c'], true));
    const before = pick('a', 'b');
    replaceAnswer(tally, undefined, before);
    replaceAnswer(tally, undefined, pick('b'));
    replaceAnswer(tally, before, pick('b', 'c'));
    expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 2, counts: { a: 0, b: 2, c: 1 } });
  });

  it('ignore option ids the question does not have', () => {
    const tally = createTally(choice('q', ['a', 'b']));
    replaceAnswer(tally, undefined, pick('zzz'));
    expect(choiceResults(tally).counts).toEqual({ a: 0, b: 0 });
  });

  it('return plain objects that do not change when the tally moves on', () => {
    const tally = createTally(choice('q', ['a', 'b']));
    const snapshot = choiceResults(tally);
    replaceAnswer(tally, undefined, pick('a'));
    expect(snapshot).toEqual({ kind: 'choice', respondents: 0, counts: { a: 0, b: 0 } });
  });
});

describe('rating tallies', () => {
  it('start with empty counts, n 0 and no mean for every item', () => {
    const tally = createTally(rating('q', ['x', 'y']));
    expect(ratingResults(tally)).toEqual({
      kind: 'rating',
      respondents: 0,
      items: {
        x: { counts: [0, 0, 0, 0, 0], n: 0, mean: null },
        y: { counts: [0, 0, 0, 0, 0], n: 0, mean: null },
      },
    });
  });

  it('put each rating in its 1–5 bucket (counts[0] is the 1s, counts[4] the 5s)', () => {
    const tally = createTally(rating('q', ['x']));
    for (const value of [1, 2, 2, 5, 5, 5]) replaceAnswer(tally, undefined, rate({ x: value }));
    expect(ratingResults(tally).items.x?.counts).toEqual([1, 2, 0, 0, 3]);
  });

  it('round means to two decimals', () => {
    const tally = createTally(rating('q', ['x', 'y']));
    // x: 1, 2, 2 → 5/3 = 1.666… → 1.67; y: 4, 4, 5 → 13/3 = 4.333… → 4.33
    replaceAnswer(tally, undefined, rate({ x: 1, y: 4 }));
    replaceAnswer(tally, undefined, rate({ x: 2, y: 4 }));
    replaceAnswer(tally, undefined, rate({ x: 2, y: 5 }));
    const { items } = ratingResults(tally);
    expect(items.x?.mean).toBe(1.67);
    expect(items.y?.mean).toBe(4.33);
  });

  it('count in n only the people who rated that item, skipped items left out of the mean', () => {
    const tally = createTally(rating('q', ['x', 'y', 'z']));
    replaceAnswer(tally, undefined, rate({ x: 5, y: 1 }));
    replaceAnswer(tally, undefined, rate({ x: 3 }));
    const results = ratingResults(tally);
    expect(results.respondents).toBe(2);
    expect(results.items.x).toEqual({ counts: [0, 0, 1, 0, 1], n: 2, mean: 4 });
    expect(results.items.y).toEqual({ counts: [1, 0, 0, 0, 0], n: 1, mean: 1 });
    expect(results.items.z).toEqual({ counts: [0, 0, 0, 0, 0], n: 0, mean: null });
  });

  it('move counts and means when a participant changes their ratings, keeping one respondent', () => {
    const tally = createTally(rating('q', ['x', 'y']));
    const first = rate({ x: 1, y: 2 });
    replaceAnswer(tally, undefined, first);
    replaceAnswer(tally, first, rate({ x: 4 }));
    expect(ratingResults(tally)).toEqual({
      kind: 'rating',
      respondents: 1,
      items: {
        x: { counts: [0, 0, 0, 1, 0], n: 1, mean: 4 },
        y: { counts: [0, 0, 0, 0, 0], n: 0, mean: null },
      },
    });
  });

  it('ignore item ids the question does not have', () => {
    const tally = createTally(rating('q', ['x']));
    replaceAnswer(tally, undefined, rate({ other: 5, x: 2 }));
    expect(Object.keys(ratingResults(tally).items)).toEqual(['x']);
    expect(ratingResults(tally).items.x).toEqual({ counts: [0, 1, 0, 0, 0], n: 1, mean: 2 });
  });
});

const say = (...texts: string[]): AnswerValue => ({ kind: 'open', texts });

function openResults(tally: Tally): OpenResults {
  const results = toResults(tally);
  if (results.kind !== 'open') throw new Error('expected open results');
  return results;
}

/** An open tally where each [owner, texts] pair answered once, in order. */
function openTally(...answers: Array<[string, string[]]>): Tally {
  const tally = createTally(openQuestion('q'));
  for (const [owner, texts] of answers) replaceAnswer(tally, undefined, say(...texts), owner);
  return tally;
}

describe('open tallies', () => {
  it('start with no respondents, no answers and an empty cloud', () => {
    expect(openResults(createTally(openQuestion('q')))).toEqual({ kind: 'open', respondents: 0, answers: [], words: [] });
  });

  it('count one respondent per participant, list every text newest first and count its words', () => {
    const tally = openTally(['p1', ['Salud mental', 'Redes']], ['p2', ['Más redes']]);
    expect(openResults(tally)).toEqual({
      kind: 'open',
      respondents: 2,
      answers: [
        { id: openAnswerId('p2', 'Más redes'), text: 'Más redes', hidden: false },
        { id: openAnswerId('p1', 'Redes'), text: 'Redes', hidden: false },
        { id: openAnswerId('p1', 'Salud mental'), text: 'Salud mental', hidden: false },
      ],
      // redes: "Redes" 1, "redes" 1 → the spelling with fewer capitals; "más" is a stop-word.
      words: [
        { word: 'redes', count: 2 },
        { word: 'mental', count: 1 },
        { word: 'Salud', count: 1 },
      ],
    });
  });

  it('list the same text from two participants as two answers, both counted in the cloud', () => {
    const results = openResults(openTally(['p1', ['Pausas activas']], ['p2', ['Pausas activas']]));
    expect(results.answers.map((a) => a.id)).toEqual([openAnswerId('p2', 'Pausas activas'), openAnswerId('p1', 'Pausas activas')]);
    expect(results.words).toEqual([
      { word: 'activas', count: 2 },
      { word: 'Pausas', count: 2 },
    ]);
  });

  it("replace a participant's texts: the old ones leave the list and the cloud, one respondent kept", () => {
    const tally = openTally(['p1', ['salud mental', 'trabajo']], ['p2', ['salud']]);
    replaceAnswer(tally, say('salud mental', 'trabajo'), say('descanso'), 'p1');
    expect(openResults(tally)).toEqual({
      kind: 'open',
      respondents: 2,
      answers: [
        { id: openAnswerId('p1', 'descanso'), text: 'descanso', hidden: false },
        { id: openAnswerId('p2', 'salud'), text: 'salud', hidden: false },
      ],
      words: [
        { word: 'descanso', count: 1 },
        { word: 'salud', count: 1 },
      ],
    });
  });

  it('keep a text the participant sends again in a new answer, counted once', () => {
    const tally = openTally(['p1', ['salud', 'redes']]);
    replaceAnswer(tally, say('salud', 'redes'), say('salud', 'pausas'), 'p1');
    const results = openResults(tally);
    expect(results.respondents).toBe(1);
    expect(results.answers.map((a) => a.text).sort()).toEqual(['pausas', 'salud']);
    expect(results.words).toEqual([
      { word: 'pausas', count: 1 },
      { word: 'salud', count: 1 },
    ]);
  });

  it(`list only the newest ${LIMITS.openAnswersListed} answers, while the cloud counts them all`, () => {
    const total = LIMITS.openAnswersListed + 5;
    const tally = createTally(openQuestion('q'));
    for (let n = 1; n <= total; n++) replaceAnswer(tally, undefined, say(`respuesta ${n}`), `p${n}`);
    const results = openResults(tally);
    expect(results.respondents).toBe(total);
    expect(results.answers).toHaveLength(LIMITS.openAnswersListed);
    expect(results.answers[0]?.text).toBe(`respuesta ${total}`);
    expect(results.answers.at(-1)?.text).toBe('respuesta 6');
    expect(results.words[0]).toEqual({ word: 'respuesta', count: total });
    expect(results.words).toHaveLength(LIMITS.cloudWords);
  });

  describe('hiding', () => {
    it('takes the answer out of the cloud but keeps it listed, flagged, and its respondent counted', () => {
      const tally = openTally(['p1', ['Salud mental']], ['p2', ['salud']]);
      expect(setOpenAnswerHidden(tally, openAnswerId('p1', 'Salud mental'), true)).toBe(true);
      expect(openResults(tally)).toEqual({
        kind: 'open',
        respondents: 2,
        answers: [
          { id: openAnswerId('p2', 'salud'), text: 'salud', hidden: false },
          { id: openAnswerId('p1', 'Salud mental'), text: 'Salud mental', hidden: true },
        ],
        words: [{ word: 'salud', count: 1 }],
      });
    });

    it("hides only that participant's text, not the same text from someone else", () => {
      const tally = openTally(['p1', ['texto ofensivo']], ['p2', ['texto ofensivo']]);
      setOpenAnswerHidden(tally, openAnswerId('p1', 'texto ofensivo'), true);
      const results = openResults(tally);
      expect(results.answers.map((a) => a.hidden)).toEqual([false, true]);
      expect(results.words).toEqual([
        { word: 'ofensivo', count: 1 },
        { word: 'texto', count: 1 },
      ]);
    });

    it('is idempotent: hiding or showing twice does not count words out or in twice', () => {
      const tally = openTally(['p1', ['Salud mental']], ['p2', ['salud']]);
      const id = openAnswerId('p1', 'Salud mental');
      setOpenAnswerHidden(tally, id, true);
      expect(setOpenAnswerHidden(tally, id, true)).toBe(true);
      expect(openResults(tally).words).toEqual([{ word: 'salud', count: 1 }]);
      setOpenAnswerHidden(tally, id, false);
      expect(setOpenAnswerHidden(tally, id, false)).toBe(true);
      expect(openResults(tally).words).toEqual([
        { word: 'salud', count: 2 },
        { word: 'mental', count: 1 },
      ]);
    });

    it('showing again restores the cloud counts and the flag', () => {
      const tally = openTally(['p1', ['redes', 'Formación continua']], ['p2', ['formacion']]);
      const id = openAnswerId('p1', 'Formación continua');
      setOpenAnswerHidden(tally, id, true);
      expect(openResults(tally).words).toEqual([
        { word: 'formacion', count: 1 },
        { word: 'redes', count: 1 },
      ]);
      expect(setOpenAnswerHidden(tally, id, false)).toBe(true);
      const results = openResults(tally);
      expect(results.answers.every((a) => !a.hidden)).toBe(true);
      // formación: "Formación" 1, "formacion" 1 → the accented spelling.
      expect(results.words).toEqual([
        { word: 'Formación', count: 2 },
        { word: 'continua', count: 1 },
        { word: 'redes', count: 1 },
      ]);
    });

    it('does not count a hidden answer out of the cloud a second time when its owner replaces it', () => {
      const tally = openTally(['p1', ['salud mental']], ['p2', ['salud']]);
      setOpenAnswerHidden(tally, openAnswerId('p1', 'salud mental'), true);
      replaceAnswer(tally, say('salud mental'), say('trabajo'), 'p1');
      expect(openResults(tally).words).toEqual([
        { word: 'salud', count: 1 },
        { word: 'trabajo', count: 1 },
      ]);
    });

    it('keeps a hidden text hidden when its owner sends it again later', () => {
      const tally = openTally(['p1', ['salud mental']], ['p2', ['salud']]);
      const id = openAnswerId('p1', 'salud mental');
      setOpenAnswerHidden(tally, id, true);
      replaceAnswer(tally, say('salud mental'), say('trabajo'), 'p1');
      replaceAnswer(tally, say('trabajo'), say('salud mental'), 'p1');
      const results = openResults(tally);
      expect(results.answers.find((a) => a.id === id)).toEqual({ id, text: 'salud mental', hidden: true });
      expect(results.words).toEqual([{ word: 'salud', count: 1 }]);
    });

    it('returns false for an id no current answer has, but remembers the hiding for when it arrives', () => {
      const tally = openTally(['p2', ['salud']]);
      const id = openAnswerId('p1', 'spam spam');
      expect(setOpenAnswerHidden(tally, id, true)).toBe(false);
      expect(openResults(tally).answers).toHaveLength(1);
      replaceAnswer(tally, undefined, say('spam spam'), 'p1');
      const results = openResults(tally);
      expect(results.answers[0]).toEqual({ id, text: 'spam spam', hidden: true });
      expect(results.words).toEqual([{ word: 'salud', count: 1 }]);
    });

    it('forgets a remembered hiding when shown again before the text arrives', () => {
      const tally = createTally(openQuestion('q'));
      const id = openAnswerId('p1', 'salud');
      expect(setOpenAnswerHidden(tally, id, true)).toBe(false);
      expect(setOpenAnswerHidden(tally, id, false)).toBe(false);
      replaceAnswer(tally, undefined, say('salud'), 'p1');
      expect(openResults(tally).answers).toEqual([{ id, text: 'salud', hidden: false }]);
      expect(openResults(tally).words).toEqual([{ word: 'salud', count: 1 }]);
    });

    it('returns false and changes nothing on a choice or rating tally', () => {
      const tally = createTally(choice('q', ['a', 'b']));
      replaceAnswer(tally, undefined, pick('a'));
      expect(setOpenAnswerHidden(tally, 'a', true)).toBe(false);
      expect(choiceResults(tally)).toEqual({ kind: 'choice', respondents: 1, counts: { a: 1, b: 0 } });
      expect(setOpenAnswerHidden(createTally(rating('r', ['x'])), 'x', true)).toBe(false);
    });
  });
});
