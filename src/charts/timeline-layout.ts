import { earliestDay } from '../knowledge/dates.ts';
import type { TimelineData, TimelineEntry } from './chart-data.ts';
import { circle, colourSwatch, footnotes, header, legend, line, PAD, rect, text, type LegendSwatch } from './layout-kit.ts';
import type { Scene, SceneItem } from './scene.ts';
import { THEME } from './theme.ts';

export const TIMELINE_WIDTH = 1100;
const LABEL_WIDTH = 420;
const PLOT_X0 = PAD + LABEL_WIDTH + 28;
const PLOT_X1 = 896;
const STATUS_X = 920;
const STATUS_WIDTH = TIMELINE_WIDTH - STATUS_X - PAD;
const ROW = 36;
const DAY_MS = 86_400_000;

/** The markers, explained in the legend with the same shapes the rows use. */
const MARKERS: readonly LegendSwatch[] = [
  { label: 'date announced', draw: (x, cy) => [circle(x + 7, cy, 5, { fill: THEME.background, stroke: THEME.muted, lineWidth: 2 })] },
  { label: 'date in effect', draw: (x, cy) => [circle(x + 7, cy, 5, { fill: THEME.muted })] },
  { label: 'until expiry', draw: (x, cy) => [line(x, cy, x + 14, cy, THEME.muted, 2, [4, 3])] },
];

/** One row per measure: its title and dates on the left, its markers on a shared time axis, its status on the right. */
export function layoutTimeline(data: TimelineData): Scene {
  const width = TIMELINE_WIDTH;
  const front: SceneItem[] = [];
  let y = header(front, width, data.title, data.subtitle);
  y = legend(front, width, y, [...data.legend.map(colourSwatch), ...MARKERS]) + 20;

  const { xOf, ticks, breaks } = timeAxis(data.entries, PLOT_X0, PLOT_X1);
  const plotTop = y;
  const back: SceneItem[] = [];
  data.entries.forEach((entry, index) => {
    if (index % 2 === 1) back.push(rect(PAD - 8, y, width - 2 * PAD + 16, ROW, THEME.band, 4));
    row(front, entry, y, xOf);
    y += ROW;
  });
  const plotBottom = y;
  for (const tick of ticks) {
    const x = xOf(tick.day);
    if (tick.grid) back.push(line(x, plotTop, x, plotBottom, THEME.grid, 1));
    front.push(text(x, plotTop - 10, tick.label, { size: 11, fill: THEME.muted, role: 'tick', maxWidth: 80, align: 'center' }));
  }
  for (const x of breaks) {
    back.push(line(x, plotTop, x, plotBottom, THEME.grid, 1, [3, 4]));
    front.push(line(x - 6, plotTop - 4, x - 2, plotTop - 16, THEME.muted, 1.5), line(x + 2, plotTop - 4, x + 6, plotTop - 16, THEME.muted, 1.5));
  }
  const notes = breaks.length > 0 ? [...data.footnotes.slice(0, 1), 'The time axis is broken (//) where years without any dates are left out.', ...data.footnotes.slice(1)] : data.footnotes;
  y = footnotes(front, width, plotBottom + 24, notes);
  return { width, height: Math.ceil(y + PAD - 10), background: THEME.background, items: [...back, ...front] };
}

function row(items: SceneItem[], entry: TimelineEntry, y: number, xOf: (day: number) => number): void {
  const color = THEME.status[entry.status];
  const cy = y + ROW / 2;
  items.push(text(PAD, y + 12, entry.label, { size: 13, role: 'label', maxWidth: LABEL_WIDTH }));
  items.push(text(PAD, y + 27, entry.detail, { size: 11, fill: THEME.muted, role: 'detail', maxWidth: LABEL_WIDTH }));

  const announced = xOf(dayOf(entry.announced));
  const effective = entry.effective ? xOf(dayOf(entry.effective)) : undefined;
  if (entry.expires) {
    const expires = xOf(dayOf(entry.expires));
    items.push(line(effective ?? announced, cy, expires, cy, color, 2, [5, 4]), line(expires, cy - 7, expires, cy + 7, color, 2));
  }
  if (effective !== undefined && effective !== announced) items.push(line(announced, cy, effective, cy, color, 3));
  items.push(circle(announced, cy, 6, { fill: THEME.background, stroke: color, lineWidth: 2.5 }));
  if (effective !== undefined) items.push(circle(effective, cy, 6, { fill: color }));

  items.push(text(STATUS_X, y + 12, entry.statusLabel, { size: 12, bold: true, fill: color, role: 'status', maxWidth: STATUS_WIDTH }));
  const note = entry.statusNote ?? (entry.statusAsOf ? `as of ${entry.statusAsOf}` : undefined);
  if (note) items.push(text(STATUS_X, y + 27, note, { size: 11, fill: THEME.muted, role: 'detail', maxWidth: STATUS_WIDTH }));
}

/** A partial date placed at its first day, as days since 1970. */
function dayOf(date: string): number {
  return Date.parse(`${earliestDay(date)}T00:00:00Z`) / DAY_MS;
}

interface Tick {
  readonly day: number;
  readonly label: string;
  /** False for a label that names a stretch too short to hold a year's start (a lone 2010 measure). */
  readonly grid: boolean;
}

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly x0: number;
  readonly x1: number;
}

interface TimeAxis {
  readonly xOf: (day: number) => number;
  readonly ticks: readonly Tick[];
  /** x of each break, where years with no dates are left out. */
  readonly breaks: readonly number[];
}

const BREAK_WIDTH = 28;
const MIN_SEGMENT_WIDTH = 50;

/**
 * A linear time axis, except that a long empty stretch (more than two years and a quarter of the
 * whole span) is cut out and marked with a break: one 2010 embargo would otherwise squeeze fifteen
 * years of 2023–2026 measures into a corner. Within each stretch time stays linear.
 */
function timeAxis(entries: readonly TimelineEntry[], x0: number, x1: number): TimeAxis {
  const days = [...new Set(entries.flatMap((entry) => [entry.announced, entry.effective, entry.expires]).filter((date): date is string => date !== undefined).map(dayOf))].sort(
    (a, b) => a - b,
  );
  const gap = Math.max(2 * 365, ((days.at(-1) as number) - (days[0] as number)) * 0.25);
  const clusters: number[][] = [];
  for (const day of days) {
    const current = clusters.at(-1);
    if (current && day - (current.at(-1) as number) <= gap) current.push(day);
    else clusters.push([day]);
  }
  const padded = clusters.map((cluster) => {
    const first = cluster[0] as number;
    const last = cluster.at(-1) as number;
    const pad = Math.max(45, (last - first) * 0.04);
    return { start: first - pad, end: last + pad };
  });
  const available = x1 - x0 - BREAK_WIDTH * (padded.length - 1) - MIN_SEGMENT_WIDTH * padded.length;
  const total = padded.reduce((sum, range) => sum + (range.end - range.start), 0);
  const segments: Segment[] = [];
  let x = x0;
  for (const range of padded) {
    const widthOf = MIN_SEGMENT_WIDTH + (available * (range.end - range.start)) / total;
    segments.push({ ...range, x0: x, x1: x + widthOf });
    x += widthOf + BREAK_WIDTH;
  }
  // Every cluster gives a segment, so there is a last one; days past it are placed on it.
  const lastSegment = segments.at(-1) as Segment;
  const xOf = (day: number) => {
    const segment = segments.find((candidate) => day <= candidate.end) ?? lastSegment;
    return segment.x0 + ((day - segment.start) / (segment.end - segment.start)) * (segment.x1 - segment.x0);
  };
  return { xOf, ticks: segments.flatMap((segment) => ticksOf(segment)), breaks: segments.slice(1).map((segment) => segment.x0 - BREAK_WIDTH / 2) };
}

/** Year starts, else quarter starts, thinned to stay legible; a stretch with neither names its year. */
function ticksOf(segment: Segment): Tick[] {
  const pxPerDay = (segment.x1 - segment.x0) / (segment.end - segment.start);
  const firstYear = new Date(segment.start * DAY_MS).getUTCFullYear();
  const lastYear = new Date(segment.end * DAY_MS).getUTCFullYear();
  const starts = (months: readonly number[], label: (year: number, month: number) => string) => {
    const found: Tick[] = [];
    for (let year = firstYear; year <= lastYear; year++) {
      for (const month of months) {
        const day = Date.UTC(year, month, 1) / DAY_MS;
        if (day >= segment.start && day <= segment.end) found.push({ day, label: label(year, month), grid: true });
      }
    }
    return found;
  };
  const thin = (ticks: Tick[], minGap: number) => {
    const spacing = ticks.length > 1 ? ((ticks[1] as Tick).day - (ticks[0] as Tick).day) * pxPerDay : Number.POSITIVE_INFINITY;
    const every = Math.max(1, Math.ceil(minGap / spacing));
    return ticks.filter((_, index) => index % every === 0);
  };
  const years = starts([0], (year) => String(year));
  if (years.length >= 2) return thin(years, 44);
  const quarters = starts([0, 3, 6, 9], (year, month) => `${year}-${String(month + 1).padStart(2, '0')}`);
  if (quarters.length >= 2) return thin(quarters, 60);
  const middle = (segment.start + segment.end) / 2;
  const label = firstYear === lastYear ? String(firstYear) : `${firstYear}–${lastYear}`;
  return [{ day: middle, label, grid: false }];
}
