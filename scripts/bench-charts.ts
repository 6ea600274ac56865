/**
 * Charts, measured: each kind of chart rendered from the shipped knowledge, start to finish
 * (chart data from the Answer, layout, painting, PNG encoding), timed after a warm-up, with the
 * PNG's size and dimensions. The budget (issue 7) is under 100 ms and under 500 KB per chart.
 * Run by `npm run bench` after the corpus sizes (skip with --no-charts), or alone:
 * `tsx scripts/bench-charts.ts [--json] [--runs N]`.
 */
import { renderChart } from '../src/charts/charts.ts';
import { runLine } from '../src/console/run-line.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { SearchIndex } from '../src/search/search-index.ts';

/** The command lines whose charts are timed: one of each kind, and the largest timeline. */
const LINES = ['/market-share stage:mining', '/market-share stage:refining', '/country name:China', '/restrictions', '/restrictions country:China material:Dy'] as const;
const WARM_UP = 5;
const BUDGET_MS = 100;
const BUDGET_BYTES = 500 * 1024;

export interface ChartBenchRow {
  readonly n: 'charts';
  readonly runs: number;
  readonly charts: readonly {
    readonly line: string;
    readonly kind: string;
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
    readonly bytes: number;
    readonly width: number;
    readonly height: number;
  }[];
}

export async function measureCharts(runs = 100, now = new Date('2026-03-01T00:00:00Z')): Promise<ChartBenchRow> {
  const loaded = await loadKnowledge('knowledge');
  if (!loaded.ok) throw new Error('the shipped knowledge does not load; run npm run kb:check');
  const index = new SearchIndex(loaded.snapshot);
  const context = { snapshot: loaded.snapshot, now };
  const charts: ChartBenchRow['charts'][number][] = [];
  for (const line of LINES) {
    const answer = await runLine(line, { index, now });
    for (let i = 0; i < WARM_UP; i++) await renderChart(answer, context);
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof renderChart>>;
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      last = await renderChart(answer, context);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    if (!last) throw new Error(`${line} has no chart`);
    times.sort((a, b) => a - b);
    const at = (q: number) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))] as number);
    charts.push({ line, kind: last.kind, p50: at(0.5), p99: at(0.99), max: round(times.at(-1) as number), bytes: last.png.length, width: last.width, height: last.height });
  }
  return { n: 'charts', runs, charts };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function renderChartBench(row: ChartBenchRow): string {
  const width = Math.max(...row.charts.map((chart) => chart.line.length));
  const lines = row.charts.map((chart) => {
    const over = [chart.p99 >= BUDGET_MS ? `p99 over ${BUDGET_MS} ms` : '', chart.bytes >= BUDGET_BYTES ? 'over 500 KB' : ''].filter(Boolean).join(', ');
    return `  ${chart.line.padEnd(width)}  p50 ${chart.p50.toFixed(1).padStart(5)} ms  p99 ${chart.p99.toFixed(1).padStart(5)} ms  max ${chart.max.toFixed(1).padStart(5)} ms  ${(chart.bytes / 1024).toFixed(0).padStart(4)} KB  ${chart.width}×${chart.height}${over ? `  ← ${over}` : ''}`;
  });
  return [`Charts (shipped knowledge, ${row.runs} renders each after a warm-up: Answer → PNG; budget < ${BUDGET_MS} ms, < 500 KB):`, ...lines].join('\n');
}

if (process.argv[1]?.endsWith('bench-charts.ts')) {
  const json = process.argv.includes('--json');
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 100;
  measureCharts(runs).then(
    (row) => process.stdout.write(`${json ? JSON.stringify(row) : renderChartBench(row)}\n`),
    (error: unknown) => {
      process.stderr.write(`bench-charts: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
