import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareCodeUnits, lookupsOf, prepareLookups, restrictionsOnMaterial, shownStatusOn } from '../../src/answer/facts-by-country.ts';
import { restrictions } from '../../src/answer/restrictions.ts';
import { shownStatus } from '../../src/answer/shown-status.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Fact, MeetingFact, RestrictionFact } from '../../src/knowledge/schema.ts';
import { createSnapshot, type Snapshot } from '../../src/knowledge/snapshot.ts';
import { countriesOf, materialMatch } from '../../src/search/fact-text.ts';

let snapshot: Snapshot;
beforeAll(async () => {
  const result = await loadKnowledge(path.resolve(import.meta.dirname, '../../knowledge'));
  if (!result.ok) throw new Error('shipped knowledge must load');
  snapshot = result.snapshot;
});

/** The orders the answers used to sort with, on every call. */
const oldRestrictionOrder = (a: RestrictionFact, b: RestrictionFact) => a.announced.localeCompare(b.announced) || a.id.localeCompare(b.id);
const oldMeetingOrder = (a: MeetingFact, b: MeetingFact) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id);
const ids = (facts: readonly Fact[]) => facts.map((fact) => fact.id);

describe('answer lookups', () => {
  it('hold, per country and per material, the restrictions and meetings a scan and sort of every fact gives', () => {
    const lookups = lookupsOf(snapshot);
    const allRestrictions = snapshot.facts.filter((fact): fact is RestrictionFact => fact.kind === 'restriction');
    const allMeetings = snapshot.facts.filter((fact): fact is MeetingFact => fact.kind === 'meeting');
    expect(ids(lookups.restrictions)).toEqual(ids([...allRestrictions].sort(oldRestrictionOrder)));
    expect(ids(lookups.meetings)).toEqual(ids([...allMeetings].sort(oldMeetingOrder)));
    for (const { code } of snapshot.countries) {
      const concerning = (fact: Fact) => countriesOf(fact).has(code);
      expect(ids(lookups.restrictionsByCountry.get(code) ?? []), code).toEqual(ids(allRestrictions.filter(concerning).sort(oldRestrictionOrder)));
      expect(ids(lookups.meetingsByCountry.get(code) ?? []), code).toEqual(ids(allMeetings.filter(concerning).sort(oldMeetingOrder)));
      expect(ids(lookups.byCountry.get(code) ?? []), code).toEqual(ids(snapshot.facts.filter(concerning)));
    }
    for (const material of [...snapshot.materials.map((entry) => entry.code), 'not-a-material']) {
      const expected = allRestrictions.filter((fact) => materialMatch(material, fact.materials, snapshot) > 0).sort(oldRestrictionOrder);
      expect(ids(restrictionsOnMaterial(snapshot, material)), material).toEqual(ids(expected));
    }
    for (const source of snapshot.sources) {
      const citing = snapshot.facts.filter((fact) => fact.citations.some((citation) => citation.source === source.id));
      expect(ids(lookups.citing.get(source.id) ?? []), source.id).toEqual(ids(citing));
    }
  });

  it('answer /restrictions by country and material as a scan of every restriction would', () => {
    const asked = new Date('2026-12-03T12:00:00Z');
    const all = snapshot.facts.filter((fact): fact is RestrictionFact => fact.kind === 'restriction');
    for (const country of ['CN', 'US', 'JP', 'EU']) {
      for (const material of ['REE', 'Dy', 'Ga', 'NdFeB']) {
        const expected = all
          .filter((fact) => countriesOf(fact).has(country) && materialMatch(material, fact.materials, snapshot) > 0)
          .sort(oldRestrictionOrder)
          .slice(-50);
        const answer = restrictions(snapshot, { country, material }, asked);
        expect(
          answer.answers.map((item) => item.factId),
          `${country} ${material}`,
        ).toEqual(ids(expected));
      }
    }
  });

  it('are the same built a slice per turn as built at once', async () => {
    const copy = createSnapshot({ ...snapshot, loadedAt: new Date(snapshot.loadedAt) });
    let pauses = 0;
    await prepareLookups(copy, { yieldEvery: async () => void pauses++, sliceMs: 0 });
    expect(pauses).toBeGreaterThan(0);
    const sliced = lookupsOf(copy);
    const whole = lookupsOf(snapshot);
    expect(ids(sliced.restrictions)).toEqual(ids(whole.restrictions));
    expect([...sliced.meetingsByCountry].map(([code, list]) => [code, ids(list)])).toEqual([...whole.meetingsByCountry].map(([code, list]) => [code, ids(list)]));
  });

  it('keep the shown status of the day asked for, and work it out again for another day', async () => {
    const copy = createSnapshot({ ...snapshot, loadedAt: new Date(snapshot.loadedAt) });
    await prepareLookups(copy, { yieldEvery: async () => undefined }, '2026-03-01');
    for (const day of ['2026-03-01', '2030-01-01', '2026-03-01']) {
      for (const fact of lookupsOf(copy).restrictions) expect(shownStatusOn(copy, fact, day), `${fact.id} on ${day}`).toEqual(shownStatus(fact, day));
    }
    const later = lookupsOf(copy).restrictions.filter((fact) => shownStatus(fact, '2030-01-01').key !== shownStatus(fact, '2026-03-01').key);
    expect(later.length).toBeGreaterThan(0);
  });

  it('sort kebab-case ids and partial dates by code units exactly as localeCompare does', () => {
    const part = fc.stringMatching(/^[a-z0-9]{1,4}$/);
    const kebab = fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('-'));
    const date = fc
      .tuple(fc.integer({ min: 1900, max: 2100 }), fc.option(fc.integer({ min: 1, max: 12 })), fc.option(fc.integer({ min: 1, max: 28 })))
      .map(([y, m, d]) => [String(y), m === null ? '' : `-${String(m).padStart(2, '0')}`, m === null || d === null ? '' : `-${String(d).padStart(2, '0')}`].join(''));
    fc.assert(
      fc.property(fc.oneof(fc.tuple(kebab, kebab), fc.tuple(date, date)), ([a, b]) => {
        expect(Math.sign(compareCodeUnits(a, b))).toBe(Math.sign(a.localeCompare(b)));
      }),
      { numRuns: 2000 },
    );
    expect(Math.sign(compareCodeUnits('a-b', 'ab'))).toBe(Math.sign('a-b'.localeCompare('ab')));
    expect(Math.sign(compareCodeUnits('2024', '2024-01'))).toBe(Math.sign('2024'.localeCompare('2024-01')));
  });
});
