import { Writable } from 'node:stream';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { renderChart, type ChartRenderer } from '../../src/charts/charts.ts';
import { createDiscordClient } from '../../src/discord/client.ts';
import { Cooldown } from '../../src/discord/cooldown.ts';
import { createRouter, type Router } from '../../src/discord/router.ts';
import { createLogger } from '../../src/log.ts';
import { LiveKnowledge } from '../../src/reload/live-knowledge.ts';
import { FakeDiscord, filesOf, jsonPayload } from '../support/fake-discord.ts';

/**
 * A chart that fails to render must not cost the user the answer. The real discord.js client and
 * router, wired as the launcher wires them, but with a renderer the test controls: failing, or the
 * real one, switched between interactions.
 */
let fake: FakeDiscord;
let router: Router;
let client: ReturnType<typeof createDiscordClient>;
let renderer: ChartRenderer = renderChart;
const logLines: string[] = [];

beforeAll(async () => {
  fake = await FakeDiscord.start();
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level: 'info', destination, secrets: [fake.token] });
  const live = await LiveKnowledge.load('knowledge');
  router = createRouter({
    commands: COMMANDS,
    live,
    modRoleIds: [],
    now: () => new Date(),
    cooldown: new Cooldown(0),
    log,
    charts: (answer, context) => renderer(answer, context),
  });
  client = createDiscordClient({ apiUrl: fake.apiUrl, waitGuildTimeout: 1000 });
  client.on('interactionCreate', (interaction) => {
    void router.handle(interaction);
  });
  await client.login(fake.token);
});

afterAll(async () => {
  await router?.drain();
  await client?.destroy();
  await fake?.close();
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
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'chart rendering failed; answering with text only', interactionId: sent.id, err: expect.objectContaining({ message: 'the canvas is on fire' }) }));
  });

  it('does not stop the next chart', async () => {
    renderer = renderChart;
    const sent = fake.sendInteraction({ name: 'market-share', options: { stage: 'mining' } });
    const request = await fake.waitForCallback(sent.id);
    expect(filesOf(request.body).map((upload) => upload.filename)).toEqual(['market-share.png']);
    expect((jsonPayload(request.body) as Body).data?.embeds?.[0]?.image?.url).toBe('attachment://market-share.png');
  });
});
