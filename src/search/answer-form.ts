import type { Fact } from '../knowledge/schema.ts';

/**
 * The forms of figure a fact states: an amount of money, a tonnage, a percentage. A question asks
 * in words ("how much money", "how many tonnes", "what percentage") what a fact writes as "US$8.5
 * billion", "6,000 t" or "69%", which share no word. So each fact is also indexed under the words
 * that name the forms of its figures (fact-text.ts), as question-answering systems match an
 * expected answer type: "how many tonnes does Myanmar mine" then finds Myanmar's output though it
 * never says "tonnes". Being only one word of the question, a form never finds a fact on its own.
 */
export const ANSWER_FORMS = ['money', 'quantity', 'share'] as const;
export type AnswerForm = (typeof ANSWER_FORMS)[number];

/** How each form is written in a fact's text: a figure with its currency, its unit of mass, or a percent sign. */
const FORM_PATTERNS: Readonly<Record<AnswerForm, RegExp>> = {
  money:
    /(?:(?:US|A|AU|C|CA|NZ|HK|S)?\$|€|£|¥|₹|\b(?:USD|EUR|GBP|JPY|CNY|RMB|Rs\.?|INR|SEK|NOK)\s?)\s?\d|\d[\d,.]*\s?(?:billion|million|bn|m|k)?\s?(?:dollars|euros|yen|yuan|renminbi|rupees|crore|lakh|won|reais|kronor)\b/i,
  quantity: /\d[\d,.]*\s?(?:(?:kilo|mega)?tonnes?|tons?|t|kt|Mt|tpa|ktpa|kg|kilograms?)\b/,
  share: /\d[\d.,]*\s?(?:%|percent\b|per cent\b)/i,
};

/** A market share's unit says its form whatever its text says. */
const UNIT_FORMS: Readonly<Record<string, AnswerForm>> = { percent: 'share', tonnes: 'quantity', usd: 'money' };

/** The words a question uses for each form, which the fact is indexed under (stemmed like any word). */
const FORM_WORDS: Readonly<Record<AnswerForm, string>> = { money: 'money', quantity: 'tonnes tons', share: 'percent percentage' };

/** The forms whose figures a fact's title, summary or shares hold. */
export function formsIn(fact: Fact): Set<AnswerForm> {
  const text = `${fact.title} ${fact.summary}`;
  const forms = new Set(ANSWER_FORMS.filter((form) => FORM_PATTERNS[form].test(text)));
  if (fact.kind === 'market-share') for (const share of fact.shares) forms.add(UNIT_FORMS[share.unit] as AnswerForm);
  return forms;
}

/** The words naming the forms of a fact's figures, as one text to index. */
export function formWords(fact: Fact): string {
  return [...formsIn(fact)].map((form) => FORM_WORDS[form]).join(' ');
}
