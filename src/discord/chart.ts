import type { Logger } from 'pino';
import type { Answer } from '../answer/answer.ts';
import { renderChart, type ChartRenderer } from '../charts/charts.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import type { MessagePayload } from '../render/discord/answer-message.ts';
import { withChartImage } from '../render/discord/chart-image.ts';

/**
 * A chart is a bonus to the answer, never a condition of it: when rendering throws, or takes long
 * enough to endanger Discord's three-second deadline for a reply, the answer goes out as text and
 * the failure is logged.
 */
export const CHART_TIMEOUT_MS = 1500;

export interface ChartDeps {
  /** Injected by tests; the real renderer otherwise. */
  readonly charts?: ChartRenderer;
  readonly log: Logger;
  readonly now: () => Date;
}

export async function withChart(payload: MessagePayload, answer: Answer, snapshot: Snapshot, deps: ChartDeps, interactionId: string): Promise<MessagePayload> {
  const render = deps.charts ?? renderChart;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`chart rendering took longer than ${CHART_TIMEOUT_MS} ms`)), CHART_TIMEOUT_MS);
    });
    const chart = await Promise.race([render(answer, { snapshot, now: deps.now() }), timeout]);
    return chart ? withChartImage(payload, { name: `${chart.kind}.png`, png: chart.png }) : payload;
  } catch (error) {
    deps.log.error({ err: error, interactionId, command: answer.command }, 'chart rendering failed; answering with text only');
    return payload;
  } finally {
    clearTimeout(timer);
  }
}
