import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { formWords } from './answer-form.ts';

/**
 * The searchable text of a fact, by field, with the weight each field carries. Titles and aliases
 * name the fact; tags are what moderators expect people to type; the summary is the long tail.
 */
export interface WeightedField {
  readonly text: string;
  readonly weight: number;
}

export const FIELD_WEIGHTS = {
  title: 3,
  aliases: 3,
  tags: 1.5,
  specifics: 1.2,
  summary: 1,
  /** "tonnes" for "6,000 t", "percent" for "69%": the words a question asks a figure's form in (answer-form.ts). */
  forms: 1,
} as const;

export function factFields(fact: Fact): WeightedField[] {
  return [
    { text: fact.title, weight: FIELD_WEIGHTS.title },
    { text: fact.aliases.join(' '), weight: FIELD_WEIGHTS.aliases },
    { text: fact.tags.join(' '), weight: FIELD_WEIGHTS.tags },
    { text: specificsOf(fact), weight: FIELD_WEIGHTS.specifics },
    { text: fact.summary, weight: FIELD_WEIGHTS.summary },
    { text: formWords(fact), weight: FIELD_WEIGHTS.forms },
  ];
}

function specificsOf(fact: Fact): string {
  switch (fact.kind) {
    case 'restriction':
      return `${fact.measure.replace(/-/g, ' ')} ${fact.status.replace(/-/g, ' ')}`;
    case 'market-share':
      return `${fact.stage} share ${fact.year}`;
    case 'meeting':
      return [fact.event, fact.place ?? '', fact.outcome ?? '', fact.nextMeeting?.place ?? '', fact.nextMeeting?.note ?? ''].join(' ');
    case 'policy':
    case 'background':
      return '';
  }
}

/** Every country a fact is about, in any role: subject, imposer, target, participant, share holder. */
export function countriesOf(fact: Fact): Set<string> {
  const codes = new Set(fact.countries);
  if (fact.kind === 'restriction') {
    codes.add(fact.imposedBy);
    for (const code of fact.targets) codes.add(code);
  } else if (fact.kind === 'meeting') {
    for (const code of fact.participants) codes.add(code);
  } else if (fact.kind === 'market-share') {
    for (const share of fact.shares) codes.add(share.country);
    if (fact.market) codes.add(fact.market);
  } else if (fact.kind === 'policy' && fact.actor) {
    codes.add(fact.actor);
  }
  return codes;
}

/** Years a fact is about: its dates and a share's year. */
export function yearsOf(fact: Fact): Set<number> {
  const years = new Set<number>([Number(fact.date.slice(0, 4))]);
  if (fact.kind === 'market-share') years.add(fact.year);
  for (const date of datesOf(fact)) years.add(Number(date.slice(0, 4)));
  return years;
}

/** Years a fact's title and summary merely mention ("up from 2023"), and when its status was confirmed: a weaker sign than its dates. */
export function mentionedYearsOf(fact: Fact): Set<number> {
  const years = new Set<number>();
  if (fact.kind === 'restriction' && fact.statusAsOf) years.add(Number(fact.statusAsOf.slice(0, 4)));
  for (const match of `${fact.title} ${fact.summary}`.matchAll(/\b((?:19|20)\d{2})\b/g)) years.add(Number(match[1]));
  return years;
}

const MONTH_WORDS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WRITTEN_MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d{2})\b/gi;
const DAY_MONTH = /\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+((?:19|20)\d{2})\b/gi;

/** Months (YYYY-MM) of a fact's own dates. */
export function monthsOf(fact: Fact): Set<string> {
  const months = new Set<string>();
  for (const date of [fact.date, ...datesOf(fact)]) if (date.length >= 7) months.add(date.slice(0, 7));
  return months;
}

/** Months (YYYY-MM) a fact's title and summary merely mention ("in its October 2025 Q&A"): a weaker sign than its dates. */
export function mentionedMonthsOf(fact: Fact): Set<string> {
  const months = new Set<string>();
  const text = `${fact.title} ${fact.summary}`;
  for (const match of text.matchAll(/\b((?:19|20)\d{2}-\d{2})(?:-\d{2})?\b/g)) months.add(match[1] as string);
  for (const pattern of [WRITTEN_MONTH, DAY_MONTH]) {
    for (const match of text.matchAll(pattern)) {
      const month = MONTH_WORDS.indexOf((match[1] as string).toLowerCase()) + 1;
      months.add(`${match[2]}-${String(month).padStart(2, '0')}`);
    }
  }
  return months;
}

function datesOf(fact: Fact): string[] {
  switch (fact.kind) {
    case 'restriction':
      // Not statusAsOf: the day a source confirmed a 2023 measure is not what "in 2025" asks for.
      return [fact.announced, fact.effective, fact.expires].filter((date): date is string => date !== undefined);
    case 'meeting':
      return [fact.endDate, fact.nextMeeting?.date].filter((date): date is string => date !== undefined);
    default:
      return [];
  }
}

/**
 * How well a fact's materials cover a material named in a question: exact, or the question names
 * a group the fact's material belongs to (1); the fact names a group the asked one belongs to (0.6).
 */
export function materialMatch(asked: string, factMaterials: readonly string[], snapshot: Pick<Snapshot, 'materialByCode'>): number {
  let best = 0;
  for (const code of factMaterials) {
    if (code === asked || contains(asked, code, snapshot)) return 1;
    if (contains(code, asked, snapshot)) best = Math.max(best, 0.6);
  }
  return best;
}

function contains(group: string, member: string, snapshot: Pick<Snapshot, 'materialByCode'>): boolean {
  const memberGroup = snapshot.materialByCode.get(member)?.group;
  switch (group) {
    case 'REE':
      return memberGroup === 'light' || memberGroup === 'heavy' || ['LREE', 'HREE', 'NdPr'].includes(member);
    case 'HREE':
      return memberGroup === 'heavy';
    case 'LREE':
      return memberGroup === 'light' || member === 'NdPr';
    case 'REPM':
      return member === 'NdFeB' || member === 'SmCo' || contains('NdFeB', member, snapshot) || contains('SmCo', member, snapshot);
    case 'NdFeB':
      return ['Nd', 'Pr', 'Dy', 'Tb', 'NdPr'].includes(member);
    case 'SmCo':
      return member === 'Sm' || member === 'Co';
    case 'NdPr':
      return member === 'Nd' || member === 'Pr';
    default:
      return false;
  }
}
