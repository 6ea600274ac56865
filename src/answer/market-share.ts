import type { MarketShareFact, MarketStage } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { materialMatch } from '../search/fact-text.ts';
import { answered, itemOf, type Answer, type ShareRow } from './answer.ts';
import { materialName } from './describe.ts';
import { rankTables, shareTables } from './share-tables.ts';

export interface MarketShareFilter {
  readonly stage: MarketStage;
  readonly material?: string;
  readonly year?: number;
  /** Without a year, the latest year up to this one is shown; later years are projections. */
  readonly asOfYear?: number;
}

/**
 * Countries ranked by their share at one stage of the supply chain, in tables of one unit and one
 * material scope each (share-tables.ts). Without a year, the latest year with data is shown and the
 * other years are named. Where sources disagree, every source's figure is a row of its own, never
 * averaged or dropped.
 */
export function marketShare(snapshot: Snapshot, filter: MarketShareFilter): Answer {
  const query = describeFilter(snapshot, filter);
  const matching = snapshot.facts
    .filter((fact): fact is MarketShareFact => fact.kind === 'market-share' && fact.stage === filter.stage)
    .filter((fact) => !filter.material || fact.materials.length === 0 || materialMatch(filter.material, fact.materials, snapshot) > 0);

  const years = [...new Set(matching.map((fact) => fact.year))].sort((a, b) => b - a);
  const past = filter.asOfYear === undefined ? matching : matching.filter((fact) => fact.year <= (filter.asOfYear as number));
  const year = filter.year ?? mostCompleteYear(past) ?? mostCompleteYear(matching);
  const facts = matching.filter((fact) => fact.year === year);
  if (year === undefined || facts.length === 0) {
    const other = years.length > 0 ? ` Years with data: ${years.join(', ')}.` : '';
    return answered('market-share', query, snapshot, [], {
      message: `No sourced ${filter.stage} shares ${query.replace(/^.*? shares ?/, '')}.${other}`.replace(/ \./, '.'),
      suggestions: years.slice(0, 3).map((y) => `/market-share stage:${filter.stage} year:${y}`),
    });
  }

  const shares = rankTables(snapshot, facts, filter.material).flatMap((table) => table.rows);
  const otherYears = years.filter((y) => y !== year);
  const message = [
    `${capitalize(filter.stage)} shares${filter.material ? ` for ${materialName(snapshot, filter.material)}` : ''}, ${year}${filter.year ? '' : ' (the year with the most countries on record)'}.`,
    disagreement(shares),
    otherYears.length > 0 ? `Other years: ${otherYears.map((y) => (filter.asOfYear !== undefined && y > filter.asOfYear ? `${y} (projection)` : String(y))).join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const items = [...new Map(shares.map((row) => [row.factId, row])).keys()].map((id) => itemOf(snapshot.factById.get(id) as MarketShareFact, snapshot));
  return answered('market-share', query, snapshot, items, { shares, message });
}

/** The year whose figures rank the most countries (the later year on a tie): the fullest picture. */
function mostCompleteYear(facts: readonly MarketShareFact[]): number | undefined {
  const countries = new Map<number, Set<string>>();
  for (const fact of facts) {
    const set = countries.get(fact.year) ?? new Set<string>();
    for (const share of fact.shares) if (share.country !== 'XX') set.add(share.country);
    countries.set(fact.year, set);
  }
  let best: number | undefined;
  for (const [year, set] of countries) {
    const bestSize = best === undefined ? -1 : (countries.get(best) as Set<string>).size;
    if (set.size > bestSize || (set.size === bestSize && year > (best as number))) best = year;
  }
  return best;
}

/** Rows ranked per unit and material scope, without the scope names: for callers that lay rows out their own way. */
export function rankShares(snapshot: Snapshot, facts: readonly MarketShareFact[]): ShareRow[] {
  return rankTables(snapshot, facts).flatMap((table) => table.rows.map(({ scope: _scope, ...row }) => row));
}

/** Where sources give one country different percentages in the same table; the scope is named when there are several. */
function disagreement(rows: readonly ShareRow[]): string {
  const tables = shareTables(rows);
  const scopes = new Set(tables.map((table) => table.scope));
  return tables
    .filter((table) => table.unit === 'percent')
    .flatMap((table) => {
      const byCountry = new Map<string, ShareRow[]>();
      for (const row of table.rows) byCountry.set(row.country, [...(byCountry.get(row.country) ?? []), row]);
      return [...byCountry.values()]
        .filter((list) => new Set(list.map((row) => row.value)).size > 1)
        .map((list) => {
          const scope = scopes.size > 1 && table.scope ? ` (${table.scope})` : '';
          return `Sources differ on ${list[0]?.countryName}${scope}: ${list.map((row) => `${row.value}% (${row.publisher})`).join(', ')}.`;
        });
    })
    .join(' ');
}

function describeFilter(snapshot: Snapshot, filter: MarketShareFilter): string {
  return [`${filter.stage} shares`, filter.material ? `for ${materialName(snapshot, filter.material)}` : '', filter.year ? `in ${filter.year}` : ''].filter(Boolean).join(' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
