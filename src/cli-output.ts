/**
 * Standard output for the command-line tools, as a pipe expects it. A write waits while the
 * reader is behind (into a pipe, process.stdout queues every write in memory otherwise: 100k
 * answers grew to gigabytes), and a reader that has gone away (`| head -1`) ends the output
 * quietly instead of with an unhandled EPIPE.
 */
export class OutputClosed extends Error {
  constructor() {
    super('the reader of standard output has gone away');
    this.name = 'OutputClosed';
  }
}

export interface CliOutput {
  /** Resolves once the text is written or buffered within the stream's limit; rejects with OutputClosed. */
  write(text: string): Promise<void>;
  readonly closed: () => boolean;
}

export function cliOutput(stream: NodeJS.WritableStream & { readonly writableNeedDrain?: boolean } = process.stdout): CliOutput {
  let closed = false;
  const waiting = new Set<() => void>();
  const close = () => {
    closed = true;
    for (const wake of waiting) wake();
    waiting.clear();
  };
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // A reader that closed its end is how a pipeline says "enough"; anything else is a real failure.
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    close();
  });
  stream.on('close', close);
  return {
    closed: () => closed,
    async write(text) {
      if (closed) throw new OutputClosed();
      if (stream.write(text)) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          stream.off('drain', wake);
          waiting.delete(wake);
          resolve();
        };
        waiting.add(wake);
        stream.on('drain', wake);
      });
      if (closed) throw new OutputClosed();
    },
  };
}
