import { rawTokens, STOP_WORDS, stem } from './normalize.ts';
import { clausesEndingInQuestionMark } from './tokens.ts';
import { VOCABULARY } from './vocabulary.ts';

/**
 * A question read clause by clause (query.ts numbers each token's clause in `clauseOf`): which
 * clause is the question itself, which words before a question word are a preamble, and which
 * words are written as names.
 */

/**
 * Of `terms`, those written Capitalised (not in capitals throughout) other than at the start of the
 * question or of a sentence after a question mark, where everyone writes a capital.
 */
export function capitalizedTerms(raw: readonly string[], clauseOf: readonly number[], afterMark: ReadonlySet<number>, terms: readonly string[]): Set<string> {
  const found = new Set<string>();
  raw.forEach((token, index) => {
    const startsSentence = index === 0 || (clauseOf[index] !== clauseOf[index - 1] && afterMark.has(clauseOf[index] ?? 0));
    if (startsSentence || !/^\p{Lu}\p{Ll}/u.test(token)) return;
    const term = stem(token.toLowerCase());
    if (terms.includes(term)) found.add(term);
  });
  return found;
}

/**
 * "hey quick question does china restrict gallium": words before a question word that carry
 * nothing the knowledge knows are a preamble, a clause of their own, as if a comma followed them.
 */
export function splitPreambles(lowered: readonly string[], clauseOf: number[], weight: (index: number) => number): void {
  let start = 0;
  while (start < lowered.length) {
    let end = start;
    while (end < lowered.length && clauseOf[end] === clauseOf[start]) end++;
    // Only the first question word of a clause that does not open with one: "what football team
    // does Trump support" is one question.
    for (let index = start; index < end; index++) {
      if (!VOCABULARY.signals.questionOpeners.has(lowered[index] as string)) continue;
      let empty = index > start;
      for (let i = start; i < index && empty; i++) if (weight(i) > 0) empty = false;
      if (empty) for (let i = start; i < index; i++) clauseOf[i] = -1 - (clauseOf[i] ?? 0);
      break;
    }
    start = end;
  }
}

/**
 * The clause holding most of what the knowledge knows, names and kind words counting double
 * ("brazil reserves - 2nd or 3rd largest?" is about Brazil's reserves): the question itself.
 */
export function coreClause(raw: readonly string[], clauseOf: readonly number[], weight: (index: number) => number): number {
  const counts = new Map<number, number>();
  raw.forEach((token, index) => {
    if (STOP_WORDS.has(token.toLowerCase())) return;
    const clause = clauseOf[index] ?? 0;
    counts.set(clause, (counts.get(clause) ?? 0) + weight(index));
  });
  let best = 0;
  let bestCount = -1;
  for (const [clause, count] of counts) if (count > bestCount || (count === bestCount && clause < best)) [best, bestCount] = [clause, count];
  return best;
}

/** Where a clause stands in the question: a preamble split off a clause (splitPreambles numbers it -1 - n) just before it. */
export function writtenAt(clause: number): number {
  return clause < 0 ? -1 - clause - 0.5 : clause;
}

/**
 * "Hello, I am a journalist from Poland. The US-Australia framework — how much money…", "After the
 * Trump-Xi meeting in Korea, what did China do…": a country named only before the question's own
 * clause, in an introduction or a setting, is not what it asks about when the question names
 * another. One named after it ("…after China? Brazil or Australia?", a line break mid-question) is.
 * `asks` tells the clauses from the question's own on.
 */
export function countriesAsked<T extends { readonly code: string }>(
  named: readonly T[],
  clausesOf: ReadonlyMap<string, ReadonlySet<number>>,
  asks: (clause: number) => boolean,
): T[] {
  const inQuestion = named.filter((country) => [...(clausesOf.get(country.code) ?? [])].some(asks));
  return inQuestion.length > 0 ? inQuestion : [...named];
}

/** Words that open a clause setting when (vocabulary.yaml `after`); "since" opens "since when", which asks it. */
const SETTING_OPENERS: ReadonlySet<string> = new Set([...VOCABULARY.signals.after].filter((word) => word !== 'since'));

/**
 * "After the Ga/Ge controls started, when did MOFCOM approve the first licences": the clauses opened by
 * "after" or "following", which set when; their "started" is not what is asked ("since when" asks it).
 */
export function clausesSettingWhen(written: readonly string[]): Set<number> {
  return new Set(written.flatMap((clause, position) => (SETTING_OPENERS.has(rawTokens(clause)[0]?.toLowerCase() ?? '') ? [position] : [])));
}

/**
 * "What terms did the KIA impose after taking Chipwi and Pangwa": whether the token at `at` follows
 * "after" or "following" inside its clause, which then says when, as a setting clause does.
 */
export function afterSettingWord(lowered: readonly string[], clauseOf: readonly number[], at: number): boolean {
  for (let i = at - 1; i >= 0 && clauseOf[i] === clauseOf[at]; i--) if (SETTING_OPENERS.has(lowered[i] as string)) return i > 0 && clauseOf[i - 1] === clauseOf[at];
  return false;
}

/** Words that open a clause about the asker ("I work in purchasing…", "my boss wants a slide"). */
const ASKER_WORDS: ReadonlySet<string> = new Set(['i', 'im', 'my', 'we', 'our']);
/** Verbs after which a clause reports what the asker heard or thinks, which is the question's topic. */
const HEARSAY_VERBS: ReadonlySet<string> = new Set(['heard', 'hear', 'read', 'saw', 'see', 'think', 'thought', 'remember', 'know', 'understand', 'believe', 'guess']);

/**
 * "Engineer at an EV supplier here.", "I work in purchasing at a German supplier": the clauses in
 * which the asker introduces themself, which name no topic of the question.
 */
export function clausesAboutAsker(written: readonly string[]): Set<number> {
  return new Set(
    written.flatMap((clause, position) => {
      const words = rawTokens(clause).map((token) => token.toLowerCase());
      // "I read India told IREL to stop…", "I heard China banned…": what the asker heard is the topic.
      if (HEARSAY_VERBS.has(words[1] ?? '')) return [];
      return ASKER_WORDS.has(words[0] ?? '') || words.at(-1) === 'here' ? [position] : [];
    }),
  );
}

/**
 * "Context: I work in purchasing at a German supplier … My boss wants a slide with hard numbers. How
 * many tonnes of magnets did China export in May 2025?": of a message longer than `limit` words, the
 * clauses read, by position. Leading clauses that ask nothing (no question word, no question mark) are
 * left out until the rest fits, so the question at the end is read; the rest is cut at the limit.
 */
export function clausesToRead(question: string, written: readonly string[], tokensOf: readonly (readonly string[])[], limit: number): number[] {
  const positions = written.map((_, position) => position);
  let total = tokensOf.reduce((sum, tokens) => sum + tokens.length, 0);
  const marked = clausesEndingInQuestionMark(question);
  while (total > limit && positions.length > 1) {
    const first = positions[0] as number;
    const asks = marked.has(first) || (tokensOf[first] ?? []).some((token) => VOCABULARY.signals.questionOpeners.has(token.toLowerCase()));
    if (asks) break;
    total -= tokensOf[first]?.length ?? 0;
    positions.shift();
  }
  return positions;
}

/** An asking clause of at least a name's weight (one country, material or kind word) says what is asked in words of its own. */
const MIN_ASKING_WEIGHT = 2;

/**
 * The question's core clause (`coreClause`), unless that is a clause about the asker ("I work in
 * purchasing at a German supplier and our deliveries stopped. … How many tonnes did China export in
 * May 2025?") while another clause asks, by a question word (`asking`) or a question mark, in words of
 * its own: then the heaviest such clause.
 */
export function questionCore(
  question: string,
  raw: readonly string[],
  clauseOf: readonly number[],
  weight: (index: number) => number,
  asking: ReadonlySet<number>,
  aboutAsker: ReadonlySet<number>,
): number {
  const own = coreClause(raw, clauseOf, weight);
  if (!aboutAsker.has(own)) return own;
  const marked = clausesEndingInQuestionMark(question);
  const asks = (clause: number) => (asking.has(clause) || marked.has(clause)) && !aboutAsker.has(clause);
  const asked = coreClause(raw, clauseOf, (index) => (asks(clauseOf[index] ?? 0) ? weight(index) : 0));
  if (!asks(asked)) return own;
  let askedWeight = 0;
  raw.forEach((token, index) => {
    if (clauseOf[index] === asked && !STOP_WORDS.has(token.toLowerCase())) askedWeight += weight(index);
  });
  return askedWeight >= MIN_ASKING_WEIGHT ? asked : own;
}
