import { endedWhat, shownStatus, type EndedWhat } from '../answer/shown-status.ts';
import { earliestDay, latestDay } from '../knowledge/dates.ts';
import type { Fact, MeetingFact, RestrictionFact, Source } from '../knowledge/schema.ts';
import type { Origin, Snapshot } from '../knowledge/snapshot.ts';
import mirrorList from './mirror-hosts.json' with { type: 'json' };

/**
 * What in the knowledge has gone stale by the calendar, for moderators (/kb stale, kb:check):
 *
 * - facts whose own end date has passed with no follow-up: a restriction's status end
 *   (`statusUntil`), expiry, or due date as shown-status.ts reads them, and a meeting's next date.
 *   A follow-up is a newer fact that supersedes it, a `statusAsOf` after the date, or (for a
 *   meeting) a meeting of the same participants on or after the announced next date;
 * - restrictions, the fast-moving topic, last confirmed more than `staleAfterDays` ago (from
 *   `statusAsOf`, else the effective or announcement date), unless lifted (a lifted measure stays so);
 * - sources that are mirrors: the publisher says "(mirror)" or "via", or the address is on a host of
 *   mirror-hosts.json. The original publisher's page is worth finding.
 *
 * None of this is an error: the knowledge still loads, and answers already show ended statuses as such.
 */
export interface StaleOptions {
  /** YYYY-MM-DD. */
  readonly today: string;
  readonly staleAfterDays: number;
  readonly mirrorHosts?: readonly string[];
}

export interface EndPassed {
  readonly factId: string;
  readonly kind: Fact['kind'];
  readonly title: string;
  readonly what: EndedWhat | 'next meeting date passed';
  /** The date that passed, as the fact gives it. */
  readonly date: string;
  readonly lastConfirmed?: string;
  readonly origin?: Origin;
}

export interface OldFact {
  readonly factId: string;
  readonly title: string;
  /** The date the fact's status was last confirmed (or, without statusAsOf, its effective or announcement date). */
  readonly confirmed: string;
  readonly ageDays: number;
  readonly origin?: Origin;
}

export interface MirrorSource {
  readonly sourceId: string;
  readonly publisher: string;
  readonly url: string;
  readonly why: string;
  readonly citedBy: number;
  readonly origin?: Origin;
}

export interface StaleReport {
  readonly today: string;
  readonly staleAfterDays: number;
  /** Most recently passed first. */
  readonly endPassed: readonly EndPassed[];
  /** Longest unconfirmed first. */
  readonly old: readonly OldFact[];
  /** Most cited first. */
  readonly mirrors: readonly MirrorSource[];
}

/** STALE_AFTER_DAYS when it is not set: half a year without a confirmation on a fast-moving topic. */
export const DEFAULT_STALE_AFTER_DAYS = 180;
export const MIRROR_HOSTS: readonly string[] = mirrorList.hosts.map((entry) => entry.host);
const DAY_MS = 86_400_000;

export function findStale(snapshot: Snapshot, options: StaleOptions): StaleReport {
  const { today } = options;
  const supersededIds = new Set(snapshot.facts.flatMap((fact) => (fact.supersedes ? [fact.supersedes] : [])));
  const followedBySuccessor = (fact: Fact) => fact.supersededBy !== undefined || supersededIds.has(fact.id);
  const origin = (id: string) => {
    const found = snapshot.origins.get(id);
    return found ? { origin: found } : {};
  };

  const endPassed: EndPassed[] = [];
  const old: OldFact[] = [];
  for (const fact of snapshot.facts) {
    if (followedBySuccessor(fact)) continue;
    if (fact.kind === 'restriction') {
      const ended = restrictionEnd(fact, today);
      if (ended) endPassed.push({ ...ended, ...origin(fact.id) });
      else if (fact.status !== 'lifted') {
        const confirmed = fact.statusAsOf ?? fact.effective ?? fact.announced;
        const ageDays = daysBetween(latestDay(confirmed), today);
        if (ageDays > options.staleAfterDays) old.push({ factId: fact.id, title: fact.title, confirmed, ageDays, ...origin(fact.id) });
      }
    } else if (fact.kind === 'meeting') {
      const next = fact.nextMeeting?.date;
      if (next && latestDay(next) < today && !meetingFollowedUp(fact, next, snapshot.facts)) {
        endPassed.push({ factId: fact.id, kind: fact.kind, title: fact.title, what: 'next meeting date passed', date: next, ...origin(fact.id) });
      }
    }
  }

  const hosts = options.mirrorHosts ?? MIRROR_HOSTS;
  const citedBy = new Map<string, number>();
  for (const fact of snapshot.facts) for (const citation of fact.citations) citedBy.set(citation.source, (citedBy.get(citation.source) ?? 0) + 1);
  const mirrors = snapshot.sources.flatMap((source) => {
    const why = mirrorReason(source, hosts);
    return why ? [{ sourceId: source.id, publisher: source.publisher, url: source.url, why, citedBy: citedBy.get(source.id) ?? 0, ...origin(source.id) }] : [];
  });

  return {
    today,
    staleAfterDays: options.staleAfterDays,
    endPassed: endPassed.sort((a, b) => latestDay(b.date).localeCompare(latestDay(a.date)) || a.factId.localeCompare(b.factId)),
    old: old.sort((a, b) => b.ageDays - a.ageDays || a.factId.localeCompare(b.factId)),
    mirrors: mirrors.sort((a, b) => b.citedBy - a.citedBy || a.sourceId.localeCompare(b.sourceId)),
  };
}

function restrictionEnd(fact: RestrictionFact, today: string): Omit<EndPassed, 'origin'> | undefined {
  const shown = shownStatus(fact, today);
  const what = endedWhat(shown);
  if (what === undefined || shown.passed === undefined) return undefined;
  return { factId: fact.id, kind: fact.kind, title: fact.title, what, date: shown.passed, ...(fact.statusAsOf ? { lastConfirmed: fact.statusAsOf } : {}) };
}

/** A later meeting of the same participants, on or after the announced next date, is what followed. */
function meetingFollowedUp(meeting: MeetingFact, next: string, facts: readonly Fact[]): boolean {
  const participants = new Set(meeting.participants);
  return facts.some(
    (other) =>
      other.kind === 'meeting' &&
      other.id !== meeting.id &&
      latestDay(other.date) >= earliestDay(next) &&
      other.participants.length === participants.size &&
      other.participants.every((code) => participants.has(code)),
  );
}

export function mirrorReason(source: Pick<Source, 'publisher' | 'url'>, hosts: readonly string[] = MIRROR_HOSTS): string | undefined {
  if (/\bmirror\b/i.test(source.publisher)) return 'publisher marked as a mirror';
  if (/\bvia\b/i.test(source.publisher)) return 'publisher marked "via" another site';
  const host = hostOf(source.url);
  const listed = host ? hosts.find((candidate) => host === candidate || host.endsWith(`.${candidate}`)) : undefined;
  return listed ? `host ${listed} is a known mirror` : undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS);
}
