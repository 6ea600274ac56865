import { editDistance } from '../knowledge/closest.ts';
import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { countriesOf, factFields, materialMatch, monthsOf, yearsOf } from './fact-text.ts';
import { intentOf } from './intent.ts';
import { searchTerms } from './normalize.ts';
import type { ParsedQuery } from './query.ts';

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

/** Importance of each part of a question, in the same units as a term's idf. */
const IMPORTANCE = { country: 3, material: 2.5, year: 1.5, kind: 1.2, stage: 1.2 } as const;
/** A country named only in a fact's figures or as a participant is less its subject than one it lists. */
const SECONDARY_COUNTRY = 0.75;
/** Extra score for a fact about few countries, so "Myanmar mining" prefers Myanmar's own figures. */
const FOCUS_BONUS = 0.8;
const BONUS_TERM_WEIGHT = 0.5;
/** Credit a fact of the right kind gets for a kind word it does not contain ("restricts" → a ban). */
const KIND_SYNONYM_CREDIT = 0.9;
/** Importance of a kind word the index has never seen: it still says what is asked, modestly. */
const KIND_WORD_IMPORTANCE = 1.5;
const KIND_WORD_MAX_IMPORTANCE = 2;
/** Words people use for things the knowledge words differently; tried only when the word itself is not indexed. */
const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map([
  ['rebel', ['arm', 'militia', 'insurg']],
  ['insurg', ['arm', 'rebel']],
  ['militia', ['arm', 'rebel']],
  ['stop', ['halt', 'suspend', 'ban']],
  ['block', ['halt', 'ban', 'restrict']],
  ['chip', ['semiconductor']],
  ['ev', ['electric', 'vehicle']],
  ['car', ['automobile', 'vehicle', 'automotive']],
  ['weapon', ['defenc', 'military']],
  ['army', ['military', 'defenc']],
  ['talk', ['meet', 'dialogu']],
]);
const K1 = 1.2;
const B = 0.5;

interface Postings {
  readonly docs: Int32Array;
  readonly weights: Float32Array;
}

export class FactIndex {
  readonly facts: readonly Fact[];
  readonly #snapshot: Pick<Snapshot, 'materialByCode'>;
  readonly #postings = new Map<string, Postings>();
  readonly #docLength: Float32Array;
  readonly #averageLength: number;
  readonly #countries: ReadonlyArray<ReadonlySet<string>>;
  readonly #years: ReadonlyArray<ReadonlySet<number>>;
  readonly #months: ReadonlyArray<ReadonlySet<string>>;
  readonly #byCountry = new Map<string, number[]>();
  readonly #byMaterial = new Map<string, number[]>();
  /** Vocabulary bucketed by length, for typo-tolerant lookup of words that are not indexed. */
  readonly #vocabularyByLength = new Map<number, string[]>();
  readonly #maxIdf: number;
  /** Per material code asked about, the facts it matches; filled on first use, bounded by the reference list. */
  readonly #materialCache = new Map<string, Map<number, number>>();

  constructor(facts: readonly Fact[], snapshot: Pick<Snapshot, 'materialByCode'>) {
    this.facts = facts;
    this.#snapshot = snapshot;
    this.#docLength = new Float32Array(facts.length);
    const building = new Map<string, { docs: number[]; weights: number[] }>();
    const countries: Set<string>[] = [];
    const years: Set<number>[] = [];
    const months: Set<string>[] = [];

    facts.forEach((fact, doc) => {
      const weights = new Map<string, number>();
      for (const field of factFields(fact)) {
        for (const term of new Set(searchTerms(field.text))) weights.set(term, (weights.get(term) ?? 0) + field.weight);
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
      countries.push(codes);
      for (const code of codes) push(this.#byCountry, code, doc);
      for (const code of fact.materials) push(this.#byMaterial, code, doc);
      years.push(yearsOf(fact));
      months.push(monthsOf(fact));
    });

    for (const [term, list] of building) {
      this.#postings.set(term, { docs: Int32Array.from(list.docs), weights: Float32Array.from(list.weights) });
      push(this.#vocabularyByLength, term.length, term);
    }
    this.#countries = countries;
    this.#years = years;
    this.#months = months;
    this.#averageLength = facts.length === 0 ? 1 : this.#docLength.reduce((sum, value) => sum + value, 0) / facts.length;
    this.#maxIdf = this.#idf(0);
  }

  /** Facts matching a material: 1 when they name it or one of its members, 0.6 for a group holding it. */
  #materialMatches(code: string): Map<number, number> {
    const cached = this.#materialCache.get(code);
    if (cached) return cached;
    const matches = new Map<number, number>();
    for (const [material, docs] of this.#byMaterial) {
      const match = materialMatch(code, [material], this.#snapshot);
      if (match === 0) continue;
      for (const doc of docs) matches.set(doc, Math.max(matches.get(doc) ?? 0, match));
    }
    this.#materialCache.set(code, matches);
    return matches;
  }

  /** 1 for anything named by under a tenth of the facts, falling to 0.3 for what nearly all share. */
  #specificity(documentFrequency: number): number {
    const reference = this.#idf(Math.max(1, this.facts.length * 0.1));
    return Math.min(1, Math.max(0.3, this.#idf(documentFrequency) / reference));
  }

  hasTerm(term: string): boolean {
    return this.#postings.has(term);
  }

  get vocabularySize(): number {
    return this.#postings.size;
  }

  #idf(documentFrequency: number): number {
    const n = this.facts.length;
    return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /**
   * The indexed word a query word most likely meant: itself, or the closest word within one edit
   * (two for long words), preferring the more common one. Unknown words stay unknown.
   */
  resolveTerm(term: string): { term: string; exact: boolean } | undefined {
    if (this.#postings.has(term)) return { term, exact: true };
    for (const synonym of SYNONYMS.get(term) ?? []) if (this.#postings.has(synonym)) return { term: synonym, exact: false };
    if (term.length < 4 || /\d/.test(term)) return undefined;
    const maxDistance = term.length >= 7 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = maxDistance + 1;
    let bestFrequency = 0;
    for (let length = term.length - maxDistance; length <= term.length + maxDistance; length++) {
      for (const word of this.#vocabularyByLength.get(length) ?? []) {
        // A typo rarely hits both of the first two letters; this skips most of the vocabulary.
        if (word[0] !== term[0] && word[1] !== term[1]) continue;
        const distance = editDistance(term, word, bestDistance + 1);
        const frequency = this.#postings.get(word)?.docs.length ?? 0;
        if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
          best = word;
          bestDistance = distance;
          bestFrequency = frequency;
        }
      }
    }
    return best && bestDistance <= maxDistance ? { term: best, exact: false } : undefined;
  }

  search(query: ParsedQuery, options: { minCoverage: number; limit: number }): Candidate[] {
    const n = this.facts.length;
    if (n === 0) return [];
    const scores = new Float64Array(n);
    const matched = new Float64Array(n);
    const seen = new Uint8Array(n);
    const touched: number[] = [];
    const touch = (doc: number) => {
      if (seen[doc] === 0) {
        seen[doc] = 1;
        touched.push(doc);
      }
    };

    const termMask = new Uint32Array(n);
    /** Words that name a kind of fact ("restricts", "summit") also match facts of that kind. */
    const kindWords: Array<{ bit: number; importance: number; kinds: readonly string[] }> = [];
    let totalImportance = 0;
    query.terms.slice(0, 32).forEach((term, position) => {
      const bit = 1 << position;
      const resolved = this.resolveTerm(term);
      const hint = intentOf(resolved?.term ?? term);
      if (!resolved) {
        const importance = hint ? KIND_WORD_IMPORTANCE : this.#maxIdf;
        totalImportance += importance;
        if (hint) kindWords.push({ bit, importance, kinds: hint.kinds });
        return;
      }
      const postings = this.#postings.get(resolved.term) as Postings;
      const idf = this.#idf(postings.docs.length);
      const confidence = resolved.exact ? 1 : 0.8;
      // A word that names a kind ("blocking", "summit") says what sort of fact is wanted; however
      // rare the word, it should not outweigh a country or a material.
      const importance = hint ? Math.min(idf, KIND_WORD_MAX_IMPORTANCE) : idf;
      totalImportance += importance;
      if (hint) kindWords.push({ bit, importance, kinds: hint.kinds });
      for (let i = 0; i < postings.docs.length; i++) {
        const doc = postings.docs[i] as number;
        termMask[doc] = (termMask[doc] as number) | bit;
        const weight = postings.weights[i] as number;
        const norm = K1 * (1 - B + (B * (this.#docLength[doc] as number)) / this.#averageLength);
        touch(doc);
        scores[doc] = (scores[doc] as number) + confidence * idf * ((weight * (K1 + 1)) / (weight + norm));
        matched[doc] = (matched[doc] as number) + confidence * importance;
      }
    });

    for (const term of query.bonusTerms) {
      const postings = this.#postings.get(term);
      if (!postings) continue;
      const idf = this.#idf(postings.docs.length);
      for (let i = 0; i < postings.docs.length; i++) {
        const doc = postings.docs[i] as number;
        scores[doc] = (scores[doc] as number) + BONUS_TERM_WEIGHT * idf;
      }
    }

    const countryCodes = query.countries.map((entity) => entity.code);
    // A city is one concept: a fact about its country, or one that names the city, satisfies it.
    const places = query.places.map((place) => {
      const postings = this.#postings.get(place.term);
      return { code: place.country.code, postings, idf: postings ? this.#idf(postings.docs.length) : 0 };
    });
    const placeMask = new Uint32Array(n);
    places.slice(0, 32).forEach((place, position) => {
      if (!place.postings) return;
      for (let i = 0; i < place.postings.docs.length; i++) {
        const doc = place.postings.docs[i] as number;
        placeMask[doc] = (placeMask[doc] as number) | (1 << position);
        touch(doc);
        scores[doc] = (scores[doc] as number) + place.idf;
      }
    });
    const materialCodes = query.materials.map((entity) => entity.code);
    // "Rare earths" fits nearly every fact, so it tells little; a rarer material tells a lot.
    const materialImportance = materialCodes.map((code) => IMPORTANCE.material * this.#specificity(this.#byMaterial.get(code)?.length ?? 0));
    totalImportance +=
      (countryCodes.length + places.length) * IMPORTANCE.country + materialImportance.reduce((sum, value) => sum + value, 0);
    if (query.years.length > 0) totalImportance += IMPORTANCE.year;
    if (query.kinds.length > 0) totalImportance += IMPORTANCE.kind;
    if (query.stages.length > 0) totalImportance += IMPORTANCE.stage;
    if (totalImportance === 0) return [];

    // Facts about the named countries or materials are candidates even if no other word matches.
    for (const code of [...countryCodes, ...places.map((place) => place.code)]) for (const doc of this.#byCountry.get(code) ?? []) touch(doc);
    // Material matches, full (the fact names it or a member of it) or partial (a group holding it),
    // read from postings rather than worked out per fact.
    const materialScores = materialCodes.map((code) => this.#materialMatches(code));
    const othersTouched = touched.length > 0;
    materialCodes.forEach((code, position) => {
      // A common material ("rare earths") alone does not make a fact a candidate when other words do.
      if (othersTouched && (materialImportance[position] as number) < IMPORTANCE.material * 0.5) return;
      for (const doc of (materialScores[position] as Map<number, number>).keys()) touch(doc);
    });

    const results: Candidate[] = [];
    for (const doc of touched) {
      const fact = this.facts[doc] as Fact;
      const factCountries = this.#countries[doc] as ReadonlySet<string>;

      let score = scores[doc] as number;
      let covered = matched[doc] as number;
      for (const word of kindWords) {
        if (((termMask[doc] as number) & word.bit) === 0 && word.kinds.includes(fact.kind)) {
          score += KIND_SYNONYM_CREDIT * word.importance;
          covered += KIND_SYNONYM_CREDIT * word.importance;
        }
      }
      // Countries weigh so much that a fact about another country rarely reaches the threshold,
      // yet "first dysprosium made outside China" can still find a fact about Australia.
      let countryMatched = false;
      const countryMatch = (code: string) => (fact.countries.includes(code) ? 1 : factCountries.has(code) ? SECONDARY_COUNTRY : 0);
      for (const code of countryCodes) {
        const match = countryMatch(code);
        score += IMPORTANCE.country * match;
        covered += IMPORTANCE.country * match;
        countryMatched ||= match > 0;
      }
      places.forEach((place, position) => {
        const named = ((placeMask[doc] as number) & (1 << position)) !== 0;
        const match = Math.max(named ? 1 : 0, countryMatch(place.code));
        score += IMPORTANCE.country * match;
        covered += IMPORTANCE.country * match;
        countryMatched ||= match > 0;
      });
      if (countryMatched) score += FOCUS_BONUS / fact.countries.length;
      materialScores.forEach((matches, position) => {
        const match = (matches.get(doc) ?? 0) * (materialImportance[position] as number);
        score += match;
        covered += match;
      });
      if (query.years.length > 0) {
        const factYears = this.#years[doc] as ReadonlySet<number>;
        const yearMatch = query.years.some((year) => factYears.has(year)) ? 1 : 0;
        // "May 2025": a fact of that month matches fully; another month of the year only a little.
        const factMonths = this.#months[doc] as ReadonlySet<string>;
        const monthMatch = query.months.some((month) => factMonths.has(month));
        const match = query.months.length > 0 ? (monthMatch ? 1 : yearMatch * 0.25) : yearMatch;
        score += IMPORTANCE.year * match;
        covered += IMPORTANCE.year * match;
      }
      if (query.kinds.length > 0 && query.kinds.includes(fact.kind)) {
        score += IMPORTANCE.kind;
        covered += IMPORTANCE.kind;
      }
      if (query.stages.length > 0 && fact.kind === 'market-share' && query.stages.includes(fact.stage)) {
        score += IMPORTANCE.stage;
        covered += IMPORTANCE.stage;
      }
      const coverage = Math.min(1, covered / totalImportance);
      if (coverage >= options.minCoverage) results.push({ fact, index: doc, score, coverage });
    }
    results.sort((a, b) => b.score - a.score || b.coverage - a.coverage || a.index - b.index);
    return results.slice(0, options.limit);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
