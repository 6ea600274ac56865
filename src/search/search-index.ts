import Fuse from 'fuse.js';
import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import type { Candidate, FactIndex } from './fact-index.ts';
import type { EntityRef, EntityType, Lexicon } from './lexicon.ts';
import { tokenize } from './normalize.ts';
import { aboutPlaceAsked, coversSubject, namesAll, ofMonthAsked, subjectOf } from './subject.ts';
import type { ParsedQuery } from './parsed-query.ts';
import { parseQuery } from './query.ts';
import { coverageNeeded, DEFAULT_RANKING, maxCombined, subjectWordLimit, type RankingParams } from './ranking-params.ts';
import { buildParts, type Choice, type RankRecord, type SearchIndexParts } from './search-index-build.ts';
import { actionFit, membersFit, figureFit, originBonus } from './rerank-fit.ts';
import { runAtOnce, runInSlices, type SliceOptions } from './sliced.ts';

/**
 * Everything search needs for one Snapshot, built once when the snapshot is loaded: the lexicon of
 * names, the inverted index over facts, and fuse.js indexes over short labels for autocomplete.
 * Immutable, so a reload builds a new one and swaps it with the snapshot.
 */
export interface SearchHit {
  readonly fact: Fact;
  /** Relevance 0–1: how much of the question the fact covers, refined by fuse.js's ranking. */
  readonly score: number;
}

export interface SearchResult {
  readonly query: ParsedQuery;
  readonly hits: readonly SearchHit[];
}

export type { Choice } from './search-index-build.ts';

/** Most completions a lookup works out: a bound on search work; Discord's own cap is applied by the renderer. */
export const MAX_COMPLETIONS = 25;

const RANK_KEYS = [
  { name: 'title', weight: 3 },
  { name: 'aliases', weight: 3 },
  { name: 'countries', weight: 2 },
  { name: 'materials', weight: 2 },
  { name: 'tags', weight: 1.5 },
  { name: 'summary', weight: 1 },
];

export class SearchIndex {
  readonly snapshot: Snapshot;
  readonly lexicon: Lexicon;
  readonly facts: FactIndex;
  readonly #rankRecords: readonly RankRecord[];
  /** Fact and source ids with their labels, sorted by id, and the same labels lowercased for matching. */
  readonly #idChoices: readonly Choice[];
  readonly #idHaystacks: readonly string[];

  readonly params: RankingParams;

  /** `parts` comes from a build in slices (SearchIndex.build); without it the index is built here, at once. */
  constructor(snapshot: Snapshot, params: RankingParams = DEFAULT_RANKING, parts?: SearchIndexParts) {
    const built = parts ?? runAtOnce(buildParts(snapshot, params));
    this.snapshot = snapshot;
    this.params = params;
    this.lexicon = built.lexicon;
    this.facts = built.facts;
    this.#rankRecords = built.rankRecords;
    this.#idChoices = built.idChoices;
    this.#idHaystacks = built.idHaystacks;
  }

  /**
   * The index built in slices of a few milliseconds, awaiting `yieldEvery` (by default a turn of
   * the event loop) between them, so that a reload at 100k facts does not stall the bot.
   */
  static async build(snapshot: Snapshot, params: RankingParams = DEFAULT_RANKING, options: SliceOptions = {}): Promise<SearchIndex> {
    return new SearchIndex(snapshot, params, await runInSlices(buildParts(snapshot, params), options));
  }

  /** `now` resolves relative dates ("last year"); without it they are recognised but not dated. */
  parse(text: string, now?: Date): ParsedQuery {
    return parseQuery(text, this.lexicon, (token) => this.facts.hasTerm(token), now);
  }

  /**
   * The facts that answer a question, best first, or none when nothing covers enough of it. The
   * inverted index picks and scores candidates; fuse.js then ranks the few best by how closely
   * their weighted fields match the question's words, which settles near-ties sensibly.
   */
  search(text: string, limit = 5, now?: Date): SearchResult {
    return this.searchParsed(this.parse(text, now), limit);
  }

  /** `search` for a question already parsed, so a caller that looked at the parse first does not parse twice. */
  searchParsed(query: ParsedQuery, limit = 5): SearchResult {
    const sides = this.#subjectSides(query);
    if (sides)
      return {
        query,
        hits: interleave(
          sides.map((side) => this.#hits(side, limit)),
          limit,
        ),
      };
    if (query.comparison) return { query, hits: this.#compare(query, limit) };
    return { query, hits: this.#hits(query, limit) };
  }

  #hits(asked: ParsedQuery, limit: number): SearchHit[] {
    const { params } = this;
    const subject = subjectOf(asked, this.facts, params);
    const query = asked.definition && subject.names.length > 0 ? { ...asked, ...asked.definition } : asked;
    // "Outside China": the facts about China alone are set aside before ranking, so they cannot
    // fill the pool that the answers about everyone else are picked from.
    const setAside = (found: Candidate[]) =>
      query.excluded.length === 0 ? found : found.filter((candidate) => !this.#onlyExcluded(query, candidate.fact)).slice(0, params.rerankPool);
    // "Which rare earths": the facts listing the elements may rank below the pool on words alone (membersFit).
    const pool = query.excluded.length === 0 && query.membersAsked === undefined ? params.rerankPool : params.rerankPool * params.excludedPoolFactor;
    const membersOf = (code: string) => this.snapshot.countryByCode.get(code)?.members ?? [];
    let candidates = setAside(this.facts.search(query, { minCoverage: coverageNeeded(params, query.terms.length), limit: pool })).filter(
      (candidate) => namesAll(subject, candidate) && aboutPlaceAsked(query, candidate.fact, membersOf),
    );
    // Nothing covers enough of the words: a near fact that has all the question is about still
    // answers it, whatever words of its phrasing the facts do not use (subject.ts).
    if (candidates.length === 0) {
      const near = setAside(this.facts.search(query, { minCoverage: params.subjectCoveredCoverage, limit: pool }));
      candidates = near.filter((candidate) => coversSubject(query, subject, candidate, this.snapshot));
    }
    if (candidates.length === 0) return [];
    const ranked = ofMonthAsked(query, this.#rerank(query, candidates));
    const best = ranked[0]?.combined ?? 0;
    return (
      ranked
        .filter((entry) => entry.combined >= best * params.relativeCutoff)
        .slice(0, limit)
        // The shown score follows the ranking: coverage mostly, then how well the fact matched.
        .map((entry) => ({ fact: entry.candidate.fact, score: round(Math.min(1, entry.combined / maxCombined(params))) }))
    );
  }

  /**
   * "Iluka's Eneabba or Arafura's Nolans, which is bigger", "Fen in Norway or Per Geijer in
   * Sweden": two subjects set against each other, each named by words few facts hold. A fact
   * seldom holds both, so each side is searched without the other's names and their best facts
   * alternate. Undefined when the question does not compare two such subjects.
   */
  #subjectSides(query: ParsedQuery): ParsedQuery[] | undefined {
    if (!query.sides) return undefined;
    const limit = subjectWordLimit(this.params, this.facts.size);
    const names = query.sides.terms.map((terms) =>
      terms.filter((term) => {
        const resolved = this.facts.resolveTerm(term);
        const facts = resolved ? (this.facts.postings(resolved.term)?.docs.length ?? 0) : 0;
        return facts > 0 && facts <= limit;
      }),
    );
    const [first, second] = names;
    if (!first || !second || first.length === 0 || second.length === 0) return undefined;
    return [0, 1].map((side) => {
      const otherTerms = names[1 - side] ?? [];
      const otherCountries = query.sides?.countries[1 - side] ?? [];
      const { sides: _sides, ...rest } = query;
      return {
        ...rest,
        terms: query.terms.filter((term) => !otherTerms.includes(term)),
        countries: query.countries.filter((country) => !otherCountries.includes(country.code)),
        comparison: false,
      };
    });
  }

  /**
   * "China vs US reserves": a fact seldom holds both sides, so each country is searched on its
   * own and their best facts alternate. A fact about both sides, when there is one, leads.
   */
  #compare(query: ParsedQuery, limit: number): SearchHit[] {
    // Searching for a fact about every side is skipped when no fact names them all (most often).
    const codes = query.countries.map((country) => country.code);
    const joint = (this.facts.anyAbout(codes) ? this.#hits({ ...query, comparison: false }, limit) : []).filter((hit) => {
      const about = new Set(hit.fact.countries);
      return query.countries.every((country) => about.has(country.code));
    });
    const sides = query.countries.slice(0, 3).map((country) => this.#hits({ ...query, countries: [country], comparison: false }, limit));
    const bestSide = Math.max(0, ...sides.map((side) => side[0]?.score ?? 0));
    const lead = joint[0] && joint[0].score >= bestSide ? [joint[0]] : [];
    const merged = new Map<string, SearchHit>(lead.map((hit) => [hit.fact.id, hit]));
    for (let rank = 0; rank < limit && merged.size < limit; rank++) {
      for (const side of sides) {
        const hit = side[rank];
        if (hit && !merged.has(hit.fact.id)) merged.set(hit.fact.id, hit);
      }
    }
    return [...merged.values()].slice(0, limit);
  }

  #rerank(query: ParsedQuery, candidates: readonly Candidate[]): Array<{ candidate: Candidate; combined: number; closeness: number }> {
    const words = [...query.terms, ...query.countries.map((entity) => entity.name.toLowerCase()), ...query.materials.map((entity) => entity.name.toLowerCase())].join(' ');
    const closeness = new Map<number, number>();
    if (words !== '') {
      const fuse = new Fuse(
        candidates.map((candidate) => this.#rankRecords[candidate.index] as RankRecord),
        { keys: RANK_KEYS, includeScore: true, ignoreLocation: true, threshold: 0.6, useExtendedSearch: true },
      );
      // Extended search with '|' between words: any word may match, closer and more matches rank higher.
      const pattern = [...new Set(words.split(' ').filter((word) => word.length > 1))].map((word) => `'${word}`).join(' | ');
      for (const result of fuse.search(pattern)) closeness.set(result.refIndex, 1 - (result.score ?? 1));
    }
    const topScore = Math.max(...candidates.map((candidate) => candidate.score));
    // Coverage leads: a fact that answers all of the question beats one that repeats a word of it.
    const entries = candidates.map((candidate, position) => {
      const close = closeness.get(position) ?? 0;
      const { rerank } = this.params;
      const combined = rerank.coverage * candidate.coverage + (rerank.score * candidate.score) / topScore + rerank.closeness * close;
      return {
        candidate,
        fact: candidate.fact,
        closeness: close,
        combined:
          combined + actionFit(query, candidate.fact, this.params) + membersFit(query, candidate.fact, this.snapshot, this.params) + figureFit(query, candidate.fact, this.params),
      };
    });
    if (query.origin)
      originBonus(
        entries,
        this.#headlineTerms(query),
        query.countries.map((entity) => entity.code),
        this.params,
        query.definition !== undefined || query.kinds.includes('restriction'),
      );
    return entries.sort((a, b) => b.combined - a.combined || a.candidate.index - b.candidate.index);
  }

  /** The question's words rare enough to name its subject ("vault" in "what is Project Vault"). */
  #headlineTerms(query: ParsedQuery): string[] {
    const limit = subjectWordLimit(this.params, this.facts.size);
    return query.terms.filter((term) => {
      const facts = this.facts.postings(term)?.docs.length ?? 0;
      return facts > 0 && facts <= limit;
    });
  }

  /** "Who refines outside China": a fact about China alone is what the question sets aside. */
  #onlyExcluded(query: ParsedQuery, fact: Fact): boolean {
    // "Outside the EU": the bloc's members are inside it too.
    const excluded = (code: string) => query.excluded.some((bloc) => bloc === code || (this.snapshot.countryByCode.get(bloc)?.members.includes(code) ?? false));
    return fact.countries.length > 0 && fact.countries.every(excluded);
  }

  /** "Did you mean" for a question with no answer: corrected names, and commands that fit what it named. */
  suggestions(query: ParsedQuery): string[] {
    const suggestions: string[] = [];
    if (query.corrections.length > 0) {
      let corrected = query.text;
      for (const correction of query.corrections) corrected = corrected.split(correction.from).join(correction.to.name);
      suggestions.push(corrected);
    }
    for (const country of query.countries.slice(0, 2)) suggestions.push(`/country name:${country.name}`);
    for (const material of query.materials.slice(0, 1)) {
      if (material.code !== 'REPM') suggestions.push(`/restrictions material:${material.name}`);
    }
    if (query.stages.length > 0) suggestions.push(`/market-share stage:${query.stages[0] === 'imports' ? 'mining' : query.stages[0]}`);
    if (query.kinds.includes('meeting')) suggestions.push('/meetings');
    return [...new Set(suggestions)].slice(0, 5);
  }

  /** Autocomplete for a country or material option: at most 25 choices, names at most 100 characters. */
  completeEntity(type: EntityType, prefix: string): Choice[] {
    return this.lexicon.complete(prefix, type, MAX_COMPLETIONS).map((entity) => ({
      name: type === 'material' && entity.code !== entity.name ? `${entity.name} (${entity.code})` : entity.name,
      value: entity.code,
    }));
  }

  /**
   * Autocomplete for fact and source ids: ids that start with what was typed first (a binary
   * search in the sorted ids), then ids or titles containing every typed word. Ids are picked from
   * the list, not typed in full, so this stays exact and fast at any size instead of fuzzy.
   */
  completeId(typed: string): Choice[] {
    const needle = typed.trim().toLowerCase().slice(0, 100);
    const choices: Choice[] = [];
    const taken = new Set<number>();
    let position = lowerBound(this.#idChoices, needle);
    while (choices.length < MAX_COMPLETIONS && position < this.#idChoices.length && (this.#idChoices[position] as Choice).value.startsWith(needle)) {
      taken.add(position);
      choices.push(this.#idChoices[position] as Choice);
      position++;
    }
    const words = tokenize(needle);
    if (words.length === 0) return choices;
    for (let i = 0; i < this.#idHaystacks.length && choices.length < MAX_COMPLETIONS; i++) {
      if (taken.has(i)) continue;
      const haystack = this.#idHaystacks[i] as string;
      if (words.every((word) => haystack.includes(word))) choices.push(this.#idChoices[i] as Choice);
    }
    return choices;
  }

  resolveEntity(type: EntityType, input: string): EntityRef | undefined {
    return this.lexicon.resolve(type, input);
  }
}

/** The lists' hits taken in turn, best first, each fact once. */
function interleave(lists: ReadonlyArray<readonly SearchHit[]>, limit: number): SearchHit[] {
  const merged = new Map<string, SearchHit>();
  for (let rank = 0; merged.size < limit && lists.some((list) => rank < list.length); rank++) {
    for (const list of lists) {
      const hit = list[rank];
      if (hit && !merged.has(hit.fact.id) && merged.size < limit) merged.set(hit.fact.id, hit);
    }
  }
  return [...merged.values()];
}

/** First index whose value is not below `needle`. */
function lowerBound(choices: readonly Choice[], needle: string): number {
  let low = 0;
  let high = choices.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((choices[middle] as Choice).value < needle) low = middle + 1;
    else high = middle;
  }
  return low;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
