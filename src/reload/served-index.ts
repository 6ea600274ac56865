import { prepareLookups } from '../answer/facts-by-country.ts';
import { toIsoDay } from '../knowledge/dates.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { SearchIndex } from '../search/search-index.ts';
import { nextTurn } from '../search/sliced.ts';

export { nextTurn };

/**
 * The search index and answer lookups for a snapshot about to be served, built beside the one in
 * use, both a slice per turn, so that a reload at 100k facts never holds the event loop for long
 * while interactions keep being answered from the index in use.
 */
export async function buildServedIndex(snapshot: Snapshot, now: Date = new Date()): Promise<SearchIndex> {
  const index = await SearchIndex.build(snapshot, undefined, { yieldEvery: nextTurn });
  await prepareLookups(snapshot, { yieldEvery: nextTurn }, toIsoDay(now));
  return index;
}
