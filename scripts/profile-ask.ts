/**
 * A profiling harness for `ask` on a generated corpus: `node --cpu-prof --import tsx
 * scripts/profile-ask.ts 10000`. Prints per-class p50/p99 and the slowest queries, so a change to
 * the engine can be checked quickly without the full `npm run bench`.
 */
import path from 'node:path';
import { ask } from '../src/answer/ask.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { createSnapshot } from '../src/knowledge/snapshot.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import { buildQuerySet, generateCorpus } from './bench-corpus.ts';

const n = Number(process.argv[2] ?? 10_000);
const loaded = await loadKnowledge(path.resolve(import.meta.dirname, '../knowledge'));
if (!loaded.ok) throw new Error('knowledge must load');
const base = { countries: loaded.snapshot.countries, materials: loaded.snapshot.materials };
const corpus = generateCorpus(n, base, 1);
const snapshot = createSnapshot({ version: 'profile', loadedAt: new Date(), facts: corpus.facts, sources: corpus.sources, countries: base.countries, materials: base.materials, origins: new Map() });
const index = new SearchIndex(snapshot);
const queries = buildQuerySet(base, corpus, 1).ask;
for (const query of queries) ask(index, query.text);
const timed = queries.map((query) => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < 5; i++) ask(index, query.text);
  return { text: query.text, ms: Number(process.hrtime.bigint() - start) / 5e6 };
});
const sorted = [...timed].sort((a, b) => a.ms - b.ms);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.ms.toFixed(2);
process.stdout.write(`n=${n} ask p50 ${at(0.5)} ms, p99 ${at(0.99)} ms\nslowest:\n`);
for (const entry of sorted.slice(-8).reverse()) process.stdout.write(`  ${entry.ms.toFixed(2)} ms  ${entry.text}\n`);
