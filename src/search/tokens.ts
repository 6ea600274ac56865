/**
 * Text to tokens, shared by facts and questions: case, diacritics and punctuation folded, dotted
 * abbreviations joined (U.S. → us). Questions are first stripped of what chat adds around them.
 */

const DOTTED_ABBREVIATION = /\b(?:[A-Za-z]\.){2,}/g;

/** "won't" is "will not", not the word "won"; "can't", "isn't" lose their "n't" to a "not". */
const CONTRACTION = /\b(\p{L}+?)n['’]t\b/gu;
const CONTRACTED_STEM: Readonly<Record<string, string>> = { wo: 'will', ca: 'can', sha: 'shall' };

/** Case-preserving clean-up: diacritics off, dotted abbreviations joined, punctuation to spaces. */
export function cleanText(text: string): string {
  const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  // Most texts have no contraction; the test is far cheaper than the pattern.
  const expanded =
    folded.includes("n't") || folded.includes('n’t') ? folded.replace(CONTRACTION, (_match, head: string) => `${CONTRACTED_STEM[head.toLowerCase()] ?? head} not`) : folded;
  return (
    expanded
      .replace(DOTTED_ABBREVIATION, (match) => match.replace(/\./g, ''))
      .replace(/['’]s\b/g, '')
      // "What % of magnets": the sign is the word a question asks with, as the facts' figures are indexed (answer-form.ts).
      .replace(/%/g, ' percent ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/** Tokens as written (case kept), for recognisers that care whether "US" was typed in capitals. */
export function rawTokens(text: string): string[] {
  const cleaned = cleanText(text);
  return cleaned === '' ? [] : cleaned.split(' ');
}

export function tokenize(text: string): string[] {
  return rawTokens(text).map((token) => token.toLowerCase());
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * What chat and copy-paste wrap around a question, none of which a fact contains: Discord mentions
 * and custom emoji, URLs, HTML tags and entities, markdown (links keep their text; code fences,
 * emphasis, quotes, headings and bullets go) and line breaks. Whatever is left is the question.
 */
export function stripMarkup(text: string): string {
  return (
    text
      .replace(/<a?:\w+:\d+>/g, ' ')
      .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
      .replace(/@(?:everyone|here)\b/g, ' ')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
      .replace(/<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi, ' ')
      .replace(/&(#39|[a-z]+);/gi, (entity, name: string) => HTML_ENTITIES[name.toLowerCase()] ?? entity)
      // "tl;dr" is one chat word, not a clause break before "dr" (which names DR Congo).
      .replace(/\btl;\s?dr\b/gi, 'tldr')
      .replace(/```[a-z]*|`|\*\*?|__?|~~|\|\|/gi, ' ')
      .replace(/^\s*(?:>+|#{1,6}|[-*+]|\d+[.)])\s+/gm, ' ')
      // A line break ends a clause, as a comma does (see clauses()).
      .replace(/\s*\n\s*/g, ' ; ')
      .replace(/\s+/g, ' ')
      .replace(/^[\s;]+|[\s;]+$/g, '')
      .trim()
  );
}

/**
 * A question's clauses, as chat writes them apart: by commas, colons, semicolons, question and
 * exclamation marks, dashes between words, line breaks, and the full stop that ends a sentence
 * ("Sorry for my english. Vietnam made a new law…"). A period after an abbreviation or an initial
 * ("U.S.", "No. 61", "Mr. Xi", "incl.", "Jan.") or inside a figure ("2.5") is no full stop: one is
 * written after a word of three letters or more that is no abbreviation, or a number of two digits
 * or more, and a space.
 */
export function clauses(text: string): string[] {
  return text.split(CLAUSE_SEPARATOR).filter((clause) => clause.trim() !== '');
}
/** Months' short names, as questions write them ("Jan. 2025", "sept"); relative-dates.ts reads them as dates. */
export const MONTH_ABBREVIATIONS: readonly string[] = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Abbreviations of three letters or more that chat writes with a period mid-sentence ("incl. tin", "approx. 5 t", "Jan. 2025"). */
const ABBREVIATIONS = ['incl', 'approx', 'govt', 'dept', 'corp', 'inc', 'ltd', 'est', 'esp', 'fig', 'vol', 'int', 'sept', ...MONTH_ABBREVIATIONS];
const SEPARATOR = String.raw`[,;:!?]+|\s[-–—]+\s|(?<=\p{L}{3}|\d{2})(?<!\b(?:${ABBREVIATIONS.join('|')}))\.+\s+`;
const CLAUSE_SEPARATOR = new RegExp(SEPARATOR, 'iu');
/** The same separators, kept in the split (`clausesAfterQuestionMark`). */
const KEPT_SEPARATOR = new RegExp(`(${SEPARATOR})`, 'iu');

/** Per clause, as `clauses` numbers them: the separators written before it and just after it, and whether a question mark ends a clause that more text follows. */
interface ClauseMark {
  readonly before: string;
  readonly after: string;
  readonly askedBeforeMore: boolean;
}

function clauseMarks(text: string): ClauseMark[] {
  const parts = text.split(KEPT_SEPARATOR);
  const marks: ClauseMark[] = [];
  let separators = '';
  for (let i = 0; i < parts.length; i += 2) {
    if ((parts[i] as string).trim() !== '') {
      const after = parts[i + 1] ?? '';
      const askedBeforeMore = after.includes('?') && parts.slice(i + 2).some((part) => part.trim() !== '' && !/^[,;:!?\s–—-]+$/.test(part));
      marks.push({ before: separators, after, askedBeforeMore });
      separators = '';
    }
    separators += parts[i + 1] ?? '';
  }
  return marks;
}

/**
 * The positions, as `clauses` numbers them, of the clauses written after a question mark: "…curbs?
 * do they have stockpiles" puts a second question, not a remark beside the first. With `before`,
 * those written just before one that more text follows: "what is RESourceEU? how much money…" asks twice.
 */
export function clausesAfterQuestionMark(text: string, before = false): Set<number> {
  return positionsWhere(text, (mark) => (before ? mark.askedBeforeMore : mark.before.includes('?')));
}

/** The positions, as `clauses` numbers them, of the clauses a question mark ends. */
export function clausesEndingInQuestionMark(text: string): Set<number> {
  return positionsWhere(text, (mark) => mark.after.includes('?'));
}

function positionsWhere(text: string, test: (mark: ClauseMark) => boolean): Set<number> {
  return new Set(clauseMarks(text).flatMap((mark, position) => (test(mark) ? [position] : [])));
}
