import { FACT_KINDS, MARKET_STAGES } from '../knowledge/schema.ts';
import { countryMatch, KIND_CODE, listHas, monthCode, STAGE_CODE, type FlatFeatures } from './fact-features.ts';
import type { PlannedPlace, QueryPlan } from './query-plan.ts';
import type { RankingParams } from './ranking-params.ts';

/** A plan's facets as the flat features spell them, worked out once per search. */
export interface FacetQuery {
  /** Per plan.countryCodes and plan.places: the feature id of the country, -1 when no fact names it. */
  readonly countryIds: Int32Array;
  readonly placeIds: Int32Array;
  /** By kind code: how strongly the kind is asked for. */
  readonly kindShare: Float64Array;
  /** By stage code: 1 when asked for. */
  readonly stageWanted: Uint8Array;
  readonly months: readonly number[];
  /** The most coverage the facets can add to any fact: the bound candidate pruning rests on. */
  readonly maxCovered: number;
}

export function facetQuery(plan: QueryPlan, features: FlatFeatures, params: RankingParams): FacetQuery {
  const idOf = (code: string) => features.countryIds.get(code) ?? -1;
  const kindShare = new Float64Array(FACT_KINDS.length);
  for (const [kind, share] of Object.entries(plan.kindShares)) {
    const code = KIND_CODE.get(kind);
    if (code !== undefined) kindShare[code] = share;
  }
  const stageWanted = new Uint8Array(MARKET_STAGES.length);
  for (const stage of plan.stages) {
    const code = STAGE_CODE.get(stage);
    if (code !== undefined) stageWanted[code] = 1;
  }
  let maxCovered = 0;
  for (const importance of plan.countryImportance) maxCovered += importance;
  maxCovered += params.importance.country * plan.places.length;
  for (const material of plan.materials) maxCovered += material.importance;
  if (plan.years.length > 0) maxCovered += params.importance.year;
  let bestKind = 0;
  for (const share of kindShare) bestKind = Math.max(bestKind, params.importance.kind * share);
  maxCovered += bestKind;
  if (plan.stages.length > 0) maxCovered += params.importance.stage;
  return {
    countryIds: Int32Array.from(plan.countryCodes, idOf),
    placeIds: Int32Array.from(plan.places, (place: PlannedPlace) => idOf(place.code)),
    kindShare,
    stageWanted,
    months: plan.months.map(monthCode),
    maxCovered,
  };
}

/**
 * A candidate's score and coverage from everything but its words: the countries, places and
 * materials asked about, the year or month, the kind and stage, and the tie-breakers (focus,
 * recency, measures in force).
 */
export function scoreFacets(
  features: FlatFeatures,
  /** The fact's position in the index, where features and the plan's material tables are read. */
  doc: number,
  plan: QueryPlan,
  facets: FacetQuery,
  placeBits: number,
  /** Added to in place: scoring runs for thousands of candidates per question, so it allocates nothing. */
  into: { score: number; covered: number },
  params: RankingParams,
): void {
  let score = 0;
  let covered = 0;
  // Countries weigh so much that a fact about another country rarely reaches the threshold,
  // yet "first dysprosium made outside China" can still find a fact about Australia.
  let countriesMatched = 0;
  for (let position = 0; position < facets.countryIds.length; position++) {
    const id = facets.countryIds[position] as number;
    const importance = plan.countryImportance[position] as number;
    const match = id < 0 ? 0 : countryMatch(features, doc, id, params.secondaryCountry);
    score += importance * match;
    covered += importance * match;
    if (match === 1) countriesMatched++;
  }
  if (plan.wantsInForce && features.inForce[doc] === 1) score += params.inForceBonus;
  for (let position = 0; position < facets.placeIds.length; position++) {
    const id = facets.placeIds[position] as number;
    const named = (placeBits & (1 << position)) !== 0;
    const match = named ? 1 : id < 0 ? 0 : countryMatch(features, doc, id, params.secondaryCountry);
    score += params.importance.country * match;
    covered += params.importance.country * match;
    if (match === 1) countriesMatched++;
  }
  // "US Japan deal": a fact about those two beats a pact of many that includes them.
  if (countriesMatched > 0) score += (params.focusBonus * countriesMatched) / Math.max(features.listedCountries[doc] as number, countriesMatched);
  if (plan.recent) score += params.recencyBonus * (features.recency[doc] as number);
  // A rare-earth bot asked "China refining share" means rare earths, not germanium.
  if (plan.materials.length === 0 && features.rareEarth[doc] === 1) score += params.rareEarthDefaultBonus;

  // A fact about the asked materials alone beats one that lists them among many others; that
  // says little for a material nearly every fact names, so the bonus scales with specificity.
  let focus = 0;
  for (const material of plan.materials) {
    const value = material.matches.value[doc] as number;
    score += value * material.importance;
    covered += value * material.importance;
    if (value === 1) focus += material.importance / params.importance.material;
  }
  if (focus > 0) score += (params.materialFocusBonus * focus) / Math.max(features.listedMaterials[doc] as number, 1);
  if (plan.years.length > 0) {
    let yearMatch = 0;
    for (const year of plan.years) {
      if (listHas(features.years, doc, year)) yearMatch = 1;
      else if (yearMatch === 0 && listHas(features.mentionedYears, doc, year)) yearMatch = params.mentionedYear;
    }
    let match = yearMatch;
    if (facets.months.length > 0) {
      // "May 2025": a fact of that month matches fully, one that mentions it as a year would, and
      // another month of the year only a little.
      let monthMatch = 0;
      for (const month of facets.months) {
        if (listHas(features.months, doc, month)) monthMatch = 1;
        else if (monthMatch === 0 && listHas(features.mentionedMonths, doc, month)) monthMatch = params.mentionedYear;
      }
      match = Math.max(monthMatch, yearMatch * params.otherMonthOfYear);
    }
    score += params.importance.year * match;
    covered += params.importance.year * match;
  }
  const kindShare = facets.kindShare[features.kind[doc] as number] as number;
  if (kindShare > 0) {
    score += params.importance.kind * kindShare;
    covered += params.importance.kind * kindShare;
  }
  const stage = features.stage[doc] as number;
  if (facets.stageWanted.length > 0 && stage < facets.stageWanted.length && facets.stageWanted[stage] === 1) {
    score += params.importance.stage;
    covered += params.importance.stage;
  }
  into.score += score;
  into.covered += covered;
}
