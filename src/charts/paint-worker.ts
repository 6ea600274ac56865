import { parentPort } from 'node:worker_threads';
import type { ChartData } from './chart-data.ts';
import { paintChart } from './charts.ts';
import { registerChartFonts } from './fonts.ts';

/**
 * One painter thread of the pool (paint-pool.ts): chart data in, laid out (text is measured with
 * the chart font) and painted, PNG bytes out. Fonts are registered
 * per thread, since each worker has its own copy of @napi-rs/canvas and its font registry; a
 * worker whose fonts fail to load answers every job with that error, so each chart falls back to
 * the text answer instead of being drawn in a fallback font.
 */
export interface PaintJob {
  readonly id: number;
  readonly data: ChartData;
}

export type PaintResult = { readonly id: number; readonly png: Uint8Array } | { readonly id: number; readonly error: string };

const port = parentPort;
if (!port) throw new Error('paint-worker.ts runs only as a worker thread (see paint-pool.ts)');

let fontProblem: string | undefined;
try {
  registerChartFonts();
} catch (error) {
  fontProblem = error instanceof Error ? error.message : String(error);
}

port.on('message', (job: PaintJob) => {
  void paint(job).then((result) => {
    if ('png' in result) port.postMessage(result, [result.png.buffer as ArrayBuffer]);
    else port.postMessage(result);
  });
});

async function paint(job: PaintJob): Promise<PaintResult> {
  if (fontProblem) return { id: job.id, error: fontProblem };
  try {
    const png = await paintChart(job.data);
    // Transfer, not copy, the bytes; a Buffer may share its ArrayBuffer with others, so only a
    // buffer of its own is handed over.
    const own = png.byteOffset === 0 && png.byteLength === png.buffer.byteLength ? png : Uint8Array.prototype.slice.call(png);
    return { id: job.id, png: new Uint8Array(own.buffer, own.byteOffset, own.byteLength) };
  } catch (error) {
    return { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
}
