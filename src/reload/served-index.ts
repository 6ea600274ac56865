import { prepareLookups } from '../answer/facts-by-country.ts';
import { toIsoDay } from '../knowledge/dates.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { SearchIndex } from '../search/search-index.ts';

/**
 * The search index and answer lookups for a snapshot about to be served, built beside the one in
 * use. The lookups go a slice per turn. The index is still built in one piece (`new SearchIndex`):
 * when the sliced `SearchIndex.build(snapshot, params, { yieldEvery })` lands, the line below is all
 * that changes, and a reload at 100k facts stops blocking the loop for the index's build.
 */
export async function buildServedIndex(snapshot: Snapshot, now: Date = new Date()): Promise<SearchIndex> {
  await nextTurn();
  const index = new SearchIndex(snapshot);
  await nextTurn();
  await prepareLookups(snapshot, nextTurn, toIsoDay(now));
  return index;
}

/** Lets timers, I/O and queued interactions run before going on. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
