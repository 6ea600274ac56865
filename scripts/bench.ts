/**
 * `npm run bench`: search and answer performance on generated corpora.
 *
 * For each corpus size (default 1,000, 10,000 and 100,000 realistic facts, see bench-corpus.ts) it
 * prints the index build time, p50 and p99 latency of `ask`, of autocomplete (countries, materials,
 * ids) and of each structured answer (country, restrictions, market-share, meetings, source) over a
 * fixed query set with typos, the heap and RSS after building the index, and relevance: top-1 and
 * top-3 hits of `ask` on the 30 planted questions of the corpus.
 *
 *   npm run bench                              all three sizes, readable table
 *   npm run -s bench -- --json                 one JSON row per size: {"n":10000,"ask":{"p50":…,"p99":…},…}
 *                                              (-s keeps npm's banner off stdout; progress goes to stderr)
 *   npm run bench -- --sizes 1000,10000        pick sizes
 *   npm run bench -- --queries 20              time at most 20 queries per kind (quick runs)
 *   npm run bench -- --budget 10               seconds of timing per kind before sampling (default 20)
 *   npm run bench -- --seed 2                  another corpus and query set
 *   npm run bench -- --no-discord              skip the Discord path (bench-discord.ts: one interaction at a
 *                                              time, then bursts of 200 chart commands and 100 /restrictions
 *                                              sent at once, each initial response against the 3 s deadline)
 *   npm run bench -- --no-charts               skip the charts (bench-charts.ts) measured last
 *   npm run bench -- --no-digests              skip the digests (bench-digest.ts: change tracking, compose
 *                                              and render per subscription, at the sizes up to 10,000)
 *
 * Each size runs in a fresh child process (this script with `--one N`, started with the same tsx
 * loader and `--expose-gc`), so corpora never share a heap. `--one N` can also be run by hand; it
 * forces GC before memory readings only when `node --expose-gc` is in effect (optional).
 *
 * Timing: every call is timed with process.hrtime.bigint() after a warm-up. When a kind would take
 * longer than the budget (at 100,000 facts, say), an evenly spaced sample of its queries is timed
 * instead, and the output says how many were timed. Relevance always runs all planted questions.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ask } from '../src/answer/ask.ts';
import { country } from '../src/answer/country.ts';
import { marketShare } from '../src/answer/market-share.ts';
import { meetings } from '../src/answer/meetings.ts';
import { restrictions } from '../src/answer/restrictions.ts';
import { source } from '../src/answer/source.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { factSchema, sourceSchema } from '../src/knowledge/schema.ts';
import { createSnapshot } from '../src/knowledge/snapshot.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import { resolveEntityOption } from '../commands/options.ts';
import { measureCharts, renderChartBench, type ChartBenchRow } from './bench-charts.ts';
import { buildQuerySet, generateCorpus, type AskClass } from './bench-corpus.ts';
import { measureDigests, renderDigestBench, type DigestBenchRow } from './bench-digest.ts';
import { measureDiscordLatency, renderDiscordLatency, type DiscordLatencyRow } from './bench-discord.ts';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..');
const DEFAULT_SIZES = [1_000, 10_000, 100_000];
/** "Now" for /meetings upcoming, fixed so runs compare. */
const NOW = new Date('2026-03-01T00:00:00Z');
const CHILD_TIMEOUT_MS = 9 * 60_000;
/** At most this many generated facts are schema-checked per size (all of them up to this size). */
const VALIDATE_LIMIT = 20_000;

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

interface Options {
  readonly json: boolean;
  readonly sizes: readonly number[];
  readonly queries: number | undefined;
  readonly budgetSeconds: number;
  readonly seed: number;
  readonly one: number | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  let json = false;
  let sizes: readonly number[] = DEFAULT_SIZES;
  let queries: number | undefined;
  let budgetSeconds = 20;
  let seed = 1;
  let one: number | undefined;
  const positive = (flag: string, value: string | undefined): number => {
    const n = Number(value?.replace(/_/g, ''));
    if (!Number.isFinite(n) || n <= 0) fail(`${flag} needs a positive number, got ${value ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--json':
        json = true;
        break;
      case '--sizes':
        sizes = (value() ?? '').split(',').filter(Boolean).map((s) => Math.round(positive('--sizes', s)));
        if (sizes.length === 0) fail('--sizes needs a list such as 1000,10000');
        break;
      case '--queries':
        queries = Math.round(positive('--queries', value()));
        break;
      case '--budget':
        budgetSeconds = positive('--budget', value());
        break;
      case '--seed':
        seed = Math.round(positive('--seed', value()));
        break;
      case '--one':
        one = Math.round(positive('--one', value()));
        break;
      case '--no-discord':
      case '--no-charts':
      case '--no-digests':
        // Read in main(): skip the Discord path, the charts or the digests measured after the corpus sizes.
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${usage()}\n`);
        process.exit(0);
        break;
      default:
        fail(`unknown option ${arg}\n${usage()}`);
    }
  }
  return { json, sizes, queries, budgetSeconds, seed, one };
}

function usage(): string {
  return 'usage: npm run bench -- [--json] [--sizes 1000,10000,100000] [--queries N] [--budget SECONDS] [--seed N] [--no-discord] [--no-charts] [--no-digests]';
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

interface KindStats {
  readonly p50: number;
  readonly p99: number;
  readonly p95: number;
  readonly mean: number;
  readonly max: number;
  /** Queries timed, and how many the kind has: fewer when sampled. */
  readonly count: number;
  readonly of: number;
  /** Timed calls that produced an answer (or, for autocomplete, at least one choice). */
  readonly answered: number;
}

const KINDS = [
  'ask',
  'autocomplete',
  'autocomplete-country',
  'autocomplete-material',
  'autocomplete-id',
  'country',
  'restrictions',
  'market-share',
  'meetings',
  'source',
] as const;
type Kind = (typeof KINDS)[number];

interface Miss {
  readonly query: string;
  readonly expected: string;
  readonly got: readonly string[];
}

type BenchRow = {
  readonly n: number;
  readonly sources: number;
  readonly buildMs: number;
  readonly heapUsedMB: number;
  readonly rssMB: number;
  /** Heap growth from building the index (after GC, corpus already in memory). */
  readonly indexHeapMB: number;
  readonly maxRssMB: number;
  readonly relevance: { readonly top1: number; readonly top3: number; readonly of: number; readonly misses: readonly Miss[] };
  readonly askByClass: Readonly<Record<AskClass, { readonly p50: number; readonly p99: number; readonly count: number }>>;
  readonly meta: {
    readonly seed: number;
    readonly generateMs: number;
    readonly validateMs: number;
    readonly validated: number;
    readonly snapshotMs: number;
    readonly rerolls: number;
    readonly gcExposed: boolean;
    readonly budgetSeconds: number;
    readonly queriesCap: number | null;
    readonly node: string;
    readonly cpus: number;
  };
} & { readonly [K in Kind]: KindStats };

// ---------------------------------------------------------------------------------------------
// One size, in this process
// ---------------------------------------------------------------------------------------------

function collectGarbage(): void {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
}

const MB = 1024 * 1024;
const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

function progress(n: number, message: string): void {
  process.stderr.write(`bench [${n.toLocaleString('en-US')}] ${message}\n`);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] as number;
}

function stats(durations: readonly number[], of: number, answered: number): KindStats {
  const sorted = [...durations].sort((a, b) => a - b);
  const mean = sorted.length === 0 ? 0 : sorted.reduce((sum, d) => sum + d, 0) / sorted.length;
  return {
    p50: round(percentile(sorted, 0.5)),
    p99: round(percentile(sorted, 0.99)),
    p95: round(percentile(sorted, 0.95)),
    mean: round(mean),
    max: round(sorted[sorted.length - 1] ?? 0),
    count: sorted.length,
    of,
    answered,
  };
}

function evenly<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)] as T);
}

interface Timed {
  /** Positions (in the kind's query list) of the queries timed, parallel to `durations`. */
  readonly positions: number[];
  readonly durations: number[];
  readonly answered: number;
  readonly of: number;
}

/**
 * Warm up on the kind's own queries, then time each call. If the warm-up says the whole set would
 * take longer than the budget, time an evenly spaced sample that fits it.
 */
function timeKind<T>(items: readonly T[], run: (item: T) => boolean, cap: number | undefined, budgetMs: number): Timed {
  collectGarbage();
  const all = items.map((_, position) => position);
  let selected = cap === undefined ? all : evenly(all, cap);
  // Warm up on queries spread over the whole list, so that the estimate below is representative.
  const warmOrder = evenly(selected, Math.min(30, selected.length));
  const warmStart = performance.now();
  const warmLimit = Math.min(2_000, budgetMs / 5);
  let warmCalls = 0;
  while (warmCalls < Math.min(30, 2 * selected.length) && (warmCalls === 0 || performance.now() - warmStart < warmLimit)) {
    run(items[warmOrder[warmCalls % warmOrder.length] as number] as T);
    warmCalls++;
  }
  const perCall = (performance.now() - warmStart) / Math.max(1, warmCalls);
  if (perCall * selected.length > budgetMs) selected = evenly(selected, Math.max(5, Math.floor(budgetMs / perCall)));
  collectGarbage();

  const durations: number[] = [];
  let answered = 0;
  const started = performance.now();
  const positions: number[] = [];
  for (const position of selected) {
    const item = items[position] as T;
    const t0 = process.hrtime.bigint();
    const ok = run(item);
    const t1 = process.hrtime.bigint();
    durations.push(Number(t1 - t0) / 1e6);
    positions.push(position);
    if (ok) answered++;
    // A safety net if the warm-up underestimated: never spend more than twice the budget.
    if (performance.now() - started > 2 * budgetMs && durations.length >= 5) break;
  }
  return { positions, durations, answered, of: items.length };
}

async function runOne(n: number, options: Options): Promise<BenchRow> {
  const budgetMs = options.budgetSeconds * 1000;
  const loaded = await loadKnowledge(path.join(ROOT, 'knowledge'));
  if (!loaded.ok) {
    throw new Error(`knowledge/ does not load: ${loaded.errors.slice(0, 3).map((e) => `${e.file}:${e.line} ${e.message}`).join('; ')}`);
  }
  const base = { countries: loaded.snapshot.countries, materials: loaded.snapshot.materials };

  progress(n, 'generating corpus');
  let t = performance.now();
  const corpus = generateCorpus(n, base, options.seed);
  const generateMs = performance.now() - t;

  t = performance.now();
  const toValidate = corpus.facts.length <= VALIDATE_LIMIT ? corpus.facts : evenly(corpus.facts, VALIDATE_LIMIT);
  const plantedIds = new Set(corpus.planted.map((p) => p.factId));
  const checked = [...toValidate, ...corpus.facts.filter((fact) => plantedIds.has(fact.id) && !toValidate.includes(fact))];
  for (const fact of checked) {
    const result = factSchema.safeParse(fact);
    if (!result.success) throw new Error(`generated fact ${fact.id} is invalid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  for (const src of corpus.sources) {
    const result = sourceSchema.safeParse(src);
    if (!result.success) throw new Error(`generated source ${src.id} is invalid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const ids = new Set(corpus.facts.map((fact) => fact.id));
  if (ids.size !== corpus.facts.length) throw new Error('generated fact ids are not unique');
  const validateMs = performance.now() - t;

  t = performance.now();
  const snapshot = createSnapshot({
    version: `bench-${n}-${options.seed}`,
    loadedAt: new Date(),
    facts: corpus.facts,
    sources: corpus.sources,
    countries: loaded.snapshot.countries,
    materials: loaded.snapshot.materials,
    origins: new Map(),
  });
  const snapshotMs = performance.now() - t;

  progress(n, `building index (${corpus.rerolls} random facts re-rolled away from planted queries)`);
  collectGarbage();
  const before = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  const index = new SearchIndex(snapshot);
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
  collectGarbage();
  const after = process.memoryUsage();
  progress(n, `index built in ${buildMs.toFixed(0)} ms; heap ${(after.heapUsed / MB).toFixed(1)} MB, RSS ${(after.rss / MB).toFixed(0)} MB`);

  const queries = buildQuerySet(base, corpus, options.seed);
  const isAnswer = (status: string) => status === 'answered';
  /** An option as the slash command resolves it: a code, or the command's "unknown country" answer. */
  const resolve = (type: 'country' | 'material', command: string, option: string, input: string) =>
    resolveEntityOption(index, type, command, option, input);

  const timed = new Map<Kind, Timed>();
  const measure = <T>(kind: Kind, items: readonly T[], run: (item: T) => boolean) => {
    progress(n, `timing ${kind} (${items.length} queries)`);
    timed.set(kind, timeKind(items, run, options.queries, budgetMs));
  };

  const askItems = queries.ask;
  measure('ask', askItems, (q) => isAnswer(ask(index, q.text).status));
  measure('autocomplete-country', queries.completeCountry, (prefix) => index.completeEntity('country', prefix).length > 0);
  measure('autocomplete-material', queries.completeMaterial, (prefix) => index.completeEntity('material', prefix).length > 0);
  measure('autocomplete-id', queries.completeId, (prefix) => index.completeId(prefix).length > 0);
  // Structured commands: the typed option is resolved as the command resolves it (code, name, alias or
  // near-miss; otherwise an "unknown" answer with suggestions), then answered.
  measure('country', queries.country, (input) => {
    const resolved = resolve('country', 'country', 'name', input);
    return resolved.ok && isAnswer(country(snapshot, resolved.code, NOW).status);
  });
  measure('restrictions', queries.restrictions, (input) => {
    const countryOption = input.country !== undefined ? resolve('country', 'restrictions', 'country', input.country) : undefined;
    if (countryOption && !countryOption.ok) return false;
    const materialOption = input.material !== undefined ? resolve('material', 'restrictions', 'material', input.material) : undefined;
    if (materialOption && !materialOption.ok) return false;
    const filter = {
      ...(countryOption?.ok ? { country: countryOption.code } : {}),
      ...(materialOption?.ok ? { material: materialOption.code } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.since !== undefined ? { since: input.since } : {}),
    };
    return isAnswer(restrictions(snapshot, filter, NOW).status);
  });
  measure('market-share', queries.marketShare, (input) => {
    const materialOption = input.material !== undefined ? resolve('material', 'market-share', 'material', input.material) : undefined;
    if (materialOption && !materialOption.ok) return false;
    return isAnswer(
      marketShare(snapshot, {
        stage: input.stage,
        ...(materialOption?.ok ? { material: materialOption.code } : {}),
        ...(input.year !== undefined ? { year: input.year } : {}),
        asOfYear: NOW.getUTCFullYear(),
      }).status,
    );
  });
  measure('meetings', queries.meetings, (input) => {
    const countryOption = input.country !== undefined ? resolve('country', 'meetings', 'country', input.country) : undefined;
    if (countryOption && !countryOption.ok) return false;
    return isAnswer(meetings(snapshot, { ...(countryOption?.ok ? { country: countryOption.code } : {}), upcoming: input.upcoming ?? false }, NOW).status);
  });
  measure('source', queries.source, (id) => isAnswer(source(index, id, NOW).status));

  progress(n, 'relevance on planted questions');
  const misses: Miss[] = [];
  let top1 = 0;
  let top3 = 0;
  for (const planted of corpus.planted) {
    const got = ask(index, planted.query).answers.map((item) => item.factId);
    if (got[0] === planted.factId) top1++;
    if (got.slice(0, 3).includes(planted.factId)) top3++;
    else misses.push({ query: planted.query, expected: planted.factId, got: got.slice(0, 3) });
  }

  const kindStats = (kind: Kind): KindStats => {
    const entry = timed.get(kind);
    return entry ? stats(entry.durations, entry.of, entry.answered) : stats([], 0, 0);
  };
  const parts = (['autocomplete-country', 'autocomplete-material', 'autocomplete-id'] as const).map((kind) => timed.get(kind) as Timed);
  const autocomplete = stats(
    parts.flatMap((p) => p.durations),
    parts.reduce((sum, p) => sum + p.of, 0),
    parts.reduce((sum, p) => sum + p.answered, 0),
  );

  // Ask latency by query class; each timed ask call is matched back to its query by position.
  const askTimed = timed.get('ask') as Timed;
  const classes: AskClass[] = ['planted', 'question', 'long', 'keywords', 'prefix'];
  const byClass = Object.fromEntries(
    classes.map((cls) => {
      const durations = askTimed.durations.filter((_, i) => askItems[askTimed.positions[i] as number]?.cls === cls);
      const s = stats(durations, 0, 0);
      return [cls, { p50: s.p50, p99: s.p99, count: s.count }];
    }),
  ) as BenchRow['askByClass'];

  return {
    n,
    sources: corpus.sources.length,
    buildMs: round(buildMs, 1),
    heapUsedMB: round(after.heapUsed / MB, 1),
    rssMB: round(after.rss / MB, 1),
    indexHeapMB: round((after.heapUsed - before.heapUsed) / MB, 1),
    maxRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
    relevance: { top1, top3, of: corpus.planted.length, misses },
    ask: kindStats('ask'),
    autocomplete,
    'autocomplete-country': kindStats('autocomplete-country'),
    'autocomplete-material': kindStats('autocomplete-material'),
    'autocomplete-id': kindStats('autocomplete-id'),
    country: kindStats('country'),
    restrictions: kindStats('restrictions'),
    'market-share': kindStats('market-share'),
    meetings: kindStats('meetings'),
    source: kindStats('source'),
    askByClass: byClass,
    meta: {
      seed: options.seed,
      generateMs: round(generateMs, 1),
      validateMs: round(validateMs, 1),
      validated: checked.length,
      snapshotMs: round(snapshotMs, 1),
      rerolls: corpus.rerolls,
      gcExposed: typeof globalThis.gc === 'function',
      budgetSeconds: options.budgetSeconds,
      queriesCap: options.queries ?? null,
      node: process.version,
      cpus: os.availableParallelism(),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// All sizes, one child process each
// ---------------------------------------------------------------------------------------------

function runChild(n: number, options: Options): BenchRow {
  const args = [
    ...process.execArgv.filter((arg) => arg !== '--expose-gc'),
    '--expose-gc',
    SCRIPT,
    '--one',
    String(n),
    '--seed',
    String(options.seed),
    '--budget',
    String(options.budgetSeconds),
    ...(options.queries !== undefined ? ['--queries', String(options.queries)] : []),
  ];
  const child = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * MB,
    timeout: CHILD_TIMEOUT_MS,
  });
  if (child.error) throw new Error(`the ${n}-fact run failed to start or timed out: ${child.error.message}`);
  if (child.status !== 0) throw new Error(`the ${n}-fact run exited with ${child.status ?? child.signal}`);
  const line = child.stdout.trim().split('\n').pop() ?? '';
  const parsed: unknown = JSON.parse(line);
  if (typeof parsed !== 'object' || parsed === null || !('n' in parsed) || parsed.n !== n) {
    throw new Error(`the ${n}-fact run printed no result row`);
  }
  return parsed as BenchRow;
}

function fmtMs(value: number): string {
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return Math.round(value).toLocaleString('en-US');
}

function fmtInt(value: number): string {
  return value.toLocaleString('en-US');
}

const LABEL_WIDTH = 30;
const CELL_WIDTH = 34;

function tableLine(label: string, cells: readonly string[]): string {
  return label.padEnd(LABEL_WIDTH) + cells.map((cell) => cell.padStart(CELL_WIDTH)).join('');
}

const KIND_LABELS: Readonly<Record<Kind, string>> = {
  ask: 'ask',
  autocomplete: 'autocomplete (all)',
  'autocomplete-country': '  country names',
  'autocomplete-material': '  material names',
  'autocomplete-id': '  fact/source ids',
  country: '/country',
  restrictions: '/restrictions',
  'market-share': '/market-share',
  meetings: '/meetings',
  source: '/source',
};

function renderTable(rows: readonly BenchRow[], options: Options): string {
  const first = rows[0];
  const out: string[] = [];
  out.push(
    `rare-earth-bot search benchmark · Node ${first?.meta.node ?? process.version} · ${first?.meta.cpus ?? os.availableParallelism()} CPUs · seed ${options.seed}` +
      ` · per-kind timing budget ${options.budgetSeconds} s${options.queries !== undefined ? ` · at most ${options.queries} queries per kind` : ''}`,
  );
  out.push('');
  out.push(tableLine('corpus size (facts)', rows.map((r) => fmtInt(r.n))));
  out.push(tableLine('  sources', rows.map((r) => fmtInt(r.sources))));
  out.push(tableLine('  generate / snapshot (ms)', rows.map((r) => `${fmtMs(r.meta.generateMs)} / ${fmtMs(r.meta.snapshotMs)}`)));
  out.push(tableLine('index build: new SearchIndex', rows.map((r) => `${fmtMs(r.buildMs)} ms`)));
  out.push(tableLine('heap used after build', rows.map((r) => `${r.heapUsedMB.toFixed(1)} MB`)));
  out.push(tableLine('  growth from the index', rows.map((r) => `${r.indexHeapMB.toFixed(1)} MB`)));
  out.push(tableLine('RSS after build', rows.map((r) => `${r.rssMB.toFixed(0)} MB`)));
  out.push(tableLine('peak RSS of the run', rows.map((r) => `${r.maxRssMB.toFixed(0)} MB`)));
  out.push(tableLine('relevance top-1 / top-3', rows.map((r) => `${r.relevance.top1} / ${r.relevance.top3} of ${r.relevance.of}`)));
  out.push('');
  out.push(tableLine('latency ms: p50 / p99 / mean', rows.map(() => '(queries timed)')));
  for (const kind of KINDS) {
    out.push(
      tableLine(
        KIND_LABELS[kind],
        rows.map((r) => {
          const s = r[kind];
          const sampled = s.count < s.of ? ` (${s.count}/${s.of})` : ` (${s.count})`;
          return `${fmtMs(s.p50)} / ${fmtMs(s.p99)} / ${fmtMs(s.mean)}${sampled}`;
        }),
      ),
    );
    if (kind === 'ask') {
      for (const cls of ['planted', 'question', 'long', 'keywords', 'prefix'] as const) {
        out.push(
          tableLine(
            `  ${cls}`,
            rows.map((r) => {
              const c = r.askByClass[cls];
              return c.count > 0 ? `${fmtMs(c.p50)} / ${fmtMs(c.p99)} (${c.count})` : '-';
            }),
          ),
        );
      }
    }
  }
  out.push(tableLine('answered (timed calls)', rows.map(() => '')));
  for (const kind of ['ask', 'country', 'restrictions', 'market-share', 'meetings', 'source'] as const) {
    out.push(tableLine(`  ${KIND_LABELS[kind].trim()}`, rows.map((r) => `${r[kind].answered}/${r[kind].count}`)));
  }

  const notes: string[] = [];
  for (const r of rows) {
    const sampled = KINDS.filter((kind) => kind !== 'autocomplete' && r[kind].count < r[kind].of);
    if (sampled.length > 0) {
      notes.push(
        `At ${fmtInt(r.n)} facts, fewer queries were timed (evenly spaced sample) for: ${sampled
          .map((kind) => `${kind} ${r[kind].count} of ${r[kind].of}`)
          .join(', ')}${options.queries === undefined ? ` (a full pass would exceed the ${options.budgetSeconds} s budget)` : ' (--queries)'}.`,
      );
    }
    if (r.relevance.misses.length > 0) {
      notes.push(
        `Planted questions missed in the top 3 at ${fmtInt(r.n)}: ${r.relevance.misses
          .map((m) => `"${m.query}" → ${m.got.length > 0 ? m.got.join(', ') : 'no answer'}`)
          .join('; ')}.`,
      );
    }
    if (!r.meta.gcExposed) notes.push(`At ${fmtInt(r.n)} GC was not exposed, so memory readings include garbage.`);
  }
  out.push('');
  out.push('Latency in ms per call, timed after a warm-up; (n) = queries timed, (k/n) = an evenly spaced sample of n. Ask classes');
  out.push('show p50 / p99. Structured answers resolve the typed option (with typos) as the slash command does, then answer.');
  out.push('Memory is read after a forced GC with the corpus in memory; "growth from the index" is the heap added by new SearchIndex.');
  if (notes.length > 0) {
    out.push('');
    for (const note of notes) out.push(`- ${note}`);
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.one !== undefined) {
    const row = await runOne(options.one, options);
    process.stdout.write(`${JSON.stringify(row)}\n`);
    return;
  }
  const rows: BenchRow[] = [];
  const started = performance.now();
  for (const n of options.sizes) {
    process.stderr.write(`bench: ${fmtInt(n)} facts, fresh process\n`);
    rows.push(runChild(n, options));
  }
  const discord = process.argv.includes('--no-discord') ? undefined : await measureDiscordLatency();
  const charts = process.argv.includes('--no-charts') ? undefined : await measureCharts();
  const digestSizes = options.sizes.filter((n) => n <= 10_000);
  const digests = process.argv.includes('--no-digests') || digestSizes.length === 0 ? undefined : await measureDigests(digestSizes);
  process.stderr.write(`bench: done in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  const all: Array<BenchRow | DiscordLatencyRow | ChartBenchRow | { digests: DigestBenchRow }> = [
    ...rows,
    ...(discord ? [discord] : []),
    ...(charts ? [charts] : []),
    ...(digests ?? []).map((row) => ({ digests: row })),
  ];
  if (options.json) process.stdout.write(`[\n${all.map((row) => JSON.stringify(row)).join(',\n')}\n]\n`);
  else {
    process.stdout.write(
      `${renderTable(rows, options)}\n${discord ? `\n${renderDiscordLatency(discord)}\n` : ''}${charts ? `\n${renderChartBench(charts)}\n` : ''}${digests ? `${renderDigestBench(digests)}\n` : ''}`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
