import type { MarketShareFact, MarketStage } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { materialMatch } from '../search/fact-text.ts';
import { answered, itemOf, type Answer, type ShareRow } from './answer.ts';
import { countryName, materialName } from './describe.ts';

export interface MarketShareFilter {
  readonly stage: MarketStage;
  readonly material?: string;
  readonly year?: number;
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
  const year = filter.year ?? latestYearWithShares(matching) ?? years[0];
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
    `${capitalize(filter.stage)} shares${filter.material ? ` for ${materialName(snapshot, filter.material)}` : ''}, ${year}${filter.year ? '' : ' (latest year with data)'}.`,
    disagreement(shares),
    otherYears.length > 0 ? `Other years: ${otherYears.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const items = [...new Map(shares.map((row) => [row.factId, row])).keys()].map((id) =>
    itemOf(snapshot.factById.get(id) as MarketShareFact, snapshot),
  );
  return answered('market-share', query, snapshot, items, { shares, message });
}

function latestYearWithShares(facts: readonly MarketShareFact[]): number | undefined {
  const withPercent = facts.filter((fact) => fact.shares.some((share) => share.unit === 'percent' && share.country !== 'XX'));
  return withPercent.length > 0 ? Math.max(...withPercent.map((fact) => fact.year)) : undefined;
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
  rows.sort((a, b) => UNIT_ORDER[a.unit] - UNIT_ORDER[b.unit] || b.value - a.value || a.publisher.localeCompare(b.publisher));
  // Rank countries, not rows: two sources' figures for China share China's rank.
  const rankOf = new Map<string, number>();
  return rows.map((row) => {
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
