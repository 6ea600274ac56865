import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { FeatureBuilder, type FlatFeatures } from './fact-features.ts';
import { GrowingArray } from './growing-array.ts';
import { countriesOf, factFields } from './fact-text.ts';
import { materialMatchesInSteps } from './material-matches.ts';
import { STOP_WORDS, stem, tokenize } from './normalize.ts';
import type { MaterialMatches, Postings } from './query-plan.ts';
import type { RankingParams } from './ranking-params.ts';
import type { Build } from './sliced.ts';

/** Everything FactIndex holds about its facts, built in one pass that may pause between facts. */
export interface FactIndexParts {
  readonly postings: Map<string, Postings>;
  readonly docLength: Float32Array;
  readonly averageLength: number;
  readonly features: FlatFeatures;
  readonly byCountry: Map<string, number[]>;
  readonly byMaterial: Map<string, number[]>;
  /** Each word as written in the facts → its stem: typos are corrected against both. */
  readonly stems: Map<string, string>;
  readonly materialMatches: Map<string, MaterialMatches>;
  /** Bitmaps of the words too common to walk, by word. */
  readonly membership: Map<string, Uint8Array>;
}

/** A date as a fractional year: "2025-10" → 2025.79. */
function yearOf(date: string): number {
  return Number(date.slice(0, 4)) + (Number(date.slice(5, 7) || 6) - 0.5) / 12;
}

/** Yields every few facts, terms or materials: each step is well under a millisecond once the code is warm. */
export function* buildFactIndexParts(facts: readonly Fact[], snapshot: Pick<Snapshot, 'materialByCode'>, params: RankingParams): Build<FactIndexParts> {
  const docLength = new Float32Array(facts.length);
  // Postings are gathered as (term, weight) pairs in fact order, in a few typed arrays, then laid
  // out by term in one pass: growing a list per word left the garbage collector hundreds of
  // megabytes to compact at 100k facts, in one pause longer than any slice may take.
  const termIds = new Map<string, number>();
  const pairTerms = new GrowingArray(Int32Array);
  const pairWeights = new GrowingArray(Float32Array);
  const termCounts = new GrowingArray(Int32Array);
  const factStarts = new Int32Array(facts.length + 1);
  let newest = 0;
  for (let doc = 0; doc < facts.length; doc++) {
    newest = Math.max(newest, yearOf((facts[doc] as Fact).date));
    if ((doc & 1023) === 1023) yield;
  }
  const features = new FeatureBuilder(facts.length);
  const stems = new Map<string, string>();
  const byCountry = new Map<string, number[]>();
  const byMaterial = new Map<string, number[]>();
  yield;

  for (let doc = 0; doc < facts.length; doc++) {
    const fact = facts[doc] as Fact;
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
      let id = termIds.get(term);
      if (id === undefined) {
        id = termIds.size;
        termIds.set(term, id);
        termCounts.push(0);
      }
      termCounts.values[id] = (termCounts.values[id] as number) + 1;
      pairTerms.push(id);
      pairWeights.push(weight);
      length += weight;
    }
    factStarts[doc + 1] = pairTerms.length;
    docLength[doc] = length;
    const codes = countriesOf(fact);
    for (const code of codes) push(byCountry, code, doc);
    for (const code of fact.materials) push(byMaterial, code, doc);
    features.add(doc, fact, codes, Math.min(1, Math.max(0, 1 - (newest - yearOf(fact.date)) / params.recencyWindowYears)), snapshot);
    if ((doc & 7) === 7) yield;
  }

  // Each term's postings are a stretch of two arrays shared by all terms, in fact order.
  const termStarts = new Int32Array(termIds.size + 1);
  for (let id = 0; id < termIds.size; id++) termStarts[id + 1] = (termStarts[id] as number) + (termCounts.values[id] as number);
  const allDocs = new Int32Array(pairTerms.length);
  const allWeights = new Float32Array(pairTerms.length);
  const filled = termStarts.slice(0, termIds.size);
  for (let doc = 0; doc < facts.length; doc++) {
    const end = factStarts[doc + 1] as number;
    for (let pair = factStarts[doc] as number; pair < end; pair++) {
      const id = pairTerms.values[pair] as number;
      const at = filled[id] as number;
      allDocs[at] = doc;
      allWeights[at] = pairWeights.values[pair] as number;
      filled[id] = at + 1;
    }
    if ((doc & 1023) === 1023) yield;
  }
  const postings = new Map<string, Postings>();
  for (const [term, id] of termIds) {
    const start = termStarts[id] as number;
    const end = termStarts[id + 1] as number;
    postings.set(term, { docs: allDocs.subarray(start, end), weights: allWeights.subarray(start, end) });
    if ((id & 4095) === 4095) yield;
  }
  let totalLength = 0;
  for (let doc = 0; doc < facts.length; doc++) totalLength += docLength[doc] as number;
  const finished = yield* features.finish();
  yield;

  // Worked out now rather than on first use, so no question pays for them: material matches for
  // every material, and membership bitmaps for the words too common to walk.
  const materialMatches = new Map<string, MaterialMatches>();
  for (const material of snapshot.materialByCode.keys()) {
    materialMatches.set(material, yield* materialMatchesInSteps(material, { size: facts.length, byMaterial, postings, snapshot }, params.mentionedMaterial));
  }
  const membership = new Map<string, Uint8Array>();
  for (const [term, list] of postings) {
    if (list.docs.length <= facts.length * params.commonTermShare) continue;
    const bitmap = new Uint8Array(facts.length);
    for (const doc of list.docs) bitmap[doc] = 1;
    membership.set(term, bitmap);
    yield;
  }
  return {
    postings,
    docLength,
    averageLength: facts.length === 0 ? 1 : totalLength / facts.length,
    features: finished,
    byCountry,
    byMaterial,
    stems,
    materialMatches,
    membership,
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
