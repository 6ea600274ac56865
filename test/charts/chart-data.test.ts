import { beforeAll, describe, expect, it } from 'vitest';
import { messageAnswer, noAnswer, type Answer, type ShareRow } from '../../src/answer/answer.ts';
import { country } from '../../src/answer/country.ts';
import { marketShare } from '../../src/answer/market-share.ts';
import { meetings } from '../../src/answer/meetings.ts';
import { restrictions } from '../../src/answer/restrictions.ts';
import type { BarChartData } from '../../src/charts/chart-data.ts';
import { countryChart } from '../../src/charts/country-chart.ts';
import { MAX_SHARE_BARS, marketShareChart } from '../../src/charts/market-share-chart.ts';
import { MAX_TIMELINE_ROWS, restrictionsChart } from '../../src/charts/restrictions-chart.ts';
import type { RestrictionFact } from '../../src/knowledge/schema.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import { formatShare } from '../../src/render/text.ts';
import { CHART_FIXTURE, NOW, SHIPPED, snapshotOf } from './knowledge.ts';

let snapshot: Snapshot;
beforeAll(async () => {
  snapshot = await snapshotOf(CHART_FIXTURE);
});

const AS_OF = { asOfYear: 2026 };

function bars(data: BarChartData | undefined, group = 0) {
  return (data?.groups[group]?.bars ?? []).map((bar) => ({ label: bar.label, value: bar.value, valueLabel: bar.valueLabel, tone: bar.tone }));
}

function percentRows(answer: Answer): ShareRow[] {
  return (answer.shares ?? []).filter((row) => row.unit === 'percent' && row.country !== 'XX');
}

describe('market-share chart data', () => {
  it('draws one bar per ranked figure of the answer, in its order, with the figure as the answer states it', () => {
    const answer = marketShare(snapshot, { stage: 'mining', ...AS_OF });
    const data = marketShareChart(answer, snapshot, AS_OF);
    const rows = percentRows(answer);
    expect(rows.map((row) => row.countryName)).toEqual(['China', 'United States', 'Myanmar', 'Australia']);
    expect(bars(data).filter((bar) => bar.tone === 'primary')).toEqual(
      rows.map((row) => ({ label: row.countryName, value: row.value, valueLabel: formatShare(row), tone: 'primary' })),
    );
    expect(data?.title).toBe('Mining shares, 2024');
    expect(data?.footnotes).toEqual([
      'Stage: mining · Year: 2024 · Material: rare earths · Unit: percent of the world total',
      'Source: U.S. Geological Survey',
      'Rest of world is computed from the figures above, all from U.S. Geological Survey.',
    ]);
    expect(data?.fileStem).toBe('market-share-mining-2024');
  });

  it('adds "Rest of world" = 100 − the sum of the bars when one source states exact percentages', () => {
    const answer = marketShare(snapshot, { stage: 'mining', ...AS_OF });
    const rest = bars(marketShareChart(answer, snapshot, AS_OF)).at(-1);
    const sum = percentRows(answer).reduce((total, row) => total + row.value, 0);
    expect(rest).toEqual({ label: 'Rest of world', value: 100 - sum, valueLabel: `${100 - sum}%`, tone: 'rest' });
    expect(rest?.value).toBe(6);
  });

  it('carries "about" and the figures\' decimals over to "Rest of world"', () => {
    const answer = marketShare(snapshot, { stage: 'mining', year: 2023 });
    const rest = bars(marketShareChart(answer, snapshot, AS_OF)).at(-1);
    expect(rest).toEqual({ label: 'Rest of world', value: 19.2, valueLabel: 'about 19.2%', tone: 'rest' });
  });

  it('gives each source its own bar, labelled with its publisher, and no "Rest of world" where sources differ', () => {
    const answer = marketShare(snapshot, { stage: 'refining', ...AS_OF });
    const data = marketShareChart(answer, snapshot, AS_OF);
    expect(bars(data)).toEqual([
      { label: 'China · International Energy Agency', value: 91, valueLabel: '91%', tone: 'primary' },
      { label: 'China · U.S. Geological Survey', value: 90, valueLabel: '90%', tone: 'primary' },
      { label: 'Japan · International Energy Agency', value: 1, valueLabel: 'under 1%', tone: 'primary' },
    ]);
    expect(data?.footnotes).toContain('Sources: International Energy Agency; U.S. Geological Survey');
  });

  it('draws no "Rest of world" when a figure is only a bound ("over 90%")', () => {
    const data = marketShareChart(marketShare(snapshot, { stage: 'magnets', ...AS_OF }), snapshot, AS_OF);
    expect(bars(data)).toEqual([{ label: 'China', value: 90, valueLabel: 'over 90%', tone: 'primary' }]);
  });

  it('draws tonnes to scale beside the world total when the year has them and no percentages', () => {
    const data = marketShareChart(marketShare(snapshot, { stage: 'reserves', ...AS_OF }), snapshot, AS_OF);
    expect(data?.unit).toBe('tonnes');
    expect(bars(data)).toEqual([
      { label: 'China', value: 44_000_000, valueLabel: '44,000,000 t', tone: 'primary' },
      { label: 'Vietnam', value: 3_500_000, valueLabel: '3,500,000 t', tone: 'primary' },
      { label: 'United States', value: 1_900_000, valueLabel: '1,900,000 t', tone: 'primary' },
      { label: 'World (total)', value: 110_000_000, valueLabel: '110,000,000 t', tone: 'world' },
    ]);
    expect(data?.scaleMax).toBe(110_000_000);
  });

  it('says when the year is a projection', () => {
    const data = marketShareChart(marketShare(snapshot, { stage: 'mining', year: 2030, ...AS_OF }), snapshot, AS_OF);
    expect(data?.title).toBe('Mining shares, 2030 (projection)');
    expect(data?.footnotes[0]).toContain('Year: 2030 (projection)');
  });

  it('draws at most MAX_SHARE_BARS bars; "Rest of world" then includes the countries left out, and the footnote says so', () => {
    const base = marketShare(snapshot, { stage: 'mining', ...AS_OF });
    const first = (base.shares ?? [])[0] as ShareRow;
    const shares = Array.from({ length: 15 }, (_, i) => ({ ...first, rank: i + 1, country: `C${i}`, countryName: `Country ${i}`, value: 5 }));
    const data = marketShareChart({ ...base, shares }, snapshot, AS_OF);
    const drawn = bars(data);
    expect(drawn.filter((bar) => bar.tone === 'primary')).toHaveLength(MAX_SHARE_BARS);
    expect(drawn.at(-1)).toMatchObject({ label: 'Rest of world', value: 100 - 5 * MAX_SHARE_BARS });
    expect(data?.footnotes).toContain(`${15 - MAX_SHARE_BARS} more figure(s) in the text answer.`);
  });

  it('has no chart without figures to draw: no answer, US dollars only, other commands', () => {
    const base = marketShare(snapshot, { stage: 'mining', ...AS_OF });
    const first = (base.shares ?? [])[0] as ShareRow;
    expect(marketShareChart(noAnswer('market-share', 'x', snapshot, 'none'), snapshot)).toBeUndefined();
    expect(marketShareChart({ ...base, shares: [{ ...first, unit: 'usd', value: 260_000_000 }] }, snapshot)).toBeUndefined();
    expect(marketShareChart({ ...base, shares: [] }, snapshot)).toBeUndefined();
    expect(marketShareChart(messageAnswer('help', '', snapshot, 'help'), snapshot)).toBeUndefined();
  });
});

describe('country chart data', () => {
  it('sets the country beside the highest other country of the same source and year, stage by stage', () => {
    const data = countryChart(country(snapshot, 'US', NOW), snapshot, AS_OF);
    expect(data?.groups.map((group) => [group.heading, group.note])).toEqual([
      ['Mining', '2024 · U.S. Geological Survey'],
      ['Reserves', 'No percentage on record'],
      ['Refining', 'No percentage on record'],
      ['Magnets', 'No percentage on record'],
    ]);
    expect(bars(data, 0)).toEqual([
      { label: 'United States', value: 12, valueLabel: '12%', tone: 'primary' },
      { label: 'China', value: 69, valueLabel: '69%', tone: 'leader' },
    ]);
    expect(data?.footnotes[0]).toBe('Source: U.S. Geological Survey');
    expect(data?.fileStem).toBe('country-united-states');
  });

  it('draws no leader for the country that leads, and counts the other sources of that year with their range', () => {
    const data = countryChart(country(snapshot, 'CN', NOW), snapshot, AS_OF);
    const refining = data?.groups[2];
    expect(refining?.bars.map((bar) => [bar.label, bar.valueLabel, bar.tone])).toEqual([['China', '91%', 'primary']]);
    expect(refining?.note).toBe('2024 · International Energy Agency · no other country higher in this source; 1 other source(s) for 2024: 90%');
    expect(data?.groups[3]?.note).toBe('2024 · International Energy Agency · no other country in this source');
  });

  it('prefers the latest year that is not a projection', () => {
    const mining = countryChart(country(snapshot, 'CN', NOW), snapshot, AS_OF)?.groups[0];
    expect(mining?.note).toMatch(/^2024 /);
    const latest = countryChart(country(snapshot, 'CN', NOW), snapshot, {})?.groups[0];
    expect(latest?.note).toMatch(/^2030 · International Energy Agency/);
    expect(latest?.bars[0]?.value).toBe(54);
    const beforeAny = countryChart(country(snapshot, 'CN', NOW), snapshot, { asOfYear: 2020 })?.groups[0];
    expect(beforeAny?.note).toMatch(/^2023 \(projection\)/);
  });

  it('compares a small share with the leader of the same source ("under 1%" beside 91%)', () => {
    const data = countryChart(country(snapshot, 'JP', NOW), snapshot, AS_OF);
    expect(bars(data, 2)).toEqual([
      { label: 'Japan', value: 1, valueLabel: 'under 1%', tone: 'primary' },
      { label: 'China', value: 91, valueLabel: '91%', tone: 'leader' },
    ]);
  });

  it('has no chart for a country with no percentage on record, or for an unknown one', () => {
    expect(countryChart(country(snapshot, 'VN', NOW), snapshot, AS_OF)).toBeUndefined();
    expect(countryChart(country(snapshot, 'ZZ', NOW), snapshot, AS_OF)).toBeUndefined();
  });
});

describe('restrictions chart data', () => {
  it('has one entry per measure of the answer, in its order, with the facts\' dates and statuses', () => {
    const answer = restrictions(snapshot, {}, NOW);
    const data = restrictionsChart(answer, snapshot);
    const facts = answer.answers.map((item) => snapshot.factById.get(item.factId) as RestrictionFact);
    expect(data?.entries.map((entry) => [entry.label, entry.announced, entry.effective, entry.expires, entry.status, entry.statusAsOf])).toEqual(
      answer.answers.map((item, i) => [item.title, facts[i]?.announced, facts[i]?.effective, facts[i]?.expires, facts[i]?.status, facts[i]?.statusAsOf]),
    );
    expect(data?.entries[2]?.detail).toBe('announced 2025-10 · effective 2025-12-01 · expires 2026-11-10');
    expect(data?.entries[2]?.statusLabel).toBe('suspended');
    expect(data?.legend.map((entry) => entry.label)).toEqual(['announced', 'in force', 'suspended', 'lifted']);
    expect(data?.title).toBe('Restrictions in the knowledge base');
    expect(data?.fileStem).toBe('restrictions-all');
  });

  it('names the filter in its title and file name', () => {
    const data = restrictionsChart(restrictions(snapshot, { country: 'US' }, NOW), snapshot);
    expect(data?.title).toBe('Restrictions concerning United States');
    expect(data?.fileStem).toBe('restrictions-concerning-united-states');
  });

  it('keeps the most recent rows of a long timeline, oldest first, and says how many were left out', async () => {
    const shipped = await snapshotOf(SHIPPED);
    const answer = restrictions(shipped, {}, NOW);
    expect(answer.answers.length).toBeGreaterThan(MAX_TIMELINE_ROWS);
    const data = restrictionsChart(answer, shipped);
    expect(data?.entries.map((entry) => entry.label)).toEqual(answer.answers.slice(-MAX_TIMELINE_ROWS).map((item) => item.title));
    expect(data?.subtitle).toBe(`${answer.answers.length} measure(s), oldest announcement first; the ${MAX_TIMELINE_ROWS} most recent of ${answer.answers.length} are drawn`);
  });

  it('has no chart when nothing matched, or for another command', () => {
    expect(restrictionsChart(restrictions(snapshot, { status: 'proposed' }, NOW), snapshot)).toBeUndefined();
    expect(restrictionsChart(meetings(snapshot, {}, new Date()), snapshot)).toBeUndefined();
  });
});
