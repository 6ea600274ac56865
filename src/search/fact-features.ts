import { FACT_KINDS, MARKET_STAGES, type Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { GrowingArray } from './growing-array.ts';
import type { Build } from './sliced.ts';
import { mentionedMonthsOf, mentionedYearsOf, monthsOf, yearsOf } from './fact-text.ts';

/**
 * What scoring needs to know of each fact beyond its words, as flat typed arrays indexed by the
 * fact's position. A search scores thousands of candidates; reading a few numbers from arrays
 * laid out side by side costs a fraction of walking each fact's object, sets and strings.
 *
 * Small per-fact sets (countries, years, months) are kept as ragged lists: `offsets[doc]` to
 * `offsets[doc + 1]` in `values`. A fact names few of each, so a scan beats any hashing.
 */
export interface RaggedLists {
  readonly offsets: Int32Array;
  readonly values: Int32Array;
}

export interface FlatFeatures {
  /** Every country the fact is about, in any role, as ids of `countryIds`. */
  readonly countries: RaggedLists;
  /** Parallel to `countries.values`: 1 when the fact lists the country among its own countries. */
  readonly countryListed: Uint8Array;
  readonly countryIds: ReadonlyMap<string, number>;
  readonly years: RaggedLists;
  readonly mentionedYears: RaggedLists;
  /** Months as year * 12 + month - 1. */
  readonly months: RaggedLists;
  readonly mentionedMonths: RaggedLists;
  /** Position in FACT_KINDS. */
  readonly kind: Uint8Array;
  /** Position in MARKET_STAGES for a market share, NO_STAGE otherwise. */
  readonly stage: Uint8Array;
  /** A restriction in force. */
  readonly inForce: Uint8Array;
  /** How many countries and materials the fact lists (focus bonuses). */
  readonly listedCountries: Uint16Array;
  readonly listedMaterials: Uint16Array;
  /** 1 for the newest fact of the knowledge, 0 for two years older or more. */
  readonly recency: Float64Array;
  /** About rare earths (or no material in particular), not only about other minerals. */
  readonly rareEarth: Uint8Array;
}

export const NO_STAGE = 255;
export const KIND_CODE: ReadonlyMap<string, number> = new Map(FACT_KINDS.map((kind, code) => [kind, code]));
export const STAGE_CODE: ReadonlyMap<string, number> = new Map(MARKET_STAGES.map((stage, code) => [stage, code]));

/** A month "YYYY-MM" as one number. */
export function monthCode(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

class RaggedBuilder {
  readonly #offsets = new GrowingArray(Int32Array);
  readonly #values = new GrowingArray(Int32Array);

  constructor() {
    this.#offsets.push(0);
  }

  add(items: Iterable<number>): void {
    for (const item of items) this.#values.push(item);
    this.#offsets.push(this.#values.length);
  }

  finish(): RaggedLists {
    return { offsets: this.#offsets.finish(), values: this.#values.finish() };
  }
}

/** Collects the features fact by fact, so that a build can pause between facts. */
export class FeatureBuilder {
  readonly #countries = new RaggedBuilder();
  readonly #listed = new GrowingArray(Int32Array);
  readonly #countryIds = new Map<string, number>();
  readonly #years = new RaggedBuilder();
  readonly #mentionedYears = new RaggedBuilder();
  readonly #months = new RaggedBuilder();
  readonly #mentionedMonths = new RaggedBuilder();
  readonly #kind: Uint8Array;
  readonly #stage: Uint8Array;
  readonly #inForce: Uint8Array;
  readonly #listedCountries: Uint16Array;
  readonly #listedMaterials: Uint16Array;
  readonly #recency: Float64Array;
  readonly #rareEarth: Uint8Array;

  constructor(size: number) {
    this.#kind = new Uint8Array(size);
    this.#stage = new Uint8Array(size).fill(NO_STAGE);
    this.#inForce = new Uint8Array(size);
    this.#listedCountries = new Uint16Array(size);
    this.#listedMaterials = new Uint16Array(size);
    this.#recency = new Float64Array(size);
    this.#rareEarth = new Uint8Array(size);
  }

  /** `codes` is countriesOf(fact), which the caller needs too. */
  add(doc: number, fact: Fact, codes: ReadonlySet<string>, recency: number, snapshot: Pick<Snapshot, 'materialByCode'>): void {
    const ids: number[] = [];
    for (const code of codes) {
      let id = this.#countryIds.get(code);
      if (id === undefined) {
        id = this.#countryIds.size;
        this.#countryIds.set(code, id);
      }
      ids.push(id);
      this.#listed.push(fact.countries.includes(code) ? 1 : 0);
    }
    this.#countries.add(ids);
    this.#years.add(yearsOf(fact));
    this.#mentionedYears.add(mentionedYearsOf(fact));
    this.#months.add([...monthsOf(fact)].map(monthCode));
    this.#mentionedMonths.add([...mentionedMonthsOf(fact)].map(monthCode));
    this.#kind[doc] = KIND_CODE.get(fact.kind) as number;
    if (fact.kind === 'market-share') this.#stage[doc] = STAGE_CODE.get(fact.stage) as number;
    this.#inForce[doc] = fact.kind === 'restriction' && fact.status === 'in-force' ? 1 : 0;
    this.#listedCountries[doc] = fact.countries.length;
    this.#listedMaterials[doc] = fact.materials.length;
    this.#recency[doc] = recency;
    this.#rareEarth[doc] = fact.materials.length === 0 || fact.materials.some((code) => snapshot.materialByCode.get(code)?.group !== 'other') ? 1 : 0;
  }

  /** Yields between lists: at 100k facts each is a copy of hundreds of thousands of numbers. */
  *finish(): Build<FlatFeatures> {
    const countries = this.#countries.finish();
    yield;
    const countryListed = Uint8Array.from(this.#listed.finish());
    yield;
    const years = this.#years.finish();
    yield;
    const mentionedYears = this.#mentionedYears.finish();
    yield;
    const months = this.#months.finish();
    yield;
    const mentionedMonths = this.#mentionedMonths.finish();
    return {
      countries,
      countryListed,
      countryIds: this.#countryIds,
      years,
      mentionedYears,
      months,
      mentionedMonths,
      kind: this.#kind,
      stage: this.#stage,
      inForce: this.#inForce,
      listedCountries: this.#listedCountries,
      listedMaterials: this.#listedMaterials,
      recency: this.#recency,
      rareEarth: this.#rareEarth,
    };
  }
}

/** Whether a fact's list holds a value. */
export function listHas(lists: RaggedLists, doc: number, value: number): boolean {
  const end = lists.offsets[doc + 1] as number;
  for (let i = lists.offsets[doc] as number; i < end; i++) if (lists.values[i] === value) return true;
  return false;
}

/** 1 when the fact lists the country, `secondary` when it concerns it in another role, else 0. */
export function countryMatch(features: FlatFeatures, doc: number, id: number, secondary: number): number {
  const { offsets, values } = features.countries;
  const end = offsets[doc + 1] as number;
  for (let i = offsets[doc] as number; i < end; i++) {
    if (values[i] === id) return features.countryListed[i] === 1 ? 1 : secondary;
  }
  return 0;
}
