/**
 * Where a reload's event-loop time goes, step by step, at one corpus size:
 * `npx tsx scripts/profile-reload.ts 100000`. The worker's load (with the snapshot taken a chunk
 * per turn), the removals check, the search index, the answer lookups, and the change recording,
 * each under its own loop watch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareLookups } from '../src/answer/facts-by-country.ts';
import { removalsInTurns } from '../src/reload/removals.ts';
import { nextTurn } from '../src/reload/served-index.ts';
import { WorkerLoader } from '../src/reload/worker-loader.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import { Store } from '../src/store/store.ts';
import { generateCorpus } from './bench-corpus.ts';
import { writeKnowledgeFolder } from './bench-kb-files.ts';
import { underWatch } from './bench-loop.ts';
import { loadShippedBase, SHIPPED_KNOWLEDGE } from './bench-setup.ts';

const n = Number(process.argv[2] ?? 10_000);
const base = await loadShippedBase();
const corpus = generateCorpus(n, base, 1);
const dir = mkdtempSync(path.join(tmpdir(), 'reb-profile-kb-'));
const dataDir = mkdtempSync(path.join(tmpdir(), 'reb-profile-data-'));
const folder = writeKnowledgeFolder(dir, corpus, SHIPPED_KNOWLEDGE);
const loader = new WorkerLoader();
const store = Store.open(dataDir, () => new Date());
const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const { value, loop } = await underWatch(work);
  process.stdout.write(`${label.padEnd(28)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms, loop max ${loop.probeMaxMs} ms\n`);
  return value;
};
try {
  const first = await step('first load (worker)', () => loader.load(dir, new Date()));
  if (!first.ok) throw new Error('first load failed');
  await step('record baseline', () => Promise.resolve().then(() => store.changes.record(first.snapshot, new Date())));
  folder.editOneFact();
  const loaded = await step('reload after an edit', () => loader.load(dir, new Date()));
  if (!loaded.ok) throw new Error('reload failed');
  await step('removals', () => removalsInTurns(first.snapshot, loaded.snapshot, nextTurn));
  await step('search index (sliced)', () => SearchIndex.build(loaded.snapshot, undefined, { yieldEvery: nextTurn }));
  await step('answer lookups', () => prepareLookups(loaded.snapshot, { yieldEvery: nextTurn }));
  await step('change log prepare', () => store.changes.prepare(loaded.snapshot, nextTurn));
  await step('record changes', () => Promise.resolve().then(() => store.changes.record(loaded.snapshot, new Date())));
  await step('unchanged reload', () => loader.load(dir, new Date()));
} finally {
  await loader.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
