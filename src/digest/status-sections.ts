import { citationsOf } from '../answer/answer.ts';
import { countryName } from '../answer/describe.ts';
import { endedWhat, shownStatus, type ShownStatus } from '../answer/shown-status.ts';
import { latestDay } from '../knowledge/dates.ts';
import type { RestrictionFact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import type { DigestFilters, EndedEntry, InForceCount } from './digest.ts';
import { matchesFilters } from './filters.ts';

/**
 * The parts of a digest that follow restrictions' dates rather than edits of the knowledge: a
 * status or measure whose end passed during the period (said once, in the digest of that period),
 * and the count of what is in force, both by the status as shown on the digest's last day.
 */
interface Dated {
  readonly fact: RestrictionFact;
  readonly shown: ShownStatus;
}

function restrictionsIn(snapshot: Snapshot, filters: DigestFilters, today: string): Dated[] {
  return snapshot.facts
    .filter((fact): fact is RestrictionFact => fact.kind === 'restriction' && matchesFilters(fact, filters, snapshot))
    .map((fact) => ({ fact, shown: shownStatus(fact, today) }));
}

/**
 * Measures whose end date passed in the period: the date's last day is on or after the period's
 * first day and before its last (a date has passed once the day after it has begun). A status a
 * source confirmed after the date has not ended, and is not listed.
 */
export function endedInPeriod(snapshot: Snapshot, filters: DigestFilters, fromDay: string, toDay: string): EndedEntry[] {
  return restrictionsIn(snapshot, filters, toDay)
    .flatMap(({ fact, shown }) => {
      const what = endedWhat(shown);
      const date = shown.passed;
      if (!what || !date || latestDay(date) < fromDay || latestDay(date) >= toDay) return [];
      return [{ date, what, factId: fact.id, title: fact.title, text: shown.text, citations: citationsOf(fact, snapshot) }];
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.factId.localeCompare(b.factId));
}

/** Restrictions in force on `today` (as shown: one whose in-force term passed is not), counted by imposing country, most first. */
export function inForceOf(snapshot: Snapshot, filters: DigestFilters, today: string): InForceCount[] {
  const counts = new Map<string, number>();
  for (const { fact, shown } of restrictionsIn(snapshot, { ...filters, kinds: [] }, today)) {
    if (shown.key === 'in-force') counts.set(fact.imposedBy, (counts.get(fact.imposedBy) ?? 0) + 1);
  }
  return [...counts]
    .map(([country, count]) => ({ country, countryName: countryName(snapshot, country), count }))
    .sort((a, b) => b.count - a.count || a.countryName.localeCompare(b.countryName));
}
