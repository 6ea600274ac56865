import type { MarketShareFact, MarketStage } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { materialMatch } from '../search/fact-text.ts';
import { answered, itemOf, type Answer, type ShareRow } from './answer.ts';
import { countryName, materialName } from './describe.ts';

export interface MarketShareFilter {
  readonly stage: MarketStage;
  readonly material?: string;
  readonly year?: number;
  /** Without a year, the latest year up to this one is shown; later years are projections. */
  readonly asOfYear?: number;
}

const UNIT_ORDER = { percent: 0, tonnes: 1, usd: 2 } as const;

/**
 * Countries ranked by their share at one stage of the supply chain. Without a year, the latest
 * year with data is shown and the other years are named. Where sources disagree, every source's
 * figure is a row of its own, never averaged or dropped.
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

  const shares = rankShares(snapshot, facts);
  const otherYears = years.filter((y) => y !== year);
  const message = [
    `${capitalize(filter.stage)} shares${filter.material ? ` for ${materialName(snapshot, filter.material)}` : ''}, ${year}${filter.year ? '' : ' (the year with the most countries on record)'}.`,
    disagreement(shares),
    otherYears.length > 0 ? `Other years: ${otherYears.map((y) => (filter.asOfYear !== undefined && y > filter.asOfYear ? `${y} (projection)` : String(y))).join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const items = [...new Map(shares.map((row) => [row.factId, row])).keys()].map((id) =>
    itemOf(snapshot.factById.get(id) as MarketShareFact, snapshot),
  );
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

export function rankShares(snapshot: Snapshot, facts: readonly MarketShareFact[]): ShareRow[] {
  const rows = facts.flatMap((fact) =>
    fact.shares.map((share) => {
      const sourceId = fact.citations[0]?.source ?? '';
      return {
        country: share.country,
        countryName: countryName(snapshot, share.country),
        value: share.value,
        unit: share.unit,
        ...(share.qualifier ? { qualifier: share.qualifier } : {}),
        year: fact.year,
        sourceId,
        publisher: snapshot.sourceById.get(sourceId)?.publisher ?? sourceId,
        factId: fact.id,
      };
    }),
  );
  const world = (row: { country: string }) => (row.country === 'XX' ? 1 : 0);
  rows.sort(
    (a, b) => UNIT_ORDER[a.unit] - UNIT_ORDER[b.unit] || world(a) - world(b) || b.value - a.value || a.publisher.localeCompare(b.publisher),
  );
  // Rank countries, not rows: two sources' figures for China share China's rank. The world total
  // is shown for scale with rank 0.
  const rankOf = new Map<string, number>();
  return rows.map((row) => {
    if (row.country === 'XX') return { rank: 0, ...row };
    const key = `${row.unit}|${row.country}`;
    if (!rankOf.has(key)) rankOf.set(key, [...rankOf.keys()].filter((k) => k.startsWith(`${row.unit}|`)).length + 1);
    return { rank: rankOf.get(key) as number, ...row };
  });
}

function disagreement(rows: readonly ShareRow[]): string {
  const byCountry = new Map<string, ShareRow[]>();
  for (const row of rows) if (row.unit === 'percent') byCountry.set(row.country, [...(byCountry.get(row.country) ?? []), row]);
  const split = [...byCountry.values()].filter((list) => new Set(list.map((row) => row.value)).size > 1);
  if (split.length === 0) return '';
  return split
    .map((list) => `Sources differ on ${list[0]?.countryName}: ${list.map((row) => `${row.value}% (${row.publisher})`).join(', ')}.`)
    .join(' ');
}

function describeFilter(snapshot: Snapshot, filter: MarketShareFilter): string {
  return [`${filter.stage} shares`, filter.material ? `for ${materialName(snapshot, filter.material)}` : '', filter.year ? `in ${filter.year}` : '']
    .filter(Boolean)
    .join(' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
