import { MAX_QUERY_CHARS, STOP_WORDS, stripMarkup, tokenize } from './normalize.ts';
import { VOCABULARY, type Decline } from './vocabulary.ts';

/**
 * Whether a question is one the knowledge can answer at all, decided by reason rather than by
 * matching words of it against facts:
 *
 * - It asks for an attribute no fact records (vocabulary.yaml `declines`): a forecast or
 *   investment advice, a personal detail about a person, a chemical or physical property of an
 *   element, a market price. However many of its other words some fact contains (the element, the
 *   person, "price"), a fact about that subject does not say what is asked, so it is declined
 *   with that reason.
 * - Its only words from this domain are names (a country, a city, an element, a person) and the
 *   rest are words the knowledge does not have ("weather in Paris", "Neodymium the band", "moons
 *   of Jupiter"): those unknown words are what it asks about, so they count in full against every
 *   fact (query-plan.ts) and the question finds no fact. Only a question that says in the domain's
 *   own words what it asks (a kind word such as "ban" or "reserves", or "rare earth") may treat the
 *   unknown words around it as chatter.
 */
export function declineFor(text: string): Decline | undefined {
  const stripped = stripMarkup(text.trim().slice(0, MAX_QUERY_CHARS));
  const words = tokenize(stripped);
  if (isCalculation(text, words)) return CALCULATION;
  for (const [i, word] of words.entries()) {
    for (const { decline, phrase } of DECLINE_PHRASES.get(word) ?? []) {
      if (holdsAt(words, i, phrase) && !decline.except.some((exempt) => words.some((_, at) => holdsAt(words, at, exempt)))) return decline;
    }
  }
  return undefined;
}

function holdsAt(words: readonly string[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((part, j) => words[at + j] === part);
}

/**
 * "what's 17 times 23", "12% of 340", "convert 5000 tonnes to pounds": a sum or a unit conversion,
 * which no fact answers however many facts hold the same figures. It is one by its shape, not by
 * its numbers: figures, an operator (a symbol between figures, or a word such as "times"), and
 * nothing else but stop words, units and words that ask for a calculation. A question with one
 * word of substance besides ("china's 2024 quota in tonnes", "270000 t mined") is not a sum.
 */
function isCalculation(text: string, words: readonly string[]): boolean {
  if (!words.some((word) => NUMBER.test(word))) return false;
  const symbol = SYMBOLIC_OPERATION.test(text);
  let operatorWord = false;
  for (const word of words) {
    if (OPERATOR_WORDS.has(word)) operatorWord = true;
    else if (!NUMBER.test(word) && !STOP_WORDS.has(word) && !UNIT_WORDS.has(word) && !CALCULATION_WORDS.has(word)) return false;
  }
  return symbol || operatorWord;
}
const NUMBER = /^\d+$/;
/** An arithmetic sign between figures ("17*23", "12 / 4", "2^10") or a percentage ("12%"). */
const SYMBOLIC_OPERATION = /\d\s*[-+*/×÷^x]\s*\d|\d\s*%/i;
const OPERATOR_WORDS: ReadonlySet<string> = new Set([
  'times',
  'plus',
  'minus',
  'divided',
  'multiplied',
  'squared',
  'cubed',
  'sqrt',
  'root',
  'percent',
  'percentage',
  'sum',
  'product',
  'convert',
  'conversion',
  'converted',
]);
const CALCULATION_WORDS: ReadonlySet<string> = new Set([
  'calculate',
  'compute',
  'solve',
  'equals',
  'equal',
  'answer',
  'result',
  'whats',
  'square',
  'pls',
  'please',
  'plz',
  'quick',
  'quickly',
  'math',
  'maths',
]);
/** Units of measure: in a sum they are what is converted, never a subject of their own. */
const UNIT_WORDS: ReadonlySet<string> = new Set([
  't',
  'tonne',
  'tonnes',
  'ton',
  'tons',
  'kg',
  'kgs',
  'kilo',
  'kilos',
  'kilogram',
  'kilograms',
  'g',
  'gram',
  'grams',
  'lb',
  'lbs',
  'pound',
  'pounds',
  'ounce',
  'ounces',
  'oz',
  'mt',
  'kt',
  'km',
  'miles',
  'mile',
  'metres',
  'meters',
  'feet',
  'usd',
  'dollars',
  'euros',
  'yuan',
  'rupees',
  'crore',
]);
const CALCULATION: Decline = { reason: 'calculation', message: 'I do not do sums or unit conversions.', phrases: [], except: [] };

/** Decline phrases by their first word, so a question is read once rather than once per phrase. */
const DECLINE_PHRASES = new Map<string, Array<{ decline: Decline; phrase: readonly string[] }>>();
for (const decline of VOCABULARY.declines) {
  for (const phrase of decline.phrases) {
    const first = phrase[0];
    if (first !== undefined) DECLINE_PHRASES.set(first, [...(DECLINE_PHRASES.get(first) ?? []), { decline, phrase }]);
  }
}

/** Whether `words` holds `phrase` as consecutive whole words. */
export function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    let j = 0;
    while (j < phrase.length && words[i + j] === phrase[j]) j++;
    if (j === phrase.length) return true;
  }
  return false;
}

/** "Outside China", "besides Japan": the question (as lowercase words) may name a country to exclude it. */
export function namesToExclude(words: readonly string[]): boolean {
  return VOCABULARY.signals.excluding.some((phrase) => containsPhrase(words, phrase));
}
