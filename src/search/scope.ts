import { MAX_QUERY_CHARS, stripMarkup, tokenize } from './normalize.ts';
import { VOCABULARY, type Decline } from './vocabulary.ts';

/**
 * Whether a question is one the knowledge can answer at all, decided by reason rather than by
 * matching words of it against facts:
 *
 * - It asks for an attribute no fact records (vocabulary.yaml `declines`): a forecast or
 *   investment advice, a personal detail about a person, a chemical or physical property of an
 *   element, a market price. However many of its other words some fact contains (the element, the
 *   person, "price"), a fact about that subject does not say what is asked, so it is declined
 *   with that reason.
 * - Its only words from this domain are names (a country, a city, an element, a person) and the
 *   rest are words the knowledge does not have ("weather in Paris", "Neodymium the band", "moons
 *   of Jupiter"): those unknown words are what it asks about, so they count in full against every
 *   fact (query-plan.ts) and the question finds no fact. Only a question that says in the domain's
 *   own words what it asks (a kind word such as "ban" or "reserves", or "rare earth") may treat the
 *   unknown words around it as chatter.
 */
export function declineFor(text: string): Decline | undefined {
  const words = tokenize(stripMarkup(text).slice(0, MAX_QUERY_CHARS));
  return VOCABULARY.declines.find((decline) => decline.phrases.some((phrase) => containsPhrase(words, phrase)));
}

/** Whether `words` holds `phrase` as consecutive whole words. */
export function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    let j = 0;
    while (j < phrase.length && words[i + j] === phrase[j]) j++;
    if (j === phrase.length) return true;
  }
  return false;
}

/** "Outside China", "besides Japan": the question may name a country to exclude it. */
export function namesToExclude(text: string): boolean {
  const words = tokenize(stripMarkup(text));
  return VOCABULARY.signals.excluding.some((phrase) => containsPhrase(words, phrase));
}
