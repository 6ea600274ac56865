import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';

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
} as const;

export function factFields(fact: Fact): WeightedField[] {
  return [
    { text: fact.title, weight: FIELD_WEIGHTS.title },
    { text: fact.aliases.join(' '), weight: FIELD_WEIGHTS.aliases },
    { text: fact.tags.join(' '), weight: FIELD_WEIGHTS.tags },
    { text: specificsOf(fact), weight: FIELD_WEIGHTS.specifics },
    { text: fact.summary, weight: FIELD_WEIGHTS.summary },
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

/** Years a fact speaks of: its date, and a restriction's or share's own dates. */
export function yearsOf(fact: Fact): Set<number> {
  const years = new Set<number>([Number(fact.date.slice(0, 4))]);
  if (fact.kind === 'market-share') years.add(fact.year);
  if (fact.kind === 'restriction') {
    for (const date of [fact.announced, fact.effective, fact.expires]) if (date) years.add(Number(date.slice(0, 4)));
  }
  if (fact.kind === 'meeting' && fact.endDate) years.add(Number(fact.endDate.slice(0, 4)));
  return years;
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
      return member === 'NdFeB' || member === 'SmCo';
    case 'NdPr':
      return member === 'Nd' || member === 'Pr';
    default:
      return false;
  }
}
