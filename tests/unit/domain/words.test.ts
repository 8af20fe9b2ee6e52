import { describe, expect, it } from 'vitest';
import { countableWords, foldWord, openAnswerId, WordCounter } from '../../../server/domain/words.ts';

/** A counter fed with these texts, in order. */
function counterOf(...texts: string[]): WordCounter {
  const counter = new WordCounter();
  for (const text of texts) counter.add(text);
  return counter;
}

describe('foldWord', () => {
  it('lower-cases', () => {
    expect(foldWord('SALUD')).toBe('salud');
    expect(foldWord('Salud')).toBe('salud');
  });

  it('removes accents, diaereses and the tilde of ñ (every combining mark)', () => {
    expect(foldWord('Contención')).toBe('contencion');
    expect(foldWord('ÁRBOL')).toBe('arbol');
    expect(foldWord('pingüino')).toBe('pinguino');
    expect(foldWord('Niño')).toBe('nino');
  });

  it('folds an accent typed as a separate combining mark (NFD) like a precomposed one', () => {
    expect(foldWord('contencio\u0301n')).toBe('contencion');
    expect(foldWord('contencio\u0301n')).toBe(foldWord('contención'));
  });

  it('leaves digits alone', () => {
    expect(foldWord('Covid19')).toBe('covid19');
  });
});

describe('countableWords', () => {
  it('removes Spanish stop-words', () => {
    expect(countableWords('La salud de los equipos y que la gente')).toEqual(['salud', 'equipos', 'gente']);
  });

  it('recognises stop-words whatever their case or accents', () => {
    expect(countableWords('Está MÁS Qué También LOS')).toEqual([]);
  });

  it('drops one-letter words, stop-word or not', () => {
    expect(countableWords('x é 5 ok')).toEqual(['ok']);
  });

  it('keeps numbers of two digits or more and words with digits', () => {
    expect(countableWords('covid19 en 2020')).toEqual(['covid19', '2020']);
  });

  it('splits on punctuation and keeps the original spelling', () => {
    expect(countableWords('salud-mental,redes/Formación.¡Apoyo!')).toEqual(['salud', 'mental', 'redes', 'Formación', 'Apoyo']);
  });

  it('finds nothing in an empty text or in punctuation alone', () => {
    expect(countableWords('')).toEqual([]);
    expect(countableWords(' ¿?¡! ... -- ')).toEqual([]);
  });

  it('keeps a word whole when its accent is a separate combining mark (NFD), so it folds like the NFC spelling', () => {
    // "contención" as typed on some keyboards or pasted from macOS: o + U+0301.
    expect(countableWords('contencio\u0301n emocional').map(foldWord)).toEqual(['contencion', 'emocional']);
  });
});

describe('WordCounter', () => {
  it('starts empty', () => {
    expect(new WordCounter().top(10)).toEqual([]);
  });

  it('counts case and accent variants as one word', () => {
    // salud: "Salud", "salud", "SALUD" (one each); mental 1; laboral 1.
    expect(counterOf('Salud mental', 'salud laboral', 'SALUD').top(10)).toEqual([
      { word: 'salud', count: 3 },
      { word: 'laboral', count: 1 },
      { word: 'mental', count: 1 },
    ]);
  });

  it('counts every occurrence, also twice in the same text', () => {
    expect(counterOf('redes y más redes').top(10)).toEqual([{ word: 'redes', count: 2 }]);
  });

  it('leaves stop-words and one-letter words out of the cloud', () => {
    expect(counterOf('la de los y que a x').top(10)).toEqual([]);
  });

  it('keeps counts exact as texts are removed', () => {
    const counter = counterOf('salud mental', 'salud', 'mental pausas');
    counter.remove('salud mental');
    expect(counter.top(10)).toEqual([
      { word: 'mental', count: 1 },
      { word: 'pausas', count: 1 },
      { word: 'salud', count: 1 },
    ]);
  });

  it('drops a word whose count reaches zero instead of listing it at 0', () => {
    const counter = counterOf('salud mental', 'salud');
    counter.remove('salud mental');
    counter.remove('salud');
    expect(counter.top(10)).toEqual([]);
  });

  it('starts a word afresh once it has gone, forgetting its old spellings', () => {
    const counter = counterOf('SALUD', 'SALUD');
    counter.remove('SALUD');
    counter.remove('SALUD');
    counter.add('salud');
    expect(counter.top(10)).toEqual([{ word: 'salud', count: 1 }]);
  });

  it('orders by count, then alphabetically in Spanish (á with a, ñ after n)', () => {
    const counter = counterOf('oso ñandú nube', 'trabajo azul árbol', 'trabajo');
    // Code-point order would put "azul" before "árbol" and "ñandú" after "oso".
    expect(counter.top(10)).toEqual([
      { word: 'trabajo', count: 2 },
      { word: 'árbol', count: 1 },
      { word: 'azul', count: 1 },
      { word: 'nube', count: 1 },
      { word: 'ñandú', count: 1 },
      { word: 'oso', count: 1 },
    ]);
  });

  it('returns at most `limit` words, the most used ones', () => {
    const counter = counterOf('uno dos tres', 'tres cuatro', 'tres cuatro', 'cinco');
    // "uno" and "dos" are stop-words: tres 3, cuatro 2, cinco 1.
    expect(counter.top(2)).toEqual([
      { word: 'tres', count: 3 },
      { word: 'cuatro', count: 2 },
    ]);
    expect(counter.top(0)).toEqual([]);
  });

  describe('the spelling shown', () => {
    it('is the most used one, even in capitals', () => {
      expect(counterOf('SALUD', 'SALUD', 'salud').top(1)).toEqual([{ word: 'SALUD', count: 3 }]);
    });

    it('on a tie, is the one with its accents written', () => {
      expect(counterOf('contencion', 'Contención').top(1)).toEqual([{ word: 'Contención', count: 2 }]);
      expect(counterOf('Contención', 'contencion').top(1)).toEqual([{ word: 'Contención', count: 2 }]);
    });

    it('on a tie of accents, is the one with fewer capitals', () => {
      expect(counterOf('CONTENCIÓN', 'Contención').top(1)).toEqual([{ word: 'Contención', count: 2 }]);
      expect(counterOf('Salud', 'salud').top(1)).toEqual([{ word: 'salud', count: 2 }]);
    });

    it('follows removals: a spelling that loses its lead or all its uses is no longer shown', () => {
      const counter = counterOf('Contención', 'contencion', 'contencion');
      expect(counter.top(1)).toEqual([{ word: 'contencion', count: 3 }]);
      counter.remove('contencion');
      // 1 – 1: the accented spelling wins the tie.
      expect(counter.top(1)).toEqual([{ word: 'Contención', count: 2 }]);
      counter.remove('Contención');
      expect(counter.top(1)).toEqual([{ word: 'contencion', count: 1 }]);
    });
  });
});

describe('openAnswerId', () => {
  it('is the same for the same participant and text, every time', () => {
    expect(openAnswerId('p1', 'Salud mental')).toBe(openAnswerId('p1', 'Salud mental'));
  });

  it('does not change between releases (hidden ids are stored)', () => {
    // FNV-1a over UTF-16 code units of "p1\0Salud mental", computed with a separate implementation.
    expect(openAnswerId('p1', 'Salud mental')).toBe('1f76syk131tmah');
  });

  it("differs by owner, so hiding one person's text does not hide another's", () => {
    expect(openAnswerId('p1', 'Salud mental')).not.toBe(openAnswerId('p2', 'Salud mental'));
  });

  it('differs by text, including only by case', () => {
    expect(openAnswerId('p1', 'Salud mental')).not.toBe(openAnswerId('p1', 'Salud laboral'));
    expect(openAnswerId('p1', 'salud')).not.toBe(openAnswerId('p1', 'Salud'));
  });

  it('keeps owner and text apart: moving a character across the boundary changes the id', () => {
    expect(openAnswerId('ab', 'c')).not.toBe(openAnswerId('a', 'bc'));
  });

  it('is short, url-safe and reveals neither the owner nor the text', () => {
    const id = openAnswerId('participante-7', 'hola');
    expect(id).toMatch(/^[0-9a-z]{2,14}$/);
    expect(id).not.toContain('participante');
    expect(id).not.toContain('hola');
  });
});
