import { Writable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { marketShare } from '../../src/answer/market-share.ts';
import type { ChartRenderer, RenderedChart } from '../../src/charts/charts.ts';
import { CHART_TIMEOUT_MS, withChart } from '../../src/discord/chart.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import { createLogger } from '../../src/log.ts';
import { renderAnswer } from '../../src/render/discord/answer-message.ts';
import { withChartImage } from '../../src/render/discord/chart-image.ts';
import { LIMITS } from '../../src/render/discord/limits.ts';
import { CHART_FIXTURE, snapshotOf } from '../charts/knowledge.ts';

let snapshot: Snapshot;
let answer: Answer;
beforeAll(async () => {
  snapshot = await snapshotOf(CHART_FIXTURE);
  answer = marketShare(snapshot, { stage: 'mining', asOfYear: 2026 });
});
afterEach(() => {
  vi.useRealTimers();
});

const PNG = Buffer.from('\x89PNG pretend bytes', 'latin1');
const chart: RenderedChart = { kind: 'market-share', fileStem: 'market-share-mining-2024', png: PNG, width: 1000, height: 600 };

function logger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}

describe('withChartImage', () => {
  it("uploads the chart and shows it as the first embed's image, leaving the rest of the message as it was", () => {
    const payload = renderAnswer(answer);
    const withImage = withChartImage(payload, { name: 'market-share.png', png: PNG });
    expect(withImage.files).toEqual([{ attachment: PNG, name: 'market-share.png' }]);
    expect(withImage.embeds[0]).toEqual({ ...payload.embeds[0], image: { url: 'attachment://market-share.png' } });
    expect(withImage.components).toEqual(payload.components);
    expect(payload.files).toBeUndefined();
  });

  it('refuses a name Discord would rewrite (so the embed would lose it) and a file over the upload limit', () => {
    const payload = renderAnswer(answer);
    expect(() => withChartImage(payload, { name: 'market share.png', png: PNG })).toThrow(RangeError);
    expect(() => withChartImage(payload, { name: 'big.png', png: Buffer.alloc(LIMITS.attachmentBytes + 1) })).toThrow(/upload limit/);
  });
});

describe('withChart', () => {
  it("attaches what the renderer returns, named after the chart's kind", async () => {
    const { log } = logger();
    const render: ChartRenderer = async () => chart;
    const payload = await withChart(renderAnswer(answer), answer, snapshot, { charts: render, log, now: () => new Date() }, '1');
    expect(payload.files?.map((file) => file.name)).toEqual(['market-share.png']);
    expect(payload.embeds[0]?.image?.url).toBe('attachment://market-share.png');
  });

  it('sends the text alone and logs the error, with the interaction, when rendering throws', async () => {
    const { log, lines } = logger();
    const failing: ChartRenderer = async () => {
      throw new Error('canvas exploded');
    };
    const text = renderAnswer(answer);
    const payload = await withChart(text, answer, snapshot, { charts: failing, log, now: () => new Date() }, '42');
    expect(payload).toEqual(text);
    const entry = JSON.parse(lines.at(-1) ?? '{}') as { level: number; msg: string; interactionId: string; command: string; err: { message: string } };
    expect(entry).toMatchObject({ level: 50, msg: 'chart rendering failed; answering with text only', interactionId: '42', command: 'market-share' });
    expect(entry.err.message).toBe('canvas exploded');
  });

  it("gives up on a chart that would make the reply miss Discord's deadline", async () => {
    vi.useFakeTimers();
    const { log, lines } = logger();
    const stuck: ChartRenderer = () => new Promise(() => undefined);
    const text = renderAnswer(answer);
    const pending = withChart(text, answer, snapshot, { charts: stuck, log, now: () => new Date() }, '7');
    await vi.advanceTimersByTimeAsync(CHART_TIMEOUT_MS);
    expect(await pending).toEqual(text);
    expect(lines.at(-1)).toContain(`chart rendering took longer than ${CHART_TIMEOUT_MS} ms`);
  });

  it('leaves an answer without a chart untouched', async () => {
    const { log, lines } = logger();
    const text = renderAnswer(answer);
    expect(await withChart(text, answer, snapshot, { charts: async () => undefined, log, now: () => new Date() }, '8')).toEqual(text);
    expect(lines).toEqual([]);
  });
});
