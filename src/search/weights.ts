/**
 * The weights of search: how much each part of a question counts towards a fact's coverage and
 * score. Tuned on the phrasing table (test/answer) and the benchmark's planted questions.
 */
/** Importance of each part of a question, in the same units as a term's idf. */
export const IMPORTANCE = { country: 3, world: 1, material: 2.5, year: 1.5, kind: 1, stage: 0.6 } as const;
/** A country named only in a fact's figures or as a participant is less its subject than one it lists. */
export const SECONDARY_COUNTRY = 0.5;
/** A year only mentioned in a fact's text, not one of its dates. */
export const MENTIONED_YEAR = 0.5;
/** A material only named in a fact's text, not among its materials. */
export const MENTIONED_MATERIAL = 0.5;
/** Extra score for a fact about few countries, so "Myanmar mining" prefers Myanmar's own figures. */
export const FOCUS_BONUS = 0.8;
export const MATERIAL_FOCUS_BONUS = 2;
export const BONUS_TERM_WEIGHT = 0.5;
/** Credit a fact of the right kind gets for a kind word it does not contain ("restricts" → a ban). */
export const KIND_SYNONYM_CREDIT = 0.9;
/** Importance of a kind word the index has never seen: it still says what is asked, modestly. */
export const KIND_WORD_IMPORTANCE = 1.5;
export const KIND_WORD_MAX_IMPORTANCE = 2;
/** Words people use for things the knowledge words differently; tried only when the word itself is not indexed. */
export const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map([
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
  ['sell', ['export', 'shipment', 'supply']],
  ['sale', ['export', 'shipment']],
  ['buy', ['import', 'purchase']],
  ['mag', ['magnet']],
]);
/**
 * Words that say the same thing in questions and in facts; unlike SYNONYMS these apply even when
 * the word itself is indexed: "Japanese money" meets "funding", "run out" meets "expires".
 */
export const EQUIVALENT_WORDS: ReadonlyArray<readonly string[]> = [
  ['money', 'funding', 'finance', 'financing', 'investment', 'cash', 'loan', 'outlay', 'subsidy', 'budget'],
  ['expire', 'expires', 'expiry', 'lapse', 'end'],
  ['number', 'count'],
  ['winner', 'winners', 'beneficiary', 'beneficiaries', 'selected'],
  ['company', 'companies', 'firm', 'firms', 'entity', 'entities'],
  ['react', 'reaction', 'respond', 'response', 'protest'],
  ['max', 'maximum', 'cap', 'ceiling', 'limit'],
  ['use', 'demand', 'consumption', 'consume'],
  ['dependence', 'reliance', 'dependent', 'reliant', 'depend', 'rely'],
];
export const K1 = 1.2;
export const B = 0.5;

/** A word in more than this share of facts is credited per candidate rather than walked. */
export const COMMON_TERM_SHARE = 0.2;
/** Kept in step with the answer threshold: entities alone make candidates only if they could pass it. */
export const MIN_ENTITY_ONLY_COVERAGE = 0.55;

/** Among equals, when no material is named, a fact about rare earths beats one about other minerals only. */
export const RARE_EARTH_DEFAULT_BONUS = 0.6;
/** For "latest", "still", "now": newer facts rank higher among equals. */
export const RECENCY_BONUS = 1.5;
/** An unknown word of one to three letters ("rn", "pls") is likely noise, not a missing concept. */
export const SHORT_UNKNOWN_IMPORTANCE = 0.3;
/** Short words that are never noise: "who is the CEO of Lynas" asks what no fact says. */
export const SHORT_WORDS_THAT_MATTER: ReadonlySet<string> = new Set(['ceo', 'cfo', 'cto', 'coo', 'ipo', 'etf', 'gdp', 'age', 'wife', 'pay']);
/** For "still" about restrictions: a measure in force ranks above an announced or lifted one. */
export const IN_FORCE_BONUS = 1;
