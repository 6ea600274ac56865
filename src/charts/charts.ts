import type { Answer } from '../answer/answer.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { layoutBars } from './bar-layout.ts';
import type { ChartData, ChartKind } from './chart-data.ts';
import { countryChart } from './country-chart.ts';
import { marketShareChart } from './market-share-chart.ts';
import { paintPng } from './paint.ts';
import { restrictionsChart } from './restrictions-chart.ts';
import type { Scene } from './scene.ts';
import { layoutTimeline } from './timeline-layout.ts';

/**
 * The charts' entry point, free of Discord: an Answer (with the Snapshot it came from) → at most one
 * chart. /market-share, /country and /restrictions have one when there is something to draw;
 * every other answer, and every answer without figures or dates, has none.
 */
export interface ChartContext {
  readonly snapshot: Snapshot;
  /** Years after now's are projections and are labelled so. */
  readonly now: Date;
}

export interface PlannedChart {
  readonly kind: ChartKind;
  readonly data: ChartData;
  readonly scene: Scene;
}

export interface RenderedChart {
  readonly kind: ChartKind;
  /** What the chart shows, fit for a file name: "market-share-mining-2024". */
  readonly fileStem: string;
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

/** How adapters obtain a chart; injectable so that tests can make it fail. */
export type ChartRenderer = (answer: Answer, context: ChartContext) => Promise<RenderedChart | undefined>;

export function planChart(answer: Answer, context: ChartContext): PlannedChart | undefined {
  const options = { asOfYear: context.now.getUTCFullYear() };
  const data = marketShareChart(answer, context.snapshot, options) ?? countryChart(answer, context.snapshot, options) ?? restrictionsChart(answer, context.snapshot);
  if (!data) return undefined;
  return { kind: data.kind, data, scene: data.kind === 'restrictions' ? layoutTimeline(data) : layoutBars(data) };
}

export const renderChart: ChartRenderer = async (answer, context) => {
  const plan = planChart(answer, context);
  if (!plan) return undefined;
  const png = await paintPng(plan.scene);
  return { kind: plan.kind, fileStem: plan.data.fileStem, png, width: plan.scene.width, height: plan.scene.height };
};
