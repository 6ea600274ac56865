/**
 * Issue 14's "done when", read off a run of `npm run bench`: each target with the figure measured
 * and whether it is met, or that this run did not measure it (a size or section left out).
 * Relevance "not lower at any size" needs a run from before to compare with, so it is not judged here;
 * the relevance figures are in the search and rivals sections.
 */
import type { LiveRow } from './bench-live.ts';
import type { Comparison } from './bench-report.ts';
import type { SearchRow } from './bench-search.ts';
import type { Growth } from './bench-stats.ts';

export interface Target {
  readonly target: string;
  /** The figure measured (ms, or an exponent); null when this run did not measure it. */
  readonly value: number | null;
  /** Null when the limit itself comes from a figure this run did not measure. */
  readonly limit: number | null;
  readonly met: boolean | null;
}

export interface TargetInputs {
  readonly search: readonly SearchRow[];
  readonly growth: { readonly p50: Growth; readonly p99: Growth };
  readonly rivals: Comparison | undefined;
  readonly live: readonly LiveRow[] | undefined;
}

function target(name: string, value: number | null | undefined, limit: number | null | undefined, extra = true): Target {
  const measured = value ?? null;
  const bound = limit ?? null;
  return { target: name, value: measured, limit: bound, met: measured === null || bound === null ? null : measured <= bound && extra };
}

export function issue14Targets(inputs: TargetInputs): Target[] {
  const at = (n: number) => inputs.search.find((row) => row.n === n);
  const flexAt100k = inputs.rivals?.rows.find((row) => row.n === 100_000)?.flexsearch;
  const live100k = inputs.live?.find((row) => row.n === 100_000);
  const burst = live100k?.concurrentAsks;
  return [
    target('100k ask p99 (ms)', at(100_000)?.ask.p99, 40),
    target("100k ask p50 (ms) ≤ FlexSearch's in the same run", at(100_000)?.ask.p50, flexAt100k?.p50),
    target('10k ask p99 (ms)', at(10_000)?.ask.p99, 10),
    target('ask p50 growth exponent 1k→100k', inputs.growth.p50.from1kTo100k, 0.5),
    target('event-loop max delay during a reload after an edit at 100k (ms)', live100k?.reload.loop.maxMs, 50),
    target(
      `event-loop max delay during ${burst?.sent ?? 50} concurrent /ask at 100k, all answered (ms)`,
      burst?.loop.maxMs,
      200,
      burst !== undefined && burst.answered === burst.sent,
    ),
  ];
}

export function renderTargets(targets: readonly Target[]): string {
  const lines = targets.map((t) => {
    const verdict = t.met === null ? 'not measured in this run' : `${t.met ? 'met' : 'NOT met'} (${t.value}; limit ${t.limit})`;
    return `  ${t.target.padEnd(78)} ${verdict}`;
  });
  return ['Issue 14 targets:', ...lines].join('\n');
}
