import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { countriesOf, materialMatch, mentionedMonthsOf, mentionedYearsOf, monthsOf, yearsOf } from './fact-text.ts';
import type { Candidate, FactIndex } from './fact-index.ts';
import { statesMoney } from './answer-form.ts';
import { isEverydayWord } from './everyday-words.ts';
import { intentOf } from './intent.ts';
import { stem, tokenize } from './normalize.ts';
import type { ParsedQuery } from './parsed-query.ts';
import { subjectWordLimit, type RankingParams } from './ranking-params.ts';
import { VOCABULARY } from './vocabulary.ts';

/**
 * What a question is about, as opposed to how it is put: the countries, places and specific
 * materials it names, the month or year, and its subject words, the words of its own clause (or of a
 * topic clause ahead of it) rare enough in the knowledge to name one thing: a project, a company, a
 * measure ("tanbreez", "10x", "unreliable entity"). A fact that shares only the country or the
 * material answers another question; one that has all of the subject answers this one, however the
 * rest is worded ("what came out of the london talks in june 2025").
 */
export interface Subject {
  /** Per subject word, the postings of the word and its equivalents: a fact in any of them has it. */
  readonly words: ReadonlyArray<readonly Int32Array[]>;
  /**
   * Of `words`, the names: words no everyday English uses ("tanbreez", "maaden", "stillwater"), as
   * opposed to everyday words a few facts happen to hold ("growth", "crash"). A question naming a
   * mine, a company or a scheme is answered only by facts naming it (`namesAll`). A name written in
   * two words ("JD Vance") is one entry, with the postings of both: a fact holding either names it.
   */
  readonly names: ReadonlyArray<readonly Int32Array[]>;
  /** The postings of what the question counts ("how many employees"), when the knowledge knows the word. */
  readonly focus?: readonly Int32Array[];
  /** What the question counts is money ("how much money", "how much funding"): an amount answers it. */
  readonly focusMoney?: boolean;
  /** Words of the question's own clause that the knowledge does not know, but for adverbs of manner. */
  readonly unknown: number;
}

const MONEY = stem('money');

/** Groups so broad that naming them says nothing about which facts answer ("rare earths", "magnets"). */
const BROAD_MATERIALS: ReadonlySet<string> = new Set(['REE', 'REPM', 'critical-minerals']);

export function subjectOf(query: ParsedQuery, facts: FactIndex, params: RankingParams): Subject {
  const rare = subjectWordLimit(params, facts.size);
  const words: Int32Array[][] = [];
  const names: Int32Array[][] = [];
  let unknown = 0;
  /** Where the last name word was written: the next one just after it is the same name ("JD Vance", "Serra Verde"). */
  let lastNameAt = -2;
  for (const word of query.terms.slice(0, 32)) {
    if ((query.aside.has(word) && !query.topic.has(word)) || intentOf(word) !== undefined || isSignal(word)) continue;
    const resolved = facts.resolveTerm(word);
    if (!resolved) {
      if (!isMannerWord(word)) unknown++;
      continue;
    }
    if (intentOf(resolved.term) !== undefined) continue;
    const lists = postingsOf(resolved.term, facts);
    const size = lists.reduce((sum, docs) => sum + docs.length, 0);
    if (size > 0 && size <= rare) {
      words.push(lists);
      // A figure is no name: the asker's "94%" may be the fact's "94.3%" or "about 94 percent".
      if (!isEverydayWord(resolved.term, params.everydayWordRank) && /\p{L}/u.test(resolved.term) && !query.settingTerms.has(word)) {
        // A name written in two words is held by a fact holding either ("Vance" for "JD Vance").
        const at = query.termPositions.get(word) ?? -2;
        const previous = names.at(-1);
        if (previous && at === lastNameAt + 1) previous.push(...lists);
        else names.push([...lists]);
        lastNameAt = at;
      }
    }
  }
  const counted = query.focus !== undefined ? facts.resolveTerm(query.focus) : undefined;
  const focus = counted ? postingsOf(counted.term, facts) : undefined;
  const money = counted !== undefined && (counted.term === MONEY || (VOCABULARY.equivalents.get(counted.term) ?? []).includes(MONEY));
  return { words, names, unknown, ...(focus && focus.length > 0 ? { focus } : {}), ...(money ? { focusMoney: true } : {}) };
}

/**
 * "What IRR does the Tanbreez PEA project": a fact about another project's economic assessment
 * shares the most words with it, yet answers another question; a fact that names Tanbreez may answer
 * it, and when none covers enough of the question, no sourced answer is the honest one. So for what a
 * question counts: "how many employees does the Narva plant have" is not answered by the plant's
 * funding, only by a fact that speaks of employees.
 */
export function namesAll(subject: Subject, candidate: Candidate): boolean {
  const counted = subject.focus === undefined || has(subject.focus, candidate.index) || (subject.focusMoney === true && statesMoney(candidate.fact));
  return counted && subject.names.every((lists) => has(lists, candidate.index));
}

/**
 * "How much could Africa supply", "does Greenland have big reserves": a question naming where is
 * answered by a fact about that place (a country it is about, a member of the bloc or region named,
 * a city its text names), not by a figure about somewhere else that shares its other words. The
 * world, and countries named to be set aside ("outside China"), say nothing of where; a fact about
 * the world speaks of every place.
 */
export function aboutPlaceAsked(query: ParsedQuery, fact: Fact, membersOf: (code: string) => readonly string[]): boolean {
  const asked = query.countries.map((country) => country.code).filter((code) => code !== 'XX' && !query.excluded.includes(code));
  if (asked.length + query.places.length + query.regions.size === 0) return true;
  const about = countriesOf(fact);
  // A figure for the whole world holds for each place in it ("how long does a US mine take to permit").
  if (about.has('XX')) return true;
  if (asked.some((code) => about.has(code) || membersOf(code).some((member) => about.has(member)))) return true;
  if (query.places.some((place) => about.has(place.country.code))) return true;
  if ([...query.regions.keys()].some((word) => VOCABULARY.regions.get(word)?.members.some((member) => about.has(member)))) return true;
  const text = ` ${tokenize(`${fact.title} ${fact.summary}`).map(stem).join(' ')} `;
  return [...query.places.map((place) => place.term), ...query.regions.keys()].some((term) => text.includes(` ${term} `));
}

/** A term's postings and its equivalents': a fact in any of them has the word. */
function postingsOf(term: string, facts: FactIndex): Int32Array[] {
  return [term, ...(VOCABULARY.equivalents.get(term) ?? [])].flatMap((word) => {
    const postings = facts.postings(word);
    return postings ? [postings.docs] : [];
  });
}

/**
 * Whether a candidate that covers too little of the question's words to be shown still covers all
 * that it is about: every country, place and specific material it names, the month (or year), every
 * subject word (kind words only hint, as everywhere), with nothing unknown in its own clause. The
 * question must name something specific (a subject word, or a place or country with a date):
 * "how much rare earth gets wasted" names nothing, so no near fact answers it.
 */
export function coversSubject(query: ParsedQuery, subject: Subject, candidate: Candidate, snapshot: Pick<Snapshot, 'materialByCode'>): boolean {
  if (subject.unknown > 0 || query.excluding) return false;
  const countries = query.countries.filter((country) => country.code !== 'XX').map((country) => country.code);
  const dated = query.months.length > 0 || query.years.length > 0;
  if (subject.words.length === 0 && !(countries.length + query.places.length > 0 && dated)) return false;
  const { fact } = candidate;
  const about = countriesOf(fact);
  if (!countries.every((code) => about.has(code))) return false;
  // A city is matched by a fact naming it ("London talks") or about its country.
  const text = ` ${tokenize(`${fact.title} ${fact.summary}`).map(stem).join(' ')} `;
  if (!query.places.every((place) => about.has(place.country.code) || text.includes(` ${place.term} `))) return false;
  const materials = query.materials.filter((material) => !BROAD_MATERIALS.has(material.code));
  if (!materials.every((material) => materialMatch(material.code, fact.materials, snapshot) > 0)) return false;
  if (!ofDate(query, fact)) return false;
  return subject.words.every((lists) => has(lists, candidate.index));
}

/**
 * "Imports from Myanmar in Feb 2025": a question naming a month is answered by facts of that month
 * when any covers it, rather than by a projection or a yearly total that ranks higher on its words.
 */
export function ofMonthAsked<T extends { candidate: Candidate }>(query: ParsedQuery, ranked: readonly T[]): T[] {
  if (query.months.length === 0) return [...ranked];
  const ofMonth = ranked.filter(({ candidate }) => ofDate(query, candidate.fact));
  return ofMonth.length > 0 ? ofMonth : [...ranked];
}

/** The fact is of (or mentions) the month asked, or else the year asked; true when none is. */
function ofDate(query: ParsedQuery, fact: Fact): boolean {
  if (query.months.length > 0) {
    const months = new Set([...monthsOf(fact), ...mentionedMonthsOf(fact)]);
    return query.months.some((month) => months.has(month));
  }
  if (query.years.length > 0) {
    const years = new Set([...yearsOf(fact), ...mentionedYearsOf(fact)]);
    return query.years.some((year) => years.has(year));
  }
  return true;
}

/** "Bigger", "vs": words that say a comparison is asked, never its subject. */
function isSignal(word: string): boolean {
  return VOCABULARY.signals.moreOrLess.has(word) || VOCABULARY.signals.comparison.has(word);
}

/**
 * Adverbs of manner ("basically") are how a question is put. A short unknown word is not: it may be
 * what is asked ("how many ppl work in baotou"), and a near fact is taken only for a question whose
 * every word the knowledge reads.
 */
function isMannerWord(word: string): boolean {
  return word.length >= 6 && word.endsWith('ly');
}

function has(lists: readonly Int32Array[], doc: number): boolean {
  return lists.some((docs) => sortedHas(docs, doc));
}

function sortedHas(docs: Int32Array, doc: number): boolean {
  let low = 0;
  let high = docs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((docs[middle] as number) < doc) low = middle + 1;
    else high = middle;
  }
  return low < docs.length && docs[low] === doc;
}
