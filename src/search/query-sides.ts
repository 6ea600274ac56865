/** What a question sets apart: the two sides it compares, the regions it names, the countries it excludes. */
import type { Lexicon } from './lexicon.ts';
import { STOP_WORDS, stem, tokenize } from './normalize.ts';
import type { ParsedQuery } from './parsed-query.ts';
import { regionOf } from './regions.ts';
import { VOCABULARY } from './vocabulary.ts';

const { comparison: COMPARISON_WORDS, moreOrLess: MORE_OR_LESS } = VOCABULARY.signals;

/** Words that set one thing against another in a question that compares them. */
const SIDE_SPLITTERS: ReadonlySet<string> = new Set(['or', 'vs', 'versus', 'than']);

/** The question's terms and countries on either side of its "or" / "vs", when it compares two things. */
export function sidesOf(lowered: readonly string[], terms: readonly string[], termAt: ReadonlyMap<string, number>, countryAt: ReadonlyMap<string, number>): ParsedQuery['sides'] {
  const compares = lowered.some((token) => COMPARISON_WORDS.has(token) || MORE_OR_LESS.has(token));
  const split = lowered.findIndex((token) => SIDE_SPLITTERS.has(token));
  if (!compares || split < 0) return undefined;
  const before = (at: number | undefined) => at !== undefined && at < split;
  const after = (at: number | undefined) => at !== undefined && at > split;
  const countries = [...countryAt.keys()];
  return {
    terms: [terms.filter((term) => before(termAt.get(term))), terms.filter((term) => after(termAt.get(term)))],
    countries: [countries.filter((code) => before(countryAt.get(code))), countries.filter((code) => after(countryAt.get(code)))],
  };
}

/** Each term naming a region, with one word for each of its countries: the longest of its name. */
export function regionsOf(terms: readonly string[], lexicon: Lexicon): ReadonlyMap<string, readonly string[]> {
  const regions = new Map<string, readonly string[]>();
  for (const term of terms) {
    const codes = regionOf(term);
    if (!codes) continue;
    const names = codes.flatMap((code) => {
      const name = lexicon.byCode('country', code)?.name;
      const words = name
        ? tokenize(name)
            .filter((word) => !STOP_WORDS.has(word))
            .map(stem)
        : [];
      const longest = words.sort((a, b) => b.length - a.length)[0];
      return longest !== undefined && longest !== term ? [longest] : [];
    });
    regions.set(term, [...new Set(names)]);
  }
  return regions;
}

/** Words between an excluding word and its country ("outside of the EU", "besides mainland China"). */
const EXCLUDING_FILLERS: ReadonlySet<string> = new Set(['of', 'the', 'from', 'mainland']);

/** The excluding word or phrase ("other than") that sets aside the name starting at `start`, if one does. */
export function excludingWordBefore(raw: readonly string[], start: number): { start: number; end: number } | undefined {
  let end = start;
  while (end > 0 && EXCLUDING_FILLERS.has((raw[end - 1] as string).toLowerCase())) end--;
  const before = raw.slice(0, end).map((token) => token.toLowerCase());
  const phrase = VOCABULARY.signals.excluding.find((words) => words.length <= before.length && words.every((word, i) => before[before.length - words.length + i] === word));
  return phrase ? { start: end - phrase.length, end } : undefined;
}
