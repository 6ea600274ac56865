import type { Fact } from '../knowledge/schema.ts';
import { stem, tokenize } from '../search/normalize.ts';
import type { ParsedQuery } from '../search/parsed-query.ts';
import type { SearchHit, SearchIndex } from '../search/search-index.ts';
import { VOCABULARY } from '../search/vocabulary.ts';

/**
 * A question whose only link to this domain is a name ("what's the capital of Australia", "who is
 * the president of China", "is cerium toxic", "neodymium magnets for guitar pickups") asks for an
 * attribute of that name: trivia, a property of an element, a price, a person, a hobby. Some fact
 * may still hold the same word in passing (a "capital raising" in Australia, a president who met
 * another), but a fact answers such a question only when the word is what the fact is about: in its
 * title, aliases or tags. So for a question that does not say in the domain's words what it asks
 * (ParsedQuery `topicalBesideNames`: "magnets" is a name here, not the market) and says little
 * besides its names, only hits that carry one of its words there are kept, and with none the
 * question gets the honest no-answer. Words no fact holds ("dangerous", "kids", "pickups") are
 * attributes as well, ones no fact states: a question made mostly of them is asked of the name
 * however long it is. Two subjects named apart ask how they are linked, which facts record in
 * passing, so they keep their hits unless the link is put in words no fact has. "Pentagon stake
 * in MP Materials" and "Lynas plant in Malaysia" are about what their facts' titles say, and keep them.
 * A longer question naming a material and no place ("cerium oxide vs baking soda for polishing my car
 * headlights") keeps only facts that hold at least half of its other words anywhere in their text.
 */
export function hitsNotIncidental(index: SearchIndex, query: ParsedQuery, hits: readonly SearchHit[]): readonly SearchHit[] {
  if (query.topicalBesideNames) return hits;
  // A material's name is also a word of the question ("europium", "magnets"); it is the name, not the attribute.
  const names = new Set([...query.materials.flatMap((entity) => tokenize(entity.name).map(stem)), ...query.materialWords]);
  const known: string[][] = [];
  let unknown = 0;
  for (const term of query.terms) {
    if ((query.aside.has(term) && !query.topic.has(term) && !query.remarkWords.has(term)) || names.has(term)) continue;
    const resolved = index.facts.resolveTerm(term);
    if (resolved) known.push([resolved.term, ...(VOCABULARY.equivalents.get(resolved.term) ?? [])]);
    // A word no fact holds ("dangerous", "kids") is an attribute too, one no fact states; a short one ("xq") may be noise.
    else if (term.length > MAX_NOISE_LENGTH) unknown++;
  }
  const attributes = known.length + unknown;
  // A question of more words than a name and an attribute or two says more than "the X of Y",
  // unless most of what it says is in words the knowledge does not have ("magnet fishing in a canal").
  // With no name at all ("earth wind & fire - why the 21st of september"), only shared words link it
  // to the domain: most of them must be what a fact is about, however many it says.
  const nameless = query.countries.length + query.places.length + query.materials.length === 0;
  if (attributes === 0) return hits;
  if (!nameless && attributes > MAX_ATTRIBUTE_WORDS && unknown <= known.length) {
    // "Tungsten carbide wedding band - can the hospital cut it off in an emergency": named a material
    // alone, a question asks of it what a fact must state in most of its words; a fact about its
    // industrial use shares one or two of them.
    if (query.countries.length + query.places.length > 0) return hits;
    return hits.filter((hit) => {
      const words = factWords(hit.fact);
      return known.filter((forms) => forms.some((form) => words.has(form))).length * 2 >= attributes;
    });
  }
  const needed = nameless ? Math.ceil(attributes / 2) : 1;
  const about = hits.filter((hit) => {
    const salient = salientWords(hit.fact);
    return known.filter((forms) => forms.some((form) => salient.has(form))).length >= needed;
  });
  // Two subjects named apart ("neodymium magnets made in China", "why do magnets need dysprosium
  // and terbium") ask how they are linked: supply, policy or use, which facts record in passing,
  // unless the link is put in words the knowledge does not have ("… for guitar pickups").
  return about.length === 0 && query.namedSubjects >= 2 && unknown <= known.length ? hits : about;
}

const MAX_ATTRIBUTE_WORDS = 2;
const MAX_NOISE_LENGTH = 3;

/** The stemmed words of what a fact is about: its title, aliases and tags. */
function salientWords(fact: Fact): ReadonlySet<string> {
  return cachedWords(SALIENT, fact, () => [fact.title, ...fact.aliases, ...fact.tags]);
}
const SALIENT = new WeakMap<Fact, ReadonlySet<string>>();

/** The stemmed words of a fact's title, summary, aliases and tags. */
function factWords(fact: Fact): ReadonlySet<string> {
  return cachedWords(WORDS, fact, () => [fact.title, fact.summary, ...fact.aliases, ...fact.tags]);
}
const WORDS = new WeakMap<Fact, ReadonlySet<string>>();

function cachedWords(cache: WeakMap<Fact, ReadonlySet<string>>, fact: Fact, texts: () => readonly string[]): ReadonlySet<string> {
  let words = cache.get(fact);
  if (!words) {
    words = new Set(tokenize(texts().join(' ')).map(stem));
    cache.set(fact, words);
  }
  return words;
}
