import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayOpcodes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../src/store/data-lock.ts';
import { FakeDiscord } from '../support/fake-discord.ts';
import { killAll, spawnBot, type BotProcess, type LogLine } from './bot-process.ts';

/**
 * One bot per data folder, with real processes started the README's way: a second `npm start` on
 * the folder of a running bot refuses before it connects, naming the folder and the other pid; a
 * bot that was killed (SIGKILL, no clean-up at all) does not block its own restart.
 */
let fake: FakeDiscord | undefined;
let dataDir = '';
let started: number[] = [];
let groups: number[] = [];

afterEach(async () => {
  killAll(started, groups);
  started = [];
  groups = [];
  await fake?.close();
  fake = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function start(discord: FakeDiscord): BotProcess {
  const bot = spawnBot(['npm', 'start'], {
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    GUILD_ID: '',
    KNOWLEDGE_DIR: 'knowledge',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    MOD_LOG_CHANNEL_ID: '',
  });
  started.push(bot.pid);
  groups.push(bot.pid);
  return bot;
}

const isConnected = (line: LogLine) => line.msg === 'connected to Discord';
const identifies = (discord: FakeDiscord) => discord.gatewayFrames.filter((frame) => frame.op === GatewayOpcodes.Identify).length;

describe('a data folder serves one bot at a time', () => {
  it('refuses a second bot on the same DATA_DIR, naming the folder and the running pid; a killed bot does not block a restart', { timeout: 120_000 }, async () => {
    fake = await FakeDiscord.start();
    dataDir = mkdtempSync(path.join(tmpdir(), 'lock-'));
    const first = start(fake);
    await first.waitForLog(isConnected, '"connected to Discord"', 60_000);
    const firstTree = first.tree();
    started.push(...firstTree);

    const second = start(fake);
    const outcome = await Promise.race([
      second.exited,
      second.waitForLog(isConnected, '"connected to Discord"', 60_000).then(
        () => 'connected',
        () => second.exited,
      ),
    ]);
    const message = second.stderrText();
    const namedPid = Number(/process (\d+)/.exec(message)?.[1]);
    expect(outcome).toEqual({ code: 1, signal: null });
    expect(message).toContain(`The data folder ${dataDir} is in use by another copy of the bot`);
    expect(firstTree).toContain(namedPid);
    expect(second.logs.map((line) => line.msg)).not.toContain('knowledge loaded');
    expect(identifies(fake)).toBe(1);

    // Killed outright: no handler runs, the lock file stays behind.
    process.kill(-first.pid, 'SIGKILL');
    await first.exited;
    expect(existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);

    const restarted = start(fake);
    await restarted.waitForLog(isConnected, '"connected to Discord" after the restart', 60_000);
    started.push(...restarted.tree());
    expect(identifies(fake)).toBe(2);
    process.kill(restarted.pid, 'SIGTERM');
    expect(await restarted.exited).toEqual({ code: 0, signal: null });
  });
});
