import { createCanvas, loadImage } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { ask } from '../../src/answer/ask.ts';
import { country } from '../../src/answer/country.ts';
import { marketShare } from '../../src/answer/market-share.ts';
import { meetings } from '../../src/answer/meetings.ts';
import { restrictions } from '../../src/answer/restrictions.ts';
import { planChart, renderChart } from '../../src/charts/charts.ts';
import { encodePng, pngInfo } from '../../src/charts/png.ts';
import { THEME } from '../../src/charts/theme.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import { CHART_FIXTURE, NOW, SHIPPED, snapshotOf } from './knowledge.ts';

const MAX_BYTES = 500 * 1024;
let fixture: Snapshot;
let shipped: Snapshot;
beforeAll(async () => {
  [fixture, shipped] = await Promise.all([snapshotOf(CHART_FIXTURE), snapshotOf(SHIPPED)]);
});

/** Decodes a PNG and reads one pixel as #rrggbb. */
async function pixel(png: Buffer, x: number, y: number): Promise<string> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const [r, g, b] = context.getImageData(x, y, 1, 1).data;
  return `#${[r, g, b].map((value) => (value ?? 0).toString(16).padStart(2, '0')).join('')}`;
}

describe('rendered charts', () => {
  const cases = (): Array<[string, Answer, Snapshot]> => [
    ['market share (fixture, percent)', marketShare(fixture, { stage: 'mining', asOfYear: 2026 }), fixture],
    ['market share (fixture, tonnes)', marketShare(fixture, { stage: 'reserves', asOfYear: 2026 }), fixture],
    ['country (fixture)', country(fixture, 'US', NOW), fixture],
    ['restrictions (fixture)', restrictions(fixture, {}, NOW), fixture],
    ['market share (shipped, mining)', marketShare(shipped, { stage: 'mining', asOfYear: 2026 }), shipped],
    ['market share (shipped, refining)', marketShare(shipped, { stage: 'refining', asOfYear: 2026 }), shipped],
    ['country (shipped, China)', country(shipped, 'CN', NOW), shipped],
    ['restrictions (shipped, all)', restrictions(shipped, {}, NOW), shipped],
  ];

  it('are PNGs under 500 KB, 800–1200 px wide, that decode to the size their header states', async () => {
    for (const [name, answer, snapshot] of cases()) {
      const chart = await renderChart(answer, { snapshot, now: NOW });
      if (!chart) throw new Error(`${name}: no chart`);
      expect(chart.png.length, name).toBeLessThan(MAX_BYTES);
      const info = pngInfo(chart.png);
      expect(info, name).toEqual({ width: chart.width, height: chart.height });
      expect(chart.width, name).toBeGreaterThanOrEqual(800);
      expect(chart.width, name).toBeLessThanOrEqual(1200);
      const image = await loadImage(chart.png);
      expect([image.width, image.height], name).toEqual([chart.width, chart.height]);
      expect(await pixel(chart.png, 2, 2), name).toBe(THEME.background);
    }
  });

  it('name their kind and a file stem that says what they show', async () => {
    const chart = await renderChart(marketShare(fixture, { stage: 'mining', asOfYear: 2026 }), { snapshot: fixture, now: NOW });
    expect([chart?.kind, chart?.fileStem]).toEqual(['market-share', 'market-share-mining-2024']);
    const timeline = await renderChart(restrictions(fixture, { country: 'US' }, NOW), { snapshot: fixture, now: NOW });
    expect([timeline?.kind, timeline?.fileStem]).toEqual(['restrictions', 'restrictions-concerning-united-states']);
  });

  it('are the same bytes every time for the same answer (one font, no clock, no randomness)', async () => {
    const answer = restrictions(fixture, {}, NOW);
    const first = await renderChart(answer, { snapshot: fixture, now: NOW });
    const second = await renderChart(answer, { snapshot: fixture, now: NOW });
    expect(first?.png.equals(second?.png ?? Buffer.alloc(0))).toBe(true);
  });

  it('draw the bars in their colour where the scene puts them', async () => {
    const answer = marketShare(fixture, { stage: 'mining', asOfYear: 2026 });
    const plan = planChart(answer, { snapshot: fixture, now: NOW });
    const chart = await renderChart(answer, { snapshot: fixture, now: NOW });
    const bar = plan?.scene.items.find((item) => item.type === 'rect' && item.fill === THEME.bars.rest);
    if (!chart || bar?.type !== 'rect') throw new Error('expected a "Rest of world" bar');
    expect(await pixel(chart.png, Math.round(bar.x + bar.width / 2), Math.round(bar.y + bar.height / 2))).toBe(THEME.bars.rest);
  });

  it('are not drawn for answers that have nothing to chart', async () => {
    const index = new SearchIndex(fixture);
    const none: Answer[] = [ask(index, 'who restricts dysprosium?'), meetings(fixture, {}, NOW), marketShare(fixture, { stage: 'imports' }), restrictions(fixture, { status: 'proposed' }, NOW)];
    for (const answer of none) expect(await renderChart(answer, { snapshot: fixture, now: NOW }), answer.command).toBeUndefined();
  });
});

describe('the PNG writer', () => {
  it('writes pixels that decode back exactly', async () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 16, 32, 48, 255, 1, 2, 3, 255, 250, 251, 252, 255]);
    const png = await encodePng(rgba, 3, 2);
    expect(pngInfo(png)).toEqual({ width: 3, height: 2 });
    expect([await pixel(png, 0, 0), await pixel(png, 2, 0), await pixel(png, 0, 1), await pixel(png, 2, 1)]).toEqual(['#ff0000', '#0000ff', '#102030', '#fafbfc']);
  });

  it('refuses pixels that do not match the size, and the reader refuses what is not a whole PNG', async () => {
    await expect(encodePng(new Uint8Array(10), 3, 2)).rejects.toThrow(/expected 24 bytes/);
    const png = await encodePng(new Uint8Array(4 * 4).fill(255), 2, 2);
    expect(pngInfo(png.subarray(0, png.length - 12))).toBeUndefined();
    expect(pngInfo(Buffer.from('GIF89a not a png at all, but long enough to be read'))).toBeUndefined();
  });
});
