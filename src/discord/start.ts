import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import { COMMANDS } from '../../commands/index.ts';
import type { CommandModule } from '../../commands/types.ts';
import type { Config } from '../config.ts';
import { loadKnowledge } from '../knowledge/load.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { createLogger } from '../log.ts';
import { SearchIndex } from '../search/search-index.ts';
import { createDiscordClient } from './client.ts';
import { Cooldown } from './cooldown.ts';
import { createRouter, type Router } from './router.ts';

export interface RunningBot {
  readonly client: Client;
  readonly router: Router;
  /** Stop taking interactions, finish those in flight, close the client. */
  stop(): Promise<void>;
}

/** Starts the bot and resolves once it is connected; rejects with a clear, token-free message. */
export interface LaunchOptions {
  readonly log?: Logger;
  readonly waitGuildTimeout?: number;
  /** The commands to serve; the tests add one that fails on purpose. */
  readonly commands?: ReadonlyMap<string, CommandModule>;
}

export async function launchBot(config: Config, options: LaunchOptions = {}): Promise<RunningBot> {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const log = options.log ?? createLogger({ level: config.LOG_LEVEL, secrets: [token] });

  const loaded = await loadKnowledge(config.KNOWLEDGE_DIR);
  if (!loaded.ok) {
    for (const problem of loaded.errors) log.error(formatProblem(problem));
    throw new Error(`the knowledge in ${config.KNOWLEDGE_DIR} has ${loaded.errors.length} error(s); run npm run kb:check`);
  }
  const index = new SearchIndex(loaded.snapshot);
  log.info({ version: index.snapshot.version, facts: index.snapshot.facts.length }, 'knowledge loaded');

  const client = createDiscordClient({
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
    ...(options.waitGuildTimeout !== undefined ? { waitGuildTimeout: options.waitGuildTimeout } : {}),
  });
  const router = createRouter({
    commands: options.commands ?? COMMANDS,
    currentIndex: () => index,
    now: () => new Date(),
    cooldown: new Cooldown(config.COOLDOWN_SECONDS),
    log,
  });
  client.on('interactionCreate', (interaction) => {
    void router.handle(interaction);
  });
  client.on('error', (error) => log.error({ err: error }, 'discord client error'));
  client.on('shardResume', (shard) => log.info({ shard }, 'gateway session resumed'));

  try {
    await client.login(token);
  } catch (error) {
    await client.destroy();
    const reason = error instanceof Error && /TokenInvalid|invalid token/i.test(`${error.name} ${error.message}`)
      ? 'Discord rejected DISCORD_TOKEN: check the bot token in .env (Developer Portal → Bot → Reset Token)'
      : `could not connect to Discord: ${error instanceof Error ? error.message.replaceAll(token, '[redacted]') : 'unknown error'}`;
    throw new Error(reason);
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');

  return {
    client,
    router,
    async stop() {
      await router.drain();
      await client.destroy();
      log.info('disconnected');
    },
  };
}

/** `npm start` with a token: run until SIGINT or SIGTERM, then shut down gracefully. */
export async function startBot(config: Config): Promise<void> {
  const log = createLogger({ level: config.LOG_LEVEL, secrets: config.DISCORD_TOKEN ? [config.DISCORD_TOKEN] : [] });
  let bot: RunningBot;
  try {
    bot = await launchBot(config, { log });
  } catch (error) {
    process.stderr.write(`rare-earth-bot: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing interactions in flight');
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
