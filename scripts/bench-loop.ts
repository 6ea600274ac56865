/**
 * How long the event loop was blocked while something ran: what every other interaction, gateway
 * heartbeat and timer of the bot waited. Two instruments, both in milliseconds:
 *
 * - `perf_hooks.monitorEventLoopDelay` at 1 ms resolution (libuv's own timer; max, p99, mean);
 * - a `setInterval(…, 1)` probe in JavaScript: the longest gap between two of its ticks beyond the
 *   1 ms asked for, so a block between two samples of the histogram cannot be missed.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { round } from './bench-stats.ts';

export interface LoopDelay {
  /** Wall time the watch covered. */
  readonly ms: number;
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly probeMaxMs: number;
}

export interface LoopWatch {
  stop(): LoopDelay;
}

export function watchLoop(): LoopWatch {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const started = performance.now();
  let last = started;
  let probeMax = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    probeMax = Math.max(probeMax, now - last - 1);
    last = now;
  }, 1);
  return {
    stop() {
      const now = performance.now();
      // The gap since the last tick counts too: a block right before stop() is still a block.
      probeMax = Math.max(probeMax, now - last - 1);
      clearInterval(probe);
      histogram.disable();
      const ns = (value: number) => round(Number.isFinite(value) ? value / 1e6 : 0, 1);
      return {
        ms: round(now - started, 1),
        maxMs: ns(histogram.max),
        p99Ms: ns(histogram.percentile(99)),
        meanMs: ns(histogram.mean),
        probeMaxMs: round(Math.max(0, probeMax), 1),
      };
    },
  };
}

/**
 * Runs `work` under a loop watch. The watch starts a few ticks early, so the histogram has a
 * baseline, and ends a few ticks late: a block at the very end of `work` is only recorded by the
 * histogram's timer when that timer next fires.
 */
export async function underWatch<T>(work: () => Promise<T>): Promise<{ value: T; loop: LoopDelay }> {
  const watch = watchLoop();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const value = await work();
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { value, loop: watch.stop() };
}
