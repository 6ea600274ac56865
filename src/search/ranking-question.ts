import type { MarketStage } from '../knowledge/schema.ts';
import type { EntityRef } from './lexicon.ts';
import { containsPhrase } from './scope.ts';
import { VOCABULARY } from './vocabulary.ts';

/** The stages whose facts rank countries against each other (imports and exports measure one market). */
const RANKED_STAGES: ReadonlySet<MarketStage> = new Set(['mining', 'reserves', 'refining', 'magnets']);

/**
 * "Who mines the most rare earths", "which countries have the biggest reserves", "which countries
 * besides China refine": a question word, a word of ranking and one stage of the supply chain, and
 * no country it asks about (one it names to exclude does not count). Such a question is answered by
 * the ranking of countries at that stage, as /market-share gives it, rather than by single facts.
 */
export function rankingAsked(
  words: readonly string[],
  stages: readonly MarketStage[],
  countries: readonly EntityRef[],
  excluding: boolean,
): MarketStage | undefined {
  const ranked = stages.filter((stage) => RANKED_STAGES.has(stage));
  if (ranked.length !== 1) return undefined;
  if (!words.some((word) => VOCABULARY.signals.askers.has(word))) return undefined;
  if (!VOCABULARY.signals.ranking.some((phrase) => containsPhrase(words, phrase))) return undefined;
  const asked = countries.filter((country) => country.code !== 'XX');
  if (asked.length > (excluding ? 1 : 0)) return undefined;
  return ranked[0];
}
