import { creditFloor } from './doc-lists.ts';
import type { DocList } from './growing-array.ts';
import type { QueryPlan } from './query-plan.ts';
import { entityOnlyCoverage, type RankingParams } from './ranking-params.ts';

/** Per-fact working arrays of a search, reused between searches. */
export interface Scratch {
  readonly entityCredit: Float64Array;
  readonly scores: Float64Array;
  readonly matched: Float64Array;
  readonly termMask: Uint32Array;
  readonly seen: Uint8Array;
  readonly placeMask: Uint8Array;
  /** The candidates of a search (each fact once, so at most every fact). */
  readonly touched: DocList;
  /** Facts written to besides the candidates, for cleaning; past its capacity everything is cleaned. */
  readonly dirty: DocList;
  /** Facts reached through entities (each once). */
  readonly entityDocs: DocList;
  /** Candidates in scoring order (candidate-order.ts). */
  readonly order: Int32Array;
}

/**
 * Facts reached only through a country, place or material: add up what each could score from
 * them, and make candidates of those that could still reach the threshold. When even a fact
 * matching every entity in full could not, no list is walked.
 */
export function addEntityCandidates(
  plan: QueryPlan,
  params: RankingParams,
  minCoverage: number,
  byCountry: ReadonlyMap<string, readonly number[]>,
  /** Its candidates so far are added to; `dirty` records the facts written to. */
  scratch: Scratch,
): void {
  const { entityCredit, seen, touched, dirty, entityDocs } = scratch;
  const termsMatched = touched.length > 0;
  // A common material ("rare earths") alone does not make a fact a candidate when words do.
  const materials = plan.materials.filter((material) => !termsMatched || material.importance >= params.importance.material * 0.5);
  const needed = (termsMatched ? entityOnlyCoverage(params, minCoverage) : minCoverage) * plan.total - plan.entityOnlyHeadroom - 1e-9;
  let most = params.importance.country * plan.places.length;
  for (const importance of plan.countryImportance) most += importance;
  for (const material of materials) most += material.importance;
  // The margin keeps rounding (sums in another order) from skipping a fact at the bound.
  if (most + 1e-9 < needed) return;

  entityDocs.reset();
  const credit = (doc: number, value: number) => {
    if (entityCredit[doc] === 0) {
      dirty.push(doc);
      entityDocs.push(doc);
    }
    entityCredit[doc] = (entityCredit[doc] as number) + value;
  };
  plan.countryCodes.forEach((code, position) => {
    for (const doc of byCountry.get(code) ?? []) credit(doc, plan.countryImportance[position] as number);
  });
  for (const place of plan.places) {
    const inPlace = new Set<number>();
    for (const doc of place.docs) inPlace.add(doc);
    for (const doc of byCountry.get(place.code) ?? []) inPlace.add(doc);
    for (const doc of inPlace) credit(doc, params.importance.country);
  }
  for (const material of materials) {
    const { docs, value } = material.matches;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i] as number;
      credit(doc, (value[doc] as number) * material.importance);
    }
  }
  const qualifying: number[] = [];
  for (let i = 0; i < entityDocs.length; i++) {
    const doc = entityDocs.at(i);
    if (seen[doc] === 0 && (entityCredit[doc] as number) >= needed) qualifying.push(doc);
  }
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
