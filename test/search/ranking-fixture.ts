import path from 'node:path';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { SearchIndex } from '../../src/search/search-index.ts';

/**
 * The frozen fixture knowledge the search tests rank on (54 shipped facts copied once, so that new
 * knowledge never moves an expectation), and the day its questions are asked.
 */
export const RANKING_FIXTURE = path.resolve(import.meta.dirname, '../fixtures/knowledge/ranking');
export const ASKED_ON = new Date('2026-11-23T12:00:00Z');

export async function rankingIndex(): Promise<SearchIndex> {
  const result = await loadKnowledge(RANKING_FIXTURE);
  if (!result.ok) throw new Error(`fixture failed to load: ${result.errors.map((e) => e.message).join('; ')}`);
  return new SearchIndex(result.snapshot);
}
