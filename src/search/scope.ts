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
  const words = tokenize(stripMarkup(text.trim().slice(0, MAX_QUERY_CHARS)));
  for (const [i, word] of words.entries()) {
    for (const { decline, phrase } of DECLINE_PHRASES.get(word) ?? []) {
      if (phrase.every((part, j) => words[i + j] === part)) return decline;
    }
  }
  return undefined;
}

/** Decline phrases by their first word, so a question is read once rather than once per phrase. */
const DECLINE_PHRASES = new Map<string, Array<{ decline: Decline; phrase: readonly string[] }>>();
for (const decline of VOCABULARY.declines) {
  for (const phrase of decline.phrases) {
    const first = phrase[0];
    if (first !== undefined) DECLINE_PHRASES.set(first, [...(DECLINE_PHRASES.get(first) ?? []), { decline, phrase }]);
  }
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

/** "Outside China", "besides Japan": the question (as lowercase words) may name a country to exclude it. */
export function namesToExclude(words: readonly string[]): boolean {
  return VOCABULARY.signals.excluding.some((phrase) => containsPhrase(words, phrase));
}
