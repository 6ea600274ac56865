/**
 * Digest costs on generated corpora, part of `npm run bench` (or alone: `npx tsx scripts/bench-digest.ts`).
 *
 * Per size: recording the first load (the baseline) and a reload in which 5 % of the facts changed,
 * 1 % were added and 1 % removed, into a real SQLite file; then, for 50 subscriptions with mixed
 * filters, reading the period's changes, composing the digest and rendering its Discord messages
 * (p50 / p99 per subscription), and how many messages the unfiltered digest needs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeDigest } from '../src/digest/compose.ts';
import type { DigestFilters } from '../src/digest/digest.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import type { Fact } from '../src/knowledge/schema.ts';
import type { Snapshot } from '../src/knowledge/snapshot.ts';
import { renderDigest } from '../src/render/discord/digest-messages.ts';
import { Store } from '../src/store/store.ts';
import { generateCorpus } from './bench-corpus.ts';
import { corpusSnapshot } from './bench-setup.ts';

export interface DigestBenchRow {
  readonly n: number;
  readonly baselineMs: number;
  readonly reloadMs: number;
  readonly changes: number;
  readonly perSubscription: { readonly p50: number; readonly p99: number; readonly subscriptions: number };
  readonly unfilteredMessages: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUBSCRIPTIONS = 50;

export async function measureDigests(sizes: readonly number[]): Promise<DigestBenchRow[]> {
  const loaded = await loadKnowledge(path.join(ROOT, 'knowledge'));
  if (!loaded.ok) throw new Error('knowledge/ does not load');
  const base = { countries: loaded.snapshot.countries, materials: loaded.snapshot.materials };
  const rows: DigestBenchRow[] = [];
  for (const n of sizes) {
    const corpus = generateCorpus(n, base, 1);
    const snapshotOf = (version: string, facts: readonly Fact[]): Snapshot => corpusSnapshot(corpus, base, version, facts);
    const first = snapshotOf(`digest-bench-${n}-a`, corpus.facts);
    const edited = corpus.facts.filter((_, i) => i % 100 !== 1).map((fact, i) => (i % 20 === 0 ? { ...fact, summary: `${fact.summary} (revised)` } : fact));
    const added = corpus.facts.filter((_, i) => i % 100 === 2).map((fact) => ({ ...fact, id: `${fact.id}-new` }));
    const second = snapshotOf(`digest-bench-${n}-b`, [...edited, ...added]);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reb-bench-digest-'));
    const store = Store.open(dir);
    try {
      let t = performance.now();
      store.changes.record(first, new Date('2026-03-01T00:00:00Z'));
      const baselineMs = performance.now() - t;
      t = performance.now();
      const result = store.changes.record(second, new Date('2026-03-02T00:00:00Z'));
      const reloadMs = performance.now() - t;

      const filters = filterSets(first);
      const durations: number[] = [];
      let unfilteredMessages = 0;
      for (let i = 0; i < SUBSCRIPTIONS; i += 1) {
        const start = process.hrtime.bigint();
        const changes = store.changes.changesBetween('2026-03-01T12:00:00.000Z', '2026-03-03T00:00:00.000Z');
        const digest = composeDigest({
          snapshot: second,
          changes,
          filters: filters[i % filters.length] as DigestFilters,
          from: new Date('2026-03-01T12:00:00Z'),
          to: new Date('2026-03-03T00:00:00Z'),
          timezone: 'Europe/Berlin',
        });
        const messages = renderDigest(digest, { mark: { subscriptionId: i + 1, deliveryId: i + 1 } });
        durations.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (i === 0) unfilteredMessages = messages.length;
      }
      durations.sort((a, b) => a - b);
      const at = (p: number) => durations[Math.min(durations.length - 1, Math.ceil((p / 100) * durations.length) - 1)] as number;
      rows.push({
        n,
        baselineMs,
        reloadMs,
        changes: result.added + result.updated + result.removed,
        perSubscription: { p50: at(50), p99: at(99), subscriptions: SUBSCRIPTIONS },
        unfilteredMessages,
      });
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** Unfiltered first, then by country, material and kind, as channels would subscribe. */
function filterSets(snapshot: Snapshot): DigestFilters[] {
  const none: DigestFilters = { countries: [], materials: [], kinds: [] };
  const countries = [...new Set(snapshot.facts.flatMap((fact) => fact.countries))].slice(0, 5);
  return [
    none,
    ...countries.map((code) => ({ ...none, countries: [code] })),
    { ...none, materials: ['HREE'] },
    { ...none, materials: ['Dy', 'Tb'] },
    { ...none, kinds: ['restriction'] },
    { ...none, kinds: ['meeting'], countries: countries.slice(0, 2) },
  ];
}

export function renderDigestBench(rows: readonly DigestBenchRow[]): string {
  const lines = ['', 'Digests (change tracking into SQLite; compose + render per subscription, 50 subscriptions with mixed filters)'];
  for (const row of rows) {
    lines.push(
      `  ${String(row.n).padStart(7)} facts: baseline ${row.baselineMs.toFixed(0)} ms, reload with ${row.changes} changes ${row.reloadMs.toFixed(0)} ms, ` +
        `digest p50 ${row.perSubscription.p50.toFixed(2)} ms / p99 ${row.perSubscription.p99.toFixed(2)} ms, unfiltered digest = ${row.unfilteredMessages} message(s)`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const sizes = (process.argv.find((arg) => arg.startsWith('--sizes='))?.slice(8) ?? '1000,10000').split(',').map(Number);
  measureDigests(sizes).then(
    (rows) => process.stdout.write(`${renderDigestBench(rows)}\n`),
    (error: unknown) => {
      process.stderr.write(`bench-digest failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
