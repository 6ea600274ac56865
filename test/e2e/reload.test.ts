import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/discord/start.ts';
import { E2eBot } from '../support/e2e-bot.ts';
import { FakeDiscord, jsonPayload } from '../support/fake-discord.ts';

/** Hot reload seen from Discord: a broken edit is reported to the moderators' channel, answers go on. */
const BASE = path.resolve(import.meta.dirname, '../fixtures/knowledge/base');
let e2e: E2eBot;
let fake: FakeDiscord;
let bot: RunningBot;
let dir: string;
let modChannel: string;

beforeAll(async () => {
  e2e = await E2eBot.start({
    knowledgeCopyOf: BASE,
    settings: (server) => ({ MOD_LOG_CHANNEL_ID: (modChannel = server.addChannel('mod-log')) }),
    launch: { watchDebounceMs: 100 },
  });
  ({ fake, bot, knowledgeDir: dir } = e2e);
});

afterAll(async () => {
  await e2e?.close();
});

describe('hot reload in the running bot', () => {
  it("posts the problems of a broken edit to the moderators' log channel and keeps answering from the last good knowledge", async () => {
    const version = bot.live.index.snapshot.version;
    writeFileSync(path.join(dir, 'facts.yaml'), 'facts:\n  - id: half-saved\n    kind: pol');
    const post = await fake.waitForRequest((request) => request.method === 'POST' && request.path === `/api/v10/channels/${modChannel}/messages`, 5000);
    const body = jsonPayload(post.body) as { content: string; allowed_mentions?: { parse?: string[] } };
    expect(body.content).toMatch(/Knowledge reload failed \(watch, .*\); still serving version [0-9a-f]{12}/);
    expect(body.content).toContain(`${path.join(dir, 'facts.yaml')}:3:11 fact 'half-saved': kind must be one of`);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(bot.live.index.snapshot.version).toBe(version);

    const sent = fake.sendInteraction({ name: 'ask', options: { question: 'Fourth India-Central Asia Dialogue' } });
    const answer = jsonPayload((await fake.waitForCallback(sent.id)).body) as { data?: { embeds?: Array<{ fields?: Array<{ name: string }> }> } };
    expect(answer.data?.embeds?.[0]?.fields?.[0]?.name).toMatch(/Fourth India-Central Asia Dialogue/);
  });

  it('holds a reload that deletes a file of facts, tells the moderators, keeps answering, and applies it on /kb reload confirm:true', async () => {
    writeFileSync(path.join(dir, 'facts.yaml'), readFileSync(path.join(BASE, 'facts.yaml')));
    const topic = (n: number) =>
      `  - id: kalgoorlie-topic-${n}\n    kind: background\n    title: Kalgoorlie cracking plant fact ${n}\n    summary: One of a topic file's facts.\n    date: 2024\n    countries: [AU]\n    citations:\n      - source: usgs-mcs-2025\n`;
    writeFileSync(path.join(dir, 'kalgoorlie.yaml'), `facts:\n${[1, 2, 3, 4, 5].map(topic).join('\n')}`);
    await bot.live.reload('command');
    expect(bot.live.index.snapshot.factById.has('kalgoorlie-topic-5')).toBe(true);
    const served = bot.live.index.snapshot.version;

    const posted = fake.requests.length;
    unlinkSync(path.join(dir, 'kalgoorlie.yaml'));
    const post = await fake.waitForRequest(
      (request) => fake.requests.indexOf(request) >= posted && request.method === 'POST' && request.path === `/api/v10/channels/${modChannel}/messages`,
      5000,
    );
    const body = jsonPayload(post.body) as { content: string; allowed_mentions?: { parse?: string[] } };
    expect(body.content).toMatch(/Knowledge reload held \(watch, .*\)\. It would remove 5 fact\(s\), more than the 3 allowed/);
    expect(body.content).toContain(`${path.join(dir, 'kalgoorlie.yaml')} (deleted, renamed or emptied): 5 fact(s) (kalgoorlie-topic-1,`);
    expect(body.content).toContain('/kb reload confirm:true');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(bot.live.index.snapshot.version).toBe(served);

    const asked = fake.sendInteraction({ name: 'ask', options: { question: 'Kalgoorlie cracking plant fact 4' } });
    const answer = jsonPayload((await fake.waitForCallback(asked.id)).body) as { data?: { embeds?: Array<{ fields?: Array<{ name: string }> }> } };
    expect(answer.data?.embeds?.[0]?.fields?.map((field) => field.name).join('\n')).toMatch(/Kalgoorlie cracking plant fact 4/);

    const confirm = fake.sendInteraction({ name: 'kb', subcommand: 'reload', options: { confirm: true }, permissions: FakeDiscord.MODERATOR_PERMISSIONS });
    expect((await fake.waitForCallback(confirm.id)).body).toBeDefined();
    const edit = await fake.waitForRequest((request) => request.method === 'PATCH' && request.path.includes(`/messages/@original`) && request.path.includes(confirm.token));
    expect((jsonPayload(edit.body) as { embeds?: Array<{ description?: string }> }).embeds?.[0]?.description).toMatch(/loaded a new version; removed 5 fact\(s\)/);
    expect(bot.live.index.snapshot.factById.has('kalgoorlie-topic-1')).toBe(false);
  });
});
