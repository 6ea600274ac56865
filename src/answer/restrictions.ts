import { earliestDay, latestDay } from '../knowledge/dates.ts';
import type { RestrictionFact, RestrictionStatus } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { materialMatch } from '../search/fact-text.ts';
import { answered, itemOf, type Answer } from './answer.ts';
import { countryName, describeRestriction, materialName, STATUS_LABELS } from './describe.ts';
import { factsAbout } from './facts-by-country.ts';

/** Longest timeline returned; the message says when more matched. */
export const MAX_TIMELINE = 50;

export interface RestrictionFilter {
  /** Imposing, targeted or otherwise concerned. */
  readonly country?: string;
  readonly material?: string;
  readonly status?: RestrictionStatus;
  /** YYYY, YYYY-MM or YYYY-MM-DD: measures announced or taking effect on or after it. */
  readonly since?: string;
}

/** A timeline of measures, oldest announcement first, so the sequence of escalation reads in order. */
export function restrictions(snapshot: Snapshot, filter: RestrictionFilter, query = describeFilter(snapshot, filter)): Answer {
  const pool = filter.country ? factsAbout(snapshot, filter.country) : snapshot.facts;
  const facts = pool
    .filter((fact): fact is RestrictionFact => fact.kind === 'restriction')
    .filter((fact) => !filter.material || materialMatch(filter.material, fact.materials, snapshot) > 0)
    .filter((fact) => !filter.status || fact.status === filter.status)
    .filter((fact) => !filter.since || latestDay(fact.effective ?? fact.announced) >= earliestDay(filter.since))
    .sort((a, b) => a.announced.localeCompare(b.announced) || a.id.localeCompare(b.id));

  // A timeline longer than anyone reads shows its most recent part, still oldest first.
  const shown = facts.slice(-MAX_TIMELINE);
  const items = shown.map((fact) => itemOf(fact, snapshot, { text: describeRestriction(fact, snapshot) }));
  if (items.length === 0) {
    return answered('restrictions', query, snapshot, [], { message: `No sourced restrictions match ${query}.`, suggestions: widerSearches(snapshot, filter) });
  }
  const counts = countByStatus(facts);
  const cut = facts.length > shown.length ? ` Showing the ${shown.length} most recent; narrow it with country, material, status or since.` : '';
  return answered('restrictions', query, snapshot, items, { message: `${facts.length} measure(s) ${query}, oldest first: ${counts}.${cut}` });
}

function countByStatus(facts: readonly RestrictionFact[]): string {
  const counts = new Map<string, number>();
  for (const fact of facts) counts.set(STATUS_LABELS[fact.status], (counts.get(STATUS_LABELS[fact.status]) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
}

function describeFilter(snapshot: Snapshot, filter: RestrictionFilter): string {
  const parts: string[] = [];
  if (filter.country) parts.push(`concerning ${countryName(snapshot, filter.country)}`);
  if (filter.material) parts.push(`on ${materialName(snapshot, filter.material)}`);
  if (filter.status) parts.push(`with status ${STATUS_LABELS[filter.status]}`);
  if (filter.since) parts.push(`since ${filter.since}`);
  return parts.length > 0 ? parts.join(' ') : 'in the knowledge base';
}

/** When filters exclude everything, offer the same search with one filter dropped. */
function widerSearches(snapshot: Snapshot, filter: RestrictionFilter): string[] {
  const options = (f: RestrictionFilter) =>
    [
      f.country ? `country:${countryName(snapshot, f.country)}` : '',
      f.material ? `material:${f.material}` : '',
      f.status ? `status:${f.status}` : '',
      f.since ? `since:${f.since}` : '',
    ].filter(Boolean);
  const wider: string[] = [];
  for (const key of ['status', 'since', 'material', 'country'] as const) {
    if (filter[key] === undefined) continue;
    const rest = { ...filter, [key]: undefined };
    wider.push(`/restrictions ${options(rest).join(' ')}`.trim());
  }
  return wider.slice(0, 3);
}
