import type { BarChartData } from './chart-data.ts';
import { colourSwatch, footnotes, header, legend, line, PAD, rect, text } from './layout-kit.ts';
import type { Scene, SceneItem } from './scene.ts';
import { THEME } from './theme.ts';

export const BAR_CHART_WIDTH = 1000;
const LABEL_WIDTH = 300;
const BAR_X = PAD + LABEL_WIDTH + 16;
const BAR_MAX_WIDTH = 490;
const ROW = 34;
const BAR_HEIGHT = 22;
/** A bar too small to see (20 t beside 270,000 t) is still drawn, as a sliver. */
const MIN_BAR = 2;

/** Horizontal bars in groups, on a shared scale with grid lines, the figure as stated beside each bar. */
export function layoutBars(data: BarChartData): Scene {
  const width = BAR_CHART_WIDTH;
  const front: SceneItem[] = [];
  let y = header(front, width, data.title, data.subtitle);
  y = legend(front, width, y, data.legend.map(colourSwatch)) + 4;

  const ticks = scaleTicks(data);
  const top = ticks.at(-1) as number;
  const xOf = (value: number) => BAR_X + (Math.min(value, top) / top) * BAR_MAX_WIDTH;
  const plotTop = y;
  for (const group of data.groups) {
    if (group.heading !== undefined) {
      front.push(text(PAD, y + 16, group.heading, { size: 16, bold: true, role: 'heading', maxWidth: LABEL_WIDTH }));
      y += 30;
    }
    if (group.note !== undefined) {
      front.push(text(PAD, y + 8, group.note, { size: 12, fill: THEME.muted, role: 'note', maxWidth: width - 2 * PAD }));
      y += 24;
    }
    for (const bar of group.bars) {
      const cy = y + ROW / 2;
      const barWidth = Math.max(MIN_BAR, xOf(bar.value) - BAR_X);
      front.push(text(PAD + LABEL_WIDTH, cy, bar.label, { size: 14, role: 'label', maxWidth: LABEL_WIDTH, align: 'right' }));
      front.push(rect(BAR_X, cy - BAR_HEIGHT / 2, barWidth, BAR_HEIGHT, THEME.bars[bar.tone], 3));
      const valueX = BAR_X + barWidth + 8;
      front.push(text(valueX, cy, bar.valueLabel, { size: 14, bold: true, role: 'value', maxWidth: width - PAD - valueX }));
      y += ROW;
    }
    y += 6;
  }
  const plotBottom = y;

  // Grid lines go first so that bars and labels are drawn over them.
  const back: SceneItem[] = [];
  for (const tick of ticks) {
    const x = xOf(tick);
    back.push(line(x, plotTop, x, plotBottom, THEME.grid, 1));
    front.push(text(x, plotBottom + 14, tickLabel(tick, data.unit), { size: 11, fill: THEME.muted, role: 'tick', maxWidth: 120, align: 'center' }));
  }
  y = footnotes(front, width, plotBottom + 46, data.footnotes);
  return { width, height: Math.ceil(y + PAD - 10), background: THEME.background, items: [...back, ...front] };
}

/** 0, 25 … 100 for percentages; for tonnes, round steps that cover the largest bar. */
export function scaleTicks(data: Pick<BarChartData, 'unit' | 'scaleMax'>): number[] {
  if (data.unit === 'percent') return [0, 25, 50, 75, 100];
  const max = data.scaleMax > 0 ? data.scaleMax : 1;
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step; tick += step) ticks.push(tick);
  return ticks;
}

function tickLabel(value: number, unit: BarChartData['unit']): string {
  return unit === 'percent' ? `${value}%` : `${value.toLocaleString('en-US')} t`;
}
