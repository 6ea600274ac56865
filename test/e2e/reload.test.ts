import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { launchBot, type RunningBot } from '../../src/discord/start.ts';
import { createLogger } from '../../src/log.ts';
import { FakeDiscord, jsonPayload } from '../support/fake-discord.ts';

/** Hot reload seen from Discord: a broken edit is reported to the moderators' channel, answers go on. */
const BASE = path.resolve(import.meta.dirname, '../fixtures/knowledge/base');
let fake: FakeDiscord;
let bot: RunningBot;
let dir: string;
let modChannel: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'e2e-kb-'));
  cpSync(BASE, dir, { recursive: true });
  fake = await FakeDiscord.start();
  modChannel = fake.addChannel('mod-log');
  const config = parseConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    KNOWLEDGE_DIR: dir,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'e2e-data-')),
    MOD_LOG_CHANNEL_ID: modChannel,
    COOLDOWN_SECONDS: '0',
  });
  bot = await launchBot(config, { log: createLogger({ level: 'silent' }), waitGuildTimeout: 1000, watchDebounceMs: 100 });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hot reload in the running bot', () => {
  it('posts the problems of a broken edit to the moderators\' log channel and keeps answering from the last good knowledge', async () => {
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
});
