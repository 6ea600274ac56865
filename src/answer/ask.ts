import type { SearchIndex } from '../search/search-index.ts';
import { answered, itemOf, noAnswer, type Answer } from './answer.ts';
import { toIsoDay } from '../knowledge/dates.ts';
import { listNames } from './describe.ts';
import { shownStatusOf } from './shown-status.ts';
import { countriesNotConcerned, countriesWithoutFacts, materialsWithoutFacts, suggestionsFor } from './subjects-without-facts.ts';

/**
 * Forecasts and investment advice cannot be answered from sourced facts, however many of their
 * words match some fact ("will the NdPr price go up", "should I buy MP Materials stock").
 */
const ADVICE_OR_FORECAST =
  /\b(?:should i (?:buy|sell|invest|short)|(?:buy|sell|short)\b.{0,40}\b(?:stocks?|shares|etfs?)\b|stock (?:tips?|picks?)|price (?:prediction|forecast)s?|will\b.{0,60}\b(?:go up|go down|rise|fall|drop|crash|soar|increase|decrease)|(?:financial|investment) advice)\b/i;

/** Personal trivia ("how old is Xi Jinping") shares a name with facts but is not what they say. */
const PERSONAL_TRIVIA = /\b(?:how old|(?:his|her|their) age|age of|birthday|born in|date of birth|net worth|married|wife|husband|salary|height)\b/i;

/**
 * Free-text questions: the best sourced facts, or an honest no-answer with suggestions. A
 * restriction carries its status as shown on `now`'s day, and one whose end date has passed says
 * so before its summary (which may still read "suspended until …"). Without `now` relative dates
 * stay undated, but statuses are still read against the clock: a status is never shown unchecked.
 */
export function ask(index: SearchIndex, text: string, now?: Date): Answer {
  const { snapshot } = index;
  const head = text.slice(0, 300);
  if (ADVICE_OR_FORECAST.test(head) || PERSONAL_TRIVIA.test(head)) {
    const query = index.parse(text, now);
    const why = ADVICE_OR_FORECAST.test(head) ? 'I do not make forecasts or give investment advice.' : 'the knowledge base holds no personal details about people.';
    return noAnswer('ask', query.text, snapshot, `I answer with sourced facts about rare-earth policy; ${why}`, suggestionsFor(index, query));
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
    hits.map((hit) => {
      const shown = shownStatusOf(hit.fact, toIsoDay(now ?? new Date()));
      if (!shown) return itemOf(hit.fact, snapshot, { score: hit.score });
      const text = shown.passed ? `Status today: ${shown.text}.\n${hit.fact.summary}` : hit.fact.summary;
      return itemOf(hit.fact, snapshot, { score: hit.score, shown, text });
    }),
    notes.length > 0 ? { message: notes.join(' ') } : {},
  );
}
