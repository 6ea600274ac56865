import type { Answer, ShareRow } from '../answer/answer.ts';
import { shareTables } from '../answer/share-tables.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { formatShare } from '../render/text.ts';
import { publishersOf, slug, type Bar, type BarChartData, type LegendEntry } from './chart-data.ts';
import { THEME } from './theme.ts';

/** Bars drawn at most; the rest of the ranking stays in the text answer. */
export const MAX_SHARE_BARS = 12;

export interface ChartOptions {
  /** Years after this one are projections and say so. */
  readonly asOfYear?: number;
}

/**
 * /market-share as horizontal bars: the answer's first ranked table in percent or tonnes (one unit
 * and one material scope, as the text shows it first: rare earths as a whole unless the user asked
 * for a material; percent unless tonnes rank more countries), one bar per row, so where sources
 * disagree each source's figure is a bar of its own, labelled with its publisher. US dollar values
 * are never charted. Nothing drawn is computed except "Rest of world", and only where it is sound:
 * percentages from one source, stated exactly (or "about"), each country once, summing under 100.
 */
export function marketShareChart(answer: Answer, snapshot: Snapshot, options: ChartOptions = {}): BarChartData | undefined {
  if (answer.command !== 'market-share' || answer.status !== 'answered' || !answer.shares) return undefined;
  const tables = shareTables(answer.shares);
  const table = tables.find((candidate) => candidate.unit !== 'usd' && candidate.rows.some((row) => row.country !== 'XX'));
  if (!table) return undefined;
  const unit = table.unit as 'percent' | 'tonnes';
  const candidates = table.rows.filter((row) => row.country !== 'XX');
  const shown = candidates.slice(0, MAX_SHARE_BARS);
  const first = shown[0] as ShareRow;
  const world = unit === 'tonnes' ? table.rows.find((row) => row.country === 'XX') : undefined;
  const drawnRows = world ? [...shown, world] : shown;
  const bySource = new Set(drawnRows.map((row) => row.sourceId)).size > 1;
  const label = (row: ShareRow, name: string) => (bySource ? `${name} · ${row.publisher}` : name);

  const bars: Bar[] = shown.map((row) => ({ label: label(row, row.countryName), value: row.value, valueLabel: formatShare(row), tone: 'primary' }));
  const rest = unit === 'percent' ? restOfWorld(shown) : undefined;
  if (rest) bars.push(rest);
  if (world) bars.push({ label: label(world, 'World (total)'), value: world.value, valueLabel: formatShare(world), tone: 'world' });

  const fact = snapshot.factById.get(first.factId);
  const stage = fact?.kind === 'market-share' ? fact.stage : answer.query.split(' ')[0] ?? 'market';
  const year = first.year;
  const projection = options.asOfYear !== undefined && year > options.asOfYear;
  const topic = answer.query.replace(/ in \d{4}$/, '');
  const legend: LegendEntry[] = [];
  if (rest || world) legend.push({ label: unit === 'percent' ? 'Country figure' : 'Country figure (tonnes)', color: THEME.bars.primary });
  if (rest) legend.push({ label: 'Rest of world: 100% minus the bars above', color: THEME.bars.rest });
  if (world) legend.push({ label: 'World total', color: THEME.bars.world });

  const footnotes = [
    `Stage: ${stage} · Year: ${year}${projection ? ' (projection)' : ''}${table.scope ? ` · Material: ${table.scope}` : ''} · Unit: ${unit === 'percent' ? 'percent of the world total' : 'tonnes'}`,
    `${publishersOf(drawnRows).length > 1 ? 'Sources' : 'Source'}: ${publishersOf(drawnRows).join('; ')}`,
  ];
  if (rest) footnotes.push(`Rest of world is computed from the figures above, all from ${first.publisher}.`);
  if (candidates.length > shown.length) footnotes.push(`${candidates.length - shown.length} more figure(s) in the text answer.`);
  if (tables.length > 1) footnotes.push('Figures in other units or for other materials are ranked apart in the text answer.');

  const measure =
    unit === 'percent'
      ? `share of the world total by country${bySource ? '; one bar per source where sources differ' : ''}`
      : `tonnes by country, bars to scale${bySource ? '; each bar names its source' : ''}`;
  return {
    kind: 'market-share',
    title: `${capitalize(topic)}, ${year}${projection ? ' (projection)' : ''}`,
    subtitle: table.scope ? `${capitalize(table.scope)}: ${measure}` : capitalize(measure),
    unit,
    scaleMax: unit === 'percent' ? 100 : Math.max(...bars.map((bar) => bar.value)),
    groups: [{ bars }],
    legend,
    footnotes,
    fileStem: `market-share-${slug(topic.replace(/\bshares\b/, ''))}-${year}`,
  };
}

function restOfWorld(rows: readonly ShareRow[]): Bar | undefined {
  if (new Set(rows.map((row) => row.sourceId)).size !== 1) return undefined;
  if (new Set(rows.map((row) => row.country)).size !== rows.length) return undefined;
  // "under 1%" or "over 90%" leave the remainder unknown; "about" carries over to it.
  if (rows.some((row) => row.qualifier !== undefined && row.qualifier !== 'about')) return undefined;
  const decimals = Math.max(0, ...rows.map((row) => (String(row.value).split('.')[1] ?? '').length));
  const value = Number((100 - rows.reduce((sum, row) => sum + row.value, 0)).toFixed(decimals));
  if (value <= 0) return undefined;
  const about = rows.some((row) => row.qualifier === 'about') ? 'about ' : '';
  return { label: 'Rest of world', value, valueLabel: `${about}${value}%`, tone: 'rest' };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
