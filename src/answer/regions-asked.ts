import { countriesOf } from '../search/fact-text.ts';
import { stem, tokenize } from '../search/normalize.ts';
import type { ParsedQuery } from '../search/parsed-query.ts';
import { regionName, regionOf } from '../search/regions.ts';
import type { SearchHit } from '../search/search-index.ts';

/**
 * "Which African countries…", "how much could Africa supply by 2029": a question about a region is
 * answered by facts about its countries, or that name the region, as a question about a country
 * is by facts about that country. China's share of world supply does not answer it, whatever
 * words it shares. Hits are left as they are when the question names no region.
 */
export function hitsAboutNamedRegions(query: ParsedQuery, hits: readonly SearchHit[]): readonly SearchHit[] {
  const asked = regionsAsked(query);
  if (asked.length === 0) return hits;
  return hits.filter((hit) => {
    const about = countriesOf(hit.fact);
    const words = new Set(tokenize(`${hit.fact.title} ${hit.fact.summary}`).map(stem));
    return asked.some(({ term, codes }) => codes.some((code) => about.has(code)) || words.has(term) || [...words].some((word) => regionOf(word) === codes));
  });
}

/** The regions a question asks about (not in passing, beside it), with their countries and names. */
export function regionsAsked(query: ParsedQuery): Array<{ term: string; codes: readonly string[]; name: string }> {
  return query.terms.flatMap((term) => {
    const codes = regionOf(term);
    return codes && !query.aside.has(term) ? [{ term, codes, name: regionName(term) ?? term }] : [];
  });
}
