import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import { COMMANDS } from '../../commands/index.ts';
import type { CommandModule } from '../../commands/types.ts';
import type { ChartRenderer } from '../charts/charts.ts';
import type { Config } from '../config.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { createLogger } from '../log.ts';
import { KnowledgeLoadError, LiveKnowledge } from '../reload/live-knowledge.ts';
import { nextTurn } from '../reload/served-index.ts';
import { lockDataDir } from '../store/data-lock.ts';
import { Store } from '../store/store.ts';
import { listenForStop } from '../stop-signals.ts';
import { createDiscordClient } from './client.ts';
import { Cooldown } from './cooldown.ts';
import { DigestRunner, type DigestRenderer } from '../digest/runner.ts';
import { DigestScheduler } from '../digest/scheduler.ts';
import { Digests } from '../digest/service.ts';
import { renderDigest } from '../render/discord/digest-messages.ts';
import { discordDigestPort } from './digest-port.ts';
import { postDigestFailure, postHeldReload, postReloadProblems } from './mod-log.ts';
import { createRouter, type Router } from './router.ts';

export interface RunningBot {
  readonly client: Client;
  readonly router: Router;
  readonly live: LiveKnowledge;
  readonly store: Store;
  readonly digests: {
    readonly runner: DigestRunner;
    readonly scheduler: DigestScheduler;
    readonly service: Digests;
    /** Settles once posts cut short by a restart are finished and missed slots are caught up. */
    readonly ready: Promise<void>;
  };
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
  /** Renders the charts of /market-share, /country and /restrictions; tests pass one that fails. */
  readonly charts?: ChartRenderer;
  /** Waits between retries of a digest post after a server error (tests pass a short one). */
  readonly digestRetryDelaysMs?: readonly number[];
  /** Aborting it during the start (a SIGTERM while logging in) undoes the start and rejects with StartAborted. */
  readonly abort?: AbortSignal;
}

/** The start was called off by a stop request before the bot was connected. */
export class StartAborted extends Error {
  constructor() {
    super('stopped before connecting to Discord');
    this.name = 'StartAborted';
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Starts the bot and resolves once it is connected; rejects with a clear, token-free message. */
export async function launchBot(config: Config, options: LaunchOptions = {}): Promise<RunningBot> {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const log = options.log ?? createLogger({ level: config.LOG_LEVEL, secrets: [token] });
  const now = options.now ?? (() => new Date());
  const aborted = () => options.abort?.aborted === true;

  // Before anything else: a second bot on the same folder must not load, connect or answer.
  const lock = lockDataDir(config.DATA_DIR);
  let live: LiveKnowledge;
  try {
    live = await LiveKnowledge.load(config.KNOWLEDGE_DIR, { now, maxRemovals: config.RELOAD_MAX_REMOVALS });
  } catch (error) {
    lock.release();
    if (error instanceof KnowledgeLoadError) for (const problem of error.problems) log.error(formatProblem(problem));
    throw error;
  }
  if (aborted()) {
    lock.release();
    throw new StartAborted();
  }
  log.info({ version: live.index.snapshot.version, facts: live.index.snapshot.facts.length }, 'knowledge loaded');
  // A corrupt or unwritable store stops the start here, with the StoreError's own explanation.
  let store: Store;
  try {
    store = Store.open(config.DATA_DIR, now);
  } catch (error) {
    lock.release();
    throw error;
  }
  const pruned = store.prune(config.RETENTION_DAYS);
  log.info({ dataDir: config.DATA_DIR, pruned }, 'store opened');
  recordChanges(store, live, now, log);
  live.beforeServing((snapshot) => store.changes.prepare(snapshot, nextTurn));

  const client = createDiscordClient({
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
    ...(options.waitGuildTimeout !== undefined ? { waitGuildTimeout: options.waitGuildTimeout } : {}),
  });
  const renderForDelivery: DigestRenderer = (digest, mark) => renderDigest(digest, { mark });
  const runner = new DigestRunner({
    subscriptions: store.subscriptions,
    changes: store.changes,
    snapshot: () => live.index.snapshot,
    port: discordDigestPort(client),
    render: renderForDelivery,
    now,
    log,
    ...(options.digestRetryDelaysMs ? { retryDelaysMs: options.digestRetryDelaysMs } : {}),
    onFailure: (subscription, reason) => void postDigestFailure(client, config.MOD_LOG_CHANNEL_ID, subscription, reason, log),
  });
  const scheduler = new DigestScheduler(runner, store.subscriptions, log);
  const digests = new Digests(store.subscriptions, runner, () => scheduler.rebuild());
  const router = createRouter({
    commands: options.commands ?? COMMANDS,
    live,
    store,
    modRoleIds: config.MOD_ROLE_IDS,
    staleAfterDays: config.STALE_AFTER_DAYS,
    now,
    cooldown: new Cooldown(config.COOLDOWN_SECONDS),
    log,
    digests,
    ...(options.charts ? { charts: options.charts } : {}),
  });
  client.on('interactionCreate', (interaction) => {
    log.debug({ interactionId: interaction.id, type: interaction.type }, 'interaction received');
    void router.handle(interaction);
  });
  client.on('error', (error) => log.error({ err: error }, 'discord client error'));
  client.on('shardResume', (shard) => log.info({ shard }, 'gateway session resumed'));

  live.onReload((result) => {
    if (result.ok) {
      if (result.changed) {
        log.info({ version: result.version, trigger: result.trigger }, 'knowledge reloaded');
        recordChanges(store, live, now, log);
      }
      return;
    }
    if (result.held) {
      log.warn(
        { trigger: result.trigger, removed: result.held.removals.factIds.length, held: result.held.version },
        'knowledge reload held: it would remove facts; still serving the last good knowledge',
      );
      void postHeldReload(client, config.MOD_LOG_CHANNEL_ID, result.held, result, log);
      return;
    }
    log.error({ trigger: result.trigger, errors: result.errors.length }, 'knowledge reload failed; still serving the last good knowledge');
    for (const problem of result.errors) log.error(formatProblem(problem));
    void postReloadProblems(client, config.MOD_LOG_CHANNEL_ID, result, log);
  });
  const stopWatching =
    options.watch === false ? () => undefined : live.watch({ debounceMs: options.watchDebounceMs ?? 300, onError: (error) => log.warn({ err: error }, 'knowledge watcher error') });
  const pruning = setInterval(() => store.prune(config.RETENTION_DAYS), DAY_MS);
  pruning.unref();

  const undoStart = async () => {
    stopWatching();
    clearInterval(pruning);
    await client.destroy();
    store.close();
    lock.release();
  };
  try {
    await untilAborted(client.login(token), options.abort);
  } catch (error) {
    await undoStart();
    if (error instanceof StartAborted) throw error;
    const reason =
      error instanceof Error && /TokenInvalid|invalid token/i.test(`${error.name} ${error.message}`)
        ? 'Discord rejected DISCORD_TOKEN: check the bot token in .env (Developer Portal → Bot → Reset Token)'
        : `could not connect to Discord: ${error instanceof Error ? error.message.replaceAll(token, '[redacted]') : 'unknown error'}`;
    throw new Error(reason);
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  const ready = scheduler.start().catch((error: unknown) => log.error({ err: error }, 'digest catch-up failed'));

  return {
    client,
    router,
    live,
    store,
    digests: { runner, scheduler, service: digests, ready },
    async stop() {
      stopWatching();
      clearInterval(pruning);
      scheduler.stop();
      await router.drain();
      await runner.idle();
      await client.destroy();
      await live.close();
      store.close();
      lock.release();
      log.info('disconnected');
    },
  };
}

/** Notes which facts are new, changed or gone since the last load, for digests; never stops the bot. */
function recordChanges(store: Store, live: LiveKnowledge, now: () => Date, log: Logger): void {
  try {
    const result = store.changes.record(live.index.snapshot, now());
    if (result.added + result.updated + result.removed > 0 || result.baseline) log.info(result, 'knowledge changes recorded for digests');
  } catch (error) {
    log.error({ err: error }, 'could not record knowledge changes for digests');
  }
}

/** Settles as `work` does, or rejects with StartAborted as soon as `abort` fires (login can take long). */
function untilAborted<T>(work: Promise<T>, abort: AbortSignal | undefined): Promise<T> {
  if (!abort) return work;
  if (abort.aborted) return Promise.reject(new StartAborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new StartAborted());
    abort.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => abort.removeEventListener('abort', onAbort));
  });
}

/**
 * `npm start` with a token: run until SIGINT or SIGTERM, then shut down gracefully. The signal
 * handlers are installed before anything else, so a stop during start-up undoes the start cleanly.
 */
export async function startBot(config: Config): Promise<void> {
  const log = createLogger({ level: config.LOG_LEVEL, secrets: config.DISCORD_TOKEN ? [config.DISCORD_TOKEN] : [] });
  const stop = listenForStop((signal, first) => (first ? log.info({ signal }, 'shutting down: finishing interactions in flight') : log.info({ signal }, 'already shutting down')));
  let bot: RunningBot;
  try {
    bot = await launchBot(config, { log, abort: stop.signal });
  } catch (error) {
    if (error instanceof StartAborted) {
      log.info('stopped before connecting to Discord');
      process.exit(0);
    }
    stop.dispose();
    process.stderr.write(`rare-earth-bot: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  await stop.requested;
  try {
    await bot.stop();
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
