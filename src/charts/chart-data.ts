import type { ShownStatusKey } from '../answer/shown-status.ts';
import type { BarTone } from './theme.ts';

/**
 * What a chart shows, decided from an Answer (and the Snapshot behind it) before anything is laid
 * out: every number here was read from the knowledge, never estimated. Layouts only place it.
 */
export type ChartKind = 'market-share' | 'country' | 'restrictions';

export interface Bar {
  readonly label: string;
  /** Drawn length, in the chart's unit. */
  readonly value: number;
  /** The figure as the source states it ("about 70%", "270,000 t"). */
  readonly valueLabel: string;
  readonly tone: BarTone;
}

export interface BarGroup {
  /** A stage, in the country chart; absent when the chart has one group. */
  readonly heading?: string;
  /** Year and source of the group, or why it has no bars. */
  readonly note?: string;
  readonly bars: readonly Bar[];
}

export interface LegendEntry {
  readonly label: string;
  readonly color: string;
}

export interface BarChartData {
  readonly kind: 'market-share' | 'country';
  readonly title: string;
  readonly subtitle: string;
  readonly unit: 'percent' | 'tonnes';
  /** The value a full-length bar stands for. */
  readonly scaleMax: number;
  readonly groups: readonly BarGroup[];
  readonly legend: readonly LegendEntry[];
  /** Stage, year and sources, printed under the chart. */
  readonly footnotes: readonly string[];
  /** A file name without extension that says what the chart is ("market-share-mining-2024"). */
  readonly fileStem: string;
}

export interface TimelineEntry {
  readonly label: string;
  /** Its dates in words: "announced 2025-04-04 · effective 2025-04-04". */
  readonly detail: string;
  readonly announced: string;
  readonly effective?: string;
  readonly expires?: string;
  /** The status as the answer shows it today (an ended suspension is `ended`, not `suspended`). */
  readonly status: ShownStatusKey;
  readonly statusLabel: string;
  readonly statusAsOf?: string;
  /** Under the status instead of "as of": when a status that no longer holds ended ("on 2026-11-10"). */
  readonly statusNote?: string;
}

export interface TimelineData {
  readonly kind: 'restrictions';
  readonly title: string;
  readonly subtitle: string;
  readonly entries: readonly TimelineEntry[];
  readonly legend: readonly LegendEntry[];
  readonly footnotes: readonly string[];
  readonly fileStem: string;
}

export type ChartData = BarChartData | TimelineData;

/** Lowercase ASCII words joined by hyphens, for file names. */
export function slug(text: string, max = 60): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cleaned.slice(0, max).replace(/-+$/, '') || 'chart';
}

/** Publishers in order of first appearance, each once. */
export function publishersOf(rows: readonly { readonly publisher: string }[]): string[] {
  return [...new Set(rows.map((row) => row.publisher))];
}
