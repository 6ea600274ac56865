import { editDistance } from '../knowledge/closest.ts';
import { STOP_WORDS, stem } from './normalize.ts';
import { monthNumber, YEAR } from './relative-dates.ts';
import { containsPhrase } from './scope.ts';
import { VOCABULARY } from './vocabulary.ts';

/** How single words of a question are read before they become terms: compounds, decades, stray letters, stop words in disguise, days of a month. */

/** "4", "21st": a day of a month, written beside the month's name. */
export function isDayOfMonth(token: string | undefined): boolean {
  const day = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(token?.toLowerCase() ?? '');
  return day !== null && Number(day[1]) >= 1 && Number(day[1]) <= 31;
}

/**
 * "f35", "14nm": letters and figures run together where the knowledge writes them apart ("F-35",
 * "14 nm"). Only a compound the index does not know is split, so "g7" or "ndfeb" stay whole.
 */
export function splitUnknownCompounds(tokens: readonly string[], isKnownWord: (token: string) => boolean): string[] {
  return tokens.flatMap((token) => {
    if (!/^(?:[a-z]+\d+[a-z]*|\d+[a-z]+)$/i.test(token) || YEAR.test(token) || decadeOf(token.toLowerCase()) !== undefined || isKnownWord(stem(token.toLowerCase())))
      return [token];
    const parts = token.split(/(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)/i);
    // "5000t", "f35" part into a figure and its unit or letter; "7up" is a name: a word such as "up" is no unit.
    return parts.some((part) => part.length > 1 && STOP_WORDS.has(part.toLowerCase())) ? [token] : parts;
  });
}

/**
 * "the 90s", "1990s", "the 2010s": a decade is its ten years, not the figure 90 (which would match
 * "90%" in every fact about China's refining share).
 */
export function decadeOf(word: string): number | undefined {
  const match = /^((?:19|20)?\d)0s$/.exec(word);
  if (!match) return undefined;
  const digits = match[1] as string;
  return digits.length === 3 ? Number(`${digits}0`) : Number(`${Number(digits) >= 3 ? 19 : 20}${digits}0`);
}

/**
 * "quick q: …": a letter standing alone is chatter or a fragment, never what a question asks,
 * unless a figure follows it ("f 35", from "F-35").
 */
export function isStrayLetter(word: string, next: string | undefined): boolean {
  return word.length === 1 && word >= 'a' && word <= 'z' && !(next !== undefined && /^\d+$/.test(next));
}

/**
 * "getting", "telling", "shows": a stop word with an inflection is as empty as the stop word
 * ("is the EU getting these licences" asks about the EU and the licences). Only the regular endings
 * of a word of three letters or more, so "us" does not make "uses" a stop word.
 */
export function isInflectedStopWord(word: string): boolean {
  const match = INFLECTION.exec(word);
  if (!match) return false;
  const base = match[1] as string;
  const undoubled = base.length >= 4 && base.at(-1) === base.at(-2) ? base.slice(0, -1) : undefined;
  // The stemmer must read both as one word: "noted" is not "not", nor "dated" "dat".
  const own = stem(word);
  return [base, `${base}e`, undoubled].some((candidate) => candidate !== undefined && candidate.length >= 3 && STOP_WORDS.has(candidate) && stem(candidate) === own);
}
const INFLECTION = /^([a-z]{3,}?)(?:s|es|ed|d|ing)$/;

/** "happend", "whta": a question word misspelt is still a question word, not a missing concept. */
export function isMisspeltStopWord(word: string, isKnownWord: (token: string) => boolean): boolean {
  if (word.length < 5 || isKnownWord(stem(word))) return false;
  for (const stop of STOP_WORDS) {
    if (stop.length >= 4 && Math.abs(stop.length - word.length) <= 1 && editDistance(word, stop, 2) <= 1) return true;
  }
  return false;
}

/** "When did China start requiring licences", "when did it take effect": the question asks when something began. */
export function asksOrigin(words: readonly string[]): boolean {
  return VOCABULARY.signals.origin.some((phrase) => containsPhrase(words, phrase));
}

/** "How much of Japan's rare earths…", "what share": the question asks for a share. */
export function asksShare(words: readonly string[]): boolean {
  return VOCABULARY.signals.share.some((phrase) => containsPhrase(words, phrase));
}

/** "How much money", "how big is Per Geijer": the question asks for an amount. */
export function asksAmount(words: readonly string[]): boolean {
  return VOCABULARY.signals.amount.some((phrase) => containsPhrase(words, phrase));
}

/** "Which rare earths", "what kinds of minerals", "which 7 rare earths": the words before position `at` ask which ones. */
export function asksWhich(raw: readonly string[], at: number): boolean {
  const before = raw.slice(Math.max(0, at - 3), at).map((token) => token.toLowerCase());
  const opener = before.findLastIndex((token) => token === 'what' || token === 'which');
  return opener >= 0 && before.slice(opener + 1).every((token) => KIND_OF.has(token) || /^\d{1,2}$/.test(token));
}
const KIND_OF: ReadonlySet<string> = new Set(['kind', 'kinds', 'type', 'types', 'sort', 'sorts', 'of']);

/** "How many employees does…", "how much money…": the term written right after "how many" or "how much". */
export function focusOf(lowered: readonly string[], termAt: ReadonlyMap<string, number>): string | undefined {
  const asks = lowered.findIndex((token, index) => token === 'how' && (lowered[index + 1] === 'many' || lowered[index + 1] === 'much'));
  if (asks < 0) return undefined;
  for (const [term, at] of termAt) if (at === asks + 2) return term;
  return undefined;
}

/**
 * "Right now", "these days": every word of such a phrase says "now", none what is asked. So do the
 * words of "effective date" or "take effect", which say the start is asked (`asksOrigin`). Adds the
 * phrases' positions to `consumed`; true when the question has one.
 */
export function markPhrases(lowered: readonly string[], phrases: readonly (readonly string[])[], consumed: Set<number>): boolean {
  let found = false;
  for (const phrase of phrases) {
    for (let at = 0; at + phrase.length <= lowered.length; at++) {
      if (!phrase.every((word, j) => lowered[at + j] === word)) continue;
      found = true;
      for (let j = 0; j < phrase.length; j++) consumed.add(at + j);
    }
  }
  return found;
}

/** Origin phrases of several words: one word ("start", "began") may also be what a fact says happened. */
export const ORIGIN_PHRASES = VOCABULARY.signals.origin.filter((phrase) => phrase.length > 1);

/** "Where does the US get its rare earths": where a country's supply comes from is what it imports. */
export function asksWhereSupplied(lowered: readonly string[]): boolean {
  const where = lowered.indexOf('where');
  return where >= 0 && lowered.slice(where + 1).some((token) => VOCABULARY.signals.sourcing.has(token));
}

const TIME_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'on', 'during', 'by']);

/**
 * The months written with their year ("May 2025", "dec 1 2025"), as `YYYY-MM`, and whether one says
 * when something happened ("banned in Dec 2024", "in the March 2025 quarter": `monthAsked`) rather
 * than naming a measure by its month ("the October 2025 controls"). Marks the month words, and a day
 * written beside a month ("since April 4"), in `consumed`: they are no terms or figures a fact must hold.
 */
export function writtenMonths(raw: readonly string[], consumed: Set<number>): { months: string[]; monthAsked: boolean } {
  const lowered = raw.map((token) => token.toLowerCase());
  const months: string[] = [];
  let monthAsked = false;
  lowered.forEach((token, index) => {
    const month = monthNumber(token);
    const year = [raw[index + 1], raw[index - 1], raw[index + 2]].find((candidate) => candidate !== undefined && YEAR.test(candidate));
    if (month !== undefined && year !== undefined) {
      // "Exports after the April 2025 controls" asks about later months: the year still says when.
      const bound = [index - 1, index - 2].some((before) => VOCABULARY.signals.after.has(lowered[before] ?? ''));
      if (!bound) months.push(`${year}-${String(month).padStart(2, '0')}`);
      const preposition = lowered[index - 1] === 'the' ? lowered[index - 2] : lowered[index - 1];
      if (!bound && TIME_PREPOSITIONS.has(preposition ?? '')) monthAsked = true;
      consumed.add(index);
    }
    if (month !== undefined) {
      for (const next of [index + 1, index - 1]) if (isDayOfMonth(raw[next])) consumed.add(next);
    }
  });
  return { months, monthAsked };
}

const ORDINAL_SUFFIX = ['th', 'st', 'nd', 'rd', 'th', 'th'];

/**
 * "Brazil is really number 2 in reserves?", "#1 producer": a rank written as "number N" or "#N" is
 * the ordinal ("2nd", which vocabulary.yaml spells as the facts do, "second"), not the everyday word
 * "number" and a figure some fact may hold. Only ranks 1 to 5: "No. 61" is an announcement's number.
 */
export function writtenOrdinals(question: string): string {
  return question.replace(/(?:\bnumber\s+|#)([1-5])\b(?!\s*(?:%|percent|t\b|tonnes?\b|kg\b))/gi, (_match, digit: string) => `${digit}${ORDINAL_SUFFIX[Number(digit)] ?? 'th'}`);
}
