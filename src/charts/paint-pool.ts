import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChartData } from './chart-data.ts';
import type { PaintJob, PaintResult } from './paint-worker.ts';

/**
 * Chart drawing off the event loop: a pool of worker threads (paint-worker.ts), each laying out and
 * painting one chart at a time into a PNG. That is nearly all of a chart's cost (5–25 ms of text
 * measuring and Skia work), and on the bot's event loop a burst of charts holds up every
 * acknowledgement behind it; in workers the event loop keeps answering Discord while charts are drawn.
 *
 * The queue is bounded, so a flood is refused at once (the answer goes out as text) rather than
 * piling up scenes; a job still running after `jobTimeoutMs` is taken to be stuck, and its worker
 * is replaced. Workers start on `warm()` or the first chart, and never keep the process alive.
 */
export interface PaintPoolOptions {
  /** Worker threads (default: `defaultPoolSize()`). */
  readonly size?: number;
  /** Jobs waiting for a worker beyond which `paint` rejects at once (default 256). */
  readonly maxQueue?: number;
  /** A job running longer than this is stuck: it fails and its worker is replaced (default 10 s). */
  readonly jobTimeoutMs?: number;
  /** The worker's entry; tests pass one that misbehaves. */
  readonly workerUrl?: URL;
}

export class PaintPoolError extends Error {
  override readonly name = 'PaintPoolError';
}

/** The caller's abort reason (callers abort with an Error saying why); anything else is wrapped so that a rejection is always an Error. */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new PaintPoolError(`the chart was cancelled: ${String(reason)}`);
}

/** One core is left to the event loop (gateway, answers, uploads); at least one painter, at most four. */
export function defaultPoolSize(parallelism: number = availableParallelism()): number {
  return Math.max(1, Math.min(4, parallelism - 1));
}

const DEFAULT_WORKER_URL = new URL('./paint-worker-start.mjs', import.meta.url);

interface Job {
  readonly id: number;
  readonly data: ChartData;
  readonly resolve: (png: Buffer) => void;
  readonly reject: (error: unknown) => void;
  settled: boolean;
  cleanup: () => void;
}

interface Slot {
  readonly worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

export class PaintPool {
  readonly size: number;
  private readonly maxQueue: number;
  private readonly jobTimeoutMs: number;
  private readonly workerUrl: URL;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: PaintPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.maxQueue = options.maxQueue ?? 256;
    this.jobTimeoutMs = options.jobTimeoutMs ?? 10_000;
    this.workerUrl = options.workerUrl ?? DEFAULT_WORKER_URL;
  }

  /** Jobs waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Workers currently running. */
  get workers(): number {
    return this.slots.length;
  }

  /** Starts every worker now, so that the first charts do not wait for a thread to load. */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.spawn();
  }

  /** The chart as PNG bytes; rejects when the pool is closed or full, the job is stuck, or `signal` aborts first. */
  paint(data: ChartData, signal?: AbortSignal): Promise<Buffer> {
    if (this.closed) return Promise.reject(new PaintPoolError('the chart painters are shut down'));
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const idle = this.slots.some((slot) => !slot.job) || this.slots.length < this.size;
    if (!idle && this.queue.length >= this.maxQueue) {
      return Promise.reject(new PaintPoolError(`${this.queue.length} charts are already waiting for a painter`));
    }
    return new Promise<Buffer>((resolve, reject) => {
      const job: Job = { id: this.nextId++, data, resolve, reject, settled: false, cleanup: () => undefined };
      if (signal) {
        const onAbort = () => {
          const waiting = this.queue.indexOf(job);
          if (waiting >= 0) this.queue.splice(waiting, 1);
          // A running job cannot be interrupted; its worker finishes and the result is dropped.
          this.settle(job, () => reject(abortReason(signal)));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        job.cleanup = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(job);
      this.pump();
    });
  }

  /** Fails every waiting and running job and stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new PaintPoolError('the chart painters are shut down');
    for (const job of this.queue.splice(0)) this.settle(job, () => job.reject(error));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      clearTimeout(slot.timer);
      if (slot.job) this.settle(slot.job, () => slot.job?.reject(error));
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const slot = this.slots.find((candidate) => !candidate.job) ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.timer = setTimeout(() => this.retire(slot, new PaintPoolError(`chart painting took longer than ${this.jobTimeoutMs} ms`)), this.jobTimeoutMs);
      slot.timer.unref();
      const message: PaintJob = { id: job.id, data: job.data };
      slot.worker.postMessage(message);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerUrl);
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (result: PaintResult) => {
      const job = slot.job;
      if (!job || job.id !== result.id) return;
      clearTimeout(slot.timer);
      slot.job = undefined;
      if ('png' in result) this.settle(job, () => job.resolve(Buffer.from(result.png.buffer, result.png.byteOffset, result.png.byteLength)));
      else this.settle(job, () => job.reject(new Error(result.error)));
      this.pump();
    });
    worker.on('error', (error) => this.retire(slot, error));
    worker.on('exit', (code) => this.retire(slot, new PaintPoolError(`a chart painter stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  /** Takes a broken or stuck worker out of the pool, failing its job; the next job starts a fresh one. */
  private retire(slot: Slot, error: unknown): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    if (job) this.settle(job, () => job.reject(error));
    void slot.worker.terminate();
    this.pump();
  }

  private settle(job: Job, finish: () => void): void {
    if (job.settled) return;
    job.settled = true;
    job.cleanup();
    finish();
  }
}
