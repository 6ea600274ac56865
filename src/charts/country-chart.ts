import type { Answer, ShareRow } from '../answer/answer.ts';
import { countryName } from '../answer/describe.ts';
import type { MarketShareFact, MarketStage } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { formatShare } from '../render/text.ts';
import { publishersOf, slug, type Bar, type BarChartData, type BarGroup } from './chart-data.ts';
import type { ChartOptions } from './market-share-chart.ts';
import { THEME } from './theme.ts';

const STAGES: readonly MarketStage[] = ['mining', 'reserves', 'refining', 'magnets'];

interface Leader {
  readonly row: Pick<ShareRow, 'country' | 'value' | 'unit' | 'qualifier'>;
  readonly name: string;
}

/**
 * /country as one pair of bars per stage: the country's share and, beside it, the highest share
 * the same source gives another country for that stage and year. Comparing within one source and
 * one year is what makes the pair fair; a leader from another source would mix methods. Only
 * percentages are drawn, so that the stages share one scale; a stage with none says so.
 */
export function countryChart(answer: Answer, snapshot: Snapshot, options: ChartOptions = {}): BarChartData | undefined {
  if (answer.command !== 'country' || answer.status !== 'answered') return undefined;
  const percent = (answer.shares ?? []).filter((row) => row.unit === 'percent');
  const code = percent[0]?.country;
  if (code === undefined) return undefined;
  const name = countryName(snapshot, code);
  const stageOf = (row: ShareRow) => {
    const fact = snapshot.factById.get(row.factId);
    return fact?.kind === 'market-share' ? fact.stage : undefined;
  };

  const picked: ShareRow[] = [];
  const groups: BarGroup[] = STAGES.map((stage) => {
    const rows = percent.filter((row) => stageOf(row) === stage);
    if (rows.length === 0) return { heading: capitalize(stage), note: 'No percentage on record', bars: [] };
    const year = chooseYear(rows, options.asOfYear);
    const sameYear = rows.filter((row) => row.year === year);
    const pick = choosePick(sameYear, snapshot);
    picked.push(pick);
    const leader = leaderOf(snapshot, stage, pick);
    const bars: Bar[] = [{ label: name, value: pick.value, valueLabel: formatShare(pick), tone: 'primary' }];
    if (leader) bars.push({ label: leader.name, value: leader.row.value, valueLabel: formatShare(leader.row), tone: 'leader' });
    const projection = options.asOfYear !== undefined && year > options.asOfYear ? ' (projection)' : '';
    const others = sameYear.filter((row) => row.sourceId !== pick.sourceId);
    const range = others.length > 0 ? `; ${new Set(others.map((row) => row.sourceId)).size} other source(s) for ${year}: ${spread(others)}` : '';
    const alone = leader ? '' : leaderless(snapshot, stage, pick);
    return { heading: capitalize(stage), note: `${year}${projection} · ${pick.publisher}${alone}${range}`, bars };
  });

  return {
    kind: 'country',
    title: `${name}: share at each stage of the supply chain`,
    subtitle: 'Beside each figure, the highest share the same source gives another country for that stage and year',
    unit: 'percent',
    scaleMax: 100,
    groups,
    legend: [
      { label: name, color: THEME.bars.primary },
      { label: 'Highest other country, same source and year', color: THEME.bars.leader },
    ],
    footnotes: [
      `Source${publishersOf(picked).length > 1 ? 's' : ''}: ${publishersOf(picked).join('; ')}`,
      'Percent of the world total. Figures in tonnes, other years and other sources are in the text answer.',
    ],
    fileStem: `country-${slug(name)}`,
  };
}

/** The latest year that is not a projection; failing that, the nearest projected year. */
function chooseYear(rows: readonly ShareRow[], asOfYear: number | undefined): number {
  const years = rows.map((row) => row.year);
  const past = asOfYear === undefined ? years : years.filter((year) => year <= asOfYear);
  return past.length > 0 ? Math.max(...past) : Math.min(...years);
}

/**
 * Of several sources for one year, the one whose fact ranks the most countries (the fullest
 * breakdown, so the comparison has a leader to show), then by publisher for a stable choice.
 */
function choosePick(rows: readonly ShareRow[], snapshot: Snapshot): ShareRow {
  const breadth = (row: ShareRow) => {
    const fact = snapshot.factById.get(row.factId);
    return fact?.kind === 'market-share' ? fact.shares.filter((share) => share.unit === 'percent').length : 0;
  };
  return [...rows].sort((a, b) => breadth(b) - breadth(a) || a.publisher.localeCompare(b.publisher) || a.factId.localeCompare(b.factId))[0] as ShareRow;
}

/** Percent shares of other countries that the pick's source gives for the same stage and year. */
function sameSourceShares(snapshot: Snapshot, stage: MarketStage, pick: ShareRow): Leader[] {
  return snapshot.facts
    .filter((fact): fact is MarketShareFact => fact.kind === 'market-share' && fact.stage === stage && fact.year === pick.year && fact.citations[0]?.source === pick.sourceId)
    .flatMap((fact) => fact.shares)
    .filter((share) => share.unit === 'percent' && share.country !== 'XX' && share.country !== pick.country)
    .map((share) => ({ row: share, name: countryName(snapshot, share.country) }));
}

/** The highest other share from the same source, when it is higher than the country's own. */
function leaderOf(snapshot: Snapshot, stage: MarketStage, pick: ShareRow): Leader | undefined {
  const best = sameSourceShares(snapshot, stage, pick).sort((a, b) => b.row.value - a.row.value || a.name.localeCompare(b.name))[0];
  return best && best.row.value > pick.value ? best : undefined;
}

function leaderless(snapshot: Snapshot, stage: MarketStage, pick: ShareRow): string {
  return sameSourceShares(snapshot, stage, pick).length > 0 ? ' · no other country higher in this source' : ' · no other country in this source';
}

function spread(rows: readonly ShareRow[]): string {
  const values = rows.map((row) => row.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? `${low}%` : `${low}–${high}%`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
