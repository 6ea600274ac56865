import type { Fact } from '../knowledge/schema.ts';
import type { PlannedPlace, QueryPlan } from './query-plan.ts';
import type { RankingParams } from './ranking-params.ts';

/** What scoring needs to know of a fact beyond its words, worked out once when the index is built. */
export interface FactFeatures {
  /** Every country the fact is about, in any role. */
  readonly countries: ReadonlySet<string>;
  readonly years: ReadonlySet<number>;
  readonly mentionedYears: ReadonlySet<number>;
  readonly months: ReadonlySet<string>;
  readonly mentionedMonths: ReadonlySet<string>;
  /** 1 for the newest fact of the knowledge, 0 for two years older or more. */
  readonly recency: number;
  /** About rare earths (or no material in particular), not only about other minerals. */
  readonly rareEarth: boolean;
}

/**
 * A candidate's score and coverage from everything but its words: the countries, places and
 * materials asked about, the year or month, the kind and stage, and the tie-breakers (focus,
 * recency, measures in force).
 */
export function scoreFacets(
  fact: Fact,
  features: FactFeatures,
  plan: QueryPlan,
  placeBits: number,
  /** The fact's position in the index, where the plan's material tables are read. */
  doc: number,
  /** Added to in place: scoring runs for thousands of candidates per question, so it allocates nothing. */
  into: { score: number; covered: number },
  params: RankingParams,
): void {
  let score = 0;
  let covered = 0;
  // Countries weigh so much that a fact about another country rarely reaches the threshold,
  // yet "first dysprosium made outside China" can still find a fact about Australia.
  const factCountries = features.countries;
  let countriesMatched = 0;
  for (let position = 0; position < plan.countryCodes.length; position++) {
    const code = plan.countryCodes[position] as string;
    const importance = plan.countryImportance[position] as number;
    const match = fact.countries.includes(code) ? 1 : factCountries.has(code) ? params.secondaryCountry : 0;
    score += importance * match;
    covered += importance * match;
    if (match === 1) countriesMatched++;
  }
  if (plan.wantsInForce && fact.kind === 'restriction' && fact.status === 'in-force') score += params.inForceBonus;
  for (let position = 0; position < plan.places.length; position++) {
    const code = (plan.places[position] as PlannedPlace).code;
    const named = (placeBits & (1 << position)) !== 0;
    const match = named || fact.countries.includes(code) ? 1 : factCountries.has(code) ? params.secondaryCountry : 0;
    score += params.importance.country * match;
    covered += params.importance.country * match;
    if (match === 1) countriesMatched++;
  }
  // "US Japan deal": a fact about those two beats a pact of many that includes them.
  if (countriesMatched > 0) score += (params.focusBonus * countriesMatched) / Math.max(fact.countries.length, countriesMatched);
  if (plan.recent) score += params.recencyBonus * features.recency;
  // A rare-earth bot asked "China refining share" means rare earths, not germanium.
  if (plan.materials.length === 0 && features.rareEarth) score += params.rareEarthDefaultBonus;

  // A fact about the asked materials alone beats one that lists them among many others; that
  // says little for a material nearly every fact names, so the bonus scales with specificity.
  let focus = 0;
  for (const material of plan.materials) {
    const value = material.matches.value[doc] as number;
    score += value * material.importance;
    covered += value * material.importance;
    if (value === 1) focus += material.importance / params.importance.material;
  }
  if (focus > 0) score += (params.materialFocusBonus * focus) / Math.max(fact.materials.length, 1);
  if (plan.years.length > 0) {
    const factYears = features.years;
    const mentioned = features.mentionedYears;
    let yearMatch = 0;
    for (const year of plan.years) {
      if (factYears.has(year)) yearMatch = 1;
      else if (yearMatch === 0 && mentioned.has(year)) yearMatch = params.mentionedYear;
    }
    let match = yearMatch;
    if (plan.months.length > 0) {
      // "May 2025": a fact of that month matches fully, one that mentions it as a year would, and
      // another month of the year only a little.
      let monthMatch = 0;
      for (const month of plan.months) {
        if (features.months.has(month)) monthMatch = 1;
        else if (monthMatch === 0 && features.mentionedMonths.has(month)) monthMatch = params.mentionedYear;
      }
      match = Math.max(monthMatch, yearMatch * params.otherMonthOfYear);
    }
    score += params.importance.year * match;
    covered += params.importance.year * match;
  }
  const kindShare = plan.kindShares[fact.kind] ?? 0;
  if (kindShare > 0) {
    score += params.importance.kind * kindShare;
    covered += params.importance.kind * kindShare;
  }
  if (plan.stages.length > 0 && fact.kind === 'market-share' && plan.stages.includes(fact.stage)) {
    score += params.importance.stage;
    covered += params.importance.stage;
  }
  into.score += score;
  into.covered += covered;
}
