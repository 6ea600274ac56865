/**
 * Long builds written as generators that yield at points where they may pause, run either at once
 * (tests, the command line) or in slices of a few milliseconds with the event loop let through in
 * between, so that a bot rebuilding its index for 100k facts keeps answering meanwhile.
 */
export type Build<T> = Generator<void, T, void>;

export interface SliceOptions {
  /** Awaited between slices; by default a turn of the event loop (`setImmediate`). */
  readonly yieldEvery?: () => Promise<void>;
  /** How long a slice runs before it yields (default 8 ms): well under the 50 ms a bot may block. */
  readonly sliceMs?: number;
}

export function runAtOnce<T>(build: Build<T>): T {
  for (;;) {
    const step = build.next();
    if (step.done) return step.value;
  }
}

/** Lets timers, I/O and queued interactions run before going on. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function runInSlices<T>(build: Build<T>, options: SliceOptions = {}): Promise<T> {
  const pause = options.yieldEvery ?? nextTurn;
  const sliceMs = options.sliceMs ?? 8;
  let start = performance.now();
  for (;;) {
    const step = build.next();
    if (step.done) return step.value;
    if (performance.now() - start >= sliceMs) {
      await pause();
      start = performance.now();
    }
  }
}

/** Array.prototype.sort in slices: runs of `run` items sorted, then merged pairwise, pausing as it goes. */
export function* sortInSlices<T>(items: T[], compare: (a: T, b: T) => number, run = 512): Build<T[]> {
  let source = items.slice();
  for (let start = 0; start < source.length; start += run) {
    const sorted = source.slice(start, start + run).sort(compare);
    for (let i = 0; i < sorted.length; i++) source[start + i] = sorted[i] as T;
    yield;
  }
  let target: T[] = new Array<T>(source.length);
  for (let width = run; width < source.length; width *= 2) {
    for (let left = 0; left < source.length; left += 2 * width) {
      const middle = Math.min(left + width, source.length);
      const end = Math.min(left + 2 * width, source.length);
      let i = left;
      let j = middle;
      for (let k = left; k < end; k++) {
        // Left first on ties, so the merge is stable as Array.prototype.sort is.
        if (i < middle && (j >= end || compare(source[i] as T, source[j] as T) <= 0)) target[k] = source[i++] as T;
        else target[k] = source[j++] as T;
        if ((k & 1023) === 1023) yield;
      }
    }
    [source, target] = [target, source];
    yield;
  }
  return source;
}
