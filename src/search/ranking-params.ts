/**
 * The numbers of ranking, in one typed place. Importances are in the units of a term's idf, so a
 * country (3) weighs about as much as a fairly rare word. Thresholds that depend on each other are
 * derived here (see `coverageNeeded`, `entityOnlyCoverage`, `maxCombined`) rather than kept in step
 * by hand. Tuned on the phrasing report (test/answer) and the benchmark's planted questions; the
 * ranking tests on the fixture knowledge (test/search) pin the order they produce.
 */
export interface RankingParams {
  /** Importance of each part of a question besides its words. */
  readonly importance: { readonly country: number; readonly world: number; readonly material: number; readonly year: number; readonly kind: number; readonly stage: number };
  /** A country named only in a fact's figures or as a participant is less its subject than one it lists. */
  readonly secondaryCountry: number;
  /** A year only mentioned in a fact's text, not one of its dates. */
  readonly mentionedYear: number;
  /** A material only named in a fact's text, not among its materials. */
  readonly mentionedMaterial: number;
  /** "May 2025" matched by another month of 2025: this share of a year match. */
  readonly otherMonthOfYear: number;
  /** Extra score for a fact about few countries, so "Myanmar mining" prefers Myanmar's own figures. */
  readonly focusBonus: number;
  readonly materialFocusBonus: number;
  readonly bonusTermWeight: number;
  /** Credit a fact of the right kind gets for a kind word it does not contain ("restricts" → a ban). */
  readonly kindSynonymCredit: number;
  /** A kind word hinting at this many kinds or more is too broad to credit facts that lack it. */
  readonly broadHintKinds: number;
  /** Importance of a kind word the index has never seen: it still says what is asked, modestly. */
  readonly kindWordImportance: number;
  /** However rare a kind word, it should not outweigh a country or a material. */
  readonly kindWordMaxImportance: number;
  /** An unknown word of one to three letters ("rn", "pls") is likely noise, not a missing concept. */
  readonly shortUnknownImportance: number;
  /** A known word in at most this share of facts names a subject, even in a clause beside the question. */
  readonly subjectWordShare: number;
  /** A fact covering all a question is about (subject.ts) answers it from this coverage of its words up. */
  readonly subjectCoveredCoverage: number;
  /** However small the knowledge, a word in this few facts is rare enough to name a subject. */
  readonly subjectWordMinFacts: number;
  /**
   * Subject words outside this many most frequent words of everyday English are names a fact must
   * hold (everyday-words.ts). All of the list: a formal word few people say ("implementation") is
   * still no name; at 20,000 it was taken for one, and facts lacking it were set aside.
   */
  readonly everydayWordRank: number;
  /** BM25. */
  readonly k1: number;
  readonly b: number;
  /** A word in more than this share of facts is credited per candidate rather than walked. */
  readonly commonTermShare: number;
  /** Share of the question's weight a fact must cover to be shown at all. */
  readonly minCoverage: number;
  /** Questions of this many words or more ("long, chatty") need `longQuestionRelief` less coverage. */
  readonly longQuestionWords: number;
  readonly longQuestionRelief: number;
  /** From this many words, a question that says what it asks is answered by a fact covering its core (QueryPlan `coreTotal`). */
  readonly coreQuestionWords: number;
  /** Share of that core a fact must cover: the core is what the question is about, so nearly all of it. */
  readonly coreCoverage: number;
  /**
   * When words of the question matched some facts, facts reached through entities alone must
   * come this close to the coverage needed to be scored at all.
   */
  readonly entityOnlyMargin: number;
  /** Among equals, when no material is named, a fact about rare earths beats one about other minerals only. */
  readonly rareEarthDefaultBonus: number;
  /** For "latest", "still", "now": newer facts rank higher among equals. */
  readonly recencyBonus: number;
  /** Facts older than this, counted back from the newest fact, get no recency bonus. */
  readonly recencyWindowYears: number;
  /** For "still" about restrictions: a measure in force ranks above an announced or lifted one. */
  readonly inForceBonus: number;
  /** Final ranking: weights of coverage, the index score (relative to the best) and fuse.js closeness. */
  readonly rerank: {
    readonly coverage: number;
    readonly score: number;
    readonly closeness: number;
    /** "What did X do": a fact where X acts, and one dated the month asked, rank first among equals. */
    readonly actor: number;
    readonly ownMonth: number;
    /** "When did it start": the earliest of the candidates, less for each later date. */
    readonly origin: number;
    /** "Which rare earths": a fact listing the group's members (rerank-fit.ts `membersFit`). */
    readonly members: number;
    /** "How much", "how big": a fact stating an amount (rerank-fit.ts `figureFit`). */
    readonly figure: number;
  };
  /** A hit must reach this fraction of the best hit's combined rank to be shown beside it. */
  readonly relativeCutoff: number;
  /** How many candidates the final ranking looks at. */
  readonly rerankPool: number;
  /** "Outside China": so many pools are searched, as the facts about China alone are then set aside. */
  readonly excludedPoolFactor: number;
  /** Most facts reached only through entities that one search scores (bounds latency at 100k facts). */
  readonly entityCandidateCap: number;
}

export const DEFAULT_RANKING: RankingParams = {
  importance: { country: 3, world: 1, material: 2.5, year: 1.5, kind: 1, stage: 0.6 },
  secondaryCountry: 0.5,
  mentionedYear: 0.5,
  mentionedMaterial: 0.5,
  otherMonthOfYear: 0.25,
  focusBonus: 0.8,
  materialFocusBonus: 2,
  bonusTermWeight: 0.5,
  kindSynonymCredit: 0.9,
  broadHintKinds: 3,
  kindWordImportance: 1.5,
  kindWordMaxImportance: 2,
  shortUnknownImportance: 0.3,
  subjectWordShare: 0.015,
  subjectWordMinFacts: 3,
  everydayWordRank: Infinity,
  subjectCoveredCoverage: 0.45,
  k1: 1.2,
  b: 0.5,
  commonTermShare: 0.2,
  minCoverage: 0.6,
  longQuestionWords: 4,
  longQuestionRelief: 0.1,
  coreQuestionWords: 7,
  coreCoverage: 0.9,
  entityOnlyMargin: 0.05,
  rareEarthDefaultBonus: 0.6,
  recencyBonus: 1.5,
  recencyWindowYears: 2,
  inForceBonus: 1,
  rerank: { coverage: 2, score: 1, closeness: 0.25, actor: 0.2, ownMonth: 0.2, origin: 0.5, members: 0.3, figure: 0.15 },
  relativeCutoff: 0.6,
  rerankPool: 10,
  excludedPoolFactor: 5,
  entityCandidateCap: 600,
};

/** Coverage a question of `contentWords` words needs: long, chatty questions carry words no fact needs. */
export function coverageNeeded(params: RankingParams, contentWords: number): number {
  return contentWords >= params.longQuestionWords ? params.minCoverage - params.longQuestionRelief : params.minCoverage;
}

/** The most facts a word may be in and still name a subject of its own (a project, a company, a measure). */
export function subjectWordLimit(params: RankingParams, facts: number): number {
  return Math.max(params.subjectWordMinFacts, facts * params.subjectWordShare);
}

/** Entities alone make candidates only if they could come close to the coverage this question needs. */
export function entityOnlyCoverage(params: RankingParams, needed: number): number {
  return Math.max(needed, params.minCoverage) - params.entityOnlyMargin;
}

/** The highest combined rank: full coverage, the top score, a perfect fuse.js match. */
export function maxCombined(params: RankingParams): number {
  return params.rerank.coverage + params.rerank.score + params.rerank.closeness;
}
