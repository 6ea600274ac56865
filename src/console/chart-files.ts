import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Answer } from '../answer/answer.ts';
import { renderChart, type ChartContext, type ChartRenderer } from '../charts/charts.ts';

/**
 * `--out DIR`: the PNG the bot would attach, written to DIR under a name that says what it shows
 * (market-share-mining-2024.png). A second chart with the same name in one run gets -2, -3…, so
 * a batch of questions on stdin never overwrites its own pictures.
 */
export interface ChartFiles {
  /** The path written, or undefined when the answer has no chart. */
  write(answer: Answer, context: ChartContext): Promise<string | undefined>;
}

export async function chartFiles(dir: string, render: ChartRenderer = renderChart): Promise<ChartFiles> {
  await mkdir(dir, { recursive: true });
  const used = new Set<string>();
  return {
    async write(answer, context) {
      const chart = await render(answer, context);
      if (!chart) return undefined;
      let name = `${chart.fileStem}.png`;
      for (let n = 2; used.has(name); n++) name = `${chart.fileStem}-${n}.png`;
      used.add(name);
      const file = path.join(dir, name);
      await writeFile(file, chart.png);
      return file;
    },
  };
}
