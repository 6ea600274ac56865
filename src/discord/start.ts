import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import { COMMANDS } from '../../commands/index.ts';
import type { CommandModule } from '../../commands/types.ts';
import type { Config } from '../config.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { createLogger } from '../log.ts';
import { KnowledgeLoadError, LiveKnowledge } from '../reload/live-knowledge.ts';
import { Store } from '../store/store.ts';
import { createDiscordClient } from './client.ts';
import { Cooldown } from './cooldown.ts';
import { postReloadProblems } from './mod-log.ts';
import { createRouter, type Router } from './router.ts';

export interface RunningBot {
  readonly client: Client;
  readonly router: Router;
  readonly live: LiveKnowledge;
  readonly store: Store;
  /** Stop taking interactions, finish those in flight, close the client and the store. */
  stop(): Promise<void>;
}

export interface LaunchOptions {
  readonly log?: Logger;
  readonly waitGuildTimeout?: number;
  /** The commands to serve; the tests add one that fails on purpose. */
  readonly commands?: ReadonlyMap<string, CommandModule>;
  /** Watch the knowledge folder and reload on change (default true). */
  readonly watch?: boolean;
  readonly watchDebounceMs?: number;
  readonly now?: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Starts the bot and resolves once it is connected; rejects with a clear, token-free message. */
export async function launchBot(config: Config, options: LaunchOptions = {}): Promise<RunningBot> {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const log = options.log ?? createLogger({ level: config.LOG_LEVEL, secrets: [token] });
  const now = options.now ?? (() => new Date());

  let live: LiveKnowledge;
  try {
    live = await LiveKnowledge.load(config.KNOWLEDGE_DIR, now);
  } catch (error) {
    if (error instanceof KnowledgeLoadError) for (const problem of error.problems) log.error(formatProblem(problem));
    throw error;
  }
  log.info({ version: live.index.snapshot.version, facts: live.index.snapshot.facts.length }, 'knowledge loaded');
  // A corrupt or unwritable store stops the start here, with the StoreError's own explanation.
  const store = Store.open(config.DATA_DIR, now);
  const pruned = store.prune(config.RETENTION_DAYS);
  log.info({ dataDir: config.DATA_DIR, pruned }, 'store opened');

  const client = createDiscordClient({
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
    ...(options.waitGuildTimeout !== undefined ? { waitGuildTimeout: options.waitGuildTimeout } : {}),
  });
  const router = createRouter({
    commands: options.commands ?? COMMANDS,
    live,
    store,
    modRoleIds: config.MOD_ROLE_IDS,
    now,
    cooldown: new Cooldown(config.COOLDOWN_SECONDS),
    log,
  });
  client.on('interactionCreate', (interaction) => {
    void router.handle(interaction);
  });
  client.on('error', (error) => log.error({ err: error }, 'discord client error'));
  client.on('shardResume', (shard) => log.info({ shard }, 'gateway session resumed'));

  live.onReload((result) => {
    if (result.ok) {
      if (result.changed) log.info({ version: result.version, trigger: result.trigger }, 'knowledge reloaded');
      return;
    }
    log.error({ trigger: result.trigger, errors: result.errors.length }, 'knowledge reload failed; still serving the last good knowledge');
    for (const problem of result.errors) log.error(formatProblem(problem));
    void postReloadProblems(client, config.MOD_LOG_CHANNEL_ID, result, log);
  });
  const stopWatching =
    options.watch === false
      ? () => undefined
      : live.watch({ debounceMs: options.watchDebounceMs ?? 300, onError: (error) => log.warn({ err: error }, 'knowledge watcher error') });
  const pruning = setInterval(() => store.prune(config.RETENTION_DAYS), DAY_MS);
  pruning.unref();

  try {
    await client.login(token);
  } catch (error) {
    stopWatching();
    clearInterval(pruning);
    store.close();
    await client.destroy();
    const reason =
      error instanceof Error && /TokenInvalid|invalid token/i.test(`${error.name} ${error.message}`)
        ? 'Discord rejected DISCORD_TOKEN: check the bot token in .env (Developer Portal → Bot → Reset Token)'
        : `could not connect to Discord: ${error instanceof Error ? error.message.replaceAll(token, '[redacted]') : 'unknown error'}`;
    throw new Error(reason);
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');

  return {
    client,
    router,
    live,
    store,
    async stop() {
      stopWatching();
      clearInterval(pruning);
      await router.drain();
      await client.destroy();
      store.close();
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
