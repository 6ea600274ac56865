import type { Answer } from '../answer/answer.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { layoutBars } from './bar-layout.ts';
import type { ChartData, ChartKind } from './chart-data.ts';
import { countryChart } from './country-chart.ts';
import { marketShareChart } from './market-share-chart.ts';
import { paintPng } from './paint.ts';
import { pngInfo } from './png.ts';
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
  /** Aborted when the caller no longer wants the chart (it took too long): queued painting is dropped. */
  readonly signal?: AbortSignal;
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

/**
 * Chart data → PNG (layout and painting, the costly part: text measuring and Skia): on the calling
 * thread (`paintChart`) or in a worker of a PaintPool.
 */
export type ChartPainter = (data: ChartData, signal?: AbortSignal) => Promise<Buffer>;

/** The commands whose answers may carry a chart. */
const CHARTED_COMMANDS: ReadonlySet<string> = new Set(['market-share', 'country', 'restrictions']);

/** What the answer's chart shows, if it has one: plain data read from the answer, cheap to make. */
export function chartDataOf(answer: Answer, context: ChartContext): ChartData | undefined {
  const options = { asOfYear: context.now.getUTCFullYear() };
  return marketShareChart(answer, context.snapshot, options) ?? countryChart(answer, context.snapshot, options) ?? restrictionsChart(answer, context.snapshot);
}

export function sceneOf(data: ChartData): Scene {
  return data.kind === 'restrictions' ? layoutTimeline(data) : layoutBars(data);
}

export function planChart(answer: Answer, context: ChartContext): PlannedChart | undefined {
  const data = chartDataOf(answer, context);
  return data ? { kind: data.kind, data, scene: sceneOf(data) } : undefined;
}

/** Lays the chart out and paints it on this thread. */
export async function paintChart(data: ChartData): Promise<Buffer> {
  return await paintPng(sceneOf(data));
}

/** Whether a chart may be drawn for the answer, known before any layout: adapters defer on it when busy. */
export function mayHaveChart(answer: Answer): boolean {
  return answer.status === 'answered' && CHARTED_COMMANDS.has(answer.command);
}

/** A renderer that reads the chart's data here and has `paint` lay it out and turn it into pixels. */
export function chartRenderer(paint: ChartPainter): ChartRenderer {
  return async (answer, context) => {
    const data = chartDataOf(answer, context);
    if (!data) return undefined;
    const png = await paint(data, context.signal);
    const size = pngInfo(png);
    if (!size) throw new Error(`the ${data.kind} chart painter returned ${png.length} bytes that are not a PNG`);
    return { kind: data.kind, fileStem: data.fileStem, png, width: size.width, height: size.height };
  };
}

/** Painted on the calling thread: for the console and the benchmarks, where nothing else waits. */
export const renderChart: ChartRenderer = chartRenderer(paintChart);
