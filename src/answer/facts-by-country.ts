import type { Fact, MeetingFact, RestrictionFact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { countriesOf, materialMatch } from '../search/fact-text.ts';
import { runAtOnce, runInSlices, sortInSlices, type Build, type SliceOptions } from '../search/sliced.ts';
import { shownStatus, type ShownStatus } from './shown-status.ts';

/**
 * Lookups the structured answers read instead of scanning every fact: facts about each country in
 * any role (subject, imposer, target, participant, share holder), the facts citing each source,
 * and restrictions and meetings already in the order their answers list them, per country and per
 * material. Worked out once per snapshot: by the reload along with the search index
 * (`prepareLookups`, a slice per turn so the event loop keeps going), or else on first use.
 */
export interface Lookups {
  readonly byCountry: ReadonlyMap<string, readonly Fact[]>;
  /** Facts citing each source id, in the snapshot's order. */
  readonly citing: ReadonlyMap<string, readonly Fact[]>;
  /** Every restriction, oldest announcement first (then by id). */
  readonly restrictions: readonly RestrictionFact[];
  readonly restrictionsByCountry: ReadonlyMap<string, readonly RestrictionFact[]>;
  /** Per material code of the snapshot; another code asked for is filtered on first use and kept. */
  readonly restrictionsByMaterial: Map<string, readonly RestrictionFact[]>;
  /** Every meeting, newest first (then by id). */
  readonly meetings: readonly MeetingFact[];
  readonly meetingsByCountry: ReadonlyMap<string, readonly MeetingFact[]>;
  /** Each restriction's status as shown on one day (the last asked for): counting 30k of them anew is 150 ms. */
  shown?: { readonly day: string; readonly byFact: Map<RestrictionFact, ShownStatus> };
}

/** Facts scanned between two points where the work may pause (it pauses there once a slice has run 8 ms). */
const SLICE = 500;

/**
 * Ids are kebab-case and dates digits and hyphens (the schema sees to both); on those characters
 * `localeCompare`, which the answers sorted with, orders as plain code units do, at a fraction of
 * the cost (test/answer/lookups.test.ts holds the two to the same order).
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order of /restrictions: oldest announcement first, then by id. */
export function byAnnouncement(a: RestrictionFact, b: RestrictionFact): number {
  return compareCodeUnits(a.announced, b.announced) || compareCodeUnits(a.id, b.id);
}

/** The order of /meetings without `upcoming`: newest first, then by id. */
export function byDateNewest(a: MeetingFact, b: MeetingFact): number {
  return compareCodeUnits(b.date, a.date) || compareCodeUnits(a.id, b.id);
}

const cache = new WeakMap<Snapshot, Lookups>();

export function lookupsOf(snapshot: Snapshot): Lookups {
  let lookups = cache.get(snapshot);
  if (!lookups) {
    lookups = runAtOnce(buildLookups(snapshot));
    cache.set(snapshot, lookups);
  }
  return lookups;
}

/**
 * Builds the lookups ahead of the first answer, in slices of a few milliseconds (see search/sliced.ts), with
 * the restrictions' statuses as shown on `today` (YYYY-MM-DD) when given.
 */
export async function prepareLookups(snapshot: Snapshot, slices: SliceOptions = {}, today?: string): Promise<void> {
  let lookups = cache.get(snapshot);
  if (!lookups) {
    lookups = await runInSlices(buildLookups(snapshot), slices);
    cache.set(snapshot, lookups);
  }
  if (today === undefined || lookups.shown?.day === today) return;
  const byFact = new Map<RestrictionFact, ShownStatus>();
  const { restrictions } = lookups;
  await runInSlices(
    (function* () {
      for (let start = 0; start < restrictions.length; start += SLICE) {
        for (const fact of restrictions.slice(start, start + SLICE)) byFact.set(fact, shownStatus(fact, today));
        yield;
      }
    })(),
    slices,
  );
  lookups.shown = { day: today, byFact };
}

/** `shownStatus(fact, today)`, kept for the day so that a timeline of every restriction does not work them all out again. */
export function shownStatusOn(snapshot: Snapshot, fact: RestrictionFact, today: string): ShownStatus {
  const lookups = lookupsOf(snapshot);
  if (lookups.shown?.day !== today) lookups.shown = { day: today, byFact: new Map() };
  let shown = lookups.shown.byFact.get(fact);
  if (!shown) {
    shown = shownStatus(fact, today);
    lookups.shown.byFact.set(fact, shown);
  }
  return shown;
}

export function factsAbout(snapshot: Snapshot, code: string): readonly Fact[] {
  return lookupsOf(snapshot).byCountry.get(code) ?? [];
}

/** Restrictions matching `material` (a group such as REE takes in its members), oldest first. */
export function restrictionsOnMaterial(snapshot: Snapshot, material: string): readonly RestrictionFact[] {
  const lookups = lookupsOf(snapshot);
  let list = lookups.restrictionsByMaterial.get(material);
  if (!list) {
    list = lookups.restrictions.filter((fact) => materialMatch(material, fact.materials, snapshot) > 0);
    lookups.restrictionsByMaterial.set(material, list);
  }
  return list;
}

function* buildLookups(snapshot: Snapshot): Build<Lookups> {
  const byCountry = new Map<string, Fact[]>();
  const citing = new Map<string, Fact[]>();
  const restrictions: RestrictionFact[] = [];
  const meetings: MeetingFact[] = [];
  for (let start = 0; start < snapshot.facts.length; start += SLICE) {
    for (const fact of snapshot.facts.slice(start, start + SLICE)) {
      for (const country of countriesOf(fact)) push(byCountry, country, fact);
      for (const source of new Set(fact.citations.map((citation) => citation.source))) push(citing, source, fact);
      if (fact.kind === 'restriction') restrictions.push(fact);
      else if (fact.kind === 'meeting') meetings.push(fact);
    }
    yield;
  }
  const sortedRestrictions = yield* sortInSlices(restrictions, byAnnouncement);
  const sortedMeetings = yield* sortInSlices(meetings, byDateNewest);
  // Filtering a sorted list keeps its order: no list needs sorting again.
  const restrictionsByCountry = yield* groupInSlices(sortedRestrictions, (fact) => countriesOf(fact));
  const meetingsByCountry = yield* groupInSlices(sortedMeetings, (fact) => countriesOf(fact));
  const restrictionsByMaterial = yield* groupInSlices(sortedRestrictions, materialsMatching(snapshot));
  return {
    byCountry,
    citing,
    restrictions: sortedRestrictions,
    restrictionsByCountry,
    restrictionsByMaterial,
    meetings: sortedMeetings,
    meetingsByCountry,
  };
}

/**
 * The material codes of the snapshot that a fact's materials answer to, as `materialMatch` decides
 * (a code, a group holding it, a member of it), worked out once per code rather than per fact.
 */
function materialsMatching(snapshot: Snapshot): (fact: Fact) => Set<string> {
  const codes = snapshot.materials.map((material) => material.code);
  const perCode = new Map<string, readonly string[]>();
  const matching = (code: string) => {
    let asked = perCode.get(code);
    if (!asked) {
      asked = codes.filter((candidate) => materialMatch(candidate, [code], snapshot) > 0);
      perCode.set(code, asked);
    }
    return asked;
  };
  return (fact) => new Set(fact.materials.flatMap(matching));
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function* groupInSlices<T>(items: readonly T[], keysOf: (item: T) => Iterable<string>): Build<Map<string, T[]>> {
  const groups = new Map<string, T[]>();
  for (let start = 0; start < items.length; start += SLICE) {
    for (const item of items.slice(start, start + SLICE)) for (const key of keysOf(item)) push(groups, key, item);
    yield;
  }
  return groups;
}
