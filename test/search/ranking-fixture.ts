import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

/** Facts some tests add to a copy of the frozen fixture, so that they move none of the others' expectations. */
export const RANKING_EXTRA = path.resolve(import.meta.dirname, '../fixtures/knowledge/ranking-extra');

/** The frozen fixture and the extra facts together, loaded from a temporary copy. */
export async function rankingIndexWithExtra(): Promise<SearchIndex> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ranking-extra-'));
  await cp(RANKING_FIXTURE, path.join(dir, 'ranking'), { recursive: true });
  await cp(RANKING_EXTRA, path.join(dir, 'extra'), { recursive: true });
  const result = await loadKnowledge(dir);
  if (!result.ok) throw new Error(`fixture failed to load: ${result.errors.map((e) => e.message).join('; ')}`);
  return new SearchIndex(result.snapshot);
}
