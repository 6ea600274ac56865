/**
 * `npm run bench`: how fast the bot is on generated corpora, and what users would feel.
 *
 * Sections, in the order they run (each can be skipped; see --help):
 * 1. search (bench-search.ts): per size (default 1k, 10k, 100k, 300k facts, bench-corpus.ts) the index
 *    build, p50/p99 of ask, autocomplete and each structured answer, memory, and top-1/top-3 on the
 *    planted questions; then the growth exponent of ask p50 and p99 against the size.
 * 2. rivals (bench-rivals.ts): FlexSearch and MiniSearch on the same corpus and ask queries, with
 *    their latency, the ratios ours/theirs, their relevance and growth (sizes up to 100k by default).
 * 3. live (bench-live.ts): the bot started on the corpus written as YAML files, at the sizes up to
 *    100k: the event loop's longest block during 50 concurrent /ask, a reload after an edit and an
 *    unchanged reload.
 * 4. discord (bench-discord.ts: the shipped knowledge, one interaction at a time, then bursts of chart
 *    commands and /restrictions against the 3 s deadline), charts (bench-charts.ts), digests
 *    (bench-digest.ts, at the sizes up to 10k).
 * Last, issue 14's targets (bench-targets.ts): each with the figure this run measured and whether it is met.
 *
 *   npm run bench                                        everything, readable tables
 *   npm run -s bench -- --json                           one JSON document on stdout, progress on stderr
 *   npm run -s bench -- --json --sizes 10000 --no-charts --no-digests   the quick check (under 55 s)
 *
 * Every size of every part of sections 1–3 runs in a fresh child process (this script with
 * `--one N --part P`, the same tsx loader, `--expose-gc`), so the engine never shares a heap with
 * the libraries (which run one after the other in their own child) or with the bot;
 * each child prints its row as one JSON line. The corpus is deterministic per size and seed, and each
 * row carries its fingerprint, so the comparison can check that every engine saw the same facts.
 *
 * Timing: every call is timed with process.hrtime.bigint() after a warm-up. When a kind would take
 * longer than the budget (at 100,000 facts, say), an evenly spaced sample of its queries is timed
 * instead, and the output says how many were timed. Relevance always runs all planted questions.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureCharts, renderChartBench, type ChartBenchRow } from './bench-charts.ts';
import { measureDigests, renderDigestBench, type DigestBenchRow } from './bench-digest.ts';
import { measureDiscordLatency, renderDiscordLatency, type DiscordLatencyRow } from './bench-discord.ts';
import { measureLive, type LiveRow } from './bench-live.ts';
import { parseBenchOptions, UsageError, USAGE, type BenchOptions, type Part } from './bench-options.ts';
import { compare, renderComparison, renderLive, type Comparison } from './bench-report.ts';
import { measureRivals, type RivalRow } from './bench-rivals.ts';
import { measureSearch, type SearchRow } from './bench-search.ts';
import { fmtInt, renderSearchTable } from './bench-search-table.ts';
import { ROOT } from './bench-setup.ts';
import { growth, MB, round, type Growth } from './bench-stats.ts';
import { issue14Targets, renderTargets, type Target } from './bench-targets.ts';

const SCRIPT = fileURLToPath(import.meta.url);
const CHILD_TIMEOUT_MS = 20 * 60_000;
/** The 300k corpus, its index and a library's index together pass V8's default heap limit. */
const CHILD_HEAP_MB = 8192;

interface BenchDocument {
  readonly bench: {
    readonly node: string;
    readonly cpus: number;
    readonly seed: number;
    readonly sizes: readonly number[];
    readonly rivalSizes: readonly number[];
    readonly liveSizes: readonly number[];
    readonly budgetSeconds: number;
    readonly queriesCap: number | null;
    readonly startedAt: string;
    /** Wall time of each section and of the whole run, in seconds. */
    readonly seconds: Readonly<Record<string, number>>;
  };
  readonly search: { readonly rows: readonly SearchRow[]; readonly growth: { readonly p50: Growth; readonly p99: Growth } };
  readonly rivals?: Comparison;
  readonly live?: { readonly concurrency: number; readonly rows: readonly LiveRow[] };
  readonly discord?: DiscordLatencyRow;
  readonly charts?: ChartBenchRow;
  readonly digests?: readonly DigestBenchRow[];
  /** Issue 14's targets as this run measured them. */
  readonly targets: readonly Target[];
}

/** One part at one size in this process (`--one N --part P`): its row as one JSON line on stdout. */
async function runPart(n: number, part: Part, options: BenchOptions): Promise<unknown> {
  const settings = { seed: options.seed, queries: options.queries, budgetSeconds: options.budgetSeconds };
  switch (part) {
    case 'ours':
      return measureSearch(n, settings);
    case 'rivals':
      return measureRivals(n, settings);
    case 'live':
      return measureLive(n, { seed: options.seed, concurrency: options.concurrency });
  }
}

function runChild<T extends { readonly n: number }>(n: number, part: Part, options: BenchOptions): T {
  const args = [
    ...process.execArgv.filter((arg) => arg !== '--expose-gc' && !arg.startsWith('--max-old-space-size')),
    '--expose-gc',
    `--max-old-space-size=${CHILD_HEAP_MB}`,
    SCRIPT,
    '--one',
    String(n),
    '--part',
    part,
    '--seed',
    String(options.seed),
    '--budget',
    String(options.budgetSeconds),
    '--concurrency',
    String(options.concurrency),
    ...(options.queries !== undefined ? ['--queries', String(options.queries)] : []),
  ];
  const child = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * MB,
    timeout: CHILD_TIMEOUT_MS,
  });
  if (child.error) throw new Error(`the ${part} run at ${n} facts failed to start or timed out: ${child.error.message}`);
  if (child.status !== 0) throw new Error(`the ${part} run at ${n} facts exited with ${child.status ?? child.signal}`);
  const line = child.stdout.trim().split('\n').pop() ?? '';
  const parsed: unknown = JSON.parse(line);
  if (typeof parsed !== 'object' || parsed === null || !('n' in parsed) || parsed.n !== n) {
    throw new Error(`the ${part} run at ${n} facts printed no result row`);
  }
  return parsed as T;
}

/** Times each section by name, so the document says where a run's minutes went. */
class SectionClock {
  readonly seconds: Record<string, number> = {};
  readonly #started = performance.now();
  async time<T>(name: string, work: () => T | Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      this.seconds[name] = round((this.seconds[name] ?? 0) + (performance.now() - t0) / 1000, 1);
    }
  }
  total(): number {
    return round((performance.now() - this.#started) / 1000, 1);
  }
}

async function runAll(options: BenchOptions): Promise<BenchDocument> {
  const clock = new SectionClock();
  const startedAt = new Date().toISOString();
  const search: SearchRow[] = [];
  const rivals: RivalRow[] = [];
  for (const n of options.sizes) {
    process.stderr.write(`bench: ${fmtInt(n)} facts, the engine and the libraries in fresh processes\n`);
    search.push(await clock.time('search', () => runChild<SearchRow>(n, 'ours', options)));
    if (options.sections.rivals && options.rivalSizes.includes(n)) {
      rivals.push(...(await clock.time('rivals', () => runChild<{ n: number; rows: RivalRow[] }>(n, 'rivals', options))).rows);
    }
  }
  const live: LiveRow[] = [];
  if (options.sections.live) {
    for (const n of options.liveSizes) live.push(await clock.time('live', () => runChild<LiveRow>(n, 'live', options)));
  }
  const discord = options.sections.discord ? await clock.time('discord', () => measureDiscordLatency()) : undefined;
  const charts = options.sections.charts ? await clock.time('charts', () => measureCharts()) : undefined;
  const digestSizes = options.sizes.filter((n) => n <= 10_000);
  const digests = options.sections.digests && digestSizes.length > 0 ? await clock.time('digests', () => measureDigests(digestSizes)) : undefined;
  const latency = (pick: (row: SearchRow) => number) => growth(search.map((row) => ({ n: row.n, ms: pick(row) })));
  const askGrowth = { p50: latency((row) => row.ask.p50), p99: latency((row) => row.ask.p99) };
  const comparison = options.sections.rivals ? compare(search, rivals) : undefined;
  return {
    bench: {
      node: process.version,
      cpus: os.availableParallelism(),
      seed: options.seed,
      sizes: options.sizes,
      rivalSizes: options.sections.rivals ? options.rivalSizes : [],
      liveSizes: options.sections.live ? options.liveSizes : [],
      budgetSeconds: options.budgetSeconds,
      queriesCap: options.queries ?? null,
      startedAt,
      seconds: { ...clock.seconds, total: clock.total() },
    },
    search: { rows: search, growth: askGrowth },
    ...(comparison ? { rivals: comparison } : {}),
    ...(options.sections.live ? { live: { concurrency: options.concurrency, rows: live } } : {}),
    ...(discord ? { discord } : {}),
    ...(charts ? { charts } : {}),
    ...(digests ? { digests } : {}),
    targets: issue14Targets({ search, growth: askGrowth, rivals: comparison, live: options.sections.live ? live : undefined }),
  };
}

function renderText(doc: BenchDocument, options: BenchOptions): string {
  const sections = [
    renderSearchTable(doc.search.rows, doc.search.growth, options),
    doc.rivals ? renderComparison(doc.rivals) : '',
    doc.live && doc.live.rows.length > 0 ? renderLive(doc.live.rows) : '',
    doc.discord ? renderDiscordLatency(doc.discord) : '',
    doc.charts ? renderChartBench(doc.charts) : '',
    doc.digests ? renderDigestBench(doc.digests).trimStart() : '',
    renderTargets(doc.targets),
    `Section times (s): ${Object.entries(doc.bench.seconds)
      .map(([name, seconds]) => `${name} ${seconds}`)
      .join(', ')}`,
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseBenchOptions>;
  try {
    parsed = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options = parsed;
  if (options.one !== undefined) {
    const row = await runPart(options.one.n, options.one.part, options);
    process.stdout.write(`${JSON.stringify(row)}\n`);
    return;
  }
  const doc = await runAll(options);
  process.stderr.write(`bench: done in ${doc.bench.seconds.total} s\n`);
  process.stdout.write(options.json ? `${JSON.stringify(doc, null, 2)}\n` : renderText(doc, options));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
