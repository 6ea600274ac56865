import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { country } from '../../src/answer/country.ts';
import { marketShare } from '../../src/answer/market-share.ts';
import { shareTables } from '../../src/answer/share-tables.ts';
import { formatShare } from '../../src/render/text.ts';
import { restrictions } from '../../src/answer/restrictions.ts';
import { layoutBars } from '../../src/charts/bar-layout.ts';
import type { BarChartData, TimelineData } from '../../src/charts/chart-data.ts';
import { planChart } from '../../src/charts/charts.ts';
import { marketShareChart } from '../../src/charts/market-share-chart.ts';
import { restrictionsChart } from '../../src/charts/restrictions-chart.ts';
import { textsOf, type CircleItem, type Scene, type TextItem } from '../../src/charts/scene.ts';
import { measureText } from '../../src/charts/text-fit.ts';
import { layoutTimeline } from '../../src/charts/timeline-layout.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import { CHART_FIXTURE, NOW, SHIPPED, snapshotOf } from './knowledge.ts';

let fixture: Snapshot;
let shipped: Snapshot;
beforeAll(async () => {
  [fixture, shipped] = await Promise.all([snapshotOf(CHART_FIXTURE), snapshotOf(SHIPPED)]);
});

function texts(scene: Scene): TextItem[] {
  return scene.items.filter((item): item is TextItem => item.type === 'text');
}

/** A label drawn whole, or shortened: what is drawn is the start of the label, followed by an ellipsis. */
function drawnAs(label: string, drawn: readonly string[]): boolean {
  return drawn.some((text) => text === label || (text.endsWith('…') && label.startsWith(text.slice(0, -1).trimEnd())));
}

function everyChart(): Array<[string, Answer, Snapshot]> {
  return [
    ['fixture mining', marketShare(fixture, { stage: 'mining', asOfYear: 2026 }), fixture],
    ['fixture refining', marketShare(fixture, { stage: 'refining', asOfYear: 2026 }), fixture],
    ['fixture reserves', marketShare(fixture, { stage: 'reserves', asOfYear: 2026 }), fixture],
    ['fixture 2030', marketShare(fixture, { stage: 'mining', year: 2030, asOfYear: 2026 }), fixture],
    ['fixture country', country(fixture, 'US', NOW), fixture],
    ['fixture restrictions', restrictions(fixture, {}, NOW), fixture],
    ['shipped mining', marketShare(shipped, { stage: 'mining', asOfYear: 2026 }), shipped],
    ['shipped refining', marketShare(shipped, { stage: 'refining', asOfYear: 2026 }), shipped],
    ['shipped country', country(shipped, 'CN', NOW), shipped],
    ['shipped restrictions', restrictions(shipped, {}, NOW), shipped],
  ];
}

describe('bar chart scenes', () => {
  it('draw every bar label and every figure of the data, and nothing but the data, the scale and the notes', () => {
    const answer = marketShare(fixture, { stage: 'mining', asOfYear: 2026 });
    const data = marketShareChart(answer, fixture, { asOfYear: 2026 }) as BarChartData;
    const scene = layoutBars(data);
    expect(textsOf(scene, 'label')).toEqual(['China', 'United States', 'Myanmar', 'Australia', 'Rest of world']);
    expect(textsOf(scene, 'value')).toEqual(['69%', '12%', '8%', '5%', '6%']);
    expect(textsOf(scene, 'tick')).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(textsOf(scene, 'title')).toEqual(['Mining shares, 2024']);
    expect(textsOf(scene, 'footnote')).toEqual(data.footnotes);
    // Every figure the answer ranks is on the picture, in the answer's words.
    for (const row of answer.shares ?? []) expect(textsOf(scene, 'value')).toContain(`${row.value}%`);
  });

  it('make bar lengths proportional to the figures', () => {
    const data = marketShareChart(marketShare(fixture, { stage: 'mining', asOfYear: 2026 }), fixture, { asOfYear: 2026 }) as BarChartData;
    const rects = layoutBars(data).items.filter((item) => item.type === 'rect' && item.height === 22);
    const widths = rects.map((item) => (item.type === 'rect' ? item.width : 0));
    const values = data.groups[0]?.bars.map((bar) => bar.value) ?? [];
    expect(widths).toHaveLength(values.length);
    for (let i = 1; i < values.length; i++) expect((widths[i] as number) / (widths[0] as number)).toBeCloseTo((values[i] as number) / (values[0] as number), 5);
  });

  it('shorten a label too long for its column with an ellipsis', () => {
    const scene = planChart(marketShare(fixture, { stage: 'mining', year: 2030, asOfYear: 2026 }), { snapshot: fixture, now: NOW })?.scene as Scene;
    const long = 'Democratic Republic of the Congo (a name made long on purpose for tests)';
    const drawn = textsOf(scene, 'label');
    expect(drawn).not.toContain(long);
    expect(drawnAs(long, drawn)).toBe(true);
  });
});

describe('timeline scenes', () => {
  it('draw each measure\'s title, dates and status from the data, and a legend of the statuses shown', () => {
    const data = restrictionsChart(restrictions(fixture, {}, NOW), fixture) as TimelineData;
    const scene = layoutTimeline(data);
    for (const entry of data.entries) expect(drawnAs(entry.label, textsOf(scene, 'label')), entry.label).toBe(true);
    expect(textsOf(scene, 'detail').filter((text) => text.startsWith('announced'))).toEqual(data.entries.map((entry) => entry.detail));
    expect(textsOf(scene, 'status')).toEqual(data.entries.map((entry) => entry.statusLabel));
    expect(textsOf(scene, 'legend')).toEqual(['announced', 'in force', 'suspended', 'lifted', 'date announced', 'date in effect', 'until expiry']);
  });

  it('place the markers in date order, coloured by status, and break an axis that would be mostly empty', () => {
    const data = restrictionsChart(restrictions(fixture, {}, NOW), fixture) as TimelineData;
    const scene = layoutTimeline(data);
    // Row markers are the circles below the legend; a hollow one (announced) is drawn first in each row.
    const legendBottom = Math.max(...texts(scene).filter((item) => item.role === 'legend').map((item) => item.y));
    const announced = scene.items.filter((item): item is CircleItem => item.type === 'circle' && item.y > legendBottom && item.lineWidth > 0);
    expect(announced.map((circle) => circle.stroke)).toEqual(['#51cf66', '#ff6b6b', '#4dabf7', '#fcc419']);
    const xs = announced.map((circle) => circle.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // 2010 stands alone; 2025–2026 keep most of the width.
    expect(textsOf(scene, 'tick')).toEqual(['2010', '2025-04', '2025-10', '2026-04', '2026-10']);
    expect(textsOf(scene, 'footnote')).toContain('The time axis is broken (//) where years without any dates are left out.');
    const day = (date: string) => Date.parse(date) / 86_400_000;
    const acrossTheBreak = ((xs[1] as number) - (xs[0] as number)) / (day('2025-04-04') - day('2010-09-01'));
    const within2025 = ((xs[3] as number) - (xs[1] as number)) / (day('2025-10-10') - day('2025-04-04'));
    expect(acrossTheBreak).toBeLessThan(within2025 / 10);
  });
});

describe('every chart', () => {
  it('is 800–1200 px wide, keeps every item on the canvas and every text within its width', () => {
    for (const [name, answer, snapshot] of everyChart()) {
      const scene = planChart(answer, { snapshot, now: NOW })?.scene;
      if (!scene) throw new Error(`${name}: no chart`);
      expect(scene.width, name).toBeGreaterThanOrEqual(800);
      expect(scene.width, name).toBeLessThanOrEqual(1200);
      for (const item of scene.items) {
        const [x0, x1, y] =
          item.type === 'rect'
            ? [item.x, item.x + item.width, item.y + item.height]
            : item.type === 'line'
              ? [Math.min(item.x1, item.x2), Math.max(item.x1, item.x2), Math.max(item.y1, item.y2)]
              : item.type === 'circle'
                ? [item.x - item.r, item.x + item.r, item.y + item.r]
                : [item.x, item.x, item.y];
        expect(x0, `${name}: ${JSON.stringify(item)}`).toBeGreaterThanOrEqual(0);
        expect(x1, `${name}: ${JSON.stringify(item)}`).toBeLessThanOrEqual(scene.width);
        expect(y, `${name}: ${JSON.stringify(item)}`).toBeLessThanOrEqual(scene.height);
        if (item.type === 'text') expect(measureText(item.text, item.size, item.bold), `${name}: ${item.text}`).toBeLessThanOrEqual(item.maxWidth + 0.5);
      }
    }
  });

  it('draws the figures of the shipped knowledge\'s answers', () => {
    const answer = marketShare(shipped, { stage: 'refining', asOfYear: 2026 });
    const scene = planChart(answer, { snapshot: shipped, now: NOW })?.scene as Scene;
    // The chart draws the answer's first table: one unit and one material scope.
    const [first] = shareTables(answer.shares ?? []);
    const shown = (first?.rows ?? []).filter((row) => row.country !== 'XX').slice(0, 12);
    const labels = textsOf(scene, 'label');
    for (const row of shown) expect(drawnAs(`${row.countryName} · ${row.publisher}`, labels), row.publisher).toBe(true);
    expect(textsOf(scene, 'value').slice(0, shown.length)).toEqual(shown.map((row) => formatShare(row)));
  });
});
