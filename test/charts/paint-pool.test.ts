import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { country } from '../../src/answer/country.ts';
import { marketShare } from '../../src/answer/market-share.ts';
import { restrictions } from '../../src/answer/restrictions.ts';
import type { ChartData } from '../../src/charts/chart-data.ts';
import { chartDataOf, paintChart } from '../../src/charts/charts.ts';
import { defaultPoolSize, PaintPool, PaintPoolError } from '../../src/charts/paint-pool.ts';
import { pngInfo } from '../../src/charts/png.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import { CHART_FIXTURE, NOW, snapshotOf } from './knowledge.ts';

/**
 * The worker pool that lays out and paints charts off the event loop. Each property is asserted on
 * what comes back (bytes, errors), never on how long anything took.
 */
let fixture: Snapshot;
let charts: ChartData[];
const pools: PaintPool[] = [];

beforeAll(async () => {
  fixture = await snapshotOf(CHART_FIXTURE);
  const context = { snapshot: fixture, now: NOW };
  charts = [marketShare(fixture, { stage: 'mining', asOfYear: 2026 }), country(fixture, 'US', NOW), restrictions(fixture, {}, NOW)].map((answer) => {
    const data = chartDataOf(answer, context);
    if (!data) throw new Error(`${answer.command}: no chart`);
    return data;
  });
});

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function poolOf(options: ConstructorParameters<typeof PaintPool>[0] = {}): PaintPool {
  const pool = new PaintPool(options);
  pools.push(pool);
  return pool;
}

const worker = (name: string) => new URL(`../support/workers/${name}.mjs`, import.meta.url);

describe('the chart painting pool', () => {
  it('paints in a worker the very bytes this thread paints: the chart font is registered in each worker', async () => {
    const pool = poolOf({ size: 2 });
    const [inWorkers, here] = await Promise.all([Promise.all(charts.map((data) => pool.paint(data))), Promise.all(charts.map((data) => paintChart(data)))]);
    inWorkers.forEach((png, i) => {
      expect(pngInfo(png), charts[i]?.kind).toBeDefined();
      expect(png.equals(here[i] as Buffer), `${charts[i]?.kind} chart painted in a worker`).toBe(true);
    });
  });

  it('answers every chart of a burst larger than the pool, each with its own picture', async () => {
    const pool = poolOf({ size: 2 });
    const burst = Array.from({ length: 12 }, (_, i) => charts[i % charts.length] as ChartData);
    const pngs = await Promise.all(burst.map((data) => pool.paint(data)));
    const expected = await Promise.all(charts.map((data) => paintChart(data)));
    pngs.forEach((png, i) => expect(png.equals(expected[i % charts.length] as Buffer)).toBe(true));
    expect(pool.workers).toBeLessThanOrEqual(2);
  });

  it('refuses at once, with a PaintPoolError, a chart that finds the queue full', async () => {
    const pool = poolOf({ size: 1, maxQueue: 1 });
    const running = pool.paint(charts[0] as ChartData);
    const queued = pool.paint(charts[1] as ChartData);
    await expect(pool.paint(charts[2] as ChartData)).rejects.toThrow(PaintPoolError);
    expect(pngInfo(await running)).toBeDefined();
    expect(pngInfo(await queued)).toBeDefined();
  });

  it('drops a waiting chart whose caller gave up, with the caller’s reason, and paints the rest', async () => {
    const pool = poolOf({ size: 1 });
    const controller = new AbortController();
    const first = pool.paint(charts[0] as ChartData);
    const abandoned = pool.paint(charts[1] as ChartData, controller.signal);
    const last = pool.paint(charts[2] as ChartData);
    controller.abort(new Error('the reply went out as text'));
    await expect(abandoned).rejects.toThrow('the reply went out as text');
    expect(pngInfo(await first)).toBeDefined();
    expect(pngInfo(await last)).toBeDefined();
    expect(pool.queued).toBe(0);
  });

  it('fails a stuck job after its time limit and replaces the worker', async () => {
    const pool = poolOf({ size: 1, jobTimeoutMs: 200, workerUrl: worker('silent-painter') });
    await expect(pool.paint(charts[0] as ChartData)).rejects.toThrow(/longer than 200 ms/);
    expect(pool.workers).toBe(0);
    await expect(pool.paint(charts[1] as ChartData)).rejects.toThrow(/longer than 200 ms/);
  });

  it('fails the job of a worker that dies, and the next job gets a new worker', async () => {
    const pool = poolOf({ size: 1, workerUrl: worker('crashing-painter') });
    await expect(pool.paint(charts[0] as ChartData)).rejects.toThrow(/exit code 3/);
    await expect(pool.paint(charts[1] as ChartData)).rejects.toThrow(/exit code 3/);
  });

  it('on close fails what is waiting, stops its workers and takes no more work', async () => {
    const pool = poolOf({ size: 1, workerUrl: worker('silent-painter') });
    const running = expect(pool.paint(charts[0] as ChartData)).rejects.toThrow(/shut down/);
    const waiting = expect(pool.paint(charts[1] as ChartData)).rejects.toThrow(/shut down/);
    await pool.close();
    await Promise.all([running, waiting]);
    await expect(pool.paint(charts[2] as ChartData)).rejects.toThrow(/shut down/);
    expect(pool.workers).toBe(0);
  });

  it('is sized from the cores, leaving one to the event loop: at least one worker, at most four', () => {
    expect([1, 2, 3, 8, 64].map((cores) => defaultPoolSize(cores))).toEqual([1, 1, 2, 4, 4]);
  });
});
