/**
 * What every part of `npm run bench` starts from: the shipped reference data (countries and
 * materials, with their aliases) that the generated corpora are written over, and a fingerprint
 * that shows two processes generated the same corpus.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '../src/knowledge/load.ts';
import type { Fact } from '../src/knowledge/schema.ts';
import { createSnapshot, type Snapshot } from '../src/knowledge/snapshot.ts';
import type { Corpus, CorpusBase } from './bench-corpus.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHIPPED_KNOWLEDGE = path.join(ROOT, 'knowledge');
/** "Now" for /meetings upcoming and the bot's clock, fixed so runs compare. */
export const NOW = new Date('2026-03-01T00:00:00Z');

export interface ShippedBase extends CorpusBase {
  readonly snapshot: Snapshot;
}

export async function loadShippedBase(): Promise<ShippedBase> {
  const loaded = await loadKnowledge(SHIPPED_KNOWLEDGE);
  if (!loaded.ok) {
    throw new Error(
      `knowledge/ does not load: ${loaded.errors
        .slice(0, 3)
        .map((e) => `${e.file}:${e.line} ${e.message}`)
        .join('; ')}`,
    );
  }
  return { countries: loaded.snapshot.countries, materials: loaded.snapshot.materials, snapshot: loaded.snapshot };
}

/** A generated corpus as the Snapshot a load would give (no file origins); `facts` replaces the corpus's own. */
export function corpusSnapshot(corpus: Corpus, base: CorpusBase, version: string, facts: readonly Fact[] = corpus.facts): Snapshot {
  return createSnapshot({ version, loadedAt: new Date(), facts, sources: corpus.sources, countries: base.countries, materials: base.materials, origins: new Map() });
}

/** A short hash of the corpus's fact ids and summaries: equal in every part of one run. */
export function corpusFingerprint(corpus: Corpus): string {
  const hash = createHash('sha256');
  for (const fact of corpus.facts) hash.update(`${fact.id}\n${fact.summary}\n`);
  return hash.digest('hex').slice(0, 12);
}

/** A progress line on stderr, with the seconds since this process started (where a run's time goes). */
export function progress(n: number | string, message: string): void {
  const at = (performance.now() / 1000).toFixed(1).padStart(5);
  process.stderr.write(`bench ${at} s [${typeof n === 'number' ? n.toLocaleString('en-US') : n}] ${message}\n`);
}
