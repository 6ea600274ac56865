import { everydayTextShare } from './everyday-words.ts';
import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { facetQuery, scoreFacets } from './candidate-score.ts';
import { listsShareAny } from './doc-lists.ts';
import { addEntityCandidates } from './entity-candidates.ts';
import { KIND_CODE, type FlatFeatures } from './fact-features.ts';
import { buildFactIndexParts, type FactIndexParts } from './fact-index-build.ts';
import { computeMaterialMatches } from './material-matches.ts';
import type { ParsedQuery } from './parsed-query.ts';
import { planQuery, type MaterialMatches, type PlanSource, type Postings, type QueryPlan } from './query-plan.ts';
import { DEFAULT_RANKING, type RankingParams } from './ranking-params.ts';
import { runAtOnce, runInSlices, type Build, type SliceOptions } from './sliced.ts';
import { TermResolver } from './term-resolver.ts';
import { TopK } from './top-k.ts';
import { orderByWords } from './candidate-order.ts';
import type { Scratch } from './entity-candidates.ts';
import { DocList } from './growing-array.ts';

/**
 * An inverted index over facts, scored with BM25 over weighted fields, plus the entity, kind,
 * stage and year signals that query understanding extracts. Besides a score it measures how much
 * of the question a fact covers: the relevance threshold that lets the bot say "no sourced
 * answer" instead of padding with weak matches is a coverage threshold.
 */
export interface Candidate {
  readonly fact: Fact;
  readonly index: number;
  readonly score: number;
  /** Share (0–1) of the question's weight that this fact matches. */
  readonly coverage: number;
}

export interface SearchOptions {
  readonly minCoverage: number;
  readonly limit: number;
  /**
   * Score every candidate and sort them all, as the search did before it pruned: the reference
   * the tests hold the pruned search to.
   */
  readonly exhaustive?: boolean;
}

/** Above this limit candidates are collected and sorted rather than kept in a short sorted run. */
const TOP_K_MAX = 64;

export class FactIndex implements PlanSource {
  readonly facts: readonly Fact[];
  readonly #snapshot: Pick<Snapshot, 'materialByCode'>;
  readonly #postings: Map<string, Postings>;
  readonly #docLength: Float32Array;
  readonly #averageLength: number;
  readonly #features: FlatFeatures;
  /** The running score of the candidate being scored; one object for all, to allocate nothing. */
  readonly #total = { score: 0, covered: 0 };
  readonly #byCountry: Map<string, number[]>;
  readonly #byMaterial: Map<string, number[]>;
  readonly #terms: TermResolver;
  readonly maxIdf: number;
  /** Per material code asked about, the facts it matches; filled on first use, bounded by the reference list. */
  readonly #materialCache: Map<string, MaterialMatches>;
  readonly #membershipCache: Map<string, Uint8Array>;
  readonly #scratch: Scratch;
  readonly params: RankingParams;

  /** `parts` comes from a build in slices (FactIndex.build); without it the index is built here, at once. */
  constructor(facts: readonly Fact[], snapshot: Pick<Snapshot, 'materialByCode'>, params: RankingParams = DEFAULT_RANKING, parts?: FactIndexParts) {
    const built = parts ?? runAtOnce(buildFactIndexParts(facts, snapshot, params));
    this.facts = facts;
    this.params = params;
    this.#snapshot = snapshot;
    this.#postings = built.postings;
    this.#docLength = built.docLength;
    this.#averageLength = built.averageLength;
    this.#features = built.features;
    this.#byCountry = built.byCountry;
    this.#byMaterial = built.byMaterial;
    this.#materialCache = built.materialMatches;
    this.#membershipCache = built.membership;
    this.#terms = new TermResolver(built.stems, (term) => this.#postings.get(term)?.docs.length ?? 0);
    this.maxIdf = this.idf(0);
    const n = facts.length;
    this.#scratch = {
      entityCredit: new Float64Array(n),
      scores: new Float64Array(n),
      matched: new Float64Array(n),
      termMask: new Uint32Array(n),
      seen: new Uint8Array(n),
      placeMask: new Uint8Array(n),
      touched: new DocList(n),
      dirty: new DocList(Math.ceil(n / 8) + 1),
      entityDocs: new DocList(n),
      order: new Int32Array(n),
    };
  }

  /** The index built in slices of a few milliseconds, the event loop let through between them (see sliced.ts). */
  static async build(snapshot: Pick<Snapshot, 'facts' | 'materialByCode'>, params: RankingParams = DEFAULT_RANKING, options: SliceOptions = {}): Promise<FactIndex> {
    return runInSlices(FactIndex.buildInSteps(snapshot, params), options);
  }

  /** The build as steps, for a caller that slices a larger build (SearchIndex.build). */
  static *buildInSteps(snapshot: Pick<Snapshot, 'facts' | 'materialByCode'>, params: RankingParams = DEFAULT_RANKING): Build<FactIndex> {
    const parts = yield* buildFactIndexParts(snapshot.facts, snapshot, params);
    return new FactIndex(snapshot.facts, snapshot, params, parts);
  }

  /** Facts matching a material (see material-matches.ts), worked out once per material. */
  materialMatches(code: string): MaterialMatches {
    let matches = this.#materialCache.get(code);
    if (!matches) {
      matches = computeMaterialMatches(
        code,
        { size: this.facts.length, byMaterial: this.#byMaterial, postings: this.#postings, snapshot: this.#snapshot },
        this.params.mentionedMaterial,
      );
      this.#materialCache.set(code, matches);
    }
    return matches;
  }

  /** 1 for anything named by under a tenth of the facts, falling to 0.3 for what nearly all share. */
  specificity(documentFrequency: number): number {
    const reference = this.idf(Math.max(1, this.facts.length * 0.1));
    return Math.min(1, Math.max(0.3, this.idf(documentFrequency) / reference));
  }

  get size(): number {
    return this.facts.length;
  }

  postings(term: string): Postings | undefined {
    return this.#postings.get(term);
  }

  hasTerm(term: string): boolean {
    return this.#postings.has(term);
  }

  get vocabularySize(): number {
    return this.#postings.size;
  }

  /** The idf the word would have if the facts used it as often as everyday English does (query-plan.ts). */
  everydayIdf(term: string): number {
    return this.idf(this.facts.length * everydayTextShare(term, this.#averageLength));
  }

  idf(documentFrequency: number): number {
    const n = this.facts.length;
    return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /** The indexed word a query word most likely meant (see TermResolver). */
  resolveTerm(term: string): { term: string; exact: boolean } | undefined {
    return this.#terms.resolve(term);
  }

  search(query: ParsedQuery, options: SearchOptions): Candidate[] {
    const n = this.facts.length;
    if (n === 0) return [];
    const plan = planQuery(query, this, this.params, options.minCoverage);
    if (plan.total === 0) return [];

    // Scratch arrays are kept between queries and cleaned where touched: allocating them per query
    // (megabytes at 100k facts) made the garbage collector the slowest part of a search.
    const scratch = this.#scratch;
    scratch.touched.reset();
    scratch.dirty.reset();
    try {
      return this.#score(plan, options, scratch);
    } finally {
      clean(scratch, n);
    }
  }

  #score(plan: QueryPlan, options: SearchOptions, scratch: Scratch): Candidate[] {
    const { scores, matched, termMask, seen, placeMask, touched, dirty } = scratch;
    const params = this.params;
    const { k1, b } = params;

    // Candidates come from the words of the question. Entities alone (a country, a material) make
    // candidates only when a fact could reach the threshold without any of those words.
    for (const term of plan.terms) {
      if (term.postings === undefined || term.common) continue;
      const { docs, weights } = term.postings;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i] as number;
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched.push(doc);
        }
        const weight = weights[i] as number;
        const norm = k1 * (1 - b + (b * (this.#docLength[doc] as number)) / this.#averageLength);
        termMask[doc] = (termMask[doc] as number) | term.bit;
        scores[doc] = (scores[doc] as number) + term.confidence * term.idf * ((weight * (k1 + 1)) / (weight + norm));
        matched[doc] = (matched[doc] as number) + term.confidence * term.importance;
      }
    }
    // These scores may land on facts that never become candidates; `dirty` remembers them for cleaning.
    for (const term of plan.bonus) {
      for (const doc of term.docs) {
        dirty.push(doc);
        scores[doc] = (scores[doc] as number) + params.bonusTermWeight * term.idf;
      }
    }
    plan.places.forEach((place, position) => {
      for (const doc of place.docs) {
        dirty.push(doc);
        placeMask[doc] = (placeMask[doc] as number) | (1 << position);
        scores[doc] = (scores[doc] as number) + place.idf;
      }
    });
    if (touched.length === 0 || plan.entitiesAloneCanQualify) addEntityCandidates(plan, params, options.minCoverage, this.#byCountry, scratch);
    return this.#rank(plan, options, scratch);
  }

  /**
   * The candidates that reach the threshold, best first. A candidate's words are credited first;
   * one whose words and the most its facets could add stay below both the coverage needed and the
   * core rule cannot qualify, and is dropped before its facets are scored. The best `limit` are
   * then kept as they come, instead of sorting every fact that qualifies.
   */
  #rank(plan: QueryPlan, options: SearchOptions, scratch: Scratch): Candidate[] {
    const { scores, matched, termMask, placeMask, touched } = scratch;
    const params = this.params;
    const features = this.#features;
    const facets = facetQuery(plan, features, params);
    const exhaustive = options.exhaustive === true;
    const trackCore = plan.coreTotal > 0;
    // The pruning bounds, with a margin so that rounding never prunes a fact at the threshold.
    const coveredNeeded = options.minCoverage * plan.total - 1e-9;
    const coreNeeded = params.coreCoverage * plan.coreTotal - 1e-9;
    const terms = plan.terms;
    /** Per term, the kinds it asks for as a bitmask of kind codes. */
    const kindBits = terms.map((term) => (term.kinds ?? []).reduce((bits, kind) => bits | (1 << (KIND_CODE.get(kind) ?? 31)), 0));
    const all: Candidate[] = [];
    const best = new TopK(exhaustive || options.limit > TOP_K_MAX ? 0 : options.limit);
    const total = this.#total;
    // Bounds on what a candidate's words can cover beyond the postings walked (matched): the
    // common words, and the kind credit of the words it lacks, which only facts of those kinds get.
    let maxMatched = 0;
    let commonMost = 0;
    let kindMost = 0;
    const kindExtra = new Float64Array(32);
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t] as QueryPlan['terms'][number];
      const credit = term.kinds !== undefined ? params.kindSynonymCredit * term.importance : 0;
      if (term.common) commonMost += Math.max(term.importance, credit);
      else {
        if (term.postings !== undefined) maxMatched += term.confidence * term.importance;
        for (let kind = 0; kind < kindExtra.length; kind++) if (((kindBits[t] as number) & (1 << kind)) !== 0) kindExtra[kind] = (kindExtra[kind] as number) + credit;
      }
      if (term.kinds !== undefined) kindMost += Math.max(term.importance, credit);
    }
    const rest = commonMost + facets.maxCovered;
    const cannotQualify = (words: number, kindWords: number) => words < coveredNeeded && (!trackCore || kindWords < coreNeeded);
    /** Whether a candidate covering at most `most` can no longer enter the top (full by then). */
    const cannotEnter = (most: number) => Math.round(Math.min(1, (most + 1e-9) / plan.total) * 20) < best.worstStep;
    /** The most a candidate's walked words and kind credit can cover: what it is ordered by. */
    const key = (doc: number) => (matched[doc] as number) + (kindExtra[features.kind[doc] as number] as number);
    // The reference scan takes the candidates as they came, in one bucket.
    const order = orderByWords(touched, key, exhaustive ? 0 : maxMatched + Math.max(...kindExtra), scratch.order);
    for (let bucket = 0; bucket < order.upper.length; bucket++) {
      const upper = (order.upper[bucket] as number) + rest;
      if (!exhaustive && (cannotQualify(upper, kindMost + facets.maxCovered) || cannotEnter(upper))) break;
      const end = order.starts[bucket + 1] as number;
      for (let at = order.starts[bucket] as number; at < end; at++) {
        const doc = order.docs[at] as number;
        if (!exhaustive && (cannotQualify(key(doc) + rest, kindMost + facets.maxCovered) || cannotEnter(key(doc) + rest))) continue;
        total.score = scores[doc] as number;
        total.covered = matched[doc] as number;
        const mask = termMask[doc] as number;
        const kindBit = 1 << (features.kind[doc] as number);
        /** What the fact covers of the words that say what is asked, for a long question's core. */
        let kindWordsCovered = 0;
        for (let t = 0; t < terms.length; t++) {
          const term = terms[t] as QueryPlan['terms'][number];
          if ((mask & term.bit) !== 0) {
            if (trackCore && term.kinds !== undefined) kindWordsCovered += term.confidence * term.importance;
            continue;
          }
          if (term.common && term.membership?.[doc] === 1) {
            // Too common to iterate: credited here, for the candidates only.
            total.score += term.idf;
            total.covered += term.importance;
            if (term.kinds !== undefined) kindWordsCovered += term.importance;
          } else if (((kindBits[t] as number) & kindBit) !== 0) {
            total.score += params.kindSynonymCredit * term.importance;
            total.covered += params.kindSynonymCredit * term.importance;
            kindWordsCovered += params.kindSynonymCredit * term.importance;
          }
        }
        if (!exhaustive && (cannotQualify(total.covered + facets.maxCovered, kindWordsCovered + facets.maxCovered) || cannotEnter(total.covered + facets.maxCovered))) continue;

        const beforeFacets = total.covered;
        scoreFacets(features, doc, plan, facets, placeMask[doc] as number, total, params);
        const coreCovered = trackCore ? (kindWordsCovered + total.covered - beforeFacets) / plan.coreTotal : 0;
        const { score, covered } = total;
        const coverage = Math.min(1, covered / plan.total);
        // A long question is answered by a fact that covers its core, whatever the chatter around it;
        // among those, the facts that cover more of its words still rank first.
        if (coverage < options.minCoverage && coreCovered < params.coreCoverage) continue;
        if (best.capacity > 0) best.offer(doc, step(coverage), score, coverage);
        else all.push({ fact: this.facts[doc] as Fact, index: doc, score, coverage });
      }
    }
    if (best.capacity > 0) return best.entries().map((entry) => ({ fact: this.facts[entry.doc] as Fact, index: entry.doc, score: entry.score, coverage: entry.coverage }));
    all.sort((a, b) => step(b.coverage) - step(a.coverage) || b.score - a.score || a.index - b.index);
    return all.slice(0, options.limit);
  }

  /** Whether any fact concerns every one of these countries, in any role. */
  anyAbout(codes: readonly string[]): boolean {
    return listsShareAny(codes.map((code) => this.#byCountry.get(code) ?? []));
  }

  /** Which facts contain a very common word, as a bitmap read per candidate instead of a long list. */
  membership(term: string, postings: Postings): Uint8Array {
    let bitmap = this.#membershipCache.get(term);
    if (!bitmap) {
      bitmap = new Uint8Array(this.facts.length);
      for (const doc of postings.docs) bitmap[doc] = 1;
      this.#membershipCache.set(term, bitmap);
    }
    return bitmap;
  }
}

/** Coverage in steps, so near-equal coverage falls back to score, as the answer ranks. */
function step(coverage: number): number {
  return Math.round(coverage * 20);
}

/** Zeroes what a search wrote: where it wrote, unless it wrote to so many facts that clearing all is cheaper. */
function clean(scratch: Scratch, n: number): void {
  const { touched, dirty } = scratch;
  const arrays = [scratch.entityCredit, scratch.scores, scratch.matched, scratch.termMask, scratch.seen, scratch.placeMask];
  if (dirty.overflowed || touched.length + dirty.length > n / 8) {
    for (const array of arrays) array.fill(0);
    return;
  }
  for (const list of [touched, dirty]) {
    for (let i = 0; i < list.length; i++) {
      const doc = list.at(i);
      for (const array of arrays) array[doc] = 0;
    }
  }
}
