import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { SearchIndex } from '../../src/search/search-index.ts';

/** A question about a region (src/search/regions.ts) is answered by facts about its countries. */
let index: SearchIndex;
beforeAll(async () => {
  const result = await loadKnowledge(path.resolve(import.meta.dirname, '../../knowledge'));
  if (!result.ok) throw new Error('shipped knowledge must load');
  index = new SearchIndex(result.snapshot);
});
const ASKED_ON = new Date('2026-12-03T12:00:00Z');
const AFRICAN = new Set(['AO', 'TZ', 'MW', 'ZA', 'NA', 'UG', 'MG', 'KE', 'MZ', 'EG', 'MA', 'BI', 'NG', 'ZW']);

describe('a region asked about', () => {
  it('keeps only the hits about its countries', () => {
    const answer = ask(index, 'which african countries are developing rare earth projects?', ASKED_ON);
    expect(answer.status).toBe('answered');
    for (const item of answer.answers) {
      const fact = index.snapshot.facts.find((candidate) => candidate.id === item.factId);
      const text = `${fact?.title ?? ''} ${fact?.summary ?? ''}`;
      expect(fact?.countries.some((code) => AFRICAN.has(code)) || /africa/i.test(text), item.factId).toBe(true);
    }
  });

  it('says so honestly when no fact about the region answers', () => {
    const answer = ask(index, 'how much of global rare earth supply could africa provide by 2029', ASKED_ON);
    expect(answer.status).toBe('no-answer');
    expect(answer.message).toMatch(/about Africa/);
  });
});
