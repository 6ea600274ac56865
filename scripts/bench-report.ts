/**
 * The comparison with FlexSearch and MiniSearch, and the event-loop section, of `npm run bench`:
 * what goes into the JSON document (ratios and growth exponents worked out here) and the text.
 */
import type { LiveRow, ReloadMeasure } from './bench-live.ts';
import type { LoopDelay } from './bench-loop.ts';
import { RIVAL_CONFIGS, type RivalEngine, type RivalRow } from './bench-rivals.ts';
import type { SearchRow } from './bench-search.ts';
import { fmtGrowth, fmtInt, fmtMs } from './bench-search-table.ts';
import { growth, round, type Growth } from './bench-stats.ts';

const ENGINES: readonly RivalEngine['name'][] = ['flexsearch', 'minisearch'];

export interface EngineFigures {
  readonly buildMs: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly timed: number;
  readonly top1: number;
  readonly top3: number;
  readonly of: number;
}

export interface RivalFigures extends EngineFigures {
  readonly indexHeapMB: number;
  /** The engine's latency divided by this library's: below 1 the engine is faster. */
  readonly oursOverTheirs: { readonly p50: number; readonly p99: number };
  readonly missed: readonly string[];
}

export interface ComparisonRow {
  readonly n: number;
  readonly corpus: string;
  readonly ours: EngineFigures;
  readonly flexsearch?: RivalFigures;
  readonly minisearch?: RivalFigures;
}

export interface Comparison {
  readonly queries: string;
  readonly configs: Readonly<Record<RivalEngine['name'], string>>;
  readonly rows: readonly ComparisonRow[];
  readonly growth: Readonly<Record<'ours' | RivalEngine['name'], { readonly p50: Growth; readonly p99: Growth }>>;
}

const ratio = (ours: number, theirs: number): number => (theirs > 0 ? round(ours / theirs, 2) : 0);

export function compare(search: readonly SearchRow[], rivals: readonly RivalRow[]): Comparison {
  const rows = search.map((row): ComparisonRow => {
    const ours: EngineFigures = {
      buildMs: row.buildMs,
      p50: row.ask.p50,
      p99: row.ask.p99,
      mean: row.ask.mean,
      timed: row.ask.count,
      top1: row.relevance.top1,
      top3: row.relevance.top3,
      of: row.relevance.of,
    };
    const figures = (engine: RivalEngine['name']): RivalFigures | undefined => {
      const rival = rivals.find((r) => r.n === row.n && r.engine === engine);
      if (!rival) return undefined;
      if (rival.corpus !== row.corpus) throw new Error(`${engine} at ${row.n} saw corpus ${rival.corpus}, the engine ${row.corpus}`);
      return {
        buildMs: rival.buildMs,
        indexHeapMB: rival.indexHeapMB,
        p50: rival.ask.p50,
        p99: rival.ask.p99,
        mean: rival.ask.mean,
        timed: rival.ask.count,
        top1: rival.relevance.top1,
        top3: rival.relevance.top3,
        of: rival.relevance.of,
        oursOverTheirs: { p50: ratio(row.ask.p50, rival.ask.p50), p99: ratio(row.ask.p99, rival.ask.p99) },
        missed: rival.relevance.misses.map((miss) => miss.query),
      };
    };
    const flexsearch = figures('flexsearch');
    const minisearch = figures('minisearch');
    return { n: row.n, corpus: row.corpus, ours, ...(flexsearch ? { flexsearch } : {}), ...(minisearch ? { minisearch } : {}) };
  });
  const growthOf = (pick: (row: ComparisonRow) => EngineFigures | undefined) => {
    const points = rows.flatMap((row) => {
      const figures = pick(row);
      return figures ? [{ n: row.n, p50: figures.p50, p99: figures.p99 }] : [];
    });
    return { p50: growth(points.map((p) => ({ n: p.n, ms: p.p50 }))), p99: growth(points.map((p) => ({ n: p.n, ms: p.p99 }))) };
  };
  return {
    queries: "the engine's ask query set (planted, questions, long, keywords with typos, prefixes); each library returns its top 25 ids",
    configs: RIVAL_CONFIGS,
    rows,
    growth: { ours: growthOf((row) => row.ours), flexsearch: growthOf((row) => row.flexsearch), minisearch: growthOf((row) => row.minisearch) },
  };
}

export function renderComparison(comparison: Comparison): string {
  const header = ['facts', 'engine', 'build', 'p50 ms', 'p99 ms', 'ours/theirs p50', 'p99', 'top-1 / top-3'];
  const widths = [9, 12, 10, 9, 9, 17, 7, 15];
  const line = (cells: readonly string[]) => `  ${cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join(' ')}`;
  const out = [
    'Beside FlexSearch and MiniSearch (same generated corpus and ask queries; the engine in its own process, the libraries one after the other in another; relevance on the planted questions):',
    line(header),
  ];
  for (const row of comparison.rows) {
    const cells = (name: string, figures: EngineFigures, rival?: RivalFigures) => [
      name === 'ours' ? fmtInt(row.n) : '',
      name,
      `${fmtMs(figures.buildMs)} ms`,
      fmtMs(figures.p50),
      fmtMs(figures.p99),
      rival ? rival.oursOverTheirs.p50.toFixed(2) : '',
      rival ? rival.oursOverTheirs.p99.toFixed(2) : '',
      `${figures.top1} / ${figures.top3} of ${figures.of}`,
    ];
    out.push(line(cells('ours', row.ours)));
    for (const engine of ENGINES) {
      const figures = row[engine];
      if (figures) out.push(line(cells(engine, figures, figures)));
    }
  }
  out.push(`  growth exponent of p50 / p99 (fitted${comparison.growth.ours.p50.from1kTo100k !== null ? '; 1k→100k' : ''}):`);
  for (const engine of ['ours', ...ENGINES] as const) {
    out.push(`    ${engine.padEnd(11)} p50 ${fmtGrowth(comparison.growth[engine].p50)}; p99 ${fmtGrowth(comparison.growth[engine].p99)}`);
  }
  out.push('  Configurations (as each README recommends for typo-tolerant multi-field search):');
  for (const engine of ENGINES) out.push(`    ${comparison.configs[engine]}`);
  return out.join('\n');
}

function loopText(loop: LoopDelay): string {
  return `loop max ${fmtMs(loop.maxMs)} ms (probe ${fmtMs(loop.probeMaxMs)} ms)`;
}

function reloadText(reload: ReloadMeasure): string {
  const recording = reload.recordChangesMs > 0 ? `; of it, recording changes for digests ${fmtMs(reload.recordChangesMs)} ms` : '';
  return `${(reload.ms / 1000).toFixed(1)} s, ${reload.changed ? 'new index' : 'unchanged, index kept'}; ${loopText(reload.loop)}${recording}`;
}

export function renderLive(rows: readonly LiveRow[]): string {
  const out = [
    'Event loop in the running bot (launchBot ↔ loopback Discord server; the corpus as YAML files; "loop max" = the longest block,',
    'perf_hooks.monitorEventLoopDelay at 1 ms and a 1 ms setInterval probe):',
  ];
  for (const row of rows) {
    const burst = row.concurrentAsks;
    out.push(
      `  ${fmtInt(row.n)} facts: ${row.folder.files} files, ${row.folder.MB} MB (largest ${row.folder.largestMB} MB); bot start ${(row.startMs / 1000).toFixed(1)} s; idle ${loopText(row.idle)}`,
      `    ${burst.sent} concurrent /ask      ${burst.answered}/${burst.sent} answered within 3 s, replies p50 ${fmtMs(burst.p50Ms)} ms, last ${fmtMs(burst.lastMs)} ms; ${loopText(burst.loop)}`,
      `    reload after one edit   ${reloadText(row.reload)}`,
      `    unchanged reload        ${reloadText(row.unchangedReload)}`,
    );
  }
  return out.join('\n');
}
