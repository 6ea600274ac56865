import { earliestDay, latestDay, toIsoDay } from '../knowledge/dates.ts';
import type { RestrictionFact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { countriesOf, materialMatch } from '../search/fact-text.ts';
import { answered, itemOf, type Answer } from './answer.ts';
import { countryName, describeRestriction, materialName } from './describe.ts';
import { lookupsOf, restrictionsOnMaterial, shownStatusOn } from './facts-by-country.ts';
import { SHOWN_STATUS_NAMES, type ShownStatus, type ShownStatusKey } from './shown-status.ts';

/** Longest timeline returned; the message says when more matched. */
export const MAX_TIMELINE = 50;

export interface RestrictionFilter {
  /** Imposing, targeted or otherwise concerned. */
  readonly country?: string;
  readonly material?: string;
  /** The status as shown today (shown-status.ts): `suspended` leaves out suspensions whose end has passed (`ended`). */
  readonly status?: ShownStatusKey;
  /** YYYY, YYYY-MM or YYYY-MM-DD: measures announced or taking effect on or after it. */
  readonly since?: string;
}

interface Shown {
  readonly fact: RestrictionFact;
  readonly shown: ShownStatus;
}

/**
 * A timeline of measures, oldest announcement first, so the sequence of escalation reads in order.
 * Statuses, counts and the status filter use the status as shown on `now`'s day.
 */
export function restrictions(snapshot: Snapshot, filter: RestrictionFilter, now: Date, query = describeFilter(snapshot, filter)): Answer {
  const today = toIsoDay(now);
  const candidates: Shown[] = restrictionsFor(snapshot, filter)
    .filter((fact) => !filter.since || latestDay(fact.effective ?? fact.announced) >= earliestDay(filter.since))
    .map((fact) => ({ fact, shown: shownStatusOn(snapshot, fact, today) }));
  const matched = candidates.filter((entry) => !filter.status || entry.shown.key === filter.status);

  // A timeline longer than anyone reads shows its most recent part, still oldest first.
  const shown = matched.slice(-MAX_TIMELINE);
  const items = shown.map(({ fact, shown: status }) => itemOf(fact, snapshot, { text: describeRestriction(fact, snapshot, status), shown: status }));
  const leftOut = leftOutNote(candidates, filter);
  if (items.length === 0) {
    return answered('restrictions', query, snapshot, [], {
      message: `No sourced restrictions match ${query}.${leftOut}`,
      suggestions: [...(leftOut ? [endedSearch(snapshot, filter)] : []), ...widerSearches(snapshot, filter)].slice(0, 3),
    });
  }
  const counts = countByStatus(matched);
  const cut = matched.length > shown.length ? ` Showing the ${shown.length} most recent; narrow it with country, material, status or since.` : '';
  return answered('restrictions', query, snapshot, items, {
    message: `${matched.length} measure(s) ${query}, oldest first: ${counts}.${leftOut}${cut}`,
    ...(leftOut ? { suggestions: [endedSearch(snapshot, filter)] } : {}),
  });
}

/** The restrictions concerning the country and on the material asked for, oldest first, from the snapshot's lookups. */
function restrictionsFor(snapshot: Snapshot, filter: RestrictionFilter): readonly RestrictionFact[] {
  const lookups = lookupsOf(snapshot);
  if (!filter.country) return filter.material ? restrictionsOnMaterial(snapshot, filter.material) : lookups.restrictions;
  const country = filter.country;
  const concerning = lookups.restrictionsByCountry.get(country) ?? [];
  const material = filter.material;
  if (!material) return concerning;
  // Both lists are in timeline order: filter the shorter one by the other's test.
  const onMaterial = restrictionsOnMaterial(snapshot, material);
  return onMaterial.length < concerning.length
    ? onMaterial.filter((fact) => countriesOf(fact).has(country))
    : concerning.filter((fact) => materialMatch(material, fact.materials, snapshot) > 0);
}

function countByStatus(entries: readonly Shown[]): string {
  const counts = new Map<string, number>();
  for (const { shown } of entries) counts.set(SHOWN_STATUS_NAMES[shown.key], (counts.get(SHOWN_STATUS_NAMES[shown.key]) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
}

/** `status:suspended` (or in-force, announced) after some of them ended: say how many were left out, and where they are. */
function leftOutNote(candidates: readonly Shown[], filter: RestrictionFilter): string {
  const wanted = filter.status;
  if (!wanted || wanted === 'ended' || wanted === 'expired' || wanted === 'unconfirmed') return '';
  const left = candidates.filter(({ shown }) => shown.key !== wanted && shown.recorded === wanted);
  if (left.length === 0) return '';
  const dates = [...new Set(left.map(({ shown }) => shown.passed))].sort().join(', ');
  return ` Not counted: ${left.length} recorded as ${SHOWN_STATUS_NAMES[wanted]} whose end date has passed (${dates}) with no source since.`;
}

function endedSearch(snapshot: Snapshot, filter: RestrictionFilter): string {
  return `/restrictions ${filterOptions(snapshot, { ...filter, status: 'ended' }).join(' ')}`;
}

function describeFilter(snapshot: Snapshot, filter: RestrictionFilter): string {
  const parts: string[] = [];
  if (filter.country) parts.push(`concerning ${countryName(snapshot, filter.country)}`);
  if (filter.material) parts.push(`on ${materialName(snapshot, filter.material)}`);
  if (filter.status) parts.push(`with status ${SHOWN_STATUS_NAMES[filter.status]}`);
  if (filter.since) parts.push(`since ${filter.since}`);
  return parts.length > 0 ? parts.join(' ') : 'in the knowledge base';
}

function filterOptions(snapshot: Snapshot, f: RestrictionFilter): string[] {
  return [
    f.country ? `country:${countryName(snapshot, f.country)}` : '',
    f.material ? `material:${f.material}` : '',
    f.status ? `status:${f.status}` : '',
    f.since ? `since:${f.since}` : '',
  ].filter(Boolean);
}

/** When filters exclude everything, offer the same search with one filter dropped. */
function widerSearches(snapshot: Snapshot, filter: RestrictionFilter): string[] {
  const wider: string[] = [];
  for (const key of ['status', 'since', 'material', 'country'] as const) {
    if (filter[key] === undefined) continue;
    const rest = { ...filter, [key]: undefined };
    wider.push(`/restrictions ${filterOptions(snapshot, rest).join(' ')}`.trim());
  }
  return wider.slice(0, 3);
}
