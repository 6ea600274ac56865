import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { deployCommands } from '../../src/discord/deploy-commands.ts';
import { FakeDiscord } from '../support/fake-discord.ts';
import { isAlive, killAll, spawnBot, type BotProcess } from './bot-process.ts';

/**
 * `npm start`, exactly as the README says to run it, against the loopback Discord server: answers
 * under way when a supervisor (SIGTERM to npm), `docker stop`/systemd (SIGTERM to the process
 * group) or a terminal's Ctrl+C (SIGINT to the group) stops it are all delivered, and nothing of
 * the process tree is left running on the gateway.
 */
const INTERACTIONS = 20;
const COMMANDS = [
  { name: 'market-share', options: { stage: 'mining' } },
  { name: 'country', options: { name: 'China' } },
  { name: 'restrictions', options: { country: 'China' } },
] as const;

let fake: FakeDiscord | undefined;
let bot: BotProcess | undefined;
let dataDir = '';
let started: number[] = [];
let groups: number[] = [];
let silentServer: Server | undefined;

afterEach(async () => {
  killAll(started, groups);
  started = [];
  groups = [];
  silentServer?.closeAllConnections();
  await new Promise((resolve) => (silentServer ? silentServer.close(resolve) : resolve(undefined)));
  silentServer = undefined;
  await fake?.close();
  fake = undefined;
  bot = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The answer the bot sent for an interaction (its embed, footed with the knowledge version), if any. */
function delivered(interactionId: string): boolean {
  const original = fake?.interaction(interactionId)?.original;
  return (original?.embeds ?? []).some((embed) => /^knowledge [0-9a-f]{12}/.test(embed.footer?.text ?? ''));
}

function botEnv(apiUrl: string, token: string, applicationId: string): Record<string, string> {
  dataDir = mkdtempSync(path.join(tmpdir(), 'shutdown-'));
  return {
    DISCORD_TOKEN: token,
    DISCORD_APPLICATION_ID: applicationId,
    DISCORD_API_URL: apiUrl,
    GUILD_ID: '',
    KNOWLEDGE_DIR: 'knowledge',
    DATA_DIR: dataDir,
    COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'info',
    MOD_LOG_CHANNEL_ID: '',
  };
}

async function startBot(): Promise<{ fake: FakeDiscord; bot: BotProcess }> {
  // The deadline is not what this test is about: a slow machine must not turn an answer into a 404.
  fake = await FakeDiscord.start({ interactionDeadlineMs: 120_000 });
  const env = botEnv(fake.apiUrl, fake.token, fake.applicationId);
  await deployCommands(parseConfig(env));
  bot = spawnBot(['npm', 'start'], env);
  started.push(bot.pid);
  groups.push(bot.pid);
  await bot.waitForLog((line) => line.msg === 'connected to Discord', '"connected to Discord"', 60_000);
  return { fake, bot };
}

const SIGNAL_PATHS: ReadonlyArray<{ name: string; signal: NodeJS.Signals; group: boolean }> = [
  { name: 'SIGTERM to npm (a supervisor)', signal: 'SIGTERM', group: false },
  { name: 'SIGTERM to the process group (docker stop, systemd)', signal: 'SIGTERM', group: true },
  { name: 'SIGINT to the process group (Ctrl+C in a terminal)', signal: 'SIGINT', group: true },
];

describe('npm start shuts down gracefully however it is signalled', () => {
  for (const route of SIGNAL_PATHS) {
    it(`${route.name}: every answer under way is delivered, then the whole tree exits`, { timeout: 120_000 }, async () => {
      const { fake, bot } = await startBot();
      const ids = Array.from({ length: INTERACTIONS }, (_, i) => {
        const command = COMMANDS[i % COMMANDS.length] as (typeof COMMANDS)[number];
        return fake.sendInteraction({ ...command, options: { ...command.options }, user: { id: String(200000000000000000n + BigInt(i)), username: `u${i}` } }).id;
      });
      // Once one answer is out, the bot has all of them in hand and is busy with the rest.
      await fake.waitForRequest((request) => ids.some((id) => delivered(id)) && request.method !== 'GET', 60_000);
      const tree = bot.tree();
      started.push(...tree);
      const deliveredBeforeSignal = ids.filter(delivered).length;
      process.kill(route.group ? -bot.pid : bot.pid, route.signal);

      const exit = await bot.exited;
      const deliveredAfterExit = ids.filter(delivered).length;
      const stillRunning = tree.filter(isAlive);
      expect({ deliveredBeforeSignal: deliveredBeforeSignal < INTERACTIONS, deliveredAfterExit, stillRunning }).toEqual({
        deliveredBeforeSignal: true,
        deliveredAfterExit: INTERACTIONS,
        stillRunning: [],
      });
      expect(exit.code).toBe(0);
      expect(bot.logs.some((line) => line.msg === 'disconnected')).toBe(true);
    });
  }
});

describe('a stop while the bot is still logging in', () => {
  it('SIGTERM during login (Discord not answering) undoes the start and exits 0, leaving nothing running', { timeout: 60_000 }, async () => {
    // An API that takes every request and never answers: login hangs, as with a network down at boot.
    const requests: IncomingMessage[] = [];
    let sawRequest: () => void = () => undefined;
    const firstRequest = new Promise<void>((resolve) => (sawRequest = resolve));
    silentServer = createServer((request) => {
      requests.push(request);
      sawRequest();
    });
    await new Promise<void>((resolve) => silentServer?.listen(0, '127.0.0.1', resolve));
    const port = (silentServer.address() as AddressInfo).port;
    const env = botEnv(`http://127.0.0.1:${port}/api`, `FAKE_DISCORD_TOKEN.${'x'.repeat(24)}`, '100000000000000001');
    const bot = spawnBot(['npm', 'start'], env);
    started.push(bot.pid);
    groups.push(bot.pid);
    await firstRequest;
    const tree = bot.tree();
    started.push(...tree);
    process.kill(bot.pid, 'SIGTERM');

    const exit = await bot.exited;
    expect({ exit, stillRunning: tree.filter(isAlive) }).toEqual({ exit: { code: 0, signal: null }, stillRunning: [] });
    expect(bot.logs.map((line) => line.msg)).toContain('stopped before connecting to Discord');
    expect(requests[0]?.url).toMatch(/^\/api\/v10\/gateway\/bot/);
  });
});
