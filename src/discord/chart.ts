import type { Logger } from 'pino';
import type { Answer } from '../answer/answer.ts';
import { renderChart, type ChartRenderer } from '../charts/charts.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import type { MessagePayload } from '../render/discord/answer-message.ts';
import { withChartImage } from '../render/discord/chart-image.ts';

/**
 * A chart is a bonus to the answer, never a condition of it: when rendering throws, or takes long
 * enough to endanger the reply, the answer goes out as text and the failure is logged.
 *
 * A reply not yet acknowledged must reach Discord within three seconds, so by default a chart gets
 * CHART_TIMEOUT_MS. A caller that has deferred (or will defer when the chart is late, as the
 * router does) passes DEFERRED_CHART_TIMEOUT_MS: a deferred reply may come minutes later, and under
 * a burst a chart may wait its turn for a painter for a few seconds.
 */
export const CHART_TIMEOUT_MS = 1500;
export const DEFERRED_CHART_TIMEOUT_MS = 10_000;

export interface ChartDeps {
  /** Injected by tests; the real renderer otherwise. */
  readonly charts?: ChartRenderer;
  readonly log: Logger;
  readonly now: () => Date;
}

export async function withChart(
  payload: MessagePayload,
  answer: Answer,
  snapshot: Snapshot,
  deps: ChartDeps,
  interactionId: string,
  timeoutMs: number = CHART_TIMEOUT_MS,
): Promise<MessagePayload> {
  const render = deps.charts ?? renderChart;
  // Aborting tells the renderer to drop a chart still waiting for a painter.
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`chart rendering took longer than ${timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    const chart = await Promise.race([render(answer, { snapshot, now: deps.now(), signal: controller.signal }), timeout]);
    return chart ? withChartImage(payload, { name: `${chart.kind}.png`, png: chart.png }) : payload;
  } catch (error) {
    deps.log.error({ err: error, interactionId, command: answer.command }, 'chart rendering failed; answering with text only');
    return payload;
  } finally {
    clearTimeout(timer);
  }
}
