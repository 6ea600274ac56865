import type { Snapshot } from '../knowledge/snapshot.ts';
import { countriesOf } from '../search/fact-text.ts';
import type { SearchHit, SearchIndex } from '../search/search-index.ts';
import { answered, itemOf, noAnswer, type Answer } from './answer.ts';
import { listNames } from './describe.ts';
import { factsAbout } from './facts-by-country.ts';

/**
 * Forecasts and investment advice cannot be answered from sourced facts, however many of their
 * words match some fact ("will the NdPr price go up", "should I buy MP Materials stock").
 */
const ADVICE_OR_FORECAST =
  /\b(?:should i (?:buy|sell|invest|short)|(?:buy|sell|short)\b.{0,40}\b(?:stocks?|shares|etfs?)\b|stock (?:tips?|picks?)|price (?:prediction|forecast)s?|will\b.{0,60}\b(?:go up|go down|rise|fall|drop|crash|soar|increase|decrease)|(?:financial|investment) advice)\b/i;

/** Free-text questions: the best sourced facts, or an honest no-answer with suggestions. */
export function ask(index: SearchIndex, text: string, now?: Date): Answer {
  const { snapshot } = index;
  if (ADVICE_OR_FORECAST.test(text.slice(0, 300))) {
    const query = index.parse(text, now);
    return noAnswer(
      'ask',
      query.text,
      snapshot,
      'I answer with sourced facts about rare-earth policy; I do not make forecasts or give investment advice.',
      index.suggestions(query),
    );
  }
  const { query, hits } = index.search(text, undefined, now);
  if (query.text === '' || hits.length === 0) {
    const message = query.text === '' ? 'Ask a question about rare-earth policy, for example "Who restricts dysprosium exports?"' : 'No sourced answer to that question in the knowledge base.';
    return noAnswer('ask', query.text, snapshot, message, index.suggestions(query));
  }
  // "Does Mongolia restrict exports?" with nothing on Mongolia: facts about China do not answer it.
  const missing = countriesWithoutFacts(snapshot, query.countries.map((entity) => entity.code), hits);
  if (missing.length > 0) {
    const others = query.countries.filter((entity) => !missing.includes(entity.name));
    return noAnswer(
      'ask',
      query.text,
      snapshot,
      `No sourced facts about ${listNames(missing)} in the knowledge base yet.`,
      [...others.map((entity) => `/country name:${entity.name}`), ...index.suggestions({ ...query, countries: [] })].slice(0, 5),
    );
  }
  const notes: string[] = [];
  if (query.corrections.length > 0) notes.push(`Showing results for ${query.corrections.map((c) => c.to.name).join(', ')}.`);
  if (query.truncated) notes.push('Only the first 300 characters of the question were read.');
  return answered(
    'ask',
    query.text,
    snapshot,
    hits.map((hit) => itemOf(hit.fact, snapshot, { score: hit.score })),
    notes.length > 0 ? { message: notes.join(' ') } : {},
  );
}

/** Named countries the knowledge says nothing about and no hit concerns (directly or through a bloc). */
function countriesWithoutFacts(snapshot: Snapshot, codes: readonly string[], hits: readonly SearchHit[]): string[] {
  const missing: string[] = [];
  for (const code of codes) {
    if (code === 'XX' || factsAbout(snapshot, code).length > 0) continue;
    const blocs = snapshot.countries.filter((country) => country.members.includes(code)).map((country) => country.code);
    const concerned = hits.some((hit) => {
      const about = countriesOf(hit.fact);
      return about.has(code) || blocs.some((bloc) => about.has(bloc));
    });
    if (!concerned) missing.push(snapshot.countryByCode.get(code)?.name ?? code);
  }
  return missing;
}
