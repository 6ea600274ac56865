import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer, ShareRow } from '../../src/answer/answer.ts';
import { marketShare } from '../../src/answer/market-share.ts';
import { marketShareChart } from '../../src/charts/market-share-chart.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { MARKET_STAGES, type MarketShareFact } from '../../src/knowledge/schema.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import { renderAnswer } from '../../src/render/discord/answer-message.ts';
import { renderText } from '../../src/render/text.ts';

/**
 * /market-share ranks like with like (issue 13): one unit and one material scope per table,
 * figures in their own unit, rare earths as a whole before figures for a part of them (unless
 * that part was asked for), a dollar value never shown or ranked as a share; the chart draws the
 * first table. The fixture has the shipped knowledge's shapes; the shipped knowledge, which grows,
 * is only held to the properties.
 */
let fixture: Snapshot;
let shipped: Snapshot;

async function snapshotOf(dir: string): Promise<Snapshot> {
  const result = await loadKnowledge(dir);
  if (!result.ok) throw new Error(`${dir} must load`);
  return result.snapshot;
}

beforeAll(async () => {
  [fixture, shipped] = await Promise.all([
    snapshotOf(path.resolve(import.meta.dirname, '../fixtures/knowledge/market-share')),
    snapshotOf(path.resolve(import.meta.dirname, '../../knowledge')),
  ]);
});

/** Consecutive rows of one unit and one scope: a table as the answer lays them out. */
function tablesOf(rows: readonly ShareRow[]): ShareRow[][] {
  const tables: ShareRow[][] = [];
  for (const row of rows) {
    const last = tables.at(-1);
    if (last && last[0]?.unit === row.unit && last[0]?.scope === row.scope) last.push(row);
    else tables.push([row]);
  }
  return tables;
}

function factOf(snapshot: Snapshot, row: ShareRow): MarketShareFact {
  return snapshot.factById.get(row.factId) as MarketShareFact;
}

/** Every table: one unit, one scope, met once; countries ranked by their largest figure, equal figures sharing a rank, the world total last. */
function expectRankedTables(answer: Answer, label: string): void {
  const tables = tablesOf(answer.shares ?? []);
  const seen = new Set<string>();
  for (const table of tables) {
    const key = `${table[0]?.scope} | ${table[0]?.unit}`;
    expect(seen.has(key), `${label}: the table ${key} is split`).toBe(false);
    seen.add(key);
    const countries = table.filter((row) => row.country !== 'XX');
    const best = new Map<string, number>();
    for (const row of countries) best.set(row.country, Math.max(best.get(row.country) ?? 0, row.value));
    for (const row of countries) {
      const larger = [...best.values()].filter((value) => value > (best.get(row.country) as number)).length;
      expect(row.rank, `${label}: ${row.countryName} ${row.value} in ${key}`).toBe(larger + 1);
    }
    expect(
      table
        .map((row) => row.rank)
        .slice(countries.length)
        .every((rank) => rank === 0),
      `${label}: world total last in ${key}`,
    ).toBe(true);
    expect(
      table.slice(0, countries.length).map((row) => row.rank),
      `${label}: ranks in order in ${key}`,
    ).toEqual([...table.slice(0, countries.length).map((row) => row.rank)].sort((a, b) => a - b));
  }
  // Within a scope, dollars come after the other units.
  for (const [index, table] of tables.entries()) {
    if (table[0]?.unit !== 'usd') continue;
    const later = tables.slice(index + 1).filter((other) => other[0]?.scope === table[0]?.scope);
    expect(
      later.map((other) => other[0]?.unit),
      `${label}: after the dollars`,
    ).toEqual([]);
  }
}

/** The header line ("  #  Country   Share  Year  Source") a text line sits under. */
function headerAbove(text: string, needle: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.includes(needle));
  return (
    lines
      .slice(0, at)
      .reverse()
      .find((line) => /^\s+#\s+Country/.test(line)) ?? ''
  );
}

describe('/market-share stage:mining, tonnes beside "under 1%" and a dollar value', () => {
  it('ranks the tonnes first, the table that ranks the most countries, with China first and tied figures sharing a rank', () => {
    const answer = marketShare(fixture, { stage: 'mining', asOfYear: 2026 });
    const [first] = tablesOf(answer.shares ?? []);
    expect(first?.[0]).toMatchObject({ country: 'CN', unit: 'tonnes', rank: 1, value: 270000 });
    expect(first?.every((row) => row.unit === 'tonnes')).toBe(true);
    expect(first?.filter((row) => row.value === 13000).map((row) => [row.countryName, row.rank])).toEqual([
      ['Australia', 4],
      ['Nigeria', 4],
      ['Thailand', 4],
    ]);
    expect(first?.at(-1)).toMatchObject({ country: 'XX', rank: 0 });
    expectRankedTables(answer, 'fixture mining');
  });

  it('keeps "under 1%" in a percent table of its own, after the tonnes, and never ranks it above a tonnage', () => {
    const answer = marketShare(fixture, { stage: 'mining', asOfYear: 2026 });
    const rows = answer.shares ?? [];
    const firstPercent = rows.findIndex((row) => row.unit === 'percent');
    const lastTonnes = rows.map((row) => row.unit).lastIndexOf('tonnes');
    expect(firstPercent).toBeGreaterThan(lastTonnes);
    expect(rows.filter((row) => row.unit === 'percent').map((row) => [row.countryName, row.rank])).toEqual([
      ['Brazil', 1],
      ['India', 1],
    ]);
  });

  it('shows the dollar value as a value, in the last table, under no "Share" heading, in text and on Discord', () => {
    const answer = marketShare(fixture, { stage: 'mining', asOfYear: 2026 });
    expect(answer.shares?.at(-1)).toMatchObject({ unit: 'usd', country: 'US', rank: 1 });
    const text = renderText(answer);
    expect(headerAbove(text, '$260,000,000')).toMatch(/\bValue\b/);
    expect(headerAbove(text, '$260,000,000')).not.toMatch(/\bShare\b/);
    expect(text).toMatch(/Rare earths · value in US dollars \(not a share\)\n.*#\s+Country\s+Value/);
    const description = renderAnswer(answer).embeds[0]?.description ?? '';
    const block = description.slice(description.indexOf('```'));
    expect(block.indexOf('value in US dollars (not a share)')).toBeGreaterThan(block.indexOf('under 1%'));
    expect(block.indexOf('$260,000,000')).toBeGreaterThan(block.indexOf('value in US dollars (not a share)'));
    expect(block.indexOf('Rare earths · tonnes')).toBe(block.indexOf('```') + 4);
  });

  it('charts the tonnes with the world total, and no dollar bar', () => {
    const answer = marketShare(fixture, { stage: 'mining', asOfYear: 2026 });
    const data = marketShareChart(answer, fixture, { asOfYear: 2026 });
    const bars = data?.groups[0]?.bars ?? [];
    expect(data?.unit).toBe('tonnes');
    expect(bars[0]).toMatchObject({ label: expect.stringMatching(/^China/), value: 270000 });
    expect(bars.at(-1)).toMatchObject({ tone: 'world', value: 390000 });
    expect(bars.some((bar) => bar.valueLabel.includes('$') || bar.valueLabel.includes('%'))).toBe(false);
    expect(data?.subtitle).toMatch(/^Rare earths: tonnes/);
  });
});

describe('/market-share stage:refining, with a Dy/Tb-only and a critical-minerals figure', () => {
  it('leads with rare earths as a whole; the Dy/Tb figure and the critical-minerals one follow, each in a table of its own', () => {
    const answer = marketShare(fixture, { stage: 'refining', asOfYear: 2026 });
    const tables = tablesOf(answer.shares ?? []);
    expect(tables.map((table) => [table[0]?.scope, table[0]?.unit])).toEqual([
      ['rare earths', 'percent'],
      ['rare earths', 'tonnes'],
      ['dysprosium, terbium and heavy rare earths', 'percent'],
      ['critical minerals', 'percent'],
    ]);
    expect(tables[0]?.every((row) => factOf(fixture, row).materials.includes('REE'))).toBe(true);
    expect(tables[0]?.map((row) => [row.countryName, row.value, row.rank])).toEqual([
      ['China', 91, 1],
      ['China', 85, 1],
      ['Malaysia', 4, 2],
    ]);
    expectRankedTables(answer, 'fixture refining');
  });

  it('says where sources differ only about figures of the same scope', () => {
    const answer = marketShare(fixture, { stage: 'refining', asOfYear: 2026 });
    expect(answer.message).toMatch(/Sources differ on China \(rare earths\): 91% \(Energy Agency\), 85% \(News Wire\)\./);
    expect(answer.message).not.toMatch(/99%/);
  });

  it('charts the rare-earth shares only', () => {
    const data = marketShareChart(marketShare(fixture, { stage: 'refining', asOfYear: 2026 }), fixture, { asOfYear: 2026 });
    expect((data?.groups[0]?.bars ?? []).map((bar) => bar.valueLabel)).toEqual(['91%', 'about 85%', 'about 4%']);
    expect(data?.footnotes[0]).toMatch(/Material: rare earths/);
  });

  it('puts the asked-for material first, with the wider figures after it', () => {
    const answer = marketShare(fixture, { stage: 'refining', material: 'Dy', asOfYear: 2026 });
    const tables = tablesOf(answer.shares ?? []);
    expect(tables[0]?.map((row) => [row.factId, row.rank])).toEqual([['refining-2025-dy-tb', 1]]);
    expect(tables[1]?.[0]?.scope).toBe('rare earths');
    const data = marketShareChart(answer, fixture, { asOfYear: 2026 });
    expect((data?.groups[0]?.bars ?? []).map((bar) => bar.valueLabel)).toEqual(['over 99%']);
  });

  it('ranks magnets before heavy-rare-earth magnets', () => {
    const answer = marketShare(fixture, { stage: 'magnets', asOfYear: 2026 });
    expect(tablesOf(answer.shares ?? []).map((table) => [table[0]?.scope, table.length])).toEqual([
      ['rare-earth permanent magnets', 2],
      ['heavy rare earths and rare-earth permanent magnets', 1],
    ]);
  });
});

describe('the shipped knowledge', () => {
  it('ranks every stage and year in tables of one unit and scope, rare earths as a whole first where it has them', () => {
    for (const stage of MARKET_STAGES) {
      const years = new Set(shipped.facts.flatMap((fact) => (fact.kind === 'market-share' && fact.stage === stage ? [fact.year] : [])));
      for (const year of years) {
        const answer = marketShare(shipped, { stage, year });
        const label = `${stage} ${year}`;
        expectRankedTables(answer, label);
        const rows = answer.shares ?? [];
        const whole = rows.filter(
          (row) => factOf(shipped, row).materials.includes('REE') && factOf(shipped, row).materials.every((code) => shipped.materialByCode.get(code)?.group !== 'other'),
        );
        if (whole.length > 0) expect(rows.slice(0, whole.length), label).toEqual(whole);
        const data = marketShareChart(answer, shipped);
        if (data) {
          // The first table with a country's figure (a world total alone is no ranking), dollars never.
          const first = tablesOf(rows).find((table) => table[0]?.unit !== 'usd' && table.some((row) => row.country !== 'XX'));
          expect(data.unit, label).toBe(first?.[0]?.unit);
          expect(
            data.groups[0]?.bars.filter((bar) => bar.tone === 'primary').map((bar) => bar.value),
            label,
          ).toEqual(
            (first ?? [])
              .filter((row) => row.country !== 'XX')
              .slice(0, 12)
              .map((row) => row.value),
          );
        }
      }
    }
  });
});
