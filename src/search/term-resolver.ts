import { editDistance } from '../knowledge/closest.ts';
import { isEverydayWord } from './everyday-words.ts';
import { VOCABULARY } from './vocabulary.ts';

/** Words of everyday speech this common are never taken for a typo (everyday-words.ts). */
const EVERYDAY_RANK = 5000;

/**
 * The indexed word a query word most likely meant: itself, a synonym the knowledge uses, the
 * closest word within one edit (two for words of eight letters or more, preferring the more common one), or an
 * indexed stem the word starts with ("refinary" → "refin"; not for adverbs in -ly). Unknown words stay unknown.
 */
export class TermResolver {
  /**
   * Words as written in the facts and their stems, bucketed by length, so a typo is compared with
   * words of about its length only. "agreemnt" is one letter from the written "agreement", four
   * from its stem "agre"; either way it resolves to the stem.
   */
  readonly #byLength = new Map<number, Array<readonly [word: string, stem: string]>>();
  readonly #frequency: (term: string) => number;

  /** `written` maps each word as the facts write it to its indexed stem. */
  constructor(written: ReadonlyMap<string, string>, frequency: (term: string) => number) {
    const add = (word: string, stem: string) => {
      const bucket = this.#byLength.get(word.length);
      if (bucket) bucket.push([word, stem]);
      else this.#byLength.set(word.length, [[word, stem]]);
    };
    const stems = new Set(written.values());
    for (const stem of stems) add(stem, stem);
    // A written form one or two letters longer than its stem ("magnets") adds nothing the stem
    // does not already catch within a typo's distance; longer endings ("agreement" → "agre") do.
    for (const [word, stem] of written) if (!stems.has(word) && word.length - stem.length > 2) add(word, stem);
    this.#frequency = frequency;
  }

  resolve(term: string): { term: string; exact: boolean } | undefined {
    const known = (word: string) => this.#frequency(word) > 0;
    if (known(term)) return { term, exact: true };
    for (const synonym of VOCABULARY.synonyms.get(term) ?? []) if (known(synonym)) return { term: synonym, exact: false };
    // A word of a concept the facts write otherwise ("react" where they say "response") is that
    // concept, not a typo of a word one letter away ("reach").
    for (const other of VOCABULARY.equivalents.get(term) ?? []) if (known(other)) return { term: other, exact: false };
    // A four-letter word one letter from another is as likely a different word ("melt", "meet").
    if (term.length < 5 || /\d/.test(term)) return undefined;
    // A word of everyday speech the facts never use ("stuff", "honestly") is the asker's word, not a
    // typo of one a letter away ("staff").
    if (isEverydayWord(term, EVERYDAY_RANK)) return undefined;
    const maxDistance = term.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = maxDistance + 1;
    let bestFrequency = 0;
    for (let length = term.length - maxDistance; length <= term.length + maxDistance; length++) {
      for (const [word, stem] of this.#byLength.get(length) ?? []) {
        // A typo rarely hits both of the first two letters; this skips most of the vocabulary.
        if (word[0] !== term[0] && word[1] !== term[1]) continue;
        // Nor, in a word of under eight letters, the first one: one letter off there is most often
        // another word ("father" is not "rather", "mines" not "lines"), the question's own.
        if (word[0] !== term[0] && term.length < 8) continue;
        const distance = editDistance(term, word, bestDistance + 1);
        const frequency = this.#frequency(stem);
        if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
          best = stem;
          bestDistance = distance;
          bestFrequency = frequency;
        }
      }
    }
    if (best && bestDistance <= maxDistance) return { term: best, exact: false };
    // An adverb the facts never use says how, not what ("until when exactly"): it is not cut back
    // to its adjective, which would make the question ask for a word no answer needs.
    if (term.endsWith('ly')) return undefined;
    for (let length = Math.min(term.length - 1, 12); length >= 5; length--) {
      const stemmed = term.slice(0, length);
      if (known(stemmed) && term.length - length <= 4) return { term: stemmed, exact: false };
    }
    return undefined;
  }
}
