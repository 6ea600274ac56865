import type { LegendEntry } from './chart-data.ts';
import type { CircleItem, LineItem, RectItem, SceneItem, TextItem, TextRole } from './scene.ts';
import { fitText, measureText, wrapText } from './text-fit.ts';
import { THEME } from './theme.ts';

/** Parts every chart shares: header, legend and footnotes, and small constructors for items. */
export const PAD = 32;

export function text(
  x: number,
  y: number,
  value: string,
  options: { size: number; role: TextRole; maxWidth: number; bold?: boolean; fill?: string; align?: TextItem['align'] },
): TextItem {
  return {
    type: 'text',
    x,
    y,
    text: fitText(value, options.maxWidth, options.size, options.bold ?? false),
    size: options.size,
    bold: options.bold ?? false,
    fill: options.fill ?? THEME.text,
    align: options.align ?? 'left',
    maxWidth: options.maxWidth,
    role: options.role,
  };
}

export function rect(x: number, y: number, width: number, height: number, fill: string, radius = 0): RectItem {
  return { type: 'rect', x, y, width, height, fill, radius };
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, lineWidth = 1, dash: readonly number[] = []): LineItem {
  return { type: 'line', x1, y1, x2, y2, stroke, lineWidth, dash };
}

export function circle(x: number, y: number, r: number, options: { fill: string; stroke?: string; lineWidth?: number }): CircleItem {
  return { type: 'circle', x, y, r, fill: options.fill, stroke: options.stroke ?? options.fill, lineWidth: options.lineWidth ?? 0 };
}

/** Title and subtitle; returns the y below them. */
export function header(items: SceneItem[], width: number, title: string, subtitle: string): number {
  items.push(text(PAD, 44, title, { size: 24, bold: true, role: 'title', maxWidth: width - 2 * PAD }));
  items.push(text(PAD, 76, subtitle, { size: 14, fill: THEME.muted, role: 'subtitle', maxWidth: width - 2 * PAD }));
  return 100;
}

/** A custom swatch drawer lets the timeline show its markers in the same row as its colours. */
export interface LegendSwatch {
  readonly label: string;
  readonly draw: (x: number, cy: number) => SceneItem[];
}

export function colourSwatch(entry: LegendEntry): LegendSwatch {
  return { label: entry.label, draw: (x, cy) => [rect(x, cy - 7, 14, 14, entry.color, 3)] };
}

/** Swatches left to right, wrapping to a new row when the next would not fit; returns the y below. */
export function legend(items: SceneItem[], width: number, y: number, swatches: readonly LegendSwatch[]): number {
  if (swatches.length === 0) return y;
  let x = PAD;
  let cy = y + 12;
  for (const swatch of swatches) {
    const labelWidth = Math.min(measureText(swatch.label, 13), width - 2 * PAD - 24);
    if (x > PAD && x + 24 + labelWidth > width - PAD) {
      x = PAD;
      cy += 24;
    }
    items.push(...swatch.draw(x, cy));
    items.push(text(x + 24, cy, swatch.label, { size: 13, fill: THEME.muted, role: 'legend', maxWidth: labelWidth + 8 }));
    x += 24 + labelWidth + 28;
  }
  return cy + 24;
}

/** Notes under the chart, each wrapped to at most three lines; returns the y below them. */
export function footnotes(items: SceneItem[], width: number, y: number, notes: readonly string[]): number {
  let cy = y;
  for (const note of notes) {
    for (const part of wrapText(note, width - 2 * PAD, 13, 3)) {
      items.push(text(PAD, cy, part, { size: 13, fill: THEME.muted, role: 'footnote', maxWidth: width - 2 * PAD }));
      cy += 20;
    }
  }
  return cy;
}
