/**
 * One normaliser for facts and queries, so that what is indexed and what is asked meet:
 * case, diacritics and punctuation folded, dotted abbreviations joined (U.S. → us), plurals stemmed.
 */

/** Longest input we look at; a 6,000-character paste costs no more than this. */
export const MAX_QUERY_CHARS = 300;

/** Words that carry no meaning for search: question words, articles, auxiliaries, filler. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the and or but if of to in on at by for from with about into over under as is are was were be been being
  do does did done doing has have had having will would shall should can could may might must it its it's this that
  these those there here what which who whom whose when where why how i me my we our you your he she they them their
  his her him us not no yes so than then too very just also any some all each more most much many such only own same
  tell show give find list please know let lets get got say says said any anything something thing things about
  latest recent current currently now today news update updates info information question answer explain
  happen happened happening going go goes doing situation regarding concerning status happenings anyone
  everyone someone know knows think thinks mean means meant like want wants need needs really actually
  ever still yet again already lately recently
  wat wut r u ur whats pls plz abt bout im iz da dat dis ya yo hey hi hello thanks thx guys bro lol ok okay
  big huge size amount lot lots end ends ending until till told rn atm nowadays
  country countries nation nations
  whether even new newest vs versus compare compared comparison difference differences between
  wait hmm um uh btw tbh idk guess true false correct
  per each year years yearly annual annually month months
  s t d ll re ve m`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words too common in this domain to tell facts apart; they still count as matched, weakly. */
export const DOMAIN_WORDS: ReadonlySet<string> = new Set(['rare', 'earth', 'element', 'ree', 'mineral', 'critical', 'metal']);

const DOTTED_ABBREVIATION = /\b(?:[A-Za-z]\.){2,}/g;

/** Case-preserving clean-up: diacritics off, dotted abbreviations joined, punctuation to spaces. */
export function cleanText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(DOTTED_ABBREVIATION, (match) => match.replace(/\./g, ''))
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Tokens as written (case kept), for recognisers that care whether "US" was typed in capitals. */
export function rawTokens(text: string): string[] {
  const cleaned = cleanText(text);
  return cleaned === '' ? [] : cleaned.split(' ');
}

export function tokenize(text: string): string[] {
  return rawTokens(text).map((token) => token.toLowerCase());
}

/**
 * A light English stemmer: enough to meet "restrictions"/"restriction", "quotas"/"quota",
 * "magnets"/"magnet", "mining"/"mine", "refining"/"refine", without the surprises of a full one.
 */
export function stem(token: string): string {
  if (token.length <= 3 || /\d/.test(token)) return SPELLING.get(token) ?? token;
  let word = token;
  if (word.endsWith('ies') && word.length > 4) word = `${word.slice(0, -3)}y`;
  else if (word.endsWith('sses')) word = word.slice(0, -2);
  else if (word.endsWith('ses') && word.length > 5) word = word.slice(0, -1);
  else if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) word = word.slice(0, -1);
  if (word.endsWith('ing') && word.length > 5) word = restoreE(word.slice(0, -3));
  else if (word.endsWith('ed') && word.length > 4 && !word.endsWith('eed')) word = restoreE(word.slice(0, -2));
  if (word.endsWith('e') && word.length > 4) word = word.slice(0, -1);
  return SPELLING.get(word) ?? word;
}

/**
 * After "-ing" or "-ed" comes off: "mining" → "min" → "mine" (meets "mine" and "mined"), "ended"
 * stays "end", and a doubled consonant is undone ("banned" → "ban", "stopped" → "stop").
 */
function restoreE(word: string): string {
  if (/([^aeiouls])\1$/.test(word)) return word.slice(0, -1);
  return word.length === 3 && /^[^aeiou][aeiou][^aeiouwxy]$/.test(word) ? `${word}e` : word;
}

/** British and American spellings, and nouns and their verbs, meet on one stem. */
const SPELLING: ReadonlyMap<string, string> = new Map([
  ['tech', 'technology'],
  ['govt', 'government'],
  ['gov', 'government'],
  ['ytd', 'year-to-date'],
  ['evs', 'ev'],
  // Ordinals as figures meet the words facts use ("2nd largest" → "second largest").
  ['1st', 'first'],
  ['2nd', 'second'],
  ['3rd', 'third'],
  ['4th', 'fourth'],
  ['5th', 'fifth'],
  ['suspension', 'suspend'],
  ['restriction', 'restrict'],
  ['prohibition', 'prohibit'],
  ['extraction', 'extract'],
  ['production', 'produc'],
  ['producer', 'produc'],
  ['separation', 'separat'],
  ['negotiation', 'negotiat'],
  ['investment', 'invest'],
  ['agreement', 'agre'],
  ['announcement', 'announc'],
  ['exporter', 'export'],
  ['importer', 'import'],
  ['refinery', 'refin'],
  ['refiner', 'refin'],
  ['miner', 'mine'],
  ['licens', 'licenc'],
  ['defens', 'defenc'],
  ['program', 'programm'],
  ['organization', 'organisation'],
  ['authorization', 'authorisation'],
]);

/** Search terms of a text: tokens, minus stop words, stemmed. */
export function searchTerms(text: string): string[] {
  return tokenize(text)
    .filter((token) => !STOP_WORDS.has(token))
    .map(stem);
}
