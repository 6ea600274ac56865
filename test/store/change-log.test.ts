import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import type { Store } from '../../src/store/store.ts';
import { factOf, restrictionLike, shippedSnapshot, variant } from '../digest/knowledge-variants.ts';
import { useTempStores } from '../support/temp-store.ts';

let base: Snapshot;
const stores = useTempStores('reb-changes-');

beforeAll(async () => {
  base = await shippedSnapshot();
});

function open(): Store {
  return stores.open();
}

const T0 = new Date('2026-03-01T10:00:00Z');
const T1 = new Date('2026-03-02T10:00:00Z');
const T2 = new Date('2026-03-03T10:00:00Z');

describe('change tracking of facts', () => {
  it('takes the first load as the baseline: every fact recorded, none reported as new', () => {
    const store = open();
    expect(store.changes.record(base, T0)).toEqual({ baseline: true, added: 0, updated: 0, removed: 0 });
    expect(store.changes.changesBetween('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z')).toEqual([]);
    // Loading the same version again (a restart) records nothing.
    expect(store.changes.record(base, T1)).toEqual({ baseline: false, added: 0, updated: 0, removed: 0 });
  });

  it('records added, updated and removed facts with before and after, and keeps them across a restart', () => {
    const first = open();
    first.changes.record(base, T0);
    const model = factOf(base, 'cn-quota-rules-aug-2025', 'restriction');
    const edited = variant(base, 'v-edit', (facts) => [
      ...facts.filter((fact) => fact.id !== 'jp-2010-embargo').map((fact) => (fact.id === model.id ? { ...model, status: 'suspended' as const } : fact)),
      restrictionLike(model, { id: 'cn-test-new-measure', title: 'A new test measure' }),
    ]);
    expect(first.changes.record(edited, T1)).toEqual({ baseline: false, added: 1, updated: 1, removed: 1 });
    first.close();

    const store = open();
    const changes = store.changes.changesBetween(T0.toISOString(), T1.toISOString());
    const byId = new Map(changes.map((change) => [change.factId, change]));
    expect(byId.get('cn-test-new-measure')?.change).toBe('added');
    expect(byId.get('cn-test-new-measure')?.after?.fact.title).toBe('A new test measure');
    const updated = byId.get(model.id);
    expect(updated?.change).toBe('updated');
    expect(updated?.before?.fact).toMatchObject({ status: model.status });
    expect(updated?.after?.fact).toMatchObject({ status: 'suspended' });
    const removed = byId.get('jp-2010-embargo');
    expect(removed?.change).toBe('removed');
    expect(removed?.before?.fact.title).toMatch(/embargo on Japan/);
    expect(removed?.before?.citations.length).toBeGreaterThan(0);
    expect(changes).toHaveLength(3);
    // The period is half-open: nothing after T1, nothing up to T0.
    expect(store.changes.changesBetween(T1.toISOString(), T2.toISOString())).toEqual([]);
    expect(store.changes.changesBetween('2000-01-01T00:00:00Z', T0.toISOString())).toEqual([]);
  });

  it('reports the net change over a period: added-then-removed and changed-then-restored facts drop out', () => {
    const store = open();
    store.changes.record(base, T0);
    const model = factOf(base, 'cn-quota-rules-aug-2025', 'restriction');
    const withNew = variant(base, 'v1', (facts) => [
      ...facts.map((fact) => (fact.id === model.id ? { ...model, title: 'Changed title' } : fact)),
      restrictionLike(model, { id: 'cn-short-lived' }),
    ]);
    store.changes.record(withNew, T1);
    store.changes.record(
      variant(base, 'v2', (facts) => facts),
      T2,
    );

    expect(store.changes.changesBetween(T0.toISOString(), T2.toISOString())).toEqual([]);
    // Seen from after the first edit, both are changes of their own.
    const later = store.changes.changesBetween(T1.toISOString(), T2.toISOString());
    expect(later.map((change) => [change.factId, change.change]).sort()).toEqual([
      [model.id, 'updated'],
      ['cn-short-lived', 'removed'],
    ]);
  });

  it('treats a fact that comes back after removal as added again', () => {
    const store = open();
    store.changes.record(base, T0);
    store.changes.record(
      variant(base, 'v1', (facts) => facts.filter((fact) => fact.id !== 'jp-2010-embargo')),
      T1,
    );
    store.changes.record(
      variant(base, 'v2', (facts) => facts),
      T2,
    );
    const changes = store.changes.changesBetween(T1.toISOString(), T2.toISOString());
    expect(changes.map((change) => [change.factId, change.change])).toEqual([['jp-2010-embargo', 'added']]);
  });
});
