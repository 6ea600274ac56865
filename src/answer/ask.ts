import { declineFor } from '../search/scope.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { answered, itemOf, noAnswer, type Answer } from './answer.ts';
import { listNames } from './describe.ts';
import { countriesNotConcerned, countriesWithoutFacts, hitsAboutNamedCountries, materialsWithoutFacts, suggestionsFor } from './subjects-without-facts.ts';

/** Free-text questions: the best sourced facts, or an honest no-answer with suggestions. */
export function ask(index: SearchIndex, text: string, now?: Date): Answer {
  const { snapshot } = index;
  // A question after an attribute no fact records is declined with the reason (see scope.ts).
  const decline = declineFor(text);
  if (decline) {
    const query = index.parse(text, now);
    return noAnswer('ask', query.text, snapshot, `I answer with sourced facts about rare-earth policy; ${decline.message}`, suggestionsFor(index, query));
  }
  const { query, hits } = index.search(text, undefined, now);
  if (query.text === '') {
    return noAnswer('ask', '', snapshot, 'Ask a question about rare-earth policy, for example "Who restricts dysprosium exports?"', suggestionsFor(index, query));
  }
  // "Does Mongolia restrict exports?" with nothing on Mongolia: facts about China do not answer it;
  // nor do gallium facts answer "melting point of thorium". Saying which subject is missing helps more.
  const missing = [
    ...countriesWithoutFacts(snapshot, query.countries.map((entity) => entity.code), hits),
    ...materialsWithoutFacts(snapshot, query.materials.map((entity) => entity.code), hits),
  ];
  if (hits.length === 0 && missing.length === 0) {
    return noAnswer('ask', query.text, snapshot, 'No sourced answer to that question in the knowledge base.', suggestionsFor(index, query));
  }
  // A country read from a misspelling ("finmins" → Finland) is a guess: it cannot overrule the hits.
  const certain = query.countries.filter((entity) => !query.corrections.some((correction) => correction.to.code === entity.code));
  const unconcerned = missing.length === 0 ? countriesNotConcerned(snapshot, query.text, certain.map((entity) => entity.code), hits) : [];
  if (unconcerned.length > 0) {
    return noAnswer('ask', query.text, snapshot, `No sourced answer about ${listNames(unconcerned)} to that question in the knowledge base.`, [
      ...query.countries.filter((entity) => entity.code !== 'XX').map((entity) => `/country name:${entity.name}`),
      ...suggestionsFor(index, { ...query, countries: [] }),
    ].slice(0, 5));
  }
  if (missing.length > 0) {
    const others = query.countries.filter((entity) => !missing.includes(entity.name));
    return noAnswer(
      'ask',
      query.text,
      snapshot,
      `No sourced facts about ${listNames(missing)} in the knowledge base yet.`,
      [...others.map((entity) => `/country name:${entity.name}`), ...suggestionsFor(index, { ...query, countries: [] })].slice(0, 5),
    );
  }
  const notes: string[] = [];
  if (query.corrections.length > 0) notes.push(`Showing results for ${query.corrections.map((c) => c.to.name).join(', ')}.`);
  if (query.truncated) notes.push('Only the first 300 characters of the question were read.');
  return answered(
    'ask',
    query.text,
    snapshot,
    hitsAboutNamedCountries(snapshot, query.text, certain.map((entity) => entity.code), hits).map((hit) => itemOf(hit.fact, snapshot, { score: hit.score })),
    notes.length > 0 ? { message: notes.join(' ') } : {},
  );
}
