/**
 * Runs queued work one job per turn of the event loop. A burst of interactions arrives from the
 * gateway in one read, so each would otherwise compute its answer back-to-back in the same
 * macrotask: fifty asks of tens of milliseconds each hold every timer, heartbeat and reply for
 * over a second. Here each job's synchronous part gets its own `setImmediate`, and one queued from
 * inside an immediate waits for the next loop iteration, so timers and I/O run between jobs.
 */
export class TurnQueue {
  readonly #jobs: Array<() => void> = [];
  #scheduled = false;

  run<T>(work: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#jobs.push(() => {
        try {
          Promise.resolve(work()).then(resolve, reject);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      this.#schedule();
    });
  }

  get waiting(): number {
    return this.#jobs.length;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#jobs.shift()?.();
      if (this.#jobs.length > 0) this.#schedule();
    });
  }
}
