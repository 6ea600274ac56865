import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { countriesOf, factFields, mentionedMonthsOf, mentionedYearsOf, monthsOf, yearsOf } from './fact-text.ts';
import { computeMaterialMatches } from './material-matches.ts';
import { creditFloor, listsShareAny } from './doc-lists.ts';
import { STOP_WORDS, stem, tokenize } from './normalize.ts';
import type { ParsedQuery } from './query.ts';
import { scoreFacets, type FactFeatures } from './candidate-score.ts';
import { TermResolver } from './term-resolver.ts';
import { planQuery, type MaterialMatches, type PlanSource, type Postings, type QueryPlan } from './query-plan.ts';
import { DEFAULT_RANKING, entityOnlyCoverage, type RankingParams } from './ranking-params.ts';

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

/** A date as a fractional year: "2025-10" → 2025.79. */
function yearOf(date: string): number {
  return Number(date.slice(0, 4)) + (Number(date.slice(5, 7) || 6) - 0.5) / 12;
}

/** Per-fact working arrays, reused between searches. */
interface Scratch {
  readonly entityCredit: Float64Array;
  readonly scores: Float64Array;
  readonly matched: Float64Array;
  readonly termMask: Uint32Array;
  readonly seen: Uint8Array;
  readonly placeMask: Uint8Array;
}

export class FactIndex implements PlanSource {
  readonly facts: readonly Fact[];
  readonly #snapshot: Pick<Snapshot, 'materialByCode'>;
  readonly #postings = new Map<string, Postings>();
  readonly #docLength: Float32Array;
  readonly #averageLength: number;
  readonly #features: readonly FactFeatures[];
  /** The running score of the candidate being scored; one object for all, to allocate nothing. */
  readonly #total = { score: 0, covered: 0 };
  readonly #byCountry = new Map<string, number[]>();
  readonly #byMaterial = new Map<string, number[]>();
  readonly #terms: TermResolver;
  readonly maxIdf: number;
  /** Per material code asked about, the facts it matches; filled on first use, bounded by the reference list. */
  readonly #materialCache = new Map<string, MaterialMatches>();
  readonly #membershipCache = new Map<string, Uint8Array>();
  readonly #scratch: Scratch;
  readonly params: RankingParams;

  constructor(facts: readonly Fact[], snapshot: Pick<Snapshot, 'materialByCode'>, params: RankingParams = DEFAULT_RANKING) {
    this.facts = facts;
    this.params = params;
    this.#snapshot = snapshot;
    this.#docLength = new Float32Array(facts.length);
    const building = new Map<string, { docs: number[]; weights: number[] }>();
    const newest = facts.reduce((latest, fact) => Math.max(latest, yearOf(fact.date)), 0);
    const features: FactFeatures[] = [];
    /** Each word as written in the facts → its stem: typos are corrected against both. */
    const stems = new Map<string, string>();

    facts.forEach((fact, doc) => {
      const weights = new Map<string, number>();
      for (const field of factFields(fact)) {
        const terms = new Set<string>();
        for (const token of tokenize(field.text)) {
          if (STOP_WORDS.has(token)) continue;
          let term = stems.get(token);
          if (term === undefined) {
            term = stem(token);
            stems.set(token, term);
          }
          terms.add(term);
        }
        for (const term of terms) weights.set(term, (weights.get(term) ?? 0) + field.weight);
      }
      let length = 0;
      for (const [term, weight] of weights) {
        let list = building.get(term);
        if (!list) {
          list = { docs: [], weights: [] };
          building.set(term, list);
        }
        list.docs.push(doc);
        list.weights.push(weight);
        length += weight;
      }
      this.#docLength[doc] = length;

      const codes = countriesOf(fact);
      for (const code of codes) push(this.#byCountry, code, doc);
      for (const code of fact.materials) push(this.#byMaterial, code, doc);
      features.push({
        countries: codes,
        years: yearsOf(fact),
        mentionedYears: mentionedYearsOf(fact),
        months: monthsOf(fact),
        mentionedMonths: mentionedMonthsOf(fact),
        recency: Math.min(1, Math.max(0, 1 - (newest - yearOf(fact.date)) / params.recencyWindowYears)),
        rareEarth: fact.materials.length === 0 || fact.materials.some((code) => snapshot.materialByCode.get(code)?.group !== 'other'),
      });
    });

    for (const [term, list] of building) {
      this.#postings.set(term, { docs: Int32Array.from(list.docs), weights: Float32Array.from(list.weights) });
    }
    this.#terms = new TermResolver(stems, (term) => this.#postings.get(term)?.docs.length ?? 0);
    this.#features = features;
    this.#averageLength = facts.length === 0 ? 1 : this.#docLength.reduce((sum, value) => sum + value, 0) / facts.length;
    this.maxIdf = this.idf(0);
    // Worked out now rather than on first use, so no question pays for them: material matches for
    // every material, and membership bitmaps for the words too common to walk.
    for (const material of snapshot.materialByCode.keys()) this.materialMatches(material);
    for (const [term, postings] of this.#postings) if (postings.docs.length > facts.length * params.commonTermShare) this.membership(term, postings);
    const n = facts.length;
    this.#scratch = {
      entityCredit: new Float64Array(n),
      scores: new Float64Array(n),
      matched: new Float64Array(n),
      termMask: new Uint32Array(n),
      seen: new Uint8Array(n),
      placeMask: new Uint8Array(n),
    };
  }

  /** Facts matching a material (see material-matches.ts), worked out once per material. */
  materialMatches(code: string): MaterialMatches {
    let matches = this.#materialCache.get(code);
    if (!matches) {
      matches = computeMaterialMatches(code, { size: this.facts.length, byMaterial: this.#byMaterial, postings: this.#postings, snapshot: this.#snapshot }, this.params.mentionedMaterial);
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

  idf(documentFrequency: number): number {
    const n = this.facts.length;
    return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /** The indexed word a query word most likely meant (see TermResolver). */
  resolveTerm(term: string): { term: string; exact: boolean } | undefined {
    return this.#terms.resolve(term);
  }

  search(query: ParsedQuery, options: { minCoverage: number; limit: number }): Candidate[] {
    const n = this.facts.length;
    if (n === 0) return [];
    const plan = planQuery(query, this, this.params, options.minCoverage);
    if (plan.total === 0) return [];

    // Scratch arrays are kept between queries and cleaned where touched: allocating them per query
    // (megabytes at 100k facts) made the garbage collector the slowest part of a search.
    const scratch = this.#scratch;
    const { scores, matched, termMask, seen, placeMask, entityCredit } = scratch;
    const touched: number[] = [];
    const dirty: number[] = [];
    try {
      return this.#score(plan, options, scratch, touched, dirty);
    } finally {
      for (const doc of touched.length > 0 ? [...touched, ...dirty] : dirty) {
        entityCredit[doc] = 0;
        scores[doc] = 0;
        matched[doc] = 0;
        termMask[doc] = 0;
        seen[doc] = 0;
        placeMask[doc] = 0;
      }
    }
  }

  #score(plan: QueryPlan, options: { minCoverage: number; limit: number }, scratch: Scratch, touched: number[], dirty: number[]): Candidate[] {
    const { scores, matched, termMask, seen, placeMask } = scratch;
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
    if (touched.length === 0 || plan.entitiesAloneCanQualify) {
      // Facts reached only through a country, place or material: add up what each could score
      // from them, and keep only those that could still reach the threshold.
      const { entityCredit } = scratch;
      const credit = (doc: number, value: number) => {
        if (entityCredit[doc] === 0) {
          dirty.push(doc);
          entityDocs.push(doc);
        }
        entityCredit[doc] = (entityCredit[doc] as number) + value;
      };
      const entityDocs: number[] = [];
      plan.countryCodes.forEach((code, position) => {
        for (const doc of this.#byCountry.get(code) ?? []) credit(doc, plan.countryImportance[position] as number);
      });
      for (const place of plan.places) {
        const inPlace = new Set<number>();
        for (const doc of place.docs) inPlace.add(doc);
        for (const doc of this.#byCountry.get(place.code) ?? []) inPlace.add(doc);
        for (const doc of inPlace) credit(doc, params.importance.country);
      }
      const termsMatched = touched.length > 0;
      for (const material of plan.materials) {
        // A common material ("rare earths") alone does not make a fact a candidate when words do.
        if (termsMatched && material.importance < params.importance.material * 0.5) continue;
        const { docs, value } = material.matches;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i] as number;
          credit(doc, (value[doc] as number) * material.importance);
        }
      }
      const needed = (termsMatched ? entityOnlyCoverage(params, options.minCoverage) : options.minCoverage) * plan.total - plan.entityOnlyHeadroom;
      const qualifying = entityDocs.filter((doc) => seen[doc] === 0 && (entityCredit[doc] as number) >= needed - 1e-9);
      // In a large corpus a country or material reaches thousands of facts; only the best-placed
      // few hundred can end among the answers, so scoring stops there and latency stays bounded.
      const floor = qualifying.length > params.entityCandidateCap ? creditFloor(qualifying, entityCredit, params.entityCandidateCap) : -Infinity;
      for (const doc of qualifying) {
        if ((entityCredit[doc] as number) >= floor) {
          seen[doc] = 1;
          touched.push(doc);
        }
      }
    }

    const results: Candidate[] = [];
    const trackCore = plan.coreTotal > 0;
    for (const doc of touched) {
      const fact = this.facts[doc] as Fact;
      const total = this.#total;
      total.score = scores[doc] as number;
      total.covered = matched[doc] as number;
      const mask = termMask[doc] as number;
      /** What the fact covers of the words that say what is asked, for a long question's core. */
      let kindWordsCovered = 0;
      for (const term of plan.terms) {
        if ((mask & term.bit) !== 0) {
          if (trackCore && term.kinds !== undefined) kindWordsCovered += term.confidence * term.importance;
          continue;
        }
        if (term.common && term.membership?.[doc] === 1) {
          // Too common to iterate: credited here, for the candidates only.
          total.score += term.idf;
          total.covered += term.importance;
          if (term.kinds !== undefined) kindWordsCovered += term.importance;
        } else if (term.kinds !== undefined && term.kinds.includes(fact.kind)) {
          total.score += params.kindSynonymCredit * term.importance;
          total.covered += params.kindSynonymCredit * term.importance;
          kindWordsCovered += params.kindSynonymCredit * term.importance;
        }
      }

      const beforeFacets = total.covered;
      scoreFacets(fact, this.#features[doc] as FactFeatures, plan, placeMask[doc] as number, doc, total, params);
      const coreCovered = trackCore ? (kindWordsCovered + total.covered - beforeFacets) / plan.coreTotal : 0;
      const { score, covered } = total;
      const coverage = Math.min(1, covered / plan.total);
      // A long question is answered by a fact that covers its core, whatever the chatter around it;
      // among those, the facts that cover more of its words still rank first.
      if (coverage >= options.minCoverage || coreCovered >= params.coreCoverage) results.push({ fact, index: doc, score, coverage });
    }
    // Coverage first (in steps, so near-equal coverage falls back to score), as the answer ranks.
    const step = (coverage: number) => Math.round(coverage * 20);
    results.sort((a, b) => step(b.coverage) - step(a.coverage) || b.score - a.score || a.index - b.index);
    return results.slice(0, options.limit);
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
