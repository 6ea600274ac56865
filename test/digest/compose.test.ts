import { beforeAll, describe, expect, it } from 'vitest';
import { citationsOf } from '../../src/answer/answer.ts';
import { shownStatus } from '../../src/answer/shown-status.ts';
import { composeDigest, describeChanges, localDay } from '../../src/digest/compose.ts';
import { NO_FILTERS, type DigestFilters } from '../../src/digest/digest.ts';
import type { Fact } from '../../src/knowledge/schema.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import type { FactChange } from '../../src/store/change-log.ts';
import { factOf, meetingLike, restrictionLike, shippedSnapshot, variant } from './knowledge-variants.ts';

let base: Snapshot;
beforeAll(async () => {
  base = await shippedSnapshot();
});

const FROM = new Date('2026-08-01T08:00:00Z');
const TO = new Date('2026-08-02T08:00:00Z');

function record(snapshot: Snapshot, fact: Fact) {
  return { fact, citations: citationsOf(fact, snapshot) };
}

function compose(snapshot: Snapshot, changes: FactChange[], filters: DigestFilters = NO_FILTERS, to = TO) {
  return composeDigest({ snapshot, changes, filters, from: FROM, to, timezone: 'UTC' });
}

describe('composing a digest', () => {
  it('lists new, updated (saying what changed) and removed facts, each with its citations', () => {
    const model = factOf(base, 'cn-quota-rules-aug-2025', 'restriction');
    const added = restrictionLike(model, { id: 'test-added', title: 'Test added measure', date: '2026-08-01' });
    const updated = { ...model, status: 'suspended' as const, statusAsOf: '2026-08-01' };
    const gone = factOf(base, 'jp-2010-embargo', 'restriction');
    const snapshot = variant(base, 'v', (facts) => [...facts.filter((fact) => fact.id !== gone.id).map((fact) => (fact.id === model.id ? updated : fact)), added]);
    const digest = compose(snapshot, [
      { factId: added.id, change: 'added', at: TO.toISOString(), after: record(snapshot, added) },
      { factId: model.id, change: 'updated', at: TO.toISOString(), before: record(base, model), after: record(snapshot, updated) },
      { factId: gone.id, change: 'removed', at: TO.toISOString(), before: record(base, gone) },
    ]);
    expect(digest.added.map((entry) => entry.title)).toEqual(['Test added measure']);
    expect(digest.updated[0]?.changes).toContain(`status: ${model.status === 'in-force' ? 'in force' : model.status} → suspended`);
    expect(digest.updated[0]?.changes?.some((line) => line.startsWith('status as of:'))).toBe(true);
    expect(digest.removed.map((entry) => entry.factId)).toEqual([gone.id]);
    for (const entry of [...digest.added, ...digest.updated, ...digest.removed]) {
      expect(entry.citations.length).toBeGreaterThan(0);
      expect(entry.citations[0]?.url).toMatch(/^https?:\/\//);
    }
    expect(digest.empty).toBe(false);
    expect(digest.from).toBe(FROM.toISOString());
    expect(digest.kbVersion).toBe('v');
  });

  it('filters by country in any role, by material including its groups, and by kind', () => {
    const model = factOf(base, 'cn-quota-rules-aug-2025', 'restriction');
    const dysprosium = restrictionLike(model, { id: 'test-dy', title: 'Dy measure on Japan', materials: ['Dy'], targets: ['JP'], countries: ['CN'] });
    const neodymium = restrictionLike(model, { id: 'test-nd', title: 'Nd measure', materials: ['Nd'], targets: [], countries: ['CN'] });
    const snapshot = variant(base, 'v', (facts) => [...facts, dysprosium, neodymium]);
    const changes: FactChange[] = [dysprosium, neodymium].map((fact) => ({ factId: fact.id, change: 'added', at: TO.toISOString(), after: record(snapshot, fact) }));
    const ids = (filters: Partial<DigestFilters>) => compose(snapshot, changes, { ...NO_FILTERS, ...filters }).added.map((entry) => entry.factId);

    expect(ids({})).toEqual(['test-dy', 'test-nd']);
    expect(ids({ countries: ['JP'] })).toEqual(['test-dy']);
    expect(ids({ countries: ['CN'] })).toEqual(['test-dy', 'test-nd']);
    expect(ids({ materials: ['HREE'] })).toEqual(['test-dy']);
    expect(ids({ materials: ['Nd'] })).toEqual(['test-nd']);
    expect(ids({ kinds: ['meeting'] })).toEqual([]);
    expect(ids({ kinds: ['restriction'], countries: ['US'] })).toEqual([]);
  });

  it('lists at most 20 changes per section, newest first, and counts the rest', () => {
    const model = factOf(base, 'cn-quota-rules-aug-2025', 'restriction');
    const many = Array.from({ length: 35 }, (_, i) => restrictionLike(model, { id: `test-bulk-${i}`, date: `2026-07-${String(1 + (i % 28)).padStart(2, '0')}` }));
    const snapshot = variant(base, 'bulk', (facts) => [...facts, ...many]);
    const digest = compose(
      snapshot,
      many.map((fact) => ({ factId: fact.id, change: 'added' as const, at: TO.toISOString(), after: record(snapshot, fact) })),
    );
    expect(digest.added).toHaveLength(20);
    expect(digest.omitted).toEqual({ added: 15, updated: 0, removed: 0 });
    const dates = digest.added.map((entry) => entry.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates[0]).toBe('2026-07-28');
  });

  it('reports an update that moves a fact out of the filter: leaving the scope is news too', () => {
    const model = factOf(base, 'cn-quota-rules-aug-2025', 'restriction');
    const before = restrictionLike(model, { id: 'test-move', targets: ['JP'] });
    const after = { ...before, targets: ['IN'] };
    const snapshot = variant(base, 'v', (facts) => [...facts, after]);
    const digest = compose(snapshot, [{ factId: 'test-move', change: 'updated', at: TO.toISOString(), before: record(base, before), after: record(snapshot, after) }], {
      ...NO_FILTERS,
      countries: ['JP'],
    });
    expect(digest.updated.map((entry) => entry.changes)).toEqual([['targets: JP → IN']]);
  });

  it('puts meetings and restrictions taking effect or expiring in the next 14 days under coming up, soonest first', () => {
    const meeting = factOf(base, 'g7-fm-washington-jan-2026', 'meeting');
    const model = factOf(base, 'cn-quota-rules-aug-2025', 'restriction');
    const snapshot = variant(base, 'v', (facts) => [
      ...facts,
      meetingLike(meeting, { id: 'test-meeting', title: 'Test ministerial', date: '2026-08-10', nextMeeting: { date: '2026-08-30' } }),
      restrictionLike(model, { id: 'test-effective', title: 'Test takes effect', effective: '2026-08-05', status: 'announced' }),
      restrictionLike(model, { id: 'test-expires', title: 'Test expires', expires: '2026-08-16', status: 'in-force' }),
      restrictionLike(model, { id: 'test-month-only', title: 'Month only', effective: '2026-08', status: 'announced' }),
      restrictionLike(model, { id: 'test-lifted', title: 'Lifted', expires: '2026-08-06', status: 'lifted' }),
    ]);
    const digest = compose(snapshot, []);
    expect(digest.comingUp.map((entry) => [entry.date, entry.what, entry.factId])).toEqual([
      ['2026-08-05', 'takes effect', 'test-effective'],
      ['2026-08-10', 'meeting', 'test-meeting'],
      ['2026-08-16', 'expires', 'test-expires'],
    ]);
    // Coming up alone makes a digest worth posting.
    expect(digest.empty).toBe(false);
    expect(compose(snapshot, [], { ...NO_FILTERS, kinds: ['meeting'] }).comingUp.map((entry) => entry.factId)).toEqual(['test-meeting']);
  });

  it('counts restrictions in force by imposing country, most first, within the filters', () => {
    const digest = compose(base, []);
    const expected = new Map<string, number>();
    // In force as shown on the digest's last day: a term that has passed (Proclamation 11001's talks to 2026-07) is not.
    for (const fact of base.facts)
      if (fact.kind === 'restriction' && shownStatus(fact, '2026-08-02').key === 'in-force') expected.set(fact.imposedBy, (expected.get(fact.imposedBy) ?? 0) + 1);
    expect(new Map(digest.inForce.map((row) => [row.country, row.count]))).toEqual(expected);
    expect(digest.inForce.map((row) => row.count)).toEqual([...digest.inForce.map((row) => row.count)].sort((a, b) => b - a));
    const china = compose(base, [], { ...NO_FILTERS, countries: ['CN'] }).inForce;
    expect(china.find((row) => row.country === 'CN')?.count).toBe(expected.get('CN'));
    // An empty period with nothing coming up is empty; "in force" is standing information.
    expect(digest.empty).toBe(true);
  });

  it('describes changes field by field, short values in full and long text as reworded', () => {
    const model = factOf(base, 'cn-quota-rules-aug-2025', 'restriction');
    expect(describeChanges(model, { ...model, summary: `${model.summary} More.` }, base)).toEqual(['summary reworded']);
    expect(describeChanges({ ...model, materials: ['Dy'] }, { ...model, materials: ['Dy', 'Tb'] }, base)).toEqual(['materials: dysprosium (Dy) → dysprosium (Dy), terbium (Tb)']);
    expect(describeChanges(model, { ...model, status: 'lifted', expires: '2026-09-01' }, base)).toEqual([
      `status: ${model.status === 'in-force' ? 'in force' : model.status} → lifted`,
      `expires: ${model.expires ?? 'none'} → 2026-09-01`,
    ]);
    expect(describeChanges(model, { ...model, citations: [...model.citations].reverse() }, base)).toEqual(
      model.citations.length > 1 ? ['sources changed'] : ['its sources were updated'],
    );
  });

  it('reads "today" in the subscription’s time zone', () => {
    expect(localDay(new Date('2026-08-01T23:30:00Z'), 'UTC')).toBe('2026-08-01');
    expect(localDay(new Date('2026-08-01T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-08-02');
    expect(localDay(new Date('2026-08-01T02:00:00Z'), 'America/Los_Angeles')).toBe('2026-07-31');
  });
});
