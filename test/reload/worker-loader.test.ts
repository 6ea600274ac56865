import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import type { LoadResult } from '../../src/knowledge/validate.ts';
import { LiveKnowledge } from '../../src/reload/live-knowledge.ts';
import { nextTurn } from '../../src/reload/served-index.ts';
import { WorkerLoader, type KnowledgeLoader } from '../../src/reload/worker-loader.ts';
import type { SearchIndex } from '../../src/search/search-index.ts';
import { useTempStores } from '../support/temp-store.ts';
import { comparable, oneFactFile } from '../support/knowledge-edits.ts';

const BASE = path.resolve(import.meta.dirname, '../fixtures/knowledge/base');
const AT = new Date('2026-03-01T00:00:00Z');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
const stores = useTempStores('reb-loader-');

function tempKnowledge(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'loader-kb-'));
  cpSync(BASE, dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function loader(options: { workerUrl?: URL } = {}): WorkerLoader {
  const made = new WorkerLoader(options);
  cleanups.push(() => made.close());
  return made;
}

const ADDED = oneFactFile('au-kalgoorlie-loader-test');

function snapshotOf(result: LoadResult): Snapshot {
  if (!result.ok) throw new Error(`load failed: ${result.errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('; ')}`);
  return result.snapshot;
}

describe('WorkerLoader', () => {
  it('loads in its thread the snapshot loadKnowledge makes, and hands back the one it has for the same files', async () => {
    const dir = tempKnowledge();
    const worker = loader();
    const loaded = snapshotOf(await worker.load(dir, AT));
    expect(comparable(loaded)).toEqual(comparable(snapshotOf(await loadKnowledge(dir, AT))));
    expect(Object.isFrozen(loaded.facts[0])).toBe(true);
    expect(snapshotOf(await worker.load(dir, new Date())) === loaded).toBe(true);

    writeFileSync(path.join(dir, 'added.yaml'), ADDED);
    const grown = snapshotOf(await worker.load(dir, AT));
    expect(grown.version).not.toBe(loaded.version);
    expect(comparable(grown)).toEqual(comparable(snapshotOf(await loadKnowledge(dir, AT))));
    // The facts of the files left as they were are not sent again: this thread keeps its own.
    for (const fact of loaded.facts) expect(grown.factById.get(fact.id) === fact, fact.id).toBe(true);
    expect(grown.origins.get(loaded.facts[0]?.id ?? '') === loaded.origins.get(loaded.facts[0]?.id ?? '')).toBe(true);
  });

  it('reports a broken file by file and line, and loads again once it is fixed', async () => {
    const dir = tempKnowledge();
    const worker = loader();
    snapshotOf(await worker.load(dir, AT));
    writeFileSync(path.join(dir, 'added.yaml'), ADDED.replace('date: 2024', 'date: [2024'));
    const broken = await worker.load(dir, AT);
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    expect(broken.errors[0]?.file).toBe(path.join(dir, 'added.yaml'));
    expect(broken.errors[0]?.line).toBeGreaterThan(1);
    writeFileSync(path.join(dir, 'added.yaml'), ADDED);
    expect((await worker.load(dir, AT)).ok).toBe(true);
  });

  it('gives the change log the hashes it would compute itself, a source edit changing the facts citing it', async () => {
    const dir = tempKnowledge();
    const worker = loader();
    const before = snapshotOf(await worker.load(dir, AT));
    writeFileSync(path.join(dir, 'added.yaml'), ADDED);
    // Only sources.yaml and a new file change: facts.yaml is kept, and so are the hashes of its facts but those citing the edited source.
    const sources = readFileSync(path.join(dir, 'sources.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'sources.yaml'), sources.replace('Announcement on export controls', 'Announcement on export controls (revised)'));
    const afterInWorker = snapshotOf(await worker.load(dir, AT));
    const afterHere = snapshotOf(await loadKnowledge(dir, AT));

    const withHashes = stores.open();
    withHashes.changes.record(before, AT);
    await withHashes.changes.prepare(afterInWorker, nextTurn);
    const fromWorker = withHashes.changes.record(afterInWorker, new Date('2026-03-02T00:00:00Z'));

    const computed = stores.open();
    computed.changes.record(before, AT);
    const fromHere = computed.changes.record(afterHere, new Date('2026-03-02T00:00:00Z'));
    expect(fromWorker.added).toBe(1);
    expect(fromWorker.updated).toBeGreaterThan(0);
    expect(fromHere).toEqual(fromWorker);
  });

  it('fails the load its thread dies on', async () => {
    const dir = tempKnowledge();
    const crashing = loader({ workerUrl: new URL('./fixtures/crashing-loader.mjs', import.meta.url) });
    await expect(crashing.load(dir, AT)).rejects.toThrow(/exit code 3/);
  });
});

/** A loader whose loads, once held, finish only when the test lets them: a reload caught in the middle. */
function gated(inner: KnowledgeLoader): { loader: KnowledgeLoader; hold(): void; open(): void } {
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  return {
    loader: {
      load: async (dir, at) => {
        const result = await inner.load(dir, at);
        await gate;
        return result;
      },
      close: () => inner.close(),
    },
    hold: () => {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    open: () => open(),
  };
}

describe('a reload in progress', () => {
  it('leaves questions answered from the old knowledge until the new one is swapped in whole', async () => {
    const dir = tempKnowledge();
    const gate = gated(new WorkerLoader());
    const live = await LiveKnowledge.load(dir, { loader: gate.loader });
    cleanups.push(() => live.close());
    const old = live.index;
    const question = 'Kalgoorlie cracking plant';
    expect(ask(old, question).answers.some((item) => item.factId === 'au-kalgoorlie-loader-test')).toBe(false);

    writeFileSync(path.join(dir, 'added.yaml'), ADDED);
    gate.hold();
    let settled = false;
    const reloading = live.reload('command').then((result) => ((settled = true), result));
    // The loop keeps turning while the reload waits; each turn, the bot would answer from `live.index`.
    const seen: SearchIndex[] = [];
    for (let turn = 0; turn < 20; turn++) {
      await nextTurn();
      seen.push(live.index);
      expect(ask(live.index, question).answers.some((item) => item.factId === 'au-kalgoorlie-loader-test')).toBe(false);
    }
    expect(settled).toBe(false);
    expect(seen.every((index) => index === old)).toBe(true);

    gate.open();
    const observed = new Set<SearchIndex>([old]);
    while (!settled) {
      observed.add(live.index);
      // Whichever index is served, it is whole: its snapshot and its own lookups agree.
      expect(live.index.snapshot.factById.size).toBe(live.index.snapshot.facts.length);
      await nextTurn();
    }
    const result = await reloading;
    expect(result.ok && result.changed).toBe(true);
    observed.add(live.index);
    expect(observed.size).toBe(2);
    expect(live.index).not.toBe(old);
    expect(ask(live.index, question).answers[0]?.factId).toBe('au-kalgoorlie-loader-test');
    expect(old.snapshot.factById.has('au-kalgoorlie-loader-test')).toBe(false);
  });
});
