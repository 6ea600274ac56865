/**
 * How long the index build holds the event loop when built in slices (SearchIndex.build): the
 * longest and the 99th-percentile slice (wall and main-thread CPU time), their count and the whole build, at each corpus size.
 * `npx tsx scripts/bench-search-slices.ts 100000` (sizes comma-separated; default 10,000 and 100,000).
 */
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { DEFAULT_RANKING } from '../src/search/ranking-params.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import { generateCorpus } from './bench-corpus.ts';
import { corpusSnapshot, loadShippedBase } from './bench-setup.ts';
import { percentile } from './bench-stats.ts';

/**
 * CPU time of the main thread in ms, where Linux tells it (/proc/…/schedstat, in nanoseconds);
 * else of the whole process, collector and compiler threads included.
 */
function mainThreadCpuMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
}

const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number);
const base = await loadShippedBase();
for (const n of sizes) {
  const corpus = generateCorpus(n, base, 1);
  const snapshot = corpusSnapshot(corpus, base, `slices-${n}`);
  const slices: number[] = [];
  /** When each slice started and ended, to find the collector's pauses inside it. */
  const spans: Array<readonly [number, number]> = [];
  const pauses: Array<readonly [number, number]> = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push([entry.startTime, entry.startTime + entry.duration]);
  });
  observer.observe({ entryTypes: ['gc'] });
  /** CPU time of each slice on the main thread: on a loaded machine wall time also counts waiting for a core. */
  const cpuSlices: number[] = [];
  let resumed = performance.now();
  let resumedCpu = mainThreadCpuMs();
  const endSlice = () => {
    spans.push([resumed, performance.now()]);
    slices.push(performance.now() - resumed);
    cpuSlices.push(mainThreadCpuMs() - resumedCpu);
  };
  const yieldEvery = async () => {
    endSlice();
    await new Promise<void>((resolve) => setImmediate(resolve));
    resumed = performance.now();
    resumedCpu = mainThreadCpuMs();
  };
  const start = performance.now();
  const index = await SearchIndex.build(snapshot, DEFAULT_RANKING, { yieldEvery });
  endSlice();
  const totalMs = performance.now() - start;
  await new Promise<void>((resolve) => setImmediate(resolve));
  observer.disconnect();
  // A slice's own work: its wall time less the collector's pauses that fell inside it.
  const ownWork = spans.map(([from, to]) => pauses.reduce((left, [gcFrom, gcTo]) => left - Math.max(0, Math.min(to, gcTo) - Math.max(from, gcFrom)), to - from));
  const longestPause = pauses.reduce((most, [from, to]) => Math.max(most, to - from), 0);
  const sorted = [...slices].sort((a, b) => a - b);
  const sortedCpu = [...cpuSlices].sort((a, b) => a - b);
  const line = {
    n,
    facts: index.facts.size,
    slices: slices.length,
    longestMs: Number((sorted[sorted.length - 1] ?? 0).toFixed(1)),
    p99Ms: Number(percentile(sorted, 0.99).toFixed(1)),
    longestCpuMs: Number((sortedCpu[sortedCpu.length - 1] ?? 0).toFixed(1)),
    p99CpuMs: Number(percentile(sortedCpu, 0.99).toFixed(1)),
    longestWithoutGcMs: Number(Math.max(0, ...ownWork).toFixed(1)),
    longestGcPauseMs: Number(longestPause.toFixed(1)),
    lastMs: Number((slices[slices.length - 1] ?? 0).toFixed(1)),
    totalMs: Math.round(totalMs),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  if (process.env.SLICES_DETAIL)
    process.stdout.write(
      `${ownWork
        .map((ms, i) => [i, Math.round(ms), Math.round(cpuSlices[i] ?? 0)])
        .filter(([, ms]) => (ms as number) > 14)
        .join(' ')}\n`,
    );
}
