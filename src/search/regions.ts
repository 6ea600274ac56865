import { VOCABULARY } from './vocabulary.ts';

/**
 * Parts of the world people ask about as a group, read from vocabulary.yaml `regions`: a fact about
 * Angola is about an African country though it never says "Africa".
 */

/** The countries of the region a word names, if it names one (the same array for every word of a region). */
export function regionOf(word: string): readonly string[] | undefined {
  return VOCABULARY.regions.get(word)?.members;
}

/** The name of the region a word names ("african" → "Africa"). */
export function regionName(word: string): string | undefined {
  return VOCABULARY.regions.get(word)?.name;
}
