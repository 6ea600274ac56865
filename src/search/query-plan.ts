import { withEquivalents } from './equivalents.ts';
import { intentOf } from './intent.ts';
import type { ParsedQuery } from './parsed-query.ts';
import { entityOnlyCoverage, subjectWordLimit, type RankingParams } from './ranking-params.ts';
import { stem } from './normalize.ts';
import { VOCABULARY } from './vocabulary.ts';

const WORLD = 'XX';

/**
 * A question prepared for scoring: its words resolved against the index (typos, synonyms), each
 * part weighted, and the total a fact would need to cover it all.
 */
export interface Postings {
  readonly docs: Int32Array;
  readonly weights: Float32Array;
}

export interface PlannedTerm {
  readonly bit: number;
  readonly postings?: Postings;
  readonly idf: number;
  readonly importance: number;
  readonly confidence: number;
  /** In so many facts that its postings are not walked; its bitmap is read per candidate. */
  common: boolean;
  readonly membership?: Uint8Array;
  /** The kinds of fact this word asks for ("restricts" → restriction). */
  readonly kinds?: readonly string[];
}

export interface MaterialMatches {
  /** Per fact: 1 full match, 0.6 partial, 0 none. */
  readonly value: Float32Array;
  readonly docs: Int32Array;
  /** How many facts match fully: how common the material is. */
  readonly full: number;
}

export interface PlannedPlace {
  readonly code: string;
  readonly docs: Int32Array;
  readonly idf: number;
}

export interface QueryPlan {
  readonly terms: PlannedTerm[];
  readonly bonus: ReadonlyArray<{ readonly docs: Int32Array; readonly idf: number }>;
  readonly places: readonly PlannedPlace[];
  readonly countryCodes: readonly string[];
  /** Importance of each of countryCodes: "the world" says less than a country does. */
  readonly countryImportance: readonly number[];
  /** "Still", "now" about restrictions: among equals, measures in force rank first. */
  readonly wantsInForce: boolean;
  readonly materials: ReadonlyArray<{ readonly matches: MaterialMatches; readonly importance: number }>;
  readonly years: readonly number[];
  readonly months: readonly string[];
  readonly kinds: readonly string[];
  /** How strongly each kind is asked for (ParsedQuery `kindShares`), by kind name, 0 when not. */
  readonly kindShares: Readonly<Record<string, number>>;
  readonly stages: readonly string[];
  readonly total: number;
  /**
   * In a long question that says what it asks (ParsedQuery `topical`), the weight of its core: the
   * countries, materials, dates, kind and stage, and the words that say what is asked. A fact that
   * covers the core answers it, whatever the chatter around it; 0 for other questions.
   */
  readonly coreTotal: number;
  readonly entitiesAloneCanQualify: boolean;
  /** What a fact can add beyond entities without matching a walked word: year, kind, stage, kind words, common words. */
  readonly entityOnlyHeadroom: number;
  /** The question asks for the current state ("latest", "still", "now"). */
  readonly recent: boolean;
}

/** What planning needs from the index. */
export interface PlanSource {
  readonly size: number;
  readonly maxIdf: number;
  postings(term: string): Postings | undefined;
  idf(documentFrequency: number): number;
  everydayIdf(term: string): number;
  resolveTerm(term: string): { term: string; exact: boolean } | undefined;
  materialMatches(code: string): MaterialMatches;
  specificity(documentFrequency: number): number;
  membership(term: string, postings: Postings): Uint8Array;
}

/**
 * Everything about a query that does not depend on the fact: resolved words, weights, the total.
 * `minCoverage` is what this question needs (ranking-params.ts `coverageNeeded`).
 */
export function planQuery(query: ParsedQuery, source: PlanSource, params: RankingParams, minCoverage: number): QueryPlan {
  const n = source.size;
  const terms: PlannedTerm[] = [];
  let total = 0;
  let kindCredit = 0;
  const words = query.terms.slice(0, 32);
  const resolvedWords = words.map((word) => source.resolveTerm(word));
  const chatter = isChatter(query, words, resolvedWords);
  // A short unknown word ("xq", "rn") is likely noise only beside a question that says in the
  // domain's words what it asks; in "who won the world cup" it is what is asked.
  const shortNoise = query.topical;
  words.forEach((word, position) => {
    const region = query.regions.get(word);
    if (region) {
      // "African": a fact naming Angola, Malawi or any other country of the region matches it too.
      const own = resolvedWords[position];
      const postings = withEquivalents(`region:${word}`, (own ? source.postings(own.term) : undefined) ?? NO_POSTINGS, region, source);
      if (postings.docs.length > 0) {
        const idf = source.idf(postings.docs.length);
        total += idf;
        terms.push({ bit: 1 << position, postings, idf, importance: idf, confidence: 1, common: false });
        return;
      }
    }
    const resolved = resolvedWords[position];
    const hint = intentOf(resolved?.term ?? word);
    const bit = 1 << position;
    // Words written beside a question that says what it asks are chatter or context (see
    // isChatter): a fact that matches them scores higher, but none needs to.
    const aside = chatter && query.aside.has(word);
    if (!resolved) {
      // An unknown word counts against every fact: in full as a rule, not at all beside the
      // question, and modestly when it only says what kind of fact is wanted or how it is said.
      const noise = (isShortNoise(word) && shortNoise) || isMannerWord(word, words.length);
      const importance = aside ? 0 : hint ? params.kindWordImportance : noise ? params.shortUnknownImportance : source.maxIdf;
      total += importance;
      if (hint) kindCredit += params.kindSynonymCredit * importance;
      terms.push({ bit, idf: 0, importance, confidence: 0, common: false, ...(hint ? { kinds: hint.kinds } : {}) });
      return;
    }
    const own = source.postings(resolved.term) as Postings;
    const postings = withEquivalents(resolved.term, own, [...(VOCABULARY.equivalents.get(resolved.term) ?? []), ...derivedRelatives(resolved.term, source)], source);
    const idf = source.idf(postings.docs.length);
    // A word the knowledge knows in a clause beside the question is context, unless it is rare
    // enough to name a subject: in "arafura nolans - how much NdPr", the first clause says which
    // project the question is about, and a fact about another does not answer it.
    // So is a rare figure after it, the asker's guess to check ("…under the CRMA? 65%?"): the fact
    // that answers holds it.
    const named = (query.topic.has(word) || isFigure(word)) && postings.docs.length <= subjectWordLimit(params, n) && !isSignal(word);
    const beside = (aside && !named) || query.preferred.has(word);
    // The facts are written, the questions spoken: "real", "behind" or "help" are rare in the facts
    // only because written policy prose seldom uses them, and say no more in a question than they
    // do in everyday speech (everyday-words.ts).
    // A word that names a kind ("blocking", "summit") says what sort of fact is wanted; however
    // rare the word, it should not outweigh a country or a material.
    const everyday = query.capitalized.has(word) ? idf : Math.min(idf, source.everydayIdf(resolved.term));
    const importance = beside ? 0 : hint ? Math.min(everyday, params.kindWordMaxImportance) : everyday;
    total += importance;
    // A fact of the kind a word asks for is credited with the word it lacks ("restricts" for a
    // ban); a word fitting most kinds ("quota", "magnets") would credit nearly every fact so, and
    // then not tell a quota from a mine's output: a fact must contain it.
    const credited = hint !== undefined && hint.kinds.length < params.broadHintKinds ? hint : undefined;
    if (credited) kindCredit += params.kindSynonymCredit * importance;
    const common = postings.docs.length > n * params.commonTermShare;
    terms.push({
      bit,
      postings,
      idf,
      importance,
      confidence: resolved.exact ? 1 : 0.8,
      common,
      ...(common ? { membership: source.membership(postings !== own ? `≈${resolved.term}` : resolved.term, postings) } : {}),
      ...(credited ? { kinds: credited.kinds } : {}),
    });
  });
  // When every word is common ("rare earth"), the words must still find the facts.
  if (terms.length > 0 && terms.every((term) => term.common || term.postings === undefined)) {
    for (const term of terms) term.common = false;
  }

  const bonus = query.bonusTerms.flatMap((word) => {
    const postings = source.postings(word);
    return postings && postings.docs.length <= n * params.commonTermShare ? [{ docs: postings.docs, idf: source.idf(postings.docs.length) }] : [];
  });
  const places = query.places.slice(0, 8).map((place) => {
    const postings = source.postings(place.term);
    return { code: place.country.code, docs: postings?.docs ?? new Int32Array(0), idf: postings ? source.idf(postings.docs.length) : 0 };
  });
  const countryCodes = query.countries.map((entity) => entity.code);
  const materials = query.materials.map((entity) => {
    const matches = source.materialMatches(entity.code);
    // "Rare earths" fits nearly every fact (any element counts as one), so it tells little; a rarer
    // material tells a lot. Facts naming only a group that holds it do not make it common.
    return { matches, importance: params.importance.material * source.specificity(matches.full) };
  });

  // A country named to be set aside ("who refines outside China") is no part of what a fact must
  // be about: crediting facts about it ranked China's own rules above the refiners elsewhere.
  const countryImportance = countryCodes.map((code) => (query.excluded.includes(code) ? 0 : code === WORLD ? params.importance.world : params.importance.country));
  let entityImportance = countryImportance.reduce((sum, value) => sum + value, 0) + places.length * params.importance.country;
  for (const material of materials) entityImportance += material.importance;
  let facets = 0;
  const wantsInForce = query.recent && query.kinds.includes('restriction');
  if (query.years.length > 0) facets += params.importance.year;
  if (query.kinds.length > 0) facets += params.importance.kind;
  if (query.stages.length > 0) facets += params.importance.stage;
  total += entityImportance + facets;
  // Words in so many facts that their postings are not walked are matched per candidate: a fact
  // reached through a country or a material may hold them too ("how much rare earth did China mine").
  const commonWords = terms.reduce((sum, term) => sum + (term.common ? term.importance * term.confidence : 0), 0);
  const kindWords = terms.reduce((sum, term) => sum + (term.kinds !== undefined ? term.importance : 0), 0);
  const coreTotal = query.topical && words.length >= params.coreQuestionWords ? entityImportance + facets + kindWords : 0;
  return {
    terms,
    bonus,
    places,
    countryCodes,
    countryImportance,
    wantsInForce,
    materials,
    years: query.years,
    months: query.months,
    kinds: query.kinds,
    kindShares: { 'market-share': 0, restriction: 0, policy: 0, meeting: 0, background: 0, ...Object.fromEntries(query.kindShares) },
    stages: query.stages,
    total,
    coreTotal,
    // The best a fact can do without matching a single word of the question.
    entitiesAloneCanQualify: total > 0 && (entityImportance + facets + kindCredit + commonWords) / total >= entityOnlyCoverage(params, minCoverage),
    entityOnlyHeadroom: facets + kindCredit + commonWords,
    recent: query.recent,
  };
}

/**
 * "basically", "exactly", "actually": an adverb the knowledge does not know says how the question
 * is put, not what it asks (the term resolver does not cut it back to its adjective either). It
 * weighs little in a question of three words or more; alone or nearly so, it may be the question.
 */
function isMannerWord(word: string, questionWords: number): boolean {
  return questionWords >= 3 && word.length >= 6 && word.endsWith('ly');
}

/** "Bigger", "vs", "most": words that say a comparison or a ranking is asked, never its subject. */
function isSignal(word: string): boolean {
  return VOCABULARY.signals.moreOrLess.has(word) || VOCABULARY.signals.comparison.has(word);
}

function isFigure(word: string): boolean {
  return /^\d+(?:[.,]\d+)?$/.test(word);
}

function isShortNoise(word: string): boolean {
  return word.length <= 3 && !VOCABULARY.shortWordsThatMatter.has(word);
}

/**
 * Whether the words written in a clause beside the question's core (ParsedQuery `aside`) are
 * chatter or context around it ("hey guys, quick q: …", "my uncle keeps telling everyone at
 * dinner, …, wondering what the sources say") rather than what it asks: only when the question
 * says what it asks, in this domain's words (ParsedQuery `topical`, see scope.ts) or in names and
 * known words alone, with nothing unknown in its own clause; and its known part is a question in
 * itself, two or more known words or names. "Purple unicorn tariffs" is not, nor "weather, in
 * Paris"; and "African" in "any African country mining rare earths" is in the question's clause.
 */
function isChatter(query: ParsedQuery, words: readonly string[], resolved: ReadonlyArray<unknown>): boolean {
  const known = query.countries.length + query.places.length + resolved.filter((term) => term !== undefined).length;
  if (known < MIN_KNOWN_FOR_CHATTER) return false;
  if (query.topicalBesideNames) return true;
  // Names and known words with nothing unknown in the question's own clause ("…, where is APEC 2026?").
  return words.every((word, position) => resolved[position] !== undefined || query.aside.has(word) || isShortNoise(word));
}
const MIN_KNOWN_FOR_CHATTER = 2;

/**
 * The words derived from the same base as a word that the facts use: "lender" meets "lend",
 * "refiners" "refine", "shipment" "ship", "discovery" "discover", and the other way round. The
 * stemmer only takes inflections off; a fact and a question often use the noun and the verb of
 * one thing. Only derivations the index holds count, no base under four letters ("power" and
 * "user" keep to themselves), and no comparative ("long" is not "longer"). They join the word's
 * equivalents (equivalents.ts), so the joined postings are worked out once per index and word.
 */
function derivedRelatives(term: string, source: Pick<PlanSource, 'postings'>): string[] {
  return derivedForms(term).filter((form) => form !== term && !VOCABULARY.signals.moreOrLess.has(form) && source.postings(form) !== undefined);
}

const DERIVATIONAL_SUFFIXES = ['ers', 'er', 'ery', 'ment', 'ments'] as const;

/** The stems of a word's base and of the base with each derivational suffix. */
export function derivedForms(term: string): string[] {
  const bases = new Set<string>([term]);
  for (const suffix of DERIVATIONAL_SUFFIXES) {
    if (term.endsWith(suffix) && term.length - suffix.length >= MIN_BASE) bases.add(term.slice(0, -suffix.length));
  }
  const forms = new Set<string>();
  for (const base of bases) {
    forms.add(stem(base));
    forms.add(stem(`${base}e`));
    for (const suffix of ['er', 'ery', 'ment']) forms.add(stem(`${base}${suffix}`));
    // A stem that lost its final "e" ("refin", "produc") takes the suffix on the whole word.
    for (const suffix of ['r', 'ry']) forms.add(stem(`${base}e${suffix}`));
  }
  return [...forms];
}
const MIN_BASE = 4;

const NO_POSTINGS: Postings = { docs: new Int32Array(0), weights: new Float32Array(0) };
