import path from 'node:path';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';

/** The chart fixture (each fact exercises one rule, see its comments) and the shipped knowledge. */
export const CHART_FIXTURE = path.resolve(import.meta.dirname, '../fixtures/knowledge/charts');
export const SHIPPED = path.resolve(import.meta.dirname, '../../knowledge');
/** "Now" for the tests: 2030 figures are projections, and statuses are shown as of this day. */
export const NOW = new Date('2026-06-01T00:00:00Z');

export async function snapshotOf(dir: string): Promise<Snapshot> {
  const result = await loadKnowledge(dir);
  if (!result.ok) throw new Error(`${dir} must load`);
  return result.snapshot;
}
