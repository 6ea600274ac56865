import { citationsOf } from '../answer/answer.ts';
import { countryName, describeMeeting, describeRestriction, materialName, STATUS_LABELS } from '../answer/describe.ts';
import { shownStatus } from '../answer/shown-status.ts';
import type { Fact, FactKind, RestrictionFact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import type { FactChange, FactRecord } from '../store/change-log.ts';
import type { ComingUpEntry, Digest, DigestEntry, DigestFilters } from './digest.ts';
import { matchesFilters } from './filters.ts';
import { endedInPeriod, inForceOf } from './status-sections.ts';

export { matchesFilters };

/** "Coming up" looks this many days ahead. */
export const COMING_UP_DAYS = 14;
/**
 * Changes listed per section; the rest are counted. A bulk import must not flood a channel with
 * dozens of messages: the digest says how many more there are and where to look.
 */
export const MAX_ENTRIES_PER_SECTION = 20;
const DAY_MS = 86_400_000;

export interface ComposeInput {
  readonly snapshot: Snapshot;
  /** The net changes of the period (ChangeLog.changesBetween). */
  readonly changes: readonly FactChange[];
  readonly filters: DigestFilters;
  readonly from: Date;
  readonly to: Date;
  /** "Today" and the next 14 days are days in this zone. */
  readonly timezone: string;
}

/**
 * Builds a digest: a pure function of the knowledge, the period's changes and the filters.
 * Statuses are as shown on the period's last day in the digest's zone (shown-status.ts).
 */
export function composeDigest(input: ComposeInput): Digest {
  const { snapshot, filters } = input;
  const today = localDay(input.to, input.timezone);
  const matches = (fact: Fact) => matchesFilters(fact, filters, snapshot);
  const entryOf = (fact: Fact, citations: FactRecord['citations']) => entryAt(fact, citations, snapshot, today);
  const added: DigestEntry[] = [];
  const updated: DigestEntry[] = [];
  const removed: DigestEntry[] = [];
  for (const change of input.changes) {
    if (change.change === 'removed') {
      const before = change.before as FactRecord;
      if (matches(before.fact)) removed.push(entryOf(before.fact, before.citations));
      continue;
    }
    // Describe what is served now: the current fact and its sources, when it is still there.
    const current = snapshot.factById.get(change.factId);
    const after = current ? { fact: current, citations: citationsOf(current, snapshot) } : (change.after as FactRecord);
    // An updated fact counts when it matches before or after: moving out of a filter is news too.
    if (!matches(after.fact) && !(change.before && matches(change.before.fact))) continue;
    if (change.change === 'added') added.push(entryOf(after.fact, after.citations));
    else updated.push({ ...entryOf(after.fact, after.citations), changes: describeChanges((change.before as FactRecord).fact, after.fact, snapshot) });
  }
  const byDate = (a: DigestEntry, b: DigestEntry) => b.date.localeCompare(a.date) || a.factId.localeCompare(b.factId);
  added.sort(byDate);
  updated.sort(byDate);
  removed.sort(byDate);

  const omitted = {
    added: Math.max(0, added.length - MAX_ENTRIES_PER_SECTION),
    updated: Math.max(0, updated.length - MAX_ENTRIES_PER_SECTION),
    removed: Math.max(0, removed.length - MAX_ENTRIES_PER_SECTION),
  };
  const comingUp = comingUpOf(snapshot, filters, today);
  const ended = endedInPeriod(snapshot, filters, localDay(input.from, input.timezone), today);
  const inForce = inForceOf(snapshot, filters, today);
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    timezone: input.timezone,
    scope: describeScope(filters, snapshot),
    added: added.slice(0, MAX_ENTRIES_PER_SECTION),
    updated: updated.slice(0, MAX_ENTRIES_PER_SECTION),
    removed: removed.slice(0, MAX_ENTRIES_PER_SECTION),
    omitted,
    comingUp,
    ended,
    inForce,
    kbVersion: snapshot.version,
    empty: added.length + updated.length + removed.length + comingUp.length + ended.length === 0,
  };
}

function entryAt(fact: Fact, citations: FactRecord['citations'], snapshot: Snapshot, today: string): DigestEntry {
  const text =
    fact.kind === 'restriction' ? describeRestriction(fact, snapshot, shownStatus(fact, today)) : fact.kind === 'meeting' ? describeMeeting(fact, snapshot) : fact.summary;
  return { factId: fact.id, kind: fact.kind, title: fact.title, text, date: fact.date, citations };
}

/** Fields people care about, in the order they read them; anything else is "other details". */
const FIELD_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['status', 'status'],
  ['statusAsOf', 'status as of'],
  ['statusUntil', 'status until'],
  ['effective', 'effective'],
  ['expires', 'expires'],
  ['announced', 'announced'],
  ['date', 'date'],
  ['endDate', 'end date'],
  ['title', 'title'],
  ['measure', 'measure'],
  ['year', 'year'],
  ['stage', 'stage'],
  ['shares', 'shares'],
  ['materials', 'materials'],
  ['countries', 'countries'],
  ['targets', 'targets'],
  ['participants', 'participants'],
  ['place', 'place'],
  ['outcome', 'outcome'],
  ['nextMeeting', 'next meeting'],
  ['summary', 'summary'],
  ['citations', 'sources'],
];
const SHOWN_VALUE_CHARS = 60;

/** One line per changed field: short values as "before → after", long ones as "reworded". */
export function describeChanges(before: Fact, after: Fact, snapshot: Snapshot): string[] {
  const old = before as unknown as Record<string, unknown>;
  const now = after as unknown as Record<string, unknown>;
  const lines: string[] = [];
  const known = new Set(FIELD_LABELS.map(([key]) => key));
  for (const [key, label] of FIELD_LABELS) {
    if (JSON.stringify(old[key]) === JSON.stringify(now[key])) continue;
    lines.push(changeLine(key, label, old[key], now[key], snapshot));
  }
  const others = Object.keys({ ...old, ...now }).filter((key) => !known.has(key) && JSON.stringify(old[key]) !== JSON.stringify(now[key]));
  if (others.length > 0) lines.push(`other details changed (${others.join(', ')})`);
  if (lines.length === 0) lines.push('its sources were updated');
  return lines;
}

function changeLine(key: string, label: string, before: unknown, after: unknown, snapshot: Snapshot): string {
  const show = (value: unknown): string => {
    if (value === undefined || value === null) return 'none';
    if (key === 'status' && typeof value === 'string') return STATUS_LABELS[value as RestrictionFact['status']] ?? value;
    if (key === 'shares' && Array.isArray(value)) {
      return value
        .map(
          (share: { country: string; value: number; unit: string }) => `${countryName(snapshot, share.country)} ${share.value}${share.unit === 'percent' ? '%' : ` ${share.unit}`}`,
        )
        .join(', ');
    }
    if (key === 'materials' && Array.isArray(value)) return value.map((code: string) => materialName(snapshot, code)).join(', ') || 'none';
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ') || 'none';
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    return '';
  };
  const from = show(before);
  const to = show(after);
  if (from === '' || to === '' || from.length > SHOWN_VALUE_CHARS || to.length > SHOWN_VALUE_CHARS) {
    return key === 'summary' || key === 'outcome' ? `${label} reworded` : `${label} changed`;
  }
  return `${label}: ${from} → ${to}`;
}

/**
 * Meetings, next meetings, and restrictions taking effect, expiring or reaching the end of their
 * status (a suspension's last day), in the next 14 days. A measure already shown as ended or
 * expired has nothing coming up.
 */
function comingUpOf(snapshot: Snapshot, filters: DigestFilters, today: string): ComingUpEntry[] {
  const last = addDays(today, COMING_UP_DAYS);
  const within = (date: string | undefined): date is string => date !== undefined && date.length === 10 && date >= today && date <= last;
  const entries: ComingUpEntry[] = [];
  for (const fact of snapshot.facts) {
    if (fact.kind !== 'meeting' && fact.kind !== 'restriction') continue;
    if (!matchesFilters(fact, filters, snapshot)) continue;
    const add = (date: string, what: ComingUpEntry['what']) => entries.push({ date, what, factId: fact.id, title: fact.title, citations: citationsOf(fact, snapshot) });
    if (fact.kind === 'meeting') {
      if (within(fact.date)) add(fact.date, 'meeting');
      if (within(fact.nextMeeting?.date)) add(fact.nextMeeting?.date, 'next meeting');
    } else if (fact.status !== 'lifted' && shownStatus(fact, today).passed === undefined) {
      if (within(fact.effective)) add(fact.effective, 'takes effect');
      if (within(fact.statusUntil)) add(fact.statusUntil, fact.status === 'suspended' ? 'suspension ends' : 'status ends');
      if (within(fact.expires)) add(fact.expires, 'expires');
    }
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date) || a.factId.localeCompare(b.factId));
}

const KIND_LABELS: Record<FactKind, string> = {
  'market-share': 'market shares',
  restriction: 'restrictions',
  policy: 'policies',
  meeting: 'meetings',
  background: 'background',
};

export function describeScope(filters: DigestFilters, snapshot: Snapshot): string {
  const parts = [
    filters.countries.map((code) => countryName(snapshot, code)).join(', '),
    filters.materials.map((code) => materialName(snapshot, code)).join(', '),
    filters.kinds.map((kind) => KIND_LABELS[kind]).join(', '),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'everything';
}

/** The calendar day (YYYY-MM-DD) it is at `at` in `timezone`. */
export function localDay(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
