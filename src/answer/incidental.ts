import type { Fact } from '../knowledge/schema.ts';
import { stem, tokenize } from '../search/normalize.ts';
import type { ParsedQuery } from '../search/parsed-query.ts';
import type { SearchHit, SearchIndex } from '../search/search-index.ts';
import { VOCABULARY } from '../search/vocabulary.ts';

/**
 * A question whose only link to this domain is a name ("what's the capital of Australia", "who is
 * the president of China", "is cerium toxic", "what time is it in Beijing") asks for an attribute
 * of that name: trivia, a property of an element, a price, a person. Some fact may still hold the
 * same word in passing (a "capital raising" in Australia, a president who met another), but a fact
 * answers such a question only when the word is what the fact is about: in its title, aliases or
 * tags. So for a short question that does not say in the domain's words what it asks (ParsedQuery
 * `topical`) and names little besides its names, only hits that carry one of its words there are
 * kept, and with none the question gets the honest no-answer. "Pentagon stake in MP Materials" and "Lynas plant in
 * Malaysia" are about what their facts' titles say, and keep them.
 */
export function hitsNotIncidental(index: SearchIndex, query: ParsedQuery, hits: readonly SearchHit[]): readonly SearchHit[] {
  if (query.topical) return hits;
  // A material's name is also a word of the question ("europium"); it is the name, not the attribute.
  const names = new Set(query.materials.flatMap((entity) => tokenize(entity.name).map(stem)));
  const words = query.terms.flatMap((term) => {
    if ((query.aside.has(term) && !query.topic.has(term)) || names.has(term)) return [];
    const resolved = index.facts.resolveTerm(term);
    return resolved ? [[resolved.term, ...(VOCABULARY.equivalents.get(resolved.term) ?? [])]] : [];
  });
  // A question of more words than a name and an attribute or two says more than "the X of Y".
  if (words.length === 0 || words.length > MAX_ATTRIBUTE_WORDS) return hits;
  return hits.filter((hit) => {
    const salient = salientWords(hit.fact);
    return words.some((forms) => forms.some((form) => salient.has(form)));
  });
}

const MAX_ATTRIBUTE_WORDS = 2;

/** The stemmed words of what a fact is about: its title, aliases and tags. */
function salientWords(fact: Fact): ReadonlySet<string> {
  let words = SALIENT.get(fact);
  if (!words) {
    words = new Set(tokenize([fact.title, ...fact.aliases, ...fact.tags].join(' ')).map(stem));
    SALIENT.set(fact, words);
  }
  return words;
}
const SALIENT = new WeakMap<Fact, ReadonlySet<string>>();
