import { earliestDay, latestDay, toIsoDay } from '../knowledge/dates.ts';
import type { MeetingFact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { lookupsOf } from './facts-by-country.ts';
import { answered, itemOf, type Answer } from './answer.ts';
import { countryName, describeMeeting } from './describe.ts';

/** Longest list returned; the message says when more matched. */
export const MAX_MEETINGS = 50;

export interface MeetingFilter {
  readonly country?: string;
  readonly from?: string;
  readonly to?: string;
  /** Only meetings still ahead of `now`, or past meetings that set a next one still ahead. */
  readonly upcoming?: boolean;
}

/**
 * Meetings and agreements. Past ones newest first; with `upcoming`, soonest first. `now` is
 * injected so that "upcoming" is testable and a digest can ask as of its own time.
 */
export function meetings(snapshot: Snapshot, filter: MeetingFilter, now: Date): Answer {
  const today = toIsoDay(now);
  const query = describeFilter(snapshot, filter);
  const lookups = lookupsOf(snapshot);
  // Newest first already; only `upcoming`, whose order depends on the day, is sorted here.
  const pool = filter.country ? (lookups.meetingsByCountry.get(filter.country) ?? []) : lookups.meetings;
  const facts = pool
    .filter((fact) => !filter.from || latestDay(fact.endDate ?? fact.date) >= earliestDay(filter.from))
    .filter((fact) => !filter.to || earliestDay(fact.date) <= latestDay(filter.to))
    .filter((fact) => !filter.upcoming || upcomingDate(fact, today) !== undefined);
  if (filter.upcoming) {
    facts.sort((a, b) => (upcomingDate(a, today) as string).localeCompare(upcomingDate(b, today) as string) || a.id.localeCompare(b.id));
  }
  const shown = facts.slice(0, MAX_MEETINGS);
  const items = shown.map((fact) => itemOf(fact, snapshot, { text: describeMeeting(fact, snapshot) }));
  if (items.length === 0) {
    const suggestions = filter.upcoming ? [`/meetings${filter.country ? ` country:${countryName(snapshot, filter.country)}` : ''}`] : [];
    return answered('meetings', query, snapshot, [], { message: `No sourced meetings ${query}.`, suggestions });
  }
  return answered('meetings', query, snapshot, items, {
    message: `${facts.length} meeting(s) and agreement(s) ${query}, ${filter.upcoming ? 'soonest' : 'newest'} first.${facts.length > shown.length ? ` Showing the first ${shown.length}.` : ''}`,
  });
}

/**
 * The date that makes a meeting upcoming: its own (not yet ended), or the next meeting it set.
 * A partial date ("2026") counts as upcoming until its last possible day has passed.
 */
function upcomingDate(fact: MeetingFact, today: string): string | undefined {
  if (latestDay(fact.endDate ?? fact.date) >= today) return earliestDay(fact.date);
  const next = fact.nextMeeting?.date;
  if (next && latestDay(next) >= today) return earliestDay(next);
  return undefined;
}

function describeFilter(snapshot: Snapshot, filter: MeetingFilter): string {
  const parts: string[] = [];
  if (filter.upcoming) parts.push('coming up');
  if (filter.country) parts.push(`involving ${countryName(snapshot, filter.country)}`);
  if (filter.from) parts.push(`from ${filter.from}`);
  if (filter.to) parts.push(`to ${filter.to}`);
  return parts.length > 0 ? parts.join(' ') : 'in the knowledge base';
}
