import { Worker } from 'node:worker_threads';
import { loadKnowledge } from '../knowledge/load.ts';
import type { Fact } from '../knowledge/schema.ts';
import { SnapshotAssembler, type Origin, type Snapshot } from '../knowledge/snapshot.ts';
import type { LoadResult } from '../knowledge/validate.ts';
import { rememberRecordHashes } from '../store/change-log.ts';
import type { FromWorker, SnapshotChunk, ToWorker } from './load-protocol.ts';

/** Where a LiveKnowledge gets each load of its folder from. */
export interface KnowledgeLoader {
  load(dir: string, loadedAt: Date): Promise<LoadResult>;
  close(): Promise<void>;
}

/** Loads on the calling thread (kb tools, tests that want no thread). */
export const inProcessLoader: KnowledgeLoader = {
  load: (dir, loadedAt) => loadKnowledge(dir, loadedAt),
  close: () => Promise.resolve(),
};

const DEFAULT_WORKER_URL = new URL('./load-worker-start.mjs', import.meta.url);

/**
 * Loads in a worker thread (load-worker.ts), which keeps each file's parse between loads, so a
 * reload parses only what changed and none of it runs on the bot's event loop. The snapshot is
 * taken a chunk per turn, each chunk frozen and indexed as it comes (SnapshotAssembler), and never
 * validated again here: the worker's checks are the ones that count. The same version again is not
 * sent at all; the snapshot already held is returned.
 *
 * A worker that crashes fails the load it was on (the caller keeps its last good knowledge) and is
 * replaced, with an empty cache, at the next load.
 */
export class WorkerLoader implements KnowledgeLoader {
  readonly #workerUrl: URL;
  #worker: Worker | undefined;
  #waiting: { id: number; resolve: (message: FromWorker) => void; reject: (error: Error) => void } | undefined;
  #nextId = 1;
  #last: Snapshot | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(options: { workerUrl?: URL } = {}) {
    this.#workerUrl = options.workerUrl ?? DEFAULT_WORKER_URL;
  }

  /** Loads never overlap: the worker has one load in hand at a time. */
  load(dir: string, loadedAt: Date): Promise<LoadResult> {
    const run = this.#queue.then(() => this.#loadOnce(dir, loadedAt));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = undefined;
    this.#waiting?.reject(new Error('the knowledge loader was closed'));
    this.#waiting = undefined;
    await worker?.terminate();
  }

  async #loadOnce(dir: string, loadedAt: Date): Promise<LoadResult> {
    if (this.#closed) throw new Error('the knowledge loader was closed');
    const id = this.#nextId++;
    const have = this.#last?.version;
    const first = await this.#ask({ type: 'load', id, dir, loadedAt: loadedAt.toISOString(), ...(have ? { have } : {}) });
    if (first.type === 'failed') return { ok: false, errors: first.errors, warnings: first.warnings };
    if (first.type === 'same' && this.#last?.version === first.version) return { ok: true, snapshot: this.#last, warnings: first.warnings };
    if (first.type !== 'begin') throw new Error(`the knowledge loader answered '${first.type}' to a load`);

    const assembler = new SnapshotAssembler(first.version, first.loadedAt);
    const hashes = new Map<string, string>();
    for (let index = 0; index < first.chunks; index++) {
      const chunk = await this.#ask({ type: 'chunk', id, index });
      if (chunk.type !== 'chunk' || chunk.index !== index) throw new Error(`the knowledge loader sent '${chunk.type}' for chunk ${index}`);
      take(chunk, assembler, hashes, this.#last);
      // The next chunk is asked for on a later turn, so timers and interactions run between two.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const snapshot = assembler.finish();
    rememberRecordHashes(snapshot, hashes);
    this.#last = snapshot;
    return { ok: true, snapshot, warnings: first.warnings };
  }

  #ask(message: ToWorker): Promise<FromWorker> {
    const worker = this.#spawned();
    return new Promise<FromWorker>((resolve, reject) => {
      // Held only while a load is in hand: an idle loader never keeps the process alive.
      worker.ref();
      const settled = () => worker.unref();
      this.#waiting = {
        id: message.id,
        resolve: (answer) => (settled(), resolve(answer)),
        reject: (error) => (settled(), reject(error)),
      };
      worker.postMessage(message);
    });
  }

  #spawned(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#workerUrl);
    worker.unref();
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.reject(error);
    };
    worker.on('message', (message: FromWorker) => {
      const waiting = this.#waiting;
      if (!waiting || waiting.id !== message.id) return;
      this.#waiting = undefined;
      if (message.type === 'crashed') waiting.reject(new Error(`the knowledge loader failed: ${message.message}`));
      else waiting.resolve(message);
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => fail(new Error(`the knowledge loader stopped (exit code ${code})`)));
    this.#worker = worker;
    return worker;
  }
}

/** Adds a chunk, taking the facts (and equal origins) the worker left out from the snapshot held whole. */
function take(chunk: SnapshotChunk, assembler: SnapshotAssembler, hashes: Map<string, string>, held: Snapshot | undefined): void {
  const facts: Fact[] = [];
  const origins: Origin[] = [];
  chunk.factIds.forEach((factId, i) => {
    const fact = chunk.facts[i] ?? held?.factById.get(factId);
    if (!fact) throw new Error(`the knowledge loader left out fact ${factId}, which this thread does not hold`);
    facts.push(fact);
    const file = chunk.files[chunk.fileOf[i] ?? -1] ?? '(unknown file)';
    const line = chunk.lines[i] ?? 1;
    const before = held?.origins.get(factId);
    origins.push(before && before.file === file && before.line === line ? before : { file, line });
    const hash = chunk.recordHashes[i];
    if (hash !== undefined) hashes.set(factId, hash);
  });
  assembler.addFacts(facts, origins);
  if (chunk.sources.length > 0) assembler.addSources(chunk.sources, chunk.sourceOrigins);
  if (chunk.countries.length > 0 || chunk.materials.length > 0) assembler.addReference(chunk.countries, chunk.materials);
}
