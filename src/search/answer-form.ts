import type { Fact } from '../knowledge/schema.ts';

/**
 * The forms of figure a fact states: a tonnage or a percentage. A question asks in words ("how many
 * tonnes", "what percentage") what a fact writes as "6,000 t" or "69%", which share no word. So each
 * fact is also indexed under the words that name the forms of its figures (fact-text.ts), as
 * question-answering systems match an expected answer type: "how many tonnes does Myanmar mine" then
 * finds Myanmar's output though it never says "tonnes". Being only one word of the question, a form
 * never finds a fact on its own. Amounts of money are no form here: "money" is an equivalent of
 * "loan", "fund" and "investment" (vocabulary.yaml), so indexing every amount under it made "loan"
 * match every fact with a price in it.
 */
export const ANSWER_FORMS = ['quantity', 'share'] as const;
export type AnswerForm = (typeof ANSWER_FORMS)[number];

/** How each form is written in a fact's text: a figure with its unit of mass, or with a percent sign. */
const FORM_PATTERNS: Readonly<Record<AnswerForm, RegExp>> = {
  quantity: /\d[\d,.]*\s?(?:(?:kilo|mega)?tonnes?|tons?|t|kt|Mt|tpa|ktpa|kg|kilograms?)\b/,
  share: /\d[\d.,]*\s?(?:%|percent\b|per cent\b)/i,
};

/** A market share's unit says its form whatever its text says. */
const UNIT_FORMS: Readonly<Partial<Record<string, AnswerForm>>> = { percent: 'share', tonnes: 'quantity' };

/** The words a question uses for each form, which the fact is indexed under (stemmed like any word). */
const FORM_WORDS: Readonly<Record<AnswerForm, string>> = { quantity: 'tonnes tons', share: 'percent percentage' };

/** The forms whose figures a fact's title, summary or shares hold. */
export function formsIn(fact: Fact): Set<AnswerForm> {
  const text = `${fact.title} ${fact.summary}`;
  const forms = new Set(ANSWER_FORMS.filter((form) => FORM_PATTERNS[form].test(text)));
  if (fact.kind === 'market-share')
    for (const share of fact.shares) {
      const form = UNIT_FORMS[share.unit];
      if (form) forms.add(form);
    }
  return forms;
}

/** The words naming the forms of a fact's figures, as one text to index. */
export function formWords(fact: Fact): string {
  return [...formsIn(fact)].map((form) => FORM_WORDS[form]).join(' ');
}

/**
 * An amount of money ("US$8.5 billion", "€3bn", "Rs 7,280 crore"; not "5,200 pounds", a weight). Not
 * indexed as a form (see above), but a fact stating one holds what "how much money" or "how much
 * funding" counts, whether or not it says "money" (subject.ts `namesAll`).
 */
const MONEY =
  /(?:(?:US|A|AU|C|CA|NZ|HK|S)?\$|€|£|¥|₹|\b(?:USD|EUR|GBP|JPY|CNY|RMB|Rs\.?|INR|SEK|NOK)\s?)\s?\d|\d[\d,.]*\s?(?:billion|million|bn|m|k)?\s?(?:dollars|euros|yen|yuan|renminbi|rupees|crore|lakh|reais|kronor)\b/i;

export function statesMoney(fact: Fact): boolean {
  return MONEY.test(`${fact.title} ${fact.summary}`);
}

/** A count written large ("240,000", "1.2 million"), which no date or year is. */
const LARGE_NUMBER = /\b\d{1,3}(?:,\d{3})+\b|\d\s?(?:thousand|million|billion|trillion|bn|mn)\b/i;

/**
 * Whether a fact states an amount: a tonnage, a share, money or a large count. "How big is the
 * quota" is answered by the quota's size, not by the rules that set quotas, which share its words.
 */
export function statesFigure(fact: Fact): boolean {
  if (fact.kind === 'market-share' || formsIn(fact).size > 0) return true;
  const text = `${fact.title} ${fact.summary}`;
  return MONEY.test(text) || LARGE_NUMBER.test(text);
}
