import type { MarketStage } from '../knowledge/schema.ts';
import type { EntityRef } from './lexicon.ts';
import { regionOf } from './regions.ts';
import { containsPhrase } from './scope.ts';
import { tokenize } from './tokens.ts';
import { VOCABULARY } from './vocabulary.ts';

/** The stages whose facts rank countries against each other (imports and exports measure one market). */
const RANKED_STAGES: ReadonlySet<MarketStage> = new Set(['mining', 'reserves', 'refining', 'magnets']);

/**
 * "Who mines the most rare earths", "which countries have the biggest reserves", "which countries
 * besides China refine": a question word, a word of ranking and one stage of the supply chain, and
 * no country it asks about (one it names to exclude does not count). Such a question is answered by
 * the ranking of countries at that stage, as /market-share gives it, rather than by single facts.
 */
export function rankingAsked(words: readonly string[], stages: readonly MarketStage[], countries: readonly EntityRef[], excluding: boolean): MarketStage | undefined {
  const ranked = stages.filter((stage) => RANKED_STAGES.has(stage));
  if (ranked.length !== 1) return undefined;
  // "Which African countries mine": the countries of a region, which the world's ranking is not.
  if (words.some((word) => regionOf(word) !== undefined)) return undefined;
  const rankingWords = VOCABULARY.signals.ranking.filter((phrase) => containsPhrase(words, phrase));
  // "Who refines rare earths outside China": the others at that stage, as "who else" asks.
  if (rankingWords.length === 0 && !excluding) return undefined;
  // "Top 3 mining countries": a ranking word beside a noun for countries asks for the list as a
  // question word would; "countries" alone ("mining countries in Africa") does not rank them, and
  // a question that asks something else of them ("how concentrated is refining among the top 3
  // countries") is not the list.
  const asks = words.some((word) => VOCABULARY.signals.askers.has(word));
  const listsCountries =
    words.some((word) => COUNTRY_NOUNS.has(word)) &&
    rankingWords.some((phrase) => !(phrase.length === 1 && COUNTRY_NOUNS.has(phrase[0] as string))) &&
    !words.some((word) => VOCABULARY.signals.questionOpeners.has(word));
  // "Where do Brazil and India rank": the countries named are to be placed in the ranking, which answers it.
  const placesThem = words.some((word) => POSITION_WORDS.has(word));
  if (!asks && !listsCountries && !placesThem) return undefined;
  // "Who mines the most after China": in a ranking, the country after "after" or "behind" is the
  // leader set aside, as "besides China" would set it aside.
  const setAside = countries.filter((country) => words.some((word, i) => AFTER.has(word) && words[i + 1] === firstToken(country.name)));
  const asked = countries.filter((country) => country.code !== 'XX' && !setAside.includes(country));
  if (asked.length > (excluding ? 1 : 0) && !placesThem) return undefined;
  return ranked[0];
}

const COUNTRY_NOUNS: ReadonlySet<string> = new Set(['countries', 'nations', 'producers']);
const AFTER: ReadonlySet<string> = new Set(['after', 'behind']);
const POSITION_WORDS: ReadonlySet<string> = new Set(['rank', 'ranks', 'ranked']);

function firstToken(name: string): string {
  return tokenize(name)[0] ?? '';
}
