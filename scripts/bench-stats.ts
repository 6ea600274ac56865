/**
 * Timing and statistics shared by the sections of `npm run bench`: percentiles, the budgeted timing
 * loop (warm up, then time every call or an evenly spaced sample that fits the budget), and the
 * growth exponent of latency against corpus size.
 */

export interface KindStats {
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

export interface Timed {
  /** Positions (in the kind's query list) of the queries timed, parallel to `durations`. */
  readonly positions: number[];
  readonly durations: number[];
  readonly answered: number;
  readonly of: number;
}

export const MB = 1024 * 1024;

export const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

export function collectGarbage(): void {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] as number;
}

export function stats(durations: readonly number[], of: number, answered: number): KindStats {
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

export function evenly<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)] as T);
}

/**
 * Warm up on the kind's own queries, then time each call. If the warm-up says the whole set would
 * take longer than the budget, time an evenly spaced sample that fits it.
 */
export function timeKind<T>(items: readonly T[], run: (item: T) => boolean, cap: number | undefined, budgetMs: number): Timed {
  collectGarbage();
  const all = items.map((_, position) => position);
  let selected = cap === undefined ? all : evenly(all, cap);
  // Warm up on queries spread over the whole list, so that the estimate below is representative.
  const warmOrder = evenly(selected, Math.min(30, selected.length));
  const warmStart = performance.now();
  const warmLimit = Math.min(2_000, budgetMs / 5);
  const warmDurations: number[] = [];
  while (warmDurations.length < Math.min(30, 2 * selected.length) && (warmDurations.length === 0 || performance.now() - warmStart < warmLimit)) {
    const t0 = performance.now();
    run(items[warmOrder[warmDurations.length % warmOrder.length] as number] as T);
    warmDurations.push(performance.now() - t0);
  }
  // The first calls pay for compilation (and, on a big heap, the first major GC): the cost of a
  // warm call is estimated from the later half of the warm-up, so a slow start does not shrink the sample.
  const later = warmDurations.slice(Math.floor(warmDurations.length / 2));
  const perCall = later.reduce((sum, d) => sum + d, 0) / Math.max(1, later.length);
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

export interface Growth {
  /** Least-squares slope of log(latency) against log(facts) over every size run (null with fewer than 2). */
  readonly fitted: number | null;
  /** The slope between 1,000 and 100,000 facts alone, when both ran (issue 14's target: ≤ 0.5). */
  readonly from1kTo100k: number | null;
  readonly sizes: readonly number[];
}

/** How latency grows with the corpus: 1 is linear, 0.5 grows with the square root, 0 is flat. */
export function growth(points: ReadonlyArray<{ readonly n: number; readonly ms: number }>): Growth {
  const usable = points.filter((point) => point.n > 0 && point.ms > 0);
  const xs = usable.map((point) => Math.log(point.n));
  const ys = usable.map((point) => Math.log(point.ms));
  let fitted: number | null = null;
  if (usable.length >= 2) {
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const sxy = xs.reduce((sum, x, i) => sum + (x - mx) * ((ys[i] as number) - my), 0);
    const sxx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
    fitted = sxx > 0 ? round(sxy / sxx) : null;
  }
  const at = (n: number) => usable.find((point) => point.n === n)?.ms;
  const low = at(1_000);
  const high = at(100_000);
  return {
    fitted,
    from1kTo100k: low !== undefined && high !== undefined ? round(Math.log(high / low) / Math.log(100)) : null,
    sizes: usable.map((point) => point.n),
  };
}
