import type { FactKind, MarketStage } from '../knowledge/schema.ts';
import type { EntityRef } from './lexicon.ts';

/** A question taken apart: the entities, kinds and years it names, and the rest as search terms. */
export interface ParsedQuery {
  /** The question as typed (trimmed, and cut at MAX_QUERY_CHARS); its markup is ignored, not removed. */
  readonly text: string;
  readonly truncated: boolean;
  readonly countries: readonly EntityRef[];
  /** Cities ("London talks", "Beijing"): matched by a fact about the country or one naming the city. */
  readonly places: ReadonlyArray<{ readonly country: EntityRef; readonly term: string }>;
  readonly materials: readonly EntityRef[];
  readonly kinds: readonly FactKind[];
  /**
   * How strongly each of `kinds` is asked for: 1 for the kind most of its kind words name, less for
   * one fewer of them name ("ban on raw rare earth exports": restriction 1, market share 0.5).
   */
  readonly kindShares: ReadonlyMap<FactKind, number>;
  readonly stages: readonly MarketStage[];
  readonly years: readonly number[];
  /** Months named beside a year ("May 2025"), as YYYY-MM. */
  readonly months: readonly string[];
  /**
   * Whether a month is written with its year as when something happened ("banned in Dec 2024"), not as
   * the name of a measure ("the October 2025 controls") nor read from a bare "October" of either year.
   */
  readonly monthAsked: boolean;
  /** Stemmed words left once entities, years and stop words are taken out. */
  readonly terms: readonly string[];
  /** Alias words ("Kachin", "Burma") that also help when a fact's text uses them; never required. */
  readonly bonusTerms: readonly string[];
  readonly corrections: ReadonlyArray<{ readonly from: string; readonly to: EntityRef }>;
  /** Asks for the current state: "latest", "still", "now", "rn". */
  readonly recent: boolean;
  /**
   * Asks when something started ("when did … start", "take effect") or what it is ("what is Project
   * Vault"): the earliest of equals answers, the measure itself before what followed it.
   */
  readonly origin: boolean;
  /**
   * Set when the question asks what something is: the kinds its words ask for, without the
   * preference for background facts a definition adds to `kinds`. Background facts define a concept
   * ("what are rare earths"); a named scheme, mine or company is defined by the facts about it,
   * whatever their kind ("what is RESourceEU"), so the search goes back to these (search-index.ts).
   */
  readonly definition?: { readonly kinds: readonly FactKind[]; readonly kindShares: ReadonlyMap<FactKind, number> };
  /** The word right after "how many" or "how much" ("how many employees"): what the answer counts (subject.ts). */
  readonly focus?: string;
  /** "How much", "how big": a fact stating a figure answers (rerank-fit.ts `figureFit`). */
  readonly amount: boolean;
  /** "Which rare earths does China restrict": the group of materials whose members the answer lists (rerank-fit.ts). */
  readonly membersAsked?: string;
  /** Sets two or more countries against each other ("China vs US reserves", "who mines more, A or B"). */
  readonly comparison: boolean;
  /**
   * Says in this domain's own words what it asks: a kind word ("ban", "reserves", "summit") or a
   * domain word ("rare earth", "minerals"), not only names. Only then are the words around it that
   * the knowledge does not know taken for chatter (see scope.ts).
   */
  readonly topical: boolean;
  /**
   * `topical` by a word that is not part of a material's name: "magnets" in "neodymium magnets for
   * a 6 year old" names the subject; it does not say that the question asks about its market.
   */
  readonly topicalBesideNames: boolean;
  /** The terms written as (part of) a material's name or alias: "neodymium" and "magnet" in "neodymium magnets". */
  readonly materialWords: ReadonlySet<string>;
  /** How many subjects it names, countries, places and materials: "dysprosium and terbium" two; any kinds of magnet one ("neodymium magnet for magnet fishing"). */
  readonly namedSubjects: number;
  /**
   * Terms written outside the question's core clause ("hey guys, quick q: …", "…, wondering what
   * the sources say"): where the knowledge does not know them, they are chatter (query-plan.ts).
   */
  readonly aside: ReadonlySet<string>;
  /**
   * Terms for the form of answer asked ("percent" for "how much of Japan's supply"): a fact holding
   * them ranks higher, but none needs to, as many answers give the share in words (query-plan.ts).
   */
  readonly preferred: ReadonlySet<string>;
  /**
   * Terms written with a capital inside a sentence ("when did Earth, Wind & Fire release…"): names
   * as the asker wrote them, so however everyday the word, the knowledge's own rarity weighs it (query-plan.ts).
   */
  readonly capitalized: ReadonlySet<string>;
  /**
   * Of `aside`, the terms of a clause that asks nothing, before the question ("arafura nolans - how
   * much NdPr"): a topic named ahead of what is asked about it, not chatter around it.
   */
  readonly topic: ReadonlySet<string>;
  /**
   * Of `aside`, the words no fact holds in the question's core when another clause asks ("the
   * october 2025 thing confused me, which new elements got added?"): they do not sink the question,
   * but they are still what it says of its subject (incidental.ts), which "… for guitar pickups,
   * which sounds better" is.
   */
  readonly remarkWords: ReadonlySet<string>;
  /** Names a country to exclude it ("outside China", "besides Japan"). */
  readonly excluding: boolean;
  /**
   * The countries so excluded, named just after the word that excludes them ("outside (of) China"):
   * a fact about China does not answer "who refines outside China" for being about China.
   */
  readonly excluded: readonly string[];
  /**
   * Asks what a country did ("what did Japan do in January 2026"): the countries (or cities' countries)
   * named before its verb, the actors; "what did Beijing do to Japan" is China's doing. Empty otherwise.
   */
  readonly actors: readonly string[];
  /**
   * Terms that name a region ("african", "asia"), each with the words naming its countries: a fact
   * about Angola is about an African country, though it never says "Africa" (regions.ts).
   */
  readonly regions: ReadonlyMap<string, readonly string[]>;
  /**
   * "Iluka's Eneabba or Arafura's Nolans, which is bigger": the terms and countries written before
   * and after the word that sets two things against each other ("or", "vs", "than"), when the
   * question compares. A fact about one side answers its half; none need hold both (search-index.ts).
   */
  readonly sides?: { readonly terms: readonly [readonly string[], readonly string[]]; readonly countries: readonly [readonly string[], readonly string[]] };
  /** Where each term was first written, by token: "JD Vance" is one name written in two words (subject.ts). */
  readonly termPositions: ReadonlyMap<string, number>;
  /** Terms written after "after" or "following" within a clause ("…impose after taking Chipwi"): when, not what is asked. */
  readonly settingTerms: ReadonlySet<string>;
  /** The stage whose ranking of countries the question asks for ("who mines the most"), if it does. */
  readonly ranking?: MarketStage;
}
