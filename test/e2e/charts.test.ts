import { MessageFlags, type APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChart, type ChartRenderer } from '../../src/charts/charts.ts';
import { DEFER_AFTER_MS } from '../../src/discord/deadline.ts';
import { E2eBot } from '../support/e2e-bot.ts';
import { filesOf, jsonPayload, type FakeDiscord } from '../support/fake-discord.ts';

/**
 * A chart that fails to render must not cost the user the answer. The bot as the launcher starts
 * it, with a renderer the test controls: failing, or the real one, switched between interactions.
 */
let e2e: E2eBot;
let fake: FakeDiscord;
let logLines: string[];
let renderer: ChartRenderer = renderChart;

beforeAll(async () => {
  e2e = await E2eBot.start({ logLevel: 'info', launch: { watch: false, charts: (answer, context) => renderer(answer, context) } });
  ({ fake, logLines } = e2e);
});

afterAll(async () => {
  await e2e?.close();
});

interface Body {
  type: number;
  data?: { embeds?: APIEmbed[]; flags?: number };
}

describe('a chart that fails to render', () => {
  it('still sends the answer as text, without an upload, and logs the failure with its error', async () => {
    renderer = async () => {
      throw new Error('the canvas is on fire');
    };
    const sent = fake.sendInteraction({ name: 'market-share', options: { stage: 'mining' } });
    const request = await fake.waitForCallback(sent.id);
    const body = jsonPayload(request.body) as Body;
    expect(body.type).toBe(4);
    expect((body.data?.flags ?? 0) & 64).toBe(0);
    expect(body.data?.embeds?.[0]?.title).toBe('/market-share — mining shares');
    expect(body.data?.embeds?.[0]?.description).toMatch(/China/);
    expect(body.data?.embeds?.[0]?.image).toBeUndefined();
    expect(filesOf(request.body)).toEqual([]);
    const logged = logLines.map((line) => JSON.parse(line) as { msg: string; interactionId?: string; err?: { message: string } });
    expect(logged).toContainEqual(
      expect.objectContaining({
        msg: 'chart rendering failed; answering with text only',
        interactionId: sent.id,
        err: expect.objectContaining({ message: 'the canvas is on fire' }),
      }),
    );
  });

  it('does not stop the next chart', async () => {
    renderer = renderChart;
    const sent = fake.sendInteraction({ name: 'market-share', options: { stage: 'mining' } });
    const request = await fake.waitForCallback(sent.id);
    expect(filesOf(request.body).map((upload) => upload.filename)).toEqual(['market-share.png']);
    expect((jsonPayload(request.body) as Body).data?.embeds?.[0]?.image?.url).toBe('attachment://market-share.png');
  });
});

describe('a chart that is slow to paint', () => {
  it('has the reply deferred before the deadline, then the answer arrives in place with its chart', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    renderer = async (answer, context) => {
      await released;
      return await renderChart(answer, context);
    };
    const sent = fake.sendInteraction({ name: 'market-share', options: { stage: 'mining' } });
    // The chart is held back for as long as the test likes: the router must not wait for it.
    const acknowledgement = await fake.waitForCallback(sent.id, DEFER_AFTER_MS + 5000);
    expect((jsonPayload(acknowledgement.body) as Body).type).toBe(5);
    expect(fake.callbacksFor(sent.id).map((callback) => callback.status)).toEqual([204]);
    release();
    const edit = await fake.waitForRequest((request) => request.method === 'PATCH' && request.route.endsWith(`/${fake.interaction(sent.id)?.token}/messages/@original`));
    expect(filesOf(edit.body).map((upload) => upload.filename)).toEqual(['market-share.png']);
    const message = fake.interaction(sent.id)?.original;
    expect((message?.flags ?? 0) & MessageFlags.Loading).toBe(0);
    expect(message?.embeds[0]?.title).toBe('/market-share — mining shares');
    expect(message?.embeds[0]?.image?.url).toBe(message?.attachments[0]?.url);
    renderer = renderChart;
  });
});
