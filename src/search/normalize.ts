/**
 * One normaliser for facts and queries, so that what is indexed and what is asked meet: tokens
 * (tokens.ts), stop words dropped and words stemmed, with the vocabulary's spellings applied
 * (British and American spellings, nouns and their verbs meet on one stem).
 */
import { baseStem } from './stemmer.ts';
import { tokenize } from './tokens.ts';
import { VOCABULARY } from './vocabulary.ts';

export { cleanText, rawTokens, stripMarkup, tokenize } from './tokens.ts';

/** Longest input we look at; a 6,000-character paste costs no more than this. */
export { MAX_QUERY_CHARS } from '../text/query-cap.ts';

/** Words that carry no meaning for search (vocabulary.yaml `stopWords`). */
export const STOP_WORDS: ReadonlySet<string> = VOCABULARY.stopWords;

export function stem(token: string): string {
  const base = baseStem(token);
  return VOCABULARY.spellings.get(base) ?? base;
}

/** Search terms of a text: tokens, minus stop words, stemmed. */
export function searchTerms(text: string): string[] {
  return tokenize(text)
    .filter((token) => !STOP_WORDS.has(token))
    .map(stem);
}
