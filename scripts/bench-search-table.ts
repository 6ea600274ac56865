/**
 * The engine's section of `npm run bench` as a readable table: one column per corpus size, then the
 * growth exponents of ask latency and the notes (sampled kinds, planted questions missed).
 */
import os from 'node:os';
import { ASK_CLASSES, KINDS, type Kind, type SearchRow } from './bench-search.ts';
import type { Growth } from './bench-stats.ts';

const LABEL_WIDTH = 30;
const CELL_WIDTH = 34;

export function fmtMs(value: number): string {
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return Math.round(value).toLocaleString('en-US');
}

export function fmtInt(value: number): string {
  return value.toLocaleString('en-US');
}

export function fmtGrowth(growth: Growth): string {
  const fitted = growth.fitted === null ? 'n/a (one size)' : growth.fitted.toFixed(2);
  const span = growth.from1kTo100k === null ? '' : `; 1k→100k ${growth.from1kTo100k.toFixed(2)}`;
  return `${fitted}${span}`;
}

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

export interface TableSettings {
  readonly seed: number;
  readonly budgetSeconds: number;
  readonly queries: number | undefined;
}

export function renderSearchTable(rows: readonly SearchRow[], growth: { readonly p50: Growth; readonly p99: Growth }, settings: TableSettings): string {
  const first = rows[0];
  const out: string[] = [];
  out.push(
    `rare-earth-bot search benchmark · Node ${first?.meta.node ?? process.version} · ${first?.meta.cpus ?? os.availableParallelism()} CPUs · seed ${settings.seed}` +
      ` · per-kind timing budget ${settings.budgetSeconds} s${settings.queries !== undefined ? ` · at most ${settings.queries} queries per kind` : ''}`,
  );
  out.push('');
  // One row per measure: its label and the cell it shows for each corpus size.
  const measures: ReadonlyArray<readonly [string, (row: SearchRow) => string]> = [
    ['corpus size (facts)', (r) => fmtInt(r.n)],
    ['  sources', (r) => fmtInt(r.sources)],
    ['  generate / snapshot (ms)', (r) => `${fmtMs(r.meta.generateMs)} / ${fmtMs(r.meta.snapshotMs)}`],
    ['index build: new SearchIndex', (r) => `${fmtMs(r.buildMs)} ms`],
    ['heap used after build', (r) => `${r.heapUsedMB.toFixed(1)} MB`],
    ['  growth from the index', (r) => `${r.indexHeapMB.toFixed(1)} MB`],
    ['RSS after build', (r) => `${r.rssMB.toFixed(0)} MB`],
    ['peak RSS of the run', (r) => `${r.maxRssMB.toFixed(0)} MB`],
    ['relevance top-1 / top-3', (r) => `${r.relevance.top1} / ${r.relevance.top3} of ${r.relevance.of}`],
  ];
  for (const [label, cell] of measures) out.push(tableLine(label, rows.map(cell)));
  out.push('');
  out.push(
    tableLine(
      'latency ms: p50 / p99 / mean',
      rows.map(() => '(queries timed)'),
    ),
  );
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
      for (const cls of ASK_CLASSES) {
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
  out.push(
    tableLine(
      'answered (timed calls)',
      rows.map(() => ''),
    ),
  );
  for (const kind of ['ask', 'country', 'restrictions', 'market-share', 'meetings', 'source'] as const) {
    out.push(
      tableLine(
        `  ${KIND_LABELS[kind].trim()}`,
        rows.map((r) => `${r[kind].answered}/${r[kind].count}`),
      ),
    );
  }
  out.push('');
  out.push(`ask growth exponent (least-squares slope of log latency on log facts): p50 ${fmtGrowth(growth.p50)}; p99 ${fmtGrowth(growth.p99)}`);

  const notes: string[] = [];
  for (const r of rows) {
    const sampled = KINDS.filter((kind) => kind !== 'autocomplete' && r[kind].count < r[kind].of);
    if (sampled.length > 0) {
      notes.push(
        `At ${fmtInt(r.n)} facts, fewer queries were timed (evenly spaced sample) for: ${sampled
          .map((kind) => `${kind} ${r[kind].count} of ${r[kind].of}`)
          .join(', ')}${settings.queries === undefined ? ` (a full pass would exceed the ${settings.budgetSeconds} s budget)` : ' (--queries)'}.`,
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
