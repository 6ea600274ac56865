/**
 * A profiling harness for `ask` on a generated corpus: `node --cpu-prof --import tsx
 * scripts/profile-ask.ts 10000 [reps]`. Prints per-query p50/p99 and the slowest queries, so a
 * change to the engine can be checked quickly without the full `npm run bench`. Each query is
 * timed `reps` times (default 5) and its fastest run kept: on a machine shared with other work,
 * the fastest run is the one least disturbed by waiting for a core.
 */
import path from 'node:path';
import { ask } from '../src/answer/ask.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import { buildQuerySet, generateCorpus } from './bench-corpus.ts';
import { corpusSnapshot } from './bench-setup.ts';

const n = Number(process.argv[2] ?? 10_000);
const reps = Number(process.argv[3] ?? 5);
const loaded = await loadKnowledge(path.resolve(import.meta.dirname, '../knowledge'));
if (!loaded.ok) throw new Error('knowledge must load');
const base = { countries: loaded.snapshot.countries, materials: loaded.snapshot.materials };
const corpus = generateCorpus(n, base, 1);
const snapshot = corpusSnapshot(corpus, base, 'profile');
const index = new SearchIndex(snapshot);
const queries = buildQuerySet(base, corpus, 1).ask;
for (const query of queries) ask(index, query.text);
const timed = queries.map((query) => {
  let fastest = Infinity;
  for (let i = 0; i < reps; i++) {
    const start = process.hrtime.bigint();
    ask(index, query.text);
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { text: query.text, ms: fastest };
});
const sorted = [...timed].sort((a, b) => a.ms - b.ms);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]?.ms.toFixed(2);
process.stdout.write(`n=${n} ask (fastest of ${reps}) p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms\nslowest:\n`);
for (const entry of sorted.slice(-8).reverse()) process.stdout.write(`  ${entry.ms.toFixed(2)} ms  ${entry.text}\n`);
