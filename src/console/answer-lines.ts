import type { CliOutput } from '../cli-output.ts';
import { OutputClosed } from '../cli-output.ts';
import { renderText } from '../render/text.ts';
import { cut } from '../text/cut.ts';
import type { SearchIndex } from '../search/search-index.ts';
import type { ChartFiles } from './chart-files.ts';
import { runLine } from './run-line.ts';

/**
 * The `npm run ask` loop: each line answered in order, as one JSON line (`--json`) or a text
 * block, each next line read only once the previous answer is written. That is what keeps a
 * batch of 100k questions into a slow pipe at a steady size: the reader's pace sets the pace.
 */
export interface AnswerLinesOptions {
  readonly index: SearchIndex;
  readonly json: boolean;
  readonly out: CliOutput;
  /** `--out DIR`: each answer's chart written there, its path printed (on `errors` with --json). */
  readonly charts?: ChartFiles;
  /** Standard error: chart paths with --json, and chart failures. */
  readonly errors: NodeJS.WritableStream;
  readonly now?: () => Date;
}

/** Resolves with the number of charts that could not be written; rejects with OutputClosed when the reader has gone. */
export async function answerLines(lines: AsyncIterable<string> | Iterable<string>, options: AnswerLinesOptions): Promise<{ chartFailures: number }> {
  let chartFailures = 0;
  for await (const line of lines) {
    const now = options.now?.() ?? new Date();
    const answer = await runLine(line, { index: options.index, now });
    await options.out.write(options.json ? `${JSON.stringify(answer)}\n` : `${renderText(answer)}\n\n`);
    if (!options.charts) continue;
    try {
      const file = await options.charts.write(answer, { snapshot: options.index.snapshot, now });
      if (file && options.json) options.errors.write(`chart: ${file}\n`);
      else if (file) await options.out.write(`chart: ${file}\n\n`);
    } catch (error) {
      if (error instanceof OutputClosed) throw error;
      options.errors.write(`ask: could not write the chart for "${cut(line.trim(), 80)}": ${error instanceof Error ? error.message : String(error)}\n`);
      chartFailures++;
    }
  }
  return { chartFailures };
}
