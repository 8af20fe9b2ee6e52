/**
 * Word counting for word clouds: Spanish stop-words removed; case and accents folded for
 * counting ("Salud", "salud", "SALUD" are one word) while the most used spelling is shown.
 */

const STOP_WORDS = new Set(
  (
    'a al algo algun alguna algunas alguno algunos ante antes aquel aquella aquellas aquello aquellos aqui asi aun aunque bien cada ' +
    'casi como con contra cual cuales cuando cuanto de del desde donde dos el ella ellas ello ellos en entre era eran eres es esa ' +
    'esas ese eso esos esta estaba estaban estado estamos estan estar estas este esto estos estoy fue fueron ha habia han hasta hay ' +
    'he la las le les lo los mas me mi mis mucho muy nada ni no nos nosotras nosotros nuestra nuestras nuestro nuestros o os otra ' +
    'otras otro otros para pero poco por porque que quien quienes se sea sean ser si sido sin sino sobre somos son soy su sus ' +
    'tambien tan tanto te tiene tienen todo todos tu tus un una unas uno unos vosotros y ya yo etc cosa cosas hacer hace hacen ' +
    'tener the and of to'
  ).split(' '),
);

/** Lower case, accents and other marks removed: the key words are counted under. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a text worth counting: letters and digits, two characters or more, no stop-words. */
export function countableWords(text: string): string[] {
  // NFC first: an accent typed as a separate mark must not split its word in two.
  return (text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).filter((w) => w.length >= 2 && !STOP_WORDS.has(foldWord(w)));
}

export interface WordCount {
  word: string;
  count: number;
}

/** Running word counts, kept exact as texts are added and removed. */
export class WordCounter {
  readonly #counts = new Map<string, { count: number; spellings: Map<string, number> }>();

  add(text: string, sign: 1 | -1 = 1): void {
    for (const word of countableWords(text)) {
      const key = foldWord(word);
      const entry = this.#counts.get(key) ?? { count: 0, spellings: new Map<string, number>() };
      entry.count += sign;
      entry.spellings.set(word, (entry.spellings.get(word) ?? 0) + sign);
      if (entry.count <= 0) this.#counts.delete(key);
      else this.#counts.set(key, entry);
    }
  }

  remove(text: string): void {
    this.add(text, -1);
  }

  /** The most used words, each in its most used spelling; ties in alphabetical order. */
  top(limit: number): WordCount[] {
    return [...this.#counts.values()]
      .map((entry) => ({ word: mostUsed(entry.spellings), count: entry.count }))
      .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, 'es'))
      .slice(0, limit);
  }
}

/**
 * The spelling to show: the most used; on a tie the one with accents written ("Contención"
 * over "contencion"), then the one shouting least ("Contención" over "CONTENCIÓN").
 */
function mostUsed(spellings: Map<string, number>): string {
  const accents = (w: string) => w.normalize('NFD').length - w.length;
  const capitals = (w: string) => (w.match(/\p{Lu}/gu) ?? []).length;
  return [...spellings]
    .filter(([, count]) => count > 0)
    .sort(([a, ca], [b, cb]) => cb - ca || accents(b) - accents(a) || capitals(a) - capitals(b) || a.localeCompare(b, 'es'))[0]![0];
}

/**
 * A short stable id for one participant's text (FNV-1a, 2×32 bits): what the facilitator hides
 * refers to it, without revealing who wrote it.
 */
export function openAnswerId(owner: string, text: string): string {
  const input = `${owner}\u0000${text}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ input.length;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(36) + b.toString(36);
}
