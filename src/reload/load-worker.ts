import { parentPort } from 'node:worker_threads';
import { CachedBuilder } from '../knowledge/cached-build.ts';
import { readKnowledgeFiles } from '../knowledge/load.ts';
import type { Fact, Source } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { recordHashOf } from '../store/change-log.ts';
import type { FromWorker, SnapshotChunk, ToWorker } from './load-protocol.ts';

/**
 * The knowledge-load thread (worker-loader.ts starts it): reads the folder, parses and validates
 * the files that changed (CachedBuilder keeps the rest), and hands the snapshot over in chunks as
 * the bot's thread asks for them. Everything costly in a reload happens here, off the event loop.
 */
const port = parentPort;
if (!port) throw new Error('load-worker.ts runs only as a worker thread (see worker-loader.ts)');

/** About half a megabyte of structured clone per chunk: a few milliseconds to take in on the bot's thread. */
export const FACTS_PER_CHUNK = 500;
const SOURCES_PER_CHUNK = 2000;

const builder = new CachedBuilder();
let current: { id: number; snapshot: Snapshot; factChunks: number; sourceChunks: number; held: ReadonlyMap<string, Fact> | undefined } | undefined;
/** The last snapshot sent whole: the bot's thread holds its facts, so those unchanged need not go again. */
let sent: Snapshot | undefined;
/** A fact keeps its hash while the fact and every source it cites are the very objects hashed. */
const hashes = new WeakMap<Fact, { hash: string; cited: readonly (Source | undefined)[] }>();

port.on('message', (message: ToWorker) => {
  void handle(message).catch((error: unknown) => {
    post({ type: 'crashed', id: message.id, message: error instanceof Error ? error.message : String(error) });
  });
});

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'chunk') {
    if (current?.id !== message.id) throw new Error(`no load ${message.id} to send a chunk of`);
    const chunk = chunkOf(current.id, current.snapshot, message.index, current.factChunks, current.held);
    if (message.index === current.factChunks + current.sourceChunks - 1) sent = current.snapshot;
    post(chunk);
    return;
  }
  current = undefined;
  const read = await readKnowledgeFiles(message.dir);
  if (!read.ok) {
    post({ type: 'failed', id: message.id, errors: [{ severity: 'error', file: message.dir, line: 1, col: 1, message: read.message }], warnings: [] });
    return;
  }
  const result = builder.build(read.files, new Date(message.loadedAt));
  if (!result.ok) {
    post({ type: 'failed', id: message.id, errors: result.errors, warnings: result.warnings });
    return;
  }
  const { snapshot } = result;
  if (snapshot.version === message.have) {
    post({ type: 'same', id: message.id, version: snapshot.version, warnings: result.warnings });
    return;
  }
  const factChunks = Math.ceil(snapshot.facts.length / FACTS_PER_CHUNK);
  const sourceChunks = Math.max(1, Math.ceil(snapshot.sources.length / SOURCES_PER_CHUNK));
  const held = sent !== undefined && sent.version === message.have ? sent.factById : undefined;
  current = { id: message.id, snapshot, factChunks, sourceChunks, held };
  post({
    type: 'begin',
    id: message.id,
    version: snapshot.version,
    loadedAt: snapshot.loadedAt,
    warnings: result.warnings,
    chunks: factChunks + sourceChunks,
  });
}

/** Fact chunks first, then source chunks; the last carries the countries and materials. */
function chunkOf(id: number, snapshot: Snapshot, index: number, factChunks: number, held: ReadonlyMap<string, Fact> | undefined): SnapshotChunk {
  const facts = index < factChunks ? snapshot.facts.slice(index * FACTS_PER_CHUNK, (index + 1) * FACTS_PER_CHUNK) : [];
  const sourceIndex = index - factChunks;
  const sources = sourceIndex >= 0 ? snapshot.sources.slice(sourceIndex * SOURCES_PER_CHUNK, (sourceIndex + 1) * SOURCES_PER_CHUNK) : [];
  const last = sourceIndex >= 0 && (sourceIndex + 1) * SOURCES_PER_CHUNK >= snapshot.sources.length;
  const originOf = (entryId: string) => snapshot.origins.get(entryId) ?? { file: '(unknown file)', line: 1 };
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const fileOf = facts.map((fact) => {
    const file = originOf(fact.id).file;
    let at = fileIndex.get(file);
    if (at === undefined) {
      at = files.push(file) - 1;
      fileIndex.set(file, at);
    }
    return at;
  });
  return {
    type: 'chunk',
    id,
    index,
    factIds: facts.map((fact) => fact.id),
    // Cached files keep their fact objects from load to load, so "the same object" is "unchanged".
    facts: facts.map((fact) => (held?.get(fact.id) === fact ? null : fact)),
    files,
    fileOf,
    lines: facts.map((fact) => originOf(fact.id).line),
    recordHashes: facts.map((fact) => hashOf(fact, snapshot)),
    sources: [...sources],
    sourceOrigins: sources.map((source) => originOf(source.id)),
    countries: last ? [...snapshot.countries] : [],
    materials: last ? [...snapshot.materials] : [],
  };
}

function hashOf(fact: Fact, snapshot: Snapshot): string {
  const cited = fact.citations.map((citation) => snapshot.sourceById.get(citation.source));
  const known = hashes.get(fact);
  if (known && known.cited.length === cited.length && known.cited.every((source, i) => source === cited[i])) return known.hash;
  const hash = recordHashOf(fact, snapshot);
  hashes.set(fact, { hash, cited });
  return hash;
}

function post(message: FromWorker): void {
  (port as NonNullable<typeof port>).postMessage(message);
}
