import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSnapshot } from '../../src/knowledge/snapshot.ts';
import { FactIndex } from '../../src/search/fact-index.ts';
import { tokenize } from '../../src/search/normalize.ts';
import { coverageNeeded, DEFAULT_RANKING } from '../../src/search/ranking-params.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import { runAtOnce, sortInSlices } from '../../src/search/sliced.ts';
import { TopK } from '../../src/search/top-k.ts';
import { generateCorpus } from '../../scripts/bench-corpus.ts';
import { loadShippedBase } from '../../scripts/bench-setup.ts';
import { ASKED_ON, rankingIndex } from './ranking-fixture.ts';

/**
 * The search prunes candidates that cannot reach the coverage threshold and keeps the best few as
 * they come instead of sorting all. Both must be exact: held here against the reference, the same
 * search scoring every candidate and sorting them all (`exhaustive`), on the fixture knowledge and
 * on a generated corpus large enough for the pruning to drop thousands of facts.
 */
let fixture: SearchIndex;
let generated: SearchIndex;

/** Words a question about this knowledge could be made of: its titles and tags, names, years and kind words. */
function vocabularyOf(index: SearchIndex): string[] {
  const words = new Set<string>();
  for (const fact of index.snapshot.facts.slice(0, 400)) {
    for (const word of tokenize(`${fact.title} ${fact.tags.join(' ')}`)) words.add(word);
    words.add(fact.date.slice(0, 4));
  }
  for (const country of index.snapshot.countries.slice(0, 40)) words.add(country.name.toLowerCase());
  for (const material of index.snapshot.materials) words.add(material.name.toLowerCase());
  for (const word of ['ban', 'share', 'refining', 'mining', 'latest', 'still', 'summit', 'quota', 'price', 'vs', 'refinary', 'xq', 'may']) words.add(word);
  return [...words];
}

const question = (words: readonly string[]) => fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }).map((chosen) => chosen.join(' '));

function expectSameAsReference(index: SearchIndex, text: string, minCoverage: number, limit: number): void {
  const query = index.parse(text, ASKED_ON);
  const pruned = index.facts.search(query, { minCoverage, limit });
  const reference = index.facts.search(query, { minCoverage, limit, exhaustive: true });
  expect(pruned.map((candidate) => [candidate.fact.id, candidate.score, candidate.coverage])).toEqual(
    reference.map((candidate) => [candidate.fact.id, candidate.score, candidate.coverage]),
  );
}

beforeAll(async () => {
  fixture = await rankingIndex();
  const base = await loadShippedBase();
  const corpus = generateCorpus(3000, base, 7);
  generated = new SearchIndex(
    createSnapshot({
      version: 'pruning',
      loadedAt: ASKED_ON,
      facts: corpus.facts,
      sources: corpus.sources,
      countries: base.countries,
      materials: base.materials,
      origins: new Map(),
    }),
  );
}, 60_000);

describe('candidate pruning and top-k', () => {
  it('returns what the full scan returns, on the fixture knowledge', () => {
    const words = vocabularyOf(fixture);
    fc.assert(
      fc.property(question(words), fc.constantFrom(0.3, 0.5, 0.6, 0.8), fc.integer({ min: 1, max: 70 }), (text, minCoverage, limit) => {
        expectSameAsReference(fixture, text, minCoverage, limit);
      }),
      { numRuns: 400 },
    );
  });

  it('returns what the full scan returns, on a generated corpus of 3,000 facts', () => {
    const words = vocabularyOf(generated);
    fc.assert(
      fc.property(question(words), fc.constantFrom(0.3, 0.5, 0.6, 0.8), fc.integer({ min: 1, max: 20 }), (text, minCoverage, limit) => {
        expectSameAsReference(generated, text, minCoverage, limit);
      }),
      { numRuns: 300 },
    );
  });

  it('returns what the full scan returns for the coverage each question needs, at the pool size ranking uses', () => {
    for (const text of [
      'china gallium germanium export controls 2023',
      'latest quota for rare earth mining in china',
      'australia rare earth refinery funding',
      'us japan critical minerals framework',
    ]) {
      for (const index of [fixture, generated]) {
        expectSameAsReference(index, text, coverageNeeded(DEFAULT_RANKING, index.parse(text).terms.length), DEFAULT_RANKING.rerankPool);
      }
    }
  });
});

describe('TopK', () => {
  it('keeps what a full sort puts first: coverage step, then score, then position', () => {
    const entry = fc.record({ step: fc.integer({ min: 0, max: 3 }), score: fc.constantFrom(0, 0.5, 1, 2.25, 7) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (entries, limit) => {
        const top = new TopK(limit);
        entries.forEach((item, doc) => top.offer(doc, item.step, item.score, item.step / 20));
        const sorted = entries.map((item, doc) => ({ ...item, doc })).sort((a, b) => b.step - a.step || b.score - a.score || a.doc - b.doc);
        expect(top.entries().map((kept) => kept.doc)).toEqual(sorted.slice(0, limit).map((item) => item.doc));
      }),
    );
  });
});

describe('building in slices', () => {
  it('sorts as Array.prototype.sort does, stably, across runs and merges', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 9 }), id: fc.nat() }), { maxLength: 300 }), fc.integer({ min: 1, max: 16 }), (items, run) => {
        const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
        expect(runAtOnce(sortInSlices(items, compare, run))).toEqual([...items].sort(compare));
      }),
    );
  });

  it('builds, pausing between slices, the index the constructor builds', async () => {
    let pauses = 0;
    const built = await SearchIndex.build(fixture.snapshot, DEFAULT_RANKING, {
      sliceMs: 0,
      yieldEvery: async () => {
        pauses++;
      },
    });
    expect(pauses).toBeGreaterThan(10);
    for (const text of ['china gallium germanium export controls 2023', 'kazakstan rare earth deposits', 'geneva trade truce may 2025', 'usa reserves']) {
      expect(built.search(text, 5, ASKED_ON)).toEqual(fixture.search(text, 5, ASKED_ON));
    }
    expect(built.completeId('cn-')).toEqual(fixture.completeId('cn-'));
    const facts = await FactIndex.build(fixture.snapshot, DEFAULT_RANKING, { sliceMs: 0, yieldEvery: async () => {} });
    const query = fixture.parse('NdPr price floor', ASKED_ON);
    expect(facts.search(query, { minCoverage: 0.6, limit: 10 })).toEqual(fixture.facts.search(query, { minCoverage: 0.6, limit: 10 }));
  });
});
